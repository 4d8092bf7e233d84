/**
 * The form's view of one NetworkPolicy text: a plain, fully typed model the UI renders. Each list
 * item keeps its index in the YAML so the UI can build an `EditPath` to it.
 */
import type { Diagnostic, Policy, PolicyType } from '../../model';

/** A path inside the NetworkPolicy object: `['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'cidr']`. */
export type EditPath = readonly (string | number)[];

/** One form edit, applied to the parsed `yaml` Document (comments and key order kept). */
export type EditCommand =
  /** Sets a value, creating missing parents (maps for string keys, sequences for indexes). */
  | { readonly op: 'set'; readonly path: EditPath; readonly value: unknown }
  /** Removes a map key or a sequence item; a missing path is a no-op. */
  | { readonly op: 'delete'; readonly path: EditPath }
  /** Inserts into a sequence (appends by default), creating the sequence when it is missing. */
  | { readonly op: 'insert'; readonly path: EditPath; readonly value: unknown; readonly index?: number }
  /** Moves a sequence item from one index to another. */
  | { readonly op: 'move'; readonly path: EditPath; readonly from: number; readonly to: number };

export type EditResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** A YAML syntax problem, 1-based line and column. */
export interface YamlError {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message: string;
}

/**
 * A field the form could not read as its type (a number where a string belongs, a map where a
 * list belongs...): the form shows `raw` (the value as YAML-ish text) and the diagnostics say why.
 */
export interface RawField {
  readonly raw: string;
}

/** A text field: the string, or the raw value when it is not a string. */
export type TextField = string | RawField;

export interface ExpressionForm {
  readonly index: number;
  readonly key: TextField;
  readonly operator: TextField;
  readonly values: readonly TextField[];
}

export interface SelectorForm {
  /** False when the selector is absent (`podSelector` missing or null). */
  readonly present: boolean;
  /** `[key, value]` pairs in text order (`index` is the position in matchLabels' key order). */
  readonly matchLabels: readonly (readonly [string, string])[];
  readonly matchExpressions: readonly ExpressionForm[];
  /** Set when the selector (or one of its parts) is not of the right type. */
  readonly raw?: string;
}

export interface PodsPeer {
  readonly kind: 'pods';
  readonly index: number;
  readonly podSelector: SelectorForm;
}
export interface NamespacesPeer {
  readonly kind: 'namespaces';
  readonly index: number;
  readonly namespaceSelector: SelectorForm;
}
export interface PodsInNamespacesPeer {
  readonly kind: 'podsInNamespaces';
  readonly index: number;
  readonly podSelector: SelectorForm;
  readonly namespaceSelector: SelectorForm;
}
export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  readonly index: number;
  readonly cidr: TextField;
  readonly except: readonly TextField[];
}
/** A peer the form cannot show as one of the four kinds (empty, not a map, ipBlock mixed in). */
export interface InvalidPeer {
  readonly kind: 'invalid';
  readonly index: number;
  readonly raw: string;
}
export type PeerForm = PodsPeer | NamespacesPeer | PodsInNamespacesPeer | IpBlockPeer | InvalidPeer;

export interface PortForm {
  readonly index: number;
  readonly protocol?: TextField;
  readonly port?: number | string | RawField;
  readonly endPort?: number | RawField;
  /** Set when the port item is not a map. */
  readonly raw?: string;
}

export interface RuleForm {
  readonly index: number;
  /** `from` (ingress) or `to` (egress) is absent: every peer. */
  readonly allPeers: boolean;
  readonly peers: readonly PeerForm[];
  /** `ports` is absent: every port. */
  readonly allPorts: boolean;
  readonly ports: readonly PortForm[];
  /** Set when the rule is not a map. */
  readonly raw?: string;
}

export interface PolicyForm {
  readonly name: TextField;
  /** As written; '' when absent (the namespace then is `default`). */
  readonly namespace: TextField;
  readonly podSelector: SelectorForm;
  /** As written, or null when absent. */
  readonly policyTypes: readonly TextField[] | null;
  /** As the API server defaults them (engine `effectivePolicyTypes`). */
  readonly effectivePolicyTypes: readonly PolicyType[];
  /** Null when `spec.ingress` is absent. */
  readonly ingress: readonly RuleForm[] | null;
  readonly egress: readonly RuleForm[] | null;
}

/** The form's view of one policy text. */
export interface ParsedPolicy {
  /** Null only when the YAML does not parse to a mapping. */
  readonly form: PolicyForm | null;
  readonly yamlErrors: readonly YamlError[];
  /** The importer's validation, with paths like `spec.ingress[0].from[1]` and lines in this text. */
  readonly diagnostics: readonly Diagnostic[];
  /** The model policy when valid. */
  readonly policy: Policy | null;
}

export type TemplateParam =
  'namespace' | 'name' | 'fromNamespace' | 'controllerNamespace' | 'controllerPodLabel' | 'port';

export interface PolicyTemplate {
  readonly id: string;
  readonly title: string;
  /** Two or three sentences a half-expert understands. */
  readonly explanation: string;
  readonly params: readonly TemplateParam[];
  /** Default values for each param the UI can prefill. */
  readonly defaults: Readonly<Partial<Record<TemplateParam, string>>>;
  /** Commented YAML of one NetworkPolicy; a missing param takes its default. */
  build(params: Readonly<Partial<Record<TemplateParam, string>>>): string;
}
