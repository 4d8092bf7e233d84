/**
 * `--format dot`: a Graphviz digraph. Namespaces are clusters, pods and workloads ellipses
 * (workloads double), IP ranges boxes; each edge is labelled with its ports.
 */
import type { PortsByProtocol } from '../../engine/api';
import type { Endpoint } from '../../model';
import { describePorts, isEmptyPorts } from '../ports';
import type { Formatter } from './context';

/**
 * A DOT quoted string. DOT itself only unescapes `\"`, so a backslash is doubled (a trailing one
 * would otherwise swallow the closing quote), and line breaks and other control characters,
 * which would break the line-oriented output, become `\n` or are dropped.
 */
export function dotQuote(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${body}"`;
}

export const formatDot: Formatter = ({ analysis }, out) => {
  out.write('digraph netpol {\n  rankdir=LR;\n  node [shape=ellipse, fontsize=10];\n');
  out.write('  edge [fontsize=9];\n');
  const byNamespace = new Map<string, Endpoint[]>();
  for (const e of analysis.endpoints) {
    const list = byNamespace.get(e.namespace);
    if (list) list.push(e);
    else byNamespace.set(e.namespace, [e]);
  }
  for (const [ns, list] of byNamespace) {
    out.write(`  subgraph ${dotQuote(`cluster_${ns}`)} {\n    label=${dotQuote(ns)};\n`);
    for (const e of list) {
      const label = e.kind === 'Pod' ? e.name : `${e.name}[${e.kind}]`;
      const shape = e.kind === 'Pod' ? '' : ', peripheries=2';
      out.write(`    ${dotQuote(e.id)} [label=${dotQuote(label)}${shape}];\n`);
    }
    out.write('  }\n');
  }
  for (const r of analysis.ipRanges) out.write(`  ${dotQuote(r.id)} [shape=box];\n`);
  const texts = new WeakMap<PortsByProtocol, string>();
  analysis.forEachConnection((from, to, ports) => {
    if (isEmptyPorts(ports)) return;
    let p = texts.get(ports);
    if (p === undefined) {
      p = dotQuote(describePorts(ports));
      texts.set(ports, p);
    }
    out.write(`  ${dotQuote(from)} -> ${dotQuote(to)} [label=${p}];\n`);
  });
  out.write('}\n');
};
