/** `explain`: an Explanation rendered as readable text, or as JSON. */
import type { DirectionVerdict, Explanation, PortsByProtocol, RuleRef } from '../engine/api';
import { containsPort, describePorts, formatPortRanges, isEmptyPorts } from './ports';

/** `ns/p spec.ingress[0].from[1] ports[0]`, saying so when the rule has no peers or no ports. */
export function formatRuleRef(ref: RuleRef): string {
  const peers = ref.direction === 'ingress' ? 'from' : 'to';
  let text = `${ref.policy} spec.${ref.direction}[${ref.rule}]`;
  text += ref.peer !== undefined ? `.${peers}[${ref.peer}]` : ` (no '${peers}': every peer)`;
  text += ref.port !== undefined ? ` ports[${ref.port}]` : ` (no 'ports': every port)`;
  return text;
}

function admitsQuery(ports: PortsByProtocol, q: Explanation['query']): boolean | undefined {
  return q === undefined ? undefined : containsPort(ports[q.protocol], q.port);
}

function renderDirection(
  title: string,
  subject: string,
  v: DirectionVerdict,
  q: Explanation['query'],
  lines: string[],
): void {
  const dir = title.startsWith('Egress') ? 'egress' : 'ingress';
  lines.push(`${title} ${subject}:`);
  if (!v.applicable) {
    lines.push(`  not governed by NetworkPolicy (${subject} is not a pod of the input): every port allowed`);
    return;
  }
  if (!v.isolated) {
    lines.push(`  not isolated: no policy selects ${subject} for ${dir}, so every port is allowed`);
    return;
  }
  lines.push(`  isolated for ${dir} by: ${v.selectedBy.join(', ')}`);
  if (v.allowedBy.length === 0) {
    lines.push(`  no rule of these policies admits the peer`);
  } else {
    lines.push(`  admitted by:`);
    for (const a of v.allowedBy) lines.push(`    ${formatRuleRef(a.ref)}: ${describePorts(a.ports)}`);
  }
  if (v.peerMatchedNoPort.length > 0) {
    lines.push(`  peer matches, but no port applies here:`);
    for (const r of v.peerMatchedNoPort) lines.push(`    ${formatRuleRef(r)}`);
  }
  const admits = admitsQuery(v.ports, q);
  const tail =
    admits === undefined || q === undefined ? '' : ` (${q.port}/${q.protocol}: ${admits ? 'yes' : 'no'})`;
  lines.push(`  ${dir} allows: ${describePorts(v.ports)}${tail}`);
}

export function renderExplanation(e: Explanation): string {
  const lines: string[] = [];
  const q = e.query;
  if (q) {
    lines.push(`${e.from} => ${e.to} on ${q.port}/${q.protocol}: ${q.allowed ? 'ALLOWED' : 'DENIED'}`);
    lines.push(`  all ports allowed end to end: ${describePorts(e.ports)}`);
  } else {
    lines.push(`${e.from} => ${e.to}: ${e.allowed ? 'ALLOWED' : 'DENIED'}`);
    lines.push(`  ports allowed end to end: ${describePorts(e.ports)}`);
  }
  const denied = q ? !q.allowed : !e.allowed;
  if (denied) {
    const blocked: string[] = [];
    for (const [name, v] of [
      ['egress of the source', e.egress],
      ['ingress of the destination', e.ingress],
    ] as const) {
      const admits = q ? admitsQuery(v.ports, q) : !isEmptyPorts(v.ports);
      if (!admits) blocked.push(name);
    }
    if (blocked.length) lines.push(`  blocked by: ${blocked.join(' and ')}`);
    else lines.push(`  each direction allows some ports, but none in common`);
  }
  lines.push('');
  renderDirection('Egress from', e.from, e.egress, q, lines);
  lines.push('');
  renderDirection('Ingress to', e.to, e.ingress, q, lines);
  if (e.notes.length) {
    lines.push('', 'Notes:');
    for (const n of e.notes) lines.push(`  - ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

function isPortsByProtocol(v: unknown): v is PortsByProtocol {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return Array.isArray(o.TCP) && Array.isArray(o.UDP) && Array.isArray(o.SCTP) && Object.keys(o).length === 3;
}

/** The Explanation as JSON, its port sets in the report's canonical strings (`"80,443"`). */
export function explanationJson(e: Explanation): string {
  return `${JSON.stringify(
    e,
    (_key, value: unknown) =>
      isPortsByProtocol(value)
        ? {
            TCP: formatPortRanges(value.TCP),
            UDP: formatPortRanges(value.UDP),
            SCTP: formatPortRanges(value.SCTP),
          }
        : value,
    2,
  )}\n`;
}
