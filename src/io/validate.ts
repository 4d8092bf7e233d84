/**
 * Validation as the API server does it, and normalisation into the model's types:
 * ObjectMeta (apimachinery ValidateObjectMeta), label selectors (ValidateLabelSelector) and
 * NetworkPolicy (pkg/apis/networking/validation). Each function reads a raw value, records every
 * problem in a Checker, and returns the typed value (meaningful only when no error was recorded).
 */
import type {
  IPBlock,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  PolicyType,
  Protocol,
  SelectorOperator,
} from '../model';
import { checkLabelKey, isInt32, sub, type At, type Checker } from './check';
import { cidrContains, parseCidr } from './cidr';
import { printValue } from './codes';
import {
  isDns1123Label,
  isDns1123Subdomain,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from './k8s-strings';
import { describe, own } from './parse';

const set = (...keys: string[]): ReadonlySet<string> => new Set(keys);

const OBJECT_FIELDS = set('apiVersion', 'kind', 'metadata', 'spec', 'status');
/** ObjectMeta fields the API server sets; a copy of an object must not carry them. */
export const SERVER_SET_META_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
  'finalizers',
] as const;
const META_FIELDS = set(
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'clusterName',
  ...SERVER_SET_META_FIELDS,
);
const SPEC_FIELDS = set('podSelector', 'ingress', 'egress', 'policyTypes');
const INGRESS_FIELDS = set('from', 'ports');
const EGRESS_FIELDS = set('to', 'ports');
const PEER_FIELDS = set('podSelector', 'namespaceSelector', 'ipBlock');
const IPBLOCK_FIELDS = set('cidr', 'except');
const PORT_FIELDS = set('protocol', 'port', 'endPort');
const SELECTOR_FIELDS = set('matchLabels', 'matchExpressions');
const REQUIREMENT_FIELDS = set('key', 'operator', 'values');

export const PROTOCOL_VALUES: readonly string[] = ['TCP', 'UDP', 'SCTP'];
const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** How strictly to read an object: NetworkPolicies fully (unknown fields too), others loosely. */
export interface MetaOptions {
  /** Namespace objects: their name is a DNS label and they have no namespace. */
  readonly isNamespace?: boolean;
  readonly strict?: boolean;
}

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly controller: boolean;
}

export interface Meta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly owners: readonly OwnerRef[];
}

function emptyLabels(): Labels {
  return Object.create(null) as Labels;
}

/** Name rules: NameIsDNSSubdomain for objects, NameIsDNSLabel (ValidateNamespaceName) for namespaces. */
function checkName(c: Checker, value: string, at: At, asLabel: boolean): void {
  const errs = asLabel ? isDns1123Label(value) : isDns1123Subdomain(value);
  if (errs.length) c.add('NAME_INVALID', at, { value: printValue(value), detail: errs.join('; ') });
}

function readOwners(v: unknown): OwnerRef[] {
  if (!Array.isArray(v)) return [];
  const owners: OwnerRef[] = [];
  for (const ref of v) {
    if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) continue;
    const r = ref as Record<string, unknown>;
    const kind = own(r, 'kind');
    const name = own(r, 'name');
    if (typeof name !== 'string') continue;
    owners.push({
      kind: typeof kind === 'string' ? kind : '',
      name,
      controller: own(r, 'controller') === true,
    });
  }
  return owners;
}

/** ValidateObjectMeta, for the fields the importer reads; a missing namespace means `default`. */
export function readMeta(c: Checker, obj: Readonly<Record<string, unknown>>, opts: MetaOptions = {}): Meta {
  if (opts.strict) c.fields(obj as Record<string, unknown>, undefined, OBJECT_FIELDS);
  const meta = c.map(own(obj, 'metadata'), sub(undefined, 'metadata')) ?? {};
  if (opts.strict) c.fields(meta, sub(undefined, 'metadata'), META_FIELDS);
  const name = c.string(own(meta, 'name'), sub(undefined, 'metadata', 'name')) ?? '';
  if (name === '') c.add('NAME_REQUIRED', sub(undefined, 'metadata', 'name'));
  else checkName(c, name, sub(undefined, 'metadata', 'name'), opts.isNamespace === true);
  let namespace = c.string(own(meta, 'namespace'), sub(undefined, 'metadata', 'namespace')) ?? '';
  if (namespace !== '' && !opts.isNamespace)
    checkName(c, namespace, sub(undefined, 'metadata', 'namespace'), true);
  if (namespace === '') namespace = 'default';
  const labels = c.labels(own(meta, 'labels'), sub(undefined, 'metadata', 'labels')) ?? emptyLabels();
  // Annotations are checked only where every field is (the importer never reads them).
  const annotations = opts.strict
    ? c.map(own(meta, 'annotations'), sub(undefined, 'metadata', 'annotations'))
    : undefined;
  if (annotations) {
    for (const key of Object.keys(annotations))
      c.string(annotations[key], sub(undefined, 'metadata', 'annotations', key));
  }
  return { name, namespace, labels, owners: readOwners(own(meta, 'ownerReferences')) };
}

/** ValidateLabelSelector (values are checked: AllowInvalidLabelValueInSelector is off for new objects). */
export function readSelector(c: Checker, v: unknown, at: At): LabelSelector | undefined {
  const m = c.map(v, at);
  if (!m) return undefined;
  c.fields(m, at, SELECTOR_FIELDS);
  const matchLabels = c.labels(own(m, 'matchLabels'), sub(at, 'matchLabels'));
  const exprs = c.list(own(m, 'matchExpressions'), sub(at, 'matchExpressions'));
  const matchExpressions = exprs?.map((e, i) => readRequirement(c, e, sub(at, 'matchExpressions', i)));
  return {
    ...(matchLabels !== undefined ? { matchLabels } : {}),
    ...(matchExpressions !== undefined ? { matchExpressions } : {}),
  };
}

function readRequirement(c: Checker, v: unknown, at: At): LabelSelectorRequirement {
  const m = c.map(v, at) ?? {};
  c.fields(m, at, REQUIREMENT_FIELDS);
  const key = c.string(own(m, 'key'), sub(at, 'key')) ?? '';
  const operator = c.string(own(m, 'operator'), sub(at, 'operator')) ?? '';
  const rawValues = c.list(own(m, 'values'), sub(at, 'values'));
  const values = rawValues?.map((x, i) => (x === null ? '' : (c.string(x, sub(at, 'values', i)) ?? '')));
  if (operator === 'In' || operator === 'NotIn') {
    if (!values || values.length === 0) c.add('SELECTOR_VALUES_REQUIRED', sub(at, 'values'));
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values && values.length > 0) c.add('SELECTOR_VALUES_FORBIDDEN', sub(at, 'values'));
  } else {
    c.add('SELECTOR_OPERATOR_INVALID', sub(at, 'operator'), { value: printValue(operator) });
  }
  const keyErrs = checkLabelKey(key);
  if (keyErrs.length)
    c.add('LABEL_KEY_INVALID', sub(at, 'key'), { value: printValue(key), detail: keyErrs.join('; ') });
  values?.forEach((value, i) => {
    const errs = isValidLabelValue(value);
    if (errs.length)
      c.add('LABEL_VALUE_INVALID', sub(at, 'values', i), {
        value: printValue(value),
        detail: errs.join('; '),
      });
  });
  return {
    key,
    operator: (OPERATORS.includes(operator) ? operator : 'In') as SelectorOperator,
    ...(values !== undefined ? { values } : {}),
  };
}

/** ValidateIPBlock. */
function readIpBlock(c: Checker, v: unknown, at: At): IPBlock | undefined {
  const m = c.map(v, at);
  if (!m) return undefined;
  c.fields(m, at, IPBLOCK_FIELDS);
  const cidrText = c.string(own(m, 'cidr'), sub(at, 'cidr')) ?? '';
  const exceptList = c.list(own(m, 'except'), sub(at, 'except'));
  const except = exceptList?.map((x, i) => (x === null ? '' : (c.string(x, sub(at, 'except', i)) ?? '')));
  const block: IPBlock = { cidr: cidrText, ...(except !== undefined ? { except } : {}) };
  if (cidrText === '') {
    c.add('CIDR_REQUIRED', sub(at, 'cidr'));
    return block;
  }
  const cidr = parseCidr(cidrText);
  if (!cidr) {
    c.add('CIDR_INVALID', sub(at, 'cidr'), { value: printValue(cidrText) });
    return block;
  }
  if (cidr.hostBitsSet)
    c.add('CIDR_HOST_BITS', sub(at, 'cidr'), { value: printValue(cidrText), canonical: cidr.canonical });
  except?.forEach((text, i) => {
    const e = parseCidr(text);
    if (!e) c.add('CIDR_INVALID', sub(at, 'except', i), { value: printValue(text) });
    else if (!cidrContains(cidr, e) || cidr.prefix >= e.prefix) {
      c.add('EXCEPT_NOT_SUBSET', sub(at, 'except', i), { value: printValue(text) });
    } else if (e.hostBitsSet) {
      c.add('CIDR_HOST_BITS', sub(at, 'except', i), { value: printValue(text), canonical: e.canonical });
    }
  });
  return block;
}

/** ValidateNetworkPolicyPeer. */
function readPeer(c: Checker, v: unknown, at: At): NetworkPolicyPeer {
  const m = c.map(v, at) ?? {};
  c.fields(m, at, PEER_FIELDS);
  const podSelector = readSelector(c, own(m, 'podSelector'), sub(at, 'podSelector'));
  const namespaceSelector = readSelector(c, own(m, 'namespaceSelector'), sub(at, 'namespaceSelector'));
  const ipBlock = readIpBlock(c, own(m, 'ipBlock'), sub(at, 'ipBlock'));
  const count = [podSelector, namespaceSelector, ipBlock].filter((x) => x !== undefined).length;
  const hasAny = ['podSelector', 'namespaceSelector', 'ipBlock'].some(
    (k) => own(m, k) !== undefined && own(m, k) !== null,
  );
  if (count === 0 && !hasAny) c.add('PEER_REQUIRED', at);
  else if (count > 1 && ipBlock !== undefined) c.add('PEER_IPBLOCK_COMBINED', at);
  return {
    ...(podSelector !== undefined ? { podSelector } : {}),
    ...(namespaceSelector !== undefined ? { namespaceSelector } : {}),
    ...(ipBlock !== undefined ? { ipBlock } : {}),
  };
}

/** ValidateNetworkPolicyPort: protocol, port (number or IANA_SVC_NAME), endPort. */
function readPort(c: Checker, v: unknown, at: At): NetworkPolicyPort {
  const m = c.map(v, at) ?? {};
  c.fields(m, at, PORT_FIELDS);
  const protocol = c.string(own(m, 'protocol'), sub(at, 'protocol'));
  if (protocol !== undefined && !PROTOCOL_VALUES.includes(protocol)) {
    c.add('PROTOCOL_UNSUPPORTED', sub(at, 'protocol'), { value: printValue(protocol) });
  }
  const rawPort = own(m, 'port');
  const portAbsent = rawPort === undefined || rawPort === null;
  let port: number | string | undefined;
  if (typeof rawPort === 'string' || isInt32(rawPort)) port = rawPort;
  else if (!portAbsent) {
    c.add('TYPE_MISMATCH', sub(at, 'port'), { expected: 'an integer or a string', found: describe(rawPort) });
  }
  const endPort = c.int(own(m, 'endPort'), sub(at, 'endPort'));
  if (typeof port === 'number') {
    if (!isValidPortNum(port)) c.add('PORT_OUT_OF_RANGE', sub(at, 'port'), { value: port });
    if (endPort !== undefined) {
      if (endPort < port) c.add('END_PORT_BELOW_PORT', sub(at, 'endPort'), { value: endPort });
      if (!isValidPortNum(endPort)) c.add('PORT_OUT_OF_RANGE', sub(at, 'endPort'), { value: endPort });
    }
  } else if (typeof port === 'string') {
    if (endPort !== undefined) c.add('END_PORT_NON_NUMERIC_PORT', sub(at, 'endPort'), { value: endPort });
    const errs = isValidPortName(port);
    if (errs.length)
      c.add('PORT_NAME_INVALID', sub(at, 'port'), { value: printValue(port), detail: errs.join('; ') });
  } else if (endPort !== undefined && portAbsent) {
    c.add('END_PORT_WITHOUT_PORT', sub(at, 'endPort'), { value: endPort });
  }
  return {
    ...(protocol !== undefined ? { protocol: protocol as Protocol } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(endPort !== undefined ? { endPort } : {}),
  };
}

function readPorts(c: Checker, v: unknown, at: At): NetworkPolicyPort[] | undefined {
  return c.list(v, at)?.map((p, i) => readPort(c, p, sub(at, i)));
}

function readPeers(c: Checker, v: unknown, at: At): NetworkPolicyPeer[] | undefined {
  return c.list(v, at)?.map((p, i) => readPeer(c, p, sub(at, i)));
}

function readIngressRule(c: Checker, v: unknown, at: At): NetworkPolicyIngressRule {
  const m = c.map(v, at) ?? {};
  c.fields(m, at, INGRESS_FIELDS);
  const ports = readPorts(c, own(m, 'ports'), sub(at, 'ports'));
  const from = readPeers(c, own(m, 'from'), sub(at, 'from'));
  return { ...(from !== undefined ? { from } : {}), ...(ports !== undefined ? { ports } : {}) };
}

function readEgressRule(c: Checker, v: unknown, at: At): NetworkPolicyEgressRule {
  const m = c.map(v, at) ?? {};
  c.fields(m, at, EGRESS_FIELDS);
  const ports = readPorts(c, own(m, 'ports'), sub(at, 'ports'));
  const to = readPeers(c, own(m, 'to'), sub(at, 'to'));
  return { ...(to !== undefined ? { to } : {}), ...(ports !== undefined ? { ports } : {}) };
}

function readPolicyTypes(c: Checker, v: unknown, at: At): PolicyType[] | undefined {
  const list = c.list(v, at);
  if (!list) return undefined;
  const types = list.map((x, i) => (x === null ? '' : (c.string(x, sub(at, i)) ?? '')));
  if (types.length > 2) {
    c.add('POLICY_TYPES_TOO_MANY', at, { value: printValue(types) });
    return undefined;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      c.add('POLICY_TYPE_UNSUPPORTED', sub(at, i), { value: printValue(t) });
  });
  return types as PolicyType[];
}

/**
 * ValidateNetworkPolicySpec. An empty `policyTypes` is left out: the API server defaults it
 * exactly as if it were absent. Otherwise absent and empty stay distinct (`from` vs `from: []`).
 */
export function readNetworkPolicySpec(c: Checker, v: unknown): NetworkPolicySpec {
  const at = sub(undefined, 'spec');
  const m = c.map(v, at) ?? {};
  c.fields(m, at, SPEC_FIELDS);
  const podSelector = readSelector(c, own(m, 'podSelector'), sub(at, 'podSelector')) ?? {};
  const ingress = c
    .list(own(m, 'ingress'), sub(at, 'ingress'))
    ?.map((r, i) => readIngressRule(c, r, sub(at, 'ingress', i)));
  const egress = c
    .list(own(m, 'egress'), sub(at, 'egress'))
    ?.map((r, i) => readEgressRule(c, r, sub(at, 'egress', i)));
  const policyTypes = readPolicyTypes(c, own(m, 'policyTypes'), sub(at, 'policyTypes'));
  return {
    podSelector,
    ...(policyTypes !== undefined && policyTypes.length > 0 ? { policyTypes } : {}),
    ...(ingress !== undefined ? { ingress } : {}),
    ...(egress !== undefined ? { egress } : {}),
  };
}
