/** Help texts, one per command. */

export const PROGRAM = 'netpol-studio';

const ENGINE_OPTIONS_HELP = `  --ipblock-matches-pods=true|false
                       whether an ipBlock matches pods whose address lies in it (default
                       true, as the upstream e2e tests expect; false for plugins such as Cilium)
  --host-network=pod|unrestricted
                       hostNetwork pods: treated like other pods (default), or left
                       unrestricted (policies neither select nor match them)`;

export const HELP: Readonly<Record<'main' | 'analyze' | 'explain' | 'generate', string>> = {
  main: `${PROGRAM}: evaluate Kubernetes NetworkPolicy exactly, from manifests on disk.

Usage: npm run --silent cli -- COMMAND [ARGS...]
       (or: npx tsx src/cli/main.ts COMMAND [ARGS...])

Commands:
  analyze PATH...      report which endpoints may talk to which, on which ports
  explain PATH... --from ID --to ID [--port 80/TCP]
                       why one connection is allowed or denied
  generate --profile P --seed N
                       write a synthetic cluster (the benchmark's input)
  help [COMMAND]       this text, or a command's

Run '${PROGRAM} COMMAND --help' for a command's options.

Exit status: 0 success; 1 problems in the input (the report of what was valid is still
printed, the problems go to standard error); 2 a mistake in the command line.
`,
  analyze: `Usage: ${PROGRAM} analyze PATH... [--format FORMAT] [options]

Reads Kubernetes manifests and reports, for every ordered pair of endpoints (pods, workloads
standing for their pods, and IP ranges outside the cluster), the ports NetworkPolicy allows.

PATH is a file, a directory (read recursively: *.yaml, *.yml, *.json) or - for standard input.
Multi-document YAML, JSON, kind: List and typed lists (PodList, ...) are accepted; objects of
other kinds are ignored. Problems in the input go to standard error, one per line, naming the
file, document, line and field; a policy the API server would reject takes no part.

Options:
  --format FORMAT      txt (default): one line per allowed pair, grouped by source
                       json: the connectivity report (shared/spec/analyze-json.md, schema 1)
                       csv: from,to,tcp,udp,sctp
                       md: a Markdown table
                       dot: a Graphviz digraph (namespaces as clusters)
                       summary: one JSON object of counts (endpoints, classes, policies,
                       namespaces, allowed pairs, isolated endpoints, diagnostics)
${ENGINE_OPTIONS_HELP}
  -q, --quiet          leave out notes of severity info (such as ignored kinds)
  -h, --help           this text

Examples:
  ${PROGRAM} analyze manifests/ --format json > report.json
  kubectl get pods,netpol,ns -A -o yaml | ${PROGRAM} analyze - --format summary
`,
  explain: `Usage: ${PROGRAM} explain PATH... --from ID --to ID [--port PORT[/PROTOCOL]] [options]

Explains the verdict for one connection: for each direction (egress of the source, ingress of
the destination) whether the endpoint is isolated, the policies that select it, the rules
(policy, direction, rule, peer and port entries) that admit the peer and with which ports, and
the rules whose peers match but whose ports do not.

ID is an endpoint id as the report prints it (ns/name for a pod, ns/name[Kind] for a workload),
an IP range (FIRST-LAST), or an IP address: the pod with that address if there is one, else the
IP range that contains it.

Options:
  --from ID            the source (required)
  --to ID              the destination (required)
  --port PORT[/PROTO]  ask about one port: 80, 80/TCP, 53/UDP, 9000/SCTP (default protocol TCP)
  --format txt|json    readable text (default) or the explanation as JSON
${ENGINE_OPTIONS_HELP}
  -q, --quiet          leave out notes of severity info (such as ignored kinds)
  -h, --help           this text

Example:
  ${PROGRAM} explain manifests/ --from frontend/web-0 --to backend/api-0 --port 8080/TCP
`,
  generate: `Usage: ${PROGRAM} generate --profile PROFILE --seed N [--format yaml|json] [--out FILE]

Writes the seeded synthetic cluster that the benchmark evaluates, so that anyone can reproduce
its figures. The same profile and seed always give the same cluster.

Options:
  --profile PROFILE    S, M, L, L-dense, XL or Stress (required)
  --seed N             a non-negative integer (required)
  --format yaml|json   yaml (default) or json, as one kind: List
  --out FILE           write to FILE instead of standard output
  -h, --help           this text

Example:
  ${PROGRAM} generate --profile M --seed 1 --out /tmp/m.yaml
  ${PROGRAM} analyze /tmp/m.yaml --format summary
`,
};
