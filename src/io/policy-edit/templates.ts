/**
 * Templates for new policies: the common patterns, each explaining itself in its text and in its
 * YAML comments, so that a person who half-knows NetworkPolicy can start from the right one.
 */
import { API_VERSION, KIND, yamlScalar } from './texts';
import type { PolicyTemplate, TemplateParam } from './types';

type Params = Readonly<Partial<Record<TemplateParam, string>>>;

const q = yamlScalar;

function head(name: string, namespace: string, comment: string): string {
  return `# ${comment}
apiVersion: ${API_VERSION}
kind: ${KIND}
metadata:
  name: ${q(name)}
  namespace: ${q(namespace)}
spec:
`;
}

/** `key=value` as a label pair; a bare value is read as `app.kubernetes.io/name=value`. */
export function labelPair(text: string): readonly [string, string] {
  const eq = text.indexOf('=');
  if (eq < 0) return ['app.kubernetes.io/name', text.trim()];
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

/** A port as YAML: a number when it is all digits, else a (named) port string. */
function portValue(text: string): string {
  const t = text.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : q(t);
}

interface Spec {
  readonly id: string;
  readonly title: string;
  readonly explanation: string;
  readonly params: readonly TemplateParam[];
  readonly defaults: Readonly<Partial<Record<TemplateParam, string>>>;
  readonly body: (p: Required<Params>) => string;
}

const NS = { namespace: 'default' } as const;

const SPECS: readonly Spec[] = [
  {
    id: 'deny-ingress',
    title: 'Default deny ingress',
    explanation:
      'Selects every pod of the namespace and allows no incoming traffic. Other policies then open exactly what each pod needs; outgoing traffic is not affected.',
    params: ['namespace', 'name'],
    defaults: { ...NS, name: 'default-deny-ingress' },
    body: (p) =>
      head(p.name, p.namespace, 'Deny all incoming traffic to every pod of the namespace.') +
      `  # {} selects every pod of the namespace.
  podSelector: {}
  # Ingress with no ingress rules: nothing may come in, except what other policies allow.
  policyTypes:
    - Ingress
`,
  },
  {
    id: 'deny-egress',
    title: 'Default deny egress',
    explanation:
      'Selects every pod of the namespace and allows no outgoing traffic, not even DNS. Add an "Allow DNS" policy next to it, or pods cannot resolve names.',
    params: ['namespace', 'name'],
    defaults: { ...NS, name: 'default-deny-egress' },
    body: (p) =>
      head(p.name, p.namespace, 'Deny all outgoing traffic from every pod of the namespace.') +
      `  # {} selects every pod of the namespace.
  podSelector: {}
  # Egress with no egress rules: nothing may go out (DNS included), except what other policies allow.
  policyTypes:
    - Egress
`,
  },
  {
    id: 'deny-all',
    title: 'Default deny ingress and egress',
    explanation:
      'Selects every pod of the namespace and allows no traffic in either direction. Every connection then needs a policy that allows it, DNS included.',
    params: ['namespace', 'name'],
    defaults: { ...NS, name: 'default-deny-all' },
    body: (p) =>
      head(p.name, p.namespace, 'Deny all traffic to and from every pod of the namespace.') +
      `  # {} selects every pod of the namespace.
  podSelector: {}
  # Both directions isolated, with no rules: nothing in, nothing out.
  policyTypes:
    - Ingress
    - Egress
`,
  },
  {
    id: 'allow-dns',
    title: 'Allow DNS egress',
    explanation:
      'Lets every pod of the namespace ask the cluster DNS (kube-dns pods in kube-system) on UDP and TCP port 53. Needed as soon as egress is denied by default.',
    params: ['namespace', 'name'],
    defaults: { ...NS, name: 'allow-dns-egress' },
    body: (p) =>
      head(p.name, p.namespace, 'Allow every pod of the namespace to query the cluster DNS.') +
      `  podSelector: {}
  policyTypes:
    - Egress
  egress:
    # One peer with both selectors: pods labelled k8s-app=kube-dns IN the kube-system namespace.
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`,
  },
  {
    id: 'allow-same-namespace',
    title: 'Allow traffic within the namespace',
    explanation:
      'Lets every pod of the namespace receive traffic from any other pod of the same namespace. Traffic from other namespaces stays as other policies decide.',
    params: ['namespace', 'name'],
    defaults: { ...NS, name: 'allow-same-namespace' },
    body: (p) =>
      head(p.name, p.namespace, 'Allow pods of the namespace to reach each other.') +
      `  podSelector: {}
  policyTypes:
    - Ingress
  ingress:
    # A podSelector without a namespaceSelector means pods of this policy's own namespace.
    - from:
        - podSelector: {}
`,
  },
  {
    id: 'allow-from-namespace',
    title: 'Allow from a namespace',
    explanation:
      'Lets every pod of another namespace reach every pod of this one, on any port. The other namespace is matched by its name label, which Kubernetes sets on every namespace.',
    params: ['namespace', 'fromNamespace', 'name'],
    defaults: { ...NS, fromNamespace: 'frontend', name: 'allow-from-namespace' },
    body: (p) =>
      head(
        p.name,
        p.namespace,
        `Allow every pod of namespace ${p.fromNamespace} to reach the pods of this namespace.`,
      ) +
      `  podSelector: {}
  policyTypes:
    - Ingress
  ingress:
    # A namespaceSelector alone: every pod of the matching namespaces.
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${q(p.fromNamespace)}
`,
  },
  {
    id: 'allow-from-ingress-controller',
    title: 'Allow from the ingress controller',
    explanation:
      'Lets the ingress controller pods (by default ingress-nginx in namespace ingress-nginx) reach every pod of this namespace. Traffic from the internet arrives through them, so this is what makes your Ingress routes work under a default deny.',
    params: ['namespace', 'controllerNamespace', 'controllerPodLabel', 'name'],
    defaults: {
      ...NS,
      controllerNamespace: 'ingress-nginx',
      controllerPodLabel: 'app.kubernetes.io/name=ingress-nginx',
      name: 'allow-from-ingress-controller',
    },
    body: (p) => {
      const [key, value] = labelPair(p.controllerPodLabel);
      return (
        head(p.name, p.namespace, 'Allow the ingress controller to reach the pods of this namespace.') +
        `  podSelector: {}
  policyTypes:
    - Ingress
  ingress:
    # One peer with both selectors: the controller pods IN the controller's namespace.
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${q(p.controllerNamespace)}
          podSelector:
            matchLabels:
              ${q(key)}: ${q(value)}
`
      );
    },
  },
  {
    id: 'allow-monitoring',
    title: 'Allow monitoring on a port',
    explanation:
      "Lets the monitoring system (every pod of namespace monitoring, by default) scrape the pods of this namespace on one port only, by default the container port named metrics. A named port matches each pod's own port of that name.",
    params: ['namespace', 'fromNamespace', 'port', 'name'],
    defaults: { ...NS, fromNamespace: 'monitoring', port: 'metrics', name: 'allow-monitoring' },
    body: (p) =>
      head(p.name, p.namespace, `Allow namespace ${p.fromNamespace} to scrape the pods of this namespace.`) +
      `  podSelector: {}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${q(p.fromNamespace)}
      # Only this port; a name refers to the pod's container port of that name.
      ports:
        - protocol: TCP
          port: ${portValue(p.port)}
`,
  },
  {
    id: 'allow-internet-egress',
    title: 'Allow egress to the internet',
    explanation:
      'Lets every pod of the namespace open connections to public addresses, but not to the private ranges (10/8, 172.16/12, 192.168/16) where the cluster and internal networks usually live. Pods inside the cluster are reached through other policies.',
    params: ['namespace', 'name'],
    defaults: { ...NS, name: 'allow-internet-egress' },
    body: (p) =>
      head(p.name, p.namespace, 'Allow traffic to the internet, but not to private address ranges.') +
      `  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        # Every IPv4 address except the private ranges (RFC 1918).
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16
`,
  },
];

const ALL_DEFAULTS: Required<Params> = {
  namespace: 'default',
  name: 'policy',
  fromNamespace: 'frontend',
  controllerNamespace: 'ingress-nginx',
  controllerPodLabel: 'app.kubernetes.io/name=ingress-nginx',
  port: '80',
};

function fill(spec: Spec, params: Params): Required<Params> {
  const out: Record<TemplateParam, string> = { ...ALL_DEFAULTS, ...spec.defaults };
  for (const key of Object.keys(params) as TemplateParam[]) {
    const v = params[key];
    if (v !== undefined && v.trim() !== '') out[key] = v.trim();
  }
  return out;
}

/** Templates for new policies, each explaining itself; `build` gives commented YAML. */
export const TEMPLATES: readonly PolicyTemplate[] = SPECS.map((spec) => ({
  id: spec.id,
  title: spec.title,
  explanation: spec.explanation,
  params: spec.params,
  defaults: spec.defaults,
  build: (params: Params) => spec.body(fill(spec, params)),
}));
