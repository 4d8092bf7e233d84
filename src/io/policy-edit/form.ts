/**
 * The form model of a NetworkPolicy, read from its parsed value. Tolerant: a field of the wrong
 * type is kept as raw text (the importer's diagnostics say what is wrong), and nothing throws.
 */
import type { PolicyType } from '../../model';
import type {
  ExpressionForm,
  PeerForm,
  PolicyForm,
  PortForm,
  RawField,
  RuleForm,
  SelectorForm,
  TextField,
} from './types';

type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const field = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const absent = (v: unknown): boolean => v === undefined || v === null;

/** A value as short text, for a field the form cannot show in its own control. */
export function rawText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

const raw = (v: unknown): RawField => ({ raw: rawText(v) });

/** A string field: '' when absent, the string, or the raw value. */
function text(v: unknown): TextField {
  if (absent(v)) return '';
  return typeof v === 'string' ? v : raw(v);
}

function list(v: unknown): readonly unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

const EMPTY_SELECTOR: SelectorForm = { present: false, matchLabels: [], matchExpressions: [] };

export function selectorForm(v: unknown): SelectorForm {
  if (absent(v)) return EMPTY_SELECTOR;
  if (!isObj(v)) return { ...EMPTY_SELECTOR, present: true, raw: rawText(v) };
  const ml = field(v, 'matchLabels');
  const me = field(v, 'matchExpressions');
  const matchLabels: (readonly [string, string])[] = isObj(ml)
    ? Object.keys(ml).map((k) => [k, absent(ml[k]) ? '' : rawText(ml[k])] as const)
    : [];
  const exprs = list(me) ?? [];
  const matchExpressions: ExpressionForm[] = exprs.map((e, index) => {
    if (!isObj(e)) return { index, key: raw(e), operator: '', values: [] };
    const values = field(e, 'values');
    return {
      index,
      key: text(field(e, 'key')),
      operator: text(field(e, 'operator')),
      values: Array.isArray(values) ? values.map(text) : absent(values) ? [] : [raw(values)],
    };
  });
  const wrong = (!absent(ml) && !isObj(ml)) || (!absent(me) && !Array.isArray(me));
  return { present: true, matchLabels, matchExpressions, ...(wrong ? { raw: rawText(v) } : {}) };
}

function peerForm(v: unknown, index: number): PeerForm {
  if (!isObj(v)) return { kind: 'invalid', index, raw: rawText(v) };
  const pod = field(v, 'podSelector');
  const ns = field(v, 'namespaceSelector');
  const ip = field(v, 'ipBlock');
  if (!absent(ip)) {
    if (!absent(pod) || !absent(ns) || !isObj(ip)) return { kind: 'invalid', index, raw: rawText(v) };
    const except = field(ip, 'except');
    return {
      kind: 'ipBlock',
      index,
      cidr: text(field(ip, 'cidr')),
      except: Array.isArray(except) ? except.map(text) : absent(except) ? [] : [raw(except)],
    };
  }
  if (!absent(pod) && !absent(ns))
    return {
      kind: 'podsInNamespaces',
      index,
      podSelector: selectorForm(pod),
      namespaceSelector: selectorForm(ns),
    };
  if (!absent(pod)) return { kind: 'pods', index, podSelector: selectorForm(pod) };
  if (!absent(ns)) return { kind: 'namespaces', index, namespaceSelector: selectorForm(ns) };
  return { kind: 'invalid', index, raw: rawText(v) };
}

function portForm(v: unknown, index: number): PortForm {
  if (!isObj(v)) return { index, raw: rawText(v) };
  const protocol = field(v, 'protocol');
  const port = field(v, 'port');
  const endPort = field(v, 'endPort');
  return {
    index,
    ...(absent(protocol) ? {} : { protocol: text(protocol) }),
    ...(absent(port)
      ? {}
      : { port: typeof port === 'number' || typeof port === 'string' ? port : raw(port) }),
    ...(absent(endPort) ? {} : { endPort: typeof endPort === 'number' ? endPort : raw(endPort) }),
  };
}

function ruleForm(v: unknown, index: number, peersKey: 'from' | 'to'): RuleForm {
  if (!isObj(v)) return { index, allPeers: true, peers: [], allPorts: true, ports: [], raw: rawText(v) };
  const peers = field(v, peersKey);
  const ports = field(v, 'ports');
  const peerList = list(peers) ?? [];
  const portList = list(ports) ?? [];
  const wrong = (!absent(peers) && !Array.isArray(peers)) || (!absent(ports) && !Array.isArray(ports));
  return {
    index,
    allPeers: peerList.length === 0,
    peers: peerList.map(peerForm),
    allPorts: portList.length === 0,
    ports: portList.map(portForm),
    ...(wrong ? { raw: rawText(v) } : {}),
  };
}

function rules(v: unknown, peersKey: 'from' | 'to'): readonly RuleForm[] | null {
  if (absent(v)) return null;
  if (!Array.isArray(v)) return [ruleForm(v, 0, peersKey)];
  return v.map((r, i) => ruleForm(r, i, peersKey));
}

/**
 * policyTypes as the API server defaults them (the same rule as the engine's
 * `effectivePolicyTypes`): as written when non-empty, else Ingress, plus Egress when the policy
 * has egress rules.
 */
export function defaultedPolicyTypes(
  written: readonly TextField[] | null,
  egressRules: number,
): PolicyType[] {
  const valid = (written ?? []).filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress');
  if (written && written.length > 0) return [...new Set(valid)];
  return egressRules > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The form model of a parsed NetworkPolicy object (any value: the form never throws). */
export function policyForm(obj: Obj): PolicyForm {
  const meta = field(obj, 'metadata');
  const m: Obj = isObj(meta) ? meta : {};
  const spec = field(obj, 'spec');
  const s: Obj = isObj(spec) ? spec : {};
  const typesRaw = field(s, 'policyTypes');
  const policyTypes = absent(typesRaw)
    ? null
    : Array.isArray(typesRaw)
      ? typesRaw.map(text)
      : [raw(typesRaw)];
  const egress = rules(field(s, 'egress'), 'to');
  return {
    name: text(field(m, 'name')),
    namespace: text(field(m, 'namespace')),
    podSelector: selectorForm(field(s, 'podSelector')),
    policyTypes,
    effectivePolicyTypes: defaultedPolicyTypes(policyTypes, egress?.length ?? 0),
    ingress: rules(field(s, 'ingress'), 'from'),
    egress,
  };
}
