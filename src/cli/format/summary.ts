/**
 * `--format summary`: one JSON object of counts.
 *
 * `isolated.ingress` / `isolated.egress` count endpoints isolated in that direction (whatever the
 * other), `both` those isolated in both, `neither` those no policy isolates. `allowedPairs` is the
 * number of entries of the json report's `connections` (IP ranges included); `classPairs` the
 * allowed pairs of endpoint classes the engine evaluated.
 */
import type { Severity } from '../../model';
import type { Formatter, ReportInput } from './context';

export interface Summary {
  endpoints: number;
  pods: number;
  workloads: number;
  hostNetworkPods: number;
  classes: number;
  policies: number;
  namespaces: number;
  ipRanges: number;
  allowedPairs: number;
  classPairs: number;
  isolated: { ingress: number; egress: number; both: number; neither: number };
  diagnostics: Record<Severity, number>;
  ignored: Record<string, number>;
}

export function summarize({ analysis, diagnostics, ignored }: ReportInput): Summary {
  const s = analysis.stats;
  const isolated = { ingress: 0, egress: 0, both: 0, neither: 0 };
  let pods = 0;
  let hostNetworkPods = 0;
  for (const e of analysis.endpoints) {
    if (e.kind === 'Pod') pods++;
    if (e.hostNetwork) hostNetworkPods++;
    const iso = analysis.isolation(e.id);
    const i = iso?.ingress === true;
    const o = iso?.egress === true;
    if (i) isolated.ingress++;
    if (o) isolated.egress++;
    if (i && o) isolated.both++;
    if (!i && !o) isolated.neither++;
  }
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) bySeverity[d.severity]++;
  return {
    endpoints: s.endpoints,
    pods,
    workloads: analysis.endpoints.length - pods,
    hostNetworkPods,
    classes: s.classes,
    policies: s.policies,
    namespaces: s.namespaces,
    ipRanges: s.ipRanges,
    allowedPairs: analysis.countConnections(),
    classPairs: s.classPairs,
    isolated,
    diagnostics: bySeverity,
    ignored: { ...ignored },
  };
}

export const formatSummary: Formatter = (input, out) => {
  out.write(`${JSON.stringify(summarize(input), null, 2)}\n`);
};
