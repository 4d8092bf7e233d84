/**
 * Policies of the analysed workspace as YAML (the editor's read-only "whole policy set" view):
 * written by the `yaml` package as YAML 1.1, the way kubectl reads it, so a label value such as
 * `on` or `8080` stays a string.
 */
import { Document } from 'yaml';
import type { Policy } from '../../model';
import { API_VERSION, KIND } from './texts';
import { YAML_VERSION } from './document';

/** One policy as a NetworkPolicy document. */
export function policyYaml(policy: Policy): string {
  const object = {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name: policy.name, namespace: policy.namespace },
    spec: policy.spec,
  };
  return new Document(object, { version: YAML_VERSION }).toString({ flowCollectionPadding: false });
}

/** Every policy, ordered by namespace then name, as one multi-document YAML. */
export function policySetYaml(policies: readonly Policy[]): string {
  const key = (p: Policy): string => `${p.namespace}\u0000${p.name}`;
  const sorted = [...policies].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sorted.map(policyYaml).join('---\n');
}
