/**
 * The pure layer under the policy editor (design Decision 1): the YAML text is the truth, a form
 * edit is a command applied to the `yaml` Document, text in and text out, so the UI never imports
 * yaml.
 */
export type * from './types';
export { applyEdits, pathText } from './edit';
export { parsePolicyText, DEFAULT_POLICY_SOURCE } from './parse';
export {
  API_VERSION,
  KIND,
  duplicatePolicyText,
  exportPolicies,
  movePolicyText,
  newPolicyText,
  policyKeyOf,
  renamePolicyText,
} from './texts';
export { TEMPLATES, labelPair } from './templates';
export { policySetYaml, policyYaml } from './policy-set';
