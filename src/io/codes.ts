/**
 * The catalogue of importer diagnostics: every code the importer emits, its severity, its message
 * template and the Kubernetes rule it reflects. Messages of validation codes follow the API
 * server's own wording (`field.Error`: "Invalid value: 0: must be between 1 and 65535, inclusive").
 * Templates name their parameters in braces: `{value}`.
 */
import type { Diagnostic, Severity } from '../model';

export interface CodeInfo {
  readonly severity: Severity;
  readonly message: string;
  /** The Kubernetes (or YAML) rule the code reflects. */
  readonly rule: string;
}

const MUST_BE_PORT = 'must be between 1 and 65535, inclusive';

export const CODES = {
  // ---- reading text -------------------------------------------------------------------------
  YAML_SYNTAX: {
    severity: 'error',
    message: 'YAML syntax error: {reason}; the document is skipped',
    rule: 'YAML 1.1 as read by kubectl (sigs.k8s.io/yaml): a document that does not parse is rejected',
  },
  JSON_SYNTAX: {
    severity: 'error',
    message: 'JSON syntax error: {reason}; the file is skipped',
    rule: 'JSON as kubectl reads it',
  },
  YAML_TAB_TOLERATED: {
    severity: 'warning',
    message: 'tabs in the indentation of this line were read as spaces, as kubectl reads them',
    rule: "Go's YAML reader (kubectl) accepts tabs as separation space inside flow collections",
  },
  YAML_ALIAS_LIMIT: {
    severity: 'error',
    message: 'too many aliases ({detail}): an alias bomb? The document is skipped',
    rule: 'kubectl (go-yaml) rejects documents whose alias expansion is excessive (CVE-2019-11253)',
  },
  NESTING_TOO_DEEP: {
    severity: 'error',
    message: 'nesting deeper than {limit} levels; the document is skipped',
    rule: 'no Kubernetes object nests this deep; the importer caps nesting to stay safe',
  },
  TEXT_TOO_LARGE: {
    severity: 'error',
    message: 'the text is {size} characters long, over the limit of {limit}; it is skipped',
    rule: 'the importer reads at most this much text from one source',
  },
  INTERNAL_ERROR: {
    severity: 'error',
    message: 'could not read this input: {reason}',
    rule: 'an unexpected failure of the importer; the rest of the input is still read',
  },
  NOT_AN_OBJECT: {
    severity: 'error',
    message: 'expected a Kubernetes object (a map), found {found}; it is skipped',
    rule: 'every manifest document is one object (or a List of objects)',
  },
  MISSING_KIND: {
    severity: 'error',
    message: "Object 'Kind' is missing; the object is skipped",
    rule: "every object names its kind (apimachinery: Object 'Kind' is missing)",
  },
  BAD_LIST_ITEMS: {
    severity: 'error',
    message: '`items` of a {kind} must be a list, found {found}; the list is skipped',
    rule: 'metav1.List / typed lists: `items` is an array of objects',
  },
  // ---- building the snapshot ----------------------------------------------------------------
  IGNORED_KIND: {
    severity: 'info',
    message: '{count} object(s) of kind {kind} ignored: they do not take part in NetworkPolicy evaluation',
    rule: 'only Namespaces, Pods, NetworkPolicies and pod-creating workloads matter to NetworkPolicy',
  },
  FOREIGN_API_GROUP: {
    severity: 'warning',
    message: '{kind} of apiVersion {apiVersion} is not the Kubernetes {kind}; it is ignored',
    rule: 'kinds are identified by group and kind (Calico, for one, has its own NetworkPolicy)',
  },
  MISSING_API_VERSION: {
    severity: 'warning',
    message: 'apiVersion is missing; read as {apiVersion}',
    rule: "apimachinery: Object 'apiVersion' is missing (kubectl refuses such an object)",
  },
  DUPLICATE_OBJECT: {
    severity: 'warning',
    message: '{object} is defined again (first in {first}); the later definition is used',
    rule: 'kind, namespace and name identify an object; applying both leaves the later one',
  },
  OBJECT_EXCLUDED: {
    severity: 'info',
    message:
      '{object} takes no part in the evaluation: the API server would reject it ({count} error(s) above)',
    rule: 'an object that fails validation is never stored, so it selects and allows nothing',
  },
  // ---- validation (apimachinery and pkg/apis/networking/validation) -------------------------
  TYPE_MISMATCH: {
    severity: 'error',
    message: 'Invalid type: expected {expected}, found {found}',
    rule: 'strict JSON decoding of the API types (a field has the type the API declares)',
  },
  UNKNOWN_FIELD: {
    severity: 'error',
    message: 'unknown field "{field}"',
    rule: "strict field validation, kubectl's default (--validate=strict): unknown fields are rejected",
  },
  NAME_REQUIRED: {
    severity: 'error',
    message: 'Required value: name or generateName is required',
    rule: 'ValidateObjectMeta: metadata.name is required',
  },
  NAME_INVALID: {
    severity: 'warning',
    message:
      'Invalid value: {value}: {detail} (the API server would refuse this name; the object is still read)',
    rule: 'NameIsDNSSubdomain (objects) / NameIsDNSLabel (namespaces); a warning only, as netpol-analyzer evaluates such objects',
  },
  LABEL_KEY_INVALID: {
    severity: 'error',
    message: 'Invalid value: {value}: {detail}',
    rule: 'ValidateLabelName / IsQualifiedName: optional DNS-subdomain prefix and "/", name of at most 63 characters',
  },
  LABEL_VALUE_INVALID: {
    severity: 'error',
    message: 'Invalid value: {value}: {detail}',
    rule: 'IsValidLabelValue: empty, or at most 63 alphanumerics, "-", "_" or ".", alphanumeric at both ends',
  },
  SELECTOR_OPERATOR_INVALID: {
    severity: 'error',
    message: 'Invalid value: {value}: not a valid selector operator',
    rule: 'ValidateLabelSelectorRequirement: operator is In, NotIn, Exists or DoesNotExist',
  },
  SELECTOR_VALUES_REQUIRED: {
    severity: 'error',
    message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
    rule: 'ValidateLabelSelectorRequirement: In and NotIn need at least one value',
  },
  SELECTOR_VALUES_FORBIDDEN: {
    severity: 'error',
    message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    rule: 'ValidateLabelSelectorRequirement: Exists and DoesNotExist take no values',
  },
  PEER_REQUIRED: {
    severity: 'error',
    message: 'Required value: must specify a peer',
    rule: 'ValidateNetworkPolicyPeer: a peer sets podSelector, namespaceSelector or ipBlock',
  },
  PEER_IPBLOCK_COMBINED: {
    severity: 'error',
    message: 'Forbidden: may not specify both ipBlock and another peer',
    rule: 'ValidateNetworkPolicyPeer: ipBlock stands alone',
  },
  CIDR_REQUIRED: {
    severity: 'error',
    message: 'Required value',
    rule: 'ValidateIPBlock: ipBlock.cidr is required',
  },
  CIDR_INVALID: {
    severity: 'error',
    message: 'Invalid value: {value}: must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    rule: 'ValidateIPBlock / IsValidCIDR',
  },
  CIDR_HOST_BITS: {
    severity: 'warning',
    message: 'the address {value} has host bits set; it is read as {canonical}',
    rule: 'the API server accepts a CIDR with host bits set and masks them (it warns on create)',
  },
  EXCEPT_NOT_SUBSET: {
    severity: 'error',
    message: 'Invalid value: {value}: must be a strict subset of `cidr`',
    rule: 'ValidateIPBlock: each except lies inside cidr, with a longer prefix',
  },
  PORT_OUT_OF_RANGE: {
    severity: 'error',
    message: `Invalid value: {value}: ${MUST_BE_PORT}`,
    rule: 'IsValidPortNum',
  },
  PORT_NAME_INVALID: {
    severity: 'error',
    message: 'Invalid value: {value}: {detail}',
    rule: 'IsValidPortName (IANA_SVC_NAME): 1-15 lowercase alphanumerics or "-", a letter, no "--", no "-" at either end',
  },
  END_PORT_NON_NUMERIC_PORT: {
    severity: 'error',
    message: 'Invalid value: {value}: may not be specified when `port` is non-numeric',
    rule: 'ValidateNetworkPolicyPort: endPort only with a numeric port',
  },
  END_PORT_WITHOUT_PORT: {
    severity: 'error',
    message: 'Invalid value: {value}: may not be specified when `port` is not specified',
    rule: 'ValidateNetworkPolicyPort: endPort only with a numeric port',
  },
  END_PORT_BELOW_PORT: {
    severity: 'error',
    message: 'Invalid value: {value}: must be greater than or equal to `port`',
    rule: 'ValidateNetworkPolicyPort: endPort >= port',
  },
  PROTOCOL_UNSUPPORTED: {
    severity: 'error',
    message: 'Unsupported value: {value}: supported values: "TCP", "UDP", "SCTP"',
    rule: 'ValidateNetworkPolicyPort / validateContainerPorts: protocol is TCP, UDP or SCTP (case matters)',
  },
  POLICY_TYPES_TOO_MANY: {
    severity: 'error',
    message: 'Invalid value: {value}: may not specify more than two policyTypes',
    rule: 'ValidateNetworkPolicySpec: at most two policyTypes',
  },
  POLICY_TYPE_UNSUPPORTED: {
    severity: 'error',
    message: 'Unsupported value: {value}: supported values: "Ingress", "Egress"',
    rule: 'ValidateNetworkPolicySpec: policyTypes are Ingress or Egress',
  },
  CONTAINER_PORT_REQUIRED: {
    severity: 'error',
    message: 'Required value',
    rule: 'validateContainerPorts: containerPort is required',
  },
  CONTAINER_PORT_NAME_DUPLICATE: {
    severity: 'error',
    message: 'Duplicate value: {value}',
    rule: 'validateContainerPorts: port names are unique within a container',
  },
  POD_IP_INVALID: {
    severity: 'warning',
    message: 'Invalid value: {value}: must be a valid IP address; the address is ignored',
    rule: 'ValidatePodStatusUpdate: podIPs are valid IP addresses',
  },
  // ---- the policy editor ---------------------------------------------------------------------
  NOT_A_NETWORK_POLICY: {
    severity: 'error',
    message: '{detail}',
    rule: 'the policy editor edits one networking.k8s.io/v1 NetworkPolicy object per text',
  },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export type Params = Readonly<Record<string, string | number>>;

/** Fills a template: `{name}` takes `params.name`. */
export function formatMessage(code: Code, params: Params = {}): string {
  return CODES[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

type Where = Omit<Diagnostic, 'code' | 'severity' | 'message'>;

/** A diagnostic of `code` with its catalogue severity and message. */
export function makeDiagnostic(code: Code, params: Params, where: Where, severity?: Severity): Diagnostic {
  return { code, severity: severity ?? CODES[code].severity, message: formatMessage(code, params), ...where };
}

/** A value as the API server prints it in `Invalid value: ...`: strings quoted, numbers bare. */
export function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(printValue).join(', ')}]`;
  return '{...}';
}
