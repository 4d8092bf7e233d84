import { describe, expect, it } from 'vitest';
import { selectorMatches } from '../../engine';
import type { Diagnostic, Endpoint, Namespace } from '../../model';
import {
  diagnosticsAt,
  labelCatalogue,
  namedPorts,
  pathText,
  peerFromProposal,
  policyTypesNote,
  portValue,
  selectedEndpoints,
  undoStepOf,
  selectorOfForm,
} from './form-model';

const d = (path: string): Diagnostic => ({ code: 'X', severity: 'error', message: path, path });
const ep = (id: string, labels: Record<string, string>, ports: Endpoint['ports'] = []): Endpoint => {
  const [namespace = '', name = ''] = id.split('/');
  return { id, kind: 'Pod', namespace, name, labels, ports, ips: [], hostNetwork: false };
};
const ns = (name: string, labels: Record<string, string> = {}): Namespace => ({
  name,
  labels: { 'kubernetes.io/metadata.name': name, ...labels },
  declared: true,
});

describe('pathText', () => {
  it('prints paths as the importer does', () => {
    expect(pathText(['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'cidr'])).toBe(
      'spec.ingress[0].from[1].ipBlock.cidr',
    );
  });
});

describe('diagnosticsAt', () => {
  const all = [d('spec.ingress[0]'), d('spec.ingress[0].ports[1].port'), d('spec.ingress[10]'), d('spec')];
  it('finds the diagnostics of exactly one field', () => {
    expect(diagnosticsAt(all, ['spec', 'ingress', 0]).map((x) => x.path)).toEqual(['spec.ingress[0]']);
  });
  it('with within, also those of the fields under it, not of siblings with a longer index', () => {
    expect(diagnosticsAt(all, ['spec', 'ingress', 0], true).map((x) => x.path)).toEqual([
      'spec.ingress[0]',
      'spec.ingress[0].ports[1].port',
    ]);
  });
});

describe('selectorOfForm', () => {
  it('reads matchLabels and expressions', () => {
    expect(
      selectorOfForm({
        present: true,
        matchLabels: [['app', 'web']],
        matchExpressions: [{ index: 0, key: 'tier', operator: 'In', values: ['a'] }],
      }),
    ).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }],
    });
  });
  it('is null when a part is not of its type or the operator is unknown', () => {
    const base = { present: true, matchLabels: [] };
    expect(
      selectorOfForm({
        ...base,
        matchExpressions: [{ index: 0, key: { raw: '1' }, operator: 'In', values: [] }],
      }),
    ).toBeNull();
    expect(
      selectorOfForm({ ...base, matchExpressions: [{ index: 0, key: 'a', operator: 'Is', values: [] }] }),
    ).toBeNull();
    expect(selectorOfForm({ ...base, matchExpressions: [], raw: '[]' })).toBeNull();
  });
});

describe('suggestions', () => {
  it('collects label keys with their values, sorted', () => {
    const cat = labelCatalogue([{ app: 'web', tier: 'b' }, { app: 'db' }]);
    expect([...cat.entries()]).toEqual([
      ['app', ['db', 'web']],
      ['tier', ['b']],
    ]);
  });
  it('collects named container ports once each, with their numbers', () => {
    const ports = namedPorts([
      ep('a/x', {}, [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { containerPort: 9, protocol: 'TCP' },
      ]),
      ep('a/y', {}, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]),
    ]);
    expect(ports).toEqual([{ name: 'http', hint: 'TCP 80, TCP 8080' }]);
  });
});

describe('portValue', () => {
  it('reads digits as a number, anything else as a name, empty as absent', () => {
    expect(portValue('8080')).toBe(8080);
    expect(portValue(' http ')).toBe('http');
    expect(portValue('')).toBeUndefined();
  });
});

describe('selectedEndpoints', () => {
  const endpoints = [ep('a/web', { app: 'web' }), ep('a/db', { app: 'db' }), ep('b/web', { app: 'web' })];
  const namespaces = [ns('a', { team: 'x' }), ns('b')];
  it('selects pods of the policy namespace', () => {
    const got = selectedEndpoints(
      endpoints,
      namespaces,
      { namespace: 'a' },
      { matchLabels: { app: 'web' } },
      selectorMatches,
    );
    expect(got.map((e) => e.id)).toEqual(['a/web']);
  });
  it('selects pods in the namespaces a namespaceSelector matches (AND the podSelector)', () => {
    const scope = { namespaceSelector: { matchLabels: { team: 'x' } } };
    expect(selectedEndpoints(endpoints, namespaces, scope, {}, selectorMatches).map((e) => e.id)).toEqual([
      'a/web',
      'a/db',
    ]);
    expect(
      selectedEndpoints(
        endpoints,
        namespaces,
        { namespaceSelector: {} },
        { matchLabels: { app: 'web' } },
        selectorMatches,
      ).map((e) => e.id),
    ).toEqual(['a/web', 'b/web']);
  });
});

describe('policyTypesNote', () => {
  it('explains the defaulting when policyTypes is not set', () => {
    expect(policyTypesNote(null, true)).toBe(
      'Not set: Ingress, plus Egress because the policy has egress rules.',
    );
    expect(policyTypesNote(null, false)).toMatch(/^Not set: Ingress only/);
    expect(policyTypesNote(['Ingress'], true)).toMatch(/^Set explicitly/);
  });
});

describe('peerFromProposal', () => {
  const podSelector = { matchLabels: { app: 'web' } };
  it('is a podSelector alone for pods of the policy namespace', () => {
    expect(peerFromProposal({ podSelector, namespace: 'shop' }, 'shop')).toEqual({ podSelector });
  });
  it('names the namespace of pods elsewhere by its name label', () => {
    expect(peerFromProposal({ podSelector, namespace: 'web' }, 'shop')).toEqual({
      podSelector,
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } },
    });
  });
  it('keeps a proposed namespaceSelector (pods across namespaces)', () => {
    const namespaceSelector = { matchLabels: { env: 'prod' } };
    expect(peerFromProposal({ podSelector, namespaceSelector }, 'shop')).toEqual({
      podSelector,
      namespaceSelector,
    });
  });
});

describe('undoStepOf', () => {
  it('joins keystrokes in one field and keeps other form actions apart', () => {
    const typing = undoStepOf('u1', [{ op: 'set', path: ['metadata', 'name'], value: 'we' }]);
    expect(typing).toBe(undoStepOf('u1', [{ op: 'set', path: ['metadata', 'name'], value: 'web' }]));
    expect(typing).not.toBe(undoStepOf('u1', [{ op: 'set', path: ['metadata', 'namespace'], value: 'a' }]));
    expect(undoStepOf('u1', [{ op: 'insert', path: ['spec', 'ingress'], value: {} }])).toBeNull();
    expect(undoStepOf('u1', [{ op: 'delete', path: ['spec', 'ingress', 0] }])).toBeNull();
    expect(undoStepOf('u1', [{ op: 'set', path: ['spec', 'policyTypes'], value: ['Ingress'] }])).toBeNull();
    expect(
      undoStepOf('u1', [
        { op: 'set', path: ['a'], value: 'x' },
        { op: 'set', path: ['b'], value: 'y' },
      ]),
    ).toBeNull();
  });
});
