import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../io/policy-edit';
import { markersOf } from './markers';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
  podSelector: {}
  ingress:
    - ports:
        - port: 70000
`;

describe('markersOf', () => {
  it('marks a validation problem at the line of its field, with path and code', () => {
    const parsed = parsePolicyText(POLICY);
    const markers = markersOf(parsed.yamlErrors, parsed.diagnostics);
    const port = markers.find((m) => m.code === 'PORT_OUT_OF_RANGE');
    expect(port).toMatchObject({ line: 10, severity: 'error' });
    expect(port?.message).toMatch(/^spec\.ingress\[0\]\.ports\[0\]\.port: /);
  });
  it('marks a YAML syntax error at its line and column', () => {
    const parsed = parsePolicyText(POLICY.replace('name: p', 'name: p: q'));
    const markers = markersOf(parsed.yamlErrors, parsed.diagnostics);
    expect(markers.length).toBeGreaterThan(0);
    expect(markers[0]).toMatchObject({ line: 4, code: 'YAML', severity: 'error' });
  });
});

describe('markersOf, noise', () => {
  it('leaves out "takes no part in the evaluation": the errors are marked where they are', () => {
    const parsed = parsePolicyText(POLICY);
    expect(parsed.diagnostics.some((d) => d.code === 'OBJECT_EXCLUDED')).toBe(true);
    expect(markersOf(parsed.yamlErrors, parsed.diagnostics).some((m) => m.code === 'OBJECT_EXCLUDED')).toBe(
      false,
    );
  });
});
