import { describe, expect, it } from 'vitest';
import { importTexts } from './index';

const imp = (...texts: string[]) => importTexts(texts.map((text, i) => ({ name: `f${i}.yaml`, text })));
const ids = (...texts: string[]) => imp(...texts).snapshot.endpoints.map((e) => e.id);
const problems = (...texts: string[]) => imp(...texts).diagnostics.filter((d) => d.severity !== 'info');

function pod(ns: string, name: string, more = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${more}---\n`;
}
function owned(kind: string, name: string, controller = true): string {
  return `  ownerReferences:\n  - {apiVersion: apps/v1, kind: ${kind}, name: ${name}, controller: ${controller}}\n`;
}
function workload(
  kind: string,
  ns: string,
  name: string,
  more = '',
  template = '{metadata: {labels: {app: x}}}',
): string {
  const apiVersion =
    kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : kind === 'ReplicationController' ? 'v1' : 'apps/v1';
  const spec =
    kind === 'CronJob'
      ? `spec:\n  jobTemplate:\n    spec:\n      template: ${template}\n`
      : `spec:\n  template: ${template}\n`;
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${more}${spec}---\n`;
}

describe('buildSnapshot', () => {
  describe('pods', () => {
    it('reads labels, container ports, addresses, hostNetwork and phase', () => {
      const text = pod(
        'ns',
        'a',
        '  labels: {app: web}\nspec:\n  hostNetwork: true\n  initContainers:\n  - {name: i, ports: [{containerPort: 9}]}\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 80, name: http}\n    - {containerPort: 53, protocol: UDP}\nstatus:\n  phase: Running\n  podIP: 10.0.0.1\n  podIPs: [{ip: 10.0.0.1}, {ip: "fd00::1"}]\n',
      );
      expect(imp(text).snapshot.endpoints).toEqual([
        {
          id: 'ns/a',
          kind: 'Pod',
          namespace: 'ns',
          name: 'a',
          labels: { app: 'web' },
          ports: [
            { name: 'http', containerPort: 80, protocol: 'TCP' },
            { containerPort: 53, protocol: 'UDP' },
          ],
          ips: ['10.0.0.1', 'fd00::1'],
          hostNetwork: true,
          phase: 'Running',
          source: { file: 'f0.yaml', doc: 0, line: 1, column: 1 },
        },
      ]);
    });

    it('puts a pod without namespace in default', () => {
      expect(ids('kind: Pod\napiVersion: v1\nmetadata: {name: a}\n')).toEqual(['default/a']);
    });

    it('warns about an invalid pod label but keeps the pod with its labels (as netpol-analyzer does)', () => {
      const r = imp(pod('ns', 'a', '  labels: {"bad key": x, app: web}\n'));
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
        ['LABEL_KEY_INVALID', 'warning', 'metadata.labels'],
      ]);
      expect(r.snapshot.endpoints[0]?.labels).toEqual({ 'bad key': 'x', app: 'web' });
    });

    it('drops a container port without a valid number, with a warning, and keeps the pod', () => {
      const r = imp(
        pod(
          'ns',
          'a',
          'spec:\n  containers:\n  - ports: [{containerport: 80}, {containerPort: 70000}, {containerPort: 8080}]\n',
        ),
      );
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
        ['CONTAINER_PORT_REQUIRED', 'warning', 'spec.containers[0].ports[0].containerPort'],
        ['PORT_OUT_OF_RANGE', 'warning', 'spec.containers[0].ports[1].containerPort'],
      ]);
      expect(r.snapshot.endpoints[0]?.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    });

    it('warns about duplicate port names within a container', () => {
      expect(
        problems(
          pod(
            'ns',
            'a',
            'spec:\n  containers:\n  - ports: [{containerPort: 80, name: web}, {containerPort: 81, name: web}]\n',
          ),
        ).map((d) => d.code),
      ).toEqual(['CONTAINER_PORT_NAME_DUPLICATE']);
    });

    it('ignores an invalid pod address with a warning', () => {
      const r = imp(pod('ns', 'a', 'status: {podIP: 10.0.0.999}\n'));
      expect(r.diagnostics.map((d) => d.code)).toEqual(['POD_IP_INVALID']);
      expect(r.snapshot.endpoints[0]?.ips).toEqual([]);
    });

    it('leaves out a pod without a name, with an error', () => {
      const r = imp('apiVersion: v1\nkind: Pod\nmetadata: {namespace: ns}\n');
      expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
        ['NAME_REQUIRED', 'error'],
        ['OBJECT_EXCLUDED', 'info'],
      ]);
      expect(r.snapshot.endpoints).toEqual([]);
    });

    it('stores labels without a prototype: a pod without a `constructor` label does not have one', () => {
      const e = imp(pod('ns', 'a', '  labels: {app: web}\n')).snapshot.endpoints[0];
      expect(e?.labels['constructor']).toBeUndefined();
      expect('constructor' in (e?.labels ?? {})).toBe(false);
    });
  });

  describe('workloads', () => {
    it('stand for their pod template: one endpoint ns/name[Kind] with its labels and ports', () => {
      const r = imp(
        workload(
          'Deployment',
          'ns',
          'web',
          '',
          '{metadata: {labels: {app: web}}, spec: {hostNetwork: true, containers: [{ports: [{containerPort: 80, name: http}]}]}}',
        ),
      );
      expect(r.snapshot.endpoints).toEqual([
        {
          id: 'ns/web[Deployment]',
          kind: 'Deployment',
          namespace: 'ns',
          name: 'web',
          labels: { app: 'web' },
          ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
          ips: [],
          hostNetwork: true,
          source: { file: 'f0.yaml', doc: 0, line: 1, column: 1 },
        },
      ]);
    });

    it('reads every workload kind, a CronJob through its job template', () => {
      const kinds = [
        'Deployment',
        'StatefulSet',
        'DaemonSet',
        'ReplicaSet',
        'ReplicationController',
        'Job',
        'CronJob',
      ];
      const r = imp(kinds.map((k) => workload(k, 'ns', k.toLowerCase())).join(''));
      expect(r.snapshot.endpoints.map((e) => [e.id, e.labels['app']])).toEqual(
        kinds
          .map((k) => [`ns/${k.toLowerCase()}[${k}]`, 'x'])
          .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
      );
      expect(r.diagnostics).toEqual([]);
    });

    it('give way to their pods: a pod owned through a ReplicaSet makes the Deployment and ReplicaSet group only', () => {
      const text =
        workload('Deployment', 'ns', 'web') +
        workload('ReplicaSet', 'ns', 'web-abc', owned('Deployment', 'web')) +
        pod('ns', 'web-abc-1', owned('ReplicaSet', 'web-abc')) +
        pod('ns', 'web-abc-2', owned('ReplicaSet', 'web-abc'));
      const r = imp(text);
      expect(r.snapshot.endpoints.map((e) => [e.id, e.workload])).toEqual([
        ['ns/web-abc-1', 'ns/web[Deployment]'],
        ['ns/web-abc-2', 'ns/web[Deployment]'],
      ]);
    });

    it('give way to their owner: a ReplicaSet owned by a Deployment of the input is not an endpoint', () => {
      expect(
        ids(
          workload('Deployment', 'ns', 'web') +
            workload('ReplicaSet', 'ns', 'web-abc', owned('Deployment', 'web')),
        ),
      ).toEqual(['ns/web[Deployment]']);
    });

    it('stay endpoints when their owner is not in the input', () => {
      expect(ids(workload('ReplicaSet', 'ns', 'web-abc', owned('Deployment', 'web')))).toEqual([
        'ns/web-abc[ReplicaSet]',
      ]);
    });

    it('follow Pod → Job → CronJob', () => {
      const text =
        workload('CronJob', 'ns', 'nightly') +
        workload('Job', 'ns', 'nightly-1', owned('CronJob', 'nightly')) +
        pod('ns', 'nightly-1-x', owned('Job', 'nightly-1'));
      expect(imp(text).snapshot.endpoints.map((e) => [e.id, e.workload])).toEqual([
        ['ns/nightly-1-x', 'ns/nightly[CronJob]'],
      ]);
    });

    it('match owners by kind and name in the same namespace only', () => {
      const text =
        workload('Deployment', 'other', 'web') +
        pod('ns', 'p', owned('Deployment', 'web')) +
        workload('StatefulSet', 'ns', 'web');
      expect(ids(text)).toEqual(['ns/p', 'ns/web[StatefulSet]', 'other/web[Deployment]']);
    });

    it('record the direct owner of a pod whose owner is not in the input', () => {
      expect(imp(pod('ns', 'p', owned('ReplicaSet', 'rs'))).snapshot.endpoints[0]?.workload).toBe(
        'ns/rs[ReplicaSet]',
      );
    });

    it('use only the controller owner reference and ignore Node owners', () => {
      const text =
        workload('Deployment', 'ns', 'web') +
        pod('ns', 'p1', owned('Deployment', 'web', false)) +
        pod(
          'ns',
          'static',
          '  ownerReferences:\n  - {apiVersion: v1, kind: Node, name: node-1, controller: true}\n',
        );
      const r = imp(text);
      expect(r.snapshot.endpoints.map((e) => [e.id, e.workload])).toEqual([
        ['ns/p1', undefined],
        ['ns/static', undefined],
        ['ns/web[Deployment]', undefined],
      ]);
    });

    it('survive an ownership cycle', () => {
      const text =
        workload('ReplicaSet', 'ns', 'a', owned('ReplicaSet', 'b')) +
        workload('ReplicaSet', 'ns', 'b', owned('ReplicaSet', 'a')) +
        pod('ns', 'p', owned('ReplicaSet', 'a'));
      expect(ids(text)).toEqual(['ns/p']);
    });

    it('warn about an invalid template label and keep the workload', () => {
      const r = imp(workload('Deployment', 'ns', 'web', '', '{metadata: {labels: {app: "a b"}}}'));
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
        ['LABEL_VALUE_INVALID', 'warning', 'spec.template.metadata.labels'],
      ]);
      expect(r.snapshot.endpoints).toHaveLength(1);
    });
  });

  describe('namespaces', () => {
    it('carry kubernetes.io/metadata.name, set to their name whatever was written', () => {
      const r = imp(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels: {env: prod, kubernetes.io/metadata.name: wrong}\n',
      );
      expect(r.snapshot.namespaces).toEqual([
        {
          name: 'team',
          labels: { env: 'prod', 'kubernetes.io/metadata.name': 'team' },
          declared: true,
          source: { file: 'f0.yaml', doc: 0, line: 1, column: 1 },
        },
      ]);
    });

    it('are created, undeclared and with only the name label, when pods, workloads or policies use them', () => {
      const text =
        pod('a', 'p') +
        workload('Deployment', 'b', 'd') +
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: c}\n';
      expect(imp(text).snapshot.namespaces).toEqual(
        ['a', 'b', 'c'].map((name) => ({
          name,
          labels: { 'kubernetes.io/metadata.name': name },
          declared: false,
        })),
      );
    });

    it('are sorted by name', () => {
      const text = ['z', 'a', 'm']
        .map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}\n---\n`)
        .join('');
      expect(imp(text).snapshot.namespaces.map((n) => n.name)).toEqual(['a', 'm', 'z']);
    });
  });

  describe('endpoints', () => {
    it('are sorted by namespace, then name, then kind', () => {
      const text =
        pod('b', 'x') +
        workload('StatefulSet', 'a', 'x') +
        pod('a', 'x') +
        workload('Deployment', 'a', 'x') +
        pod('a', 'B');
      expect(ids(text)).toEqual(['a/B', 'a/x[Deployment]', 'a/x', 'a/x[StatefulSet]', 'b/x']);
    });
  });

  describe('other kinds', () => {
    it('are counted as ignored, with one info note per kind, not errors', () => {
      const text =
        'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
      const r = imp(text);
      expect(r.ignored).toEqual({ Service: 2, ConfigMap: 1 });
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
        [
          'IGNORED_KIND',
          'info',
          '1 object(s) of kind ConfigMap ignored: they do not take part in NetworkPolicy evaluation',
        ],
        [
          'IGNORED_KIND',
          'info',
          '2 object(s) of kind Service ignored: they do not take part in NetworkPolicy evaluation',
        ],
      ]);
    });

    it('include a NetworkPolicy of another API group (Calico), with a warning', () => {
      const r = imp(
        'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: c}\nspec: {selector: all()}\n',
      );
      expect(r.snapshot.policies).toEqual([]);
      expect(r.ignored).toEqual({ 'NetworkPolicy (projectcalico.org/v3)': 1 });
      expect(r.diagnostics.map((d) => d.code)).toEqual(['FOREIGN_API_GROUP']);
    });
  });

  describe('apiVersion', () => {
    it("when missing, is read as the kind's own, with a warning", () => {
      const r = imp('kind: Pod\nmetadata: {name: a}\n');
      expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
        ['MISSING_API_VERSION', 'apiVersion is missing; read as v1'],
      ]);
      expect(r.snapshot.endpoints).toHaveLength(1);
    });

    it('accepts the old extensions group for Deployments and NetworkPolicies', () => {
      const text =
        workload('Deployment', 'ns', 'd').replace('apps/v1', 'extensions/v1beta1') +
        'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: p}\n';
      const r = imp(text);
      expect(r.diagnostics).toEqual([]);
      expect(r.snapshot.policies).toHaveLength(1);
    });
  });

  describe('duplicates', () => {
    it('warn, and the later definition wins', () => {
      const r = imp(pod('ns', 'a', '  labels: {v: one}\n'), pod('ns', 'a', '  labels: {v: two}\n'));
      expect(r.snapshot.endpoints.map((e) => [e.labels['v'], e.source?.file])).toEqual([['two', 'f1.yaml']]);
      expect(r.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
        [
          'DUPLICATE_OBJECT',
          'f1.yaml',
          'Pod ns/a is defined again (first in f0.yaml:1); the later definition is used',
        ],
      ]);
    });

    it('are told apart by kind', () => {
      expect(ids(pod('ns', 'a') + workload('Deployment', 'ns', 'a'))).toEqual(['ns/a[Deployment]', 'ns/a']);
    });
  });

  describe('policies', () => {
    it('are sorted by namespace and name', () => {
      const np = (ns: string, n: string) =>
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${n}, namespace: ${ns}}\n---\n`;
      expect(imp(np('b', 'a') + np('a', 'z') + np('a', 'b')).snapshot.policies.map((p) => p.id)).toEqual([
        'a/b',
        'a/z',
        'b/a',
      ]);
    });
  });
});
