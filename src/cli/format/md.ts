/** `--format md`: a Markdown table of the allowed pairs, canonical port strings. */
import type { PortsByProtocol } from '../../engine/api';
import { formatPortRanges, isEmptyPorts } from '../ports';
import type { Formatter } from './context';

/** Escapes what Markdown would read as table syntax, emphasis, code, links or HTML. */
export function mdCell(text: string): string {
  return text
    .replace(/[\\`*_[\]|#]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

export const formatMd: Formatter = ({ analysis }, out) => {
  const s = analysis.stats;
  out.write(
    `# Connectivity\n\n${s.endpoints} endpoints, ${s.ipRanges} IP ranges, ${s.policies} policies.\n\n`,
  );
  out.write('| From | To | TCP | UDP | SCTP |\n| --- | --- | --- | --- | --- |\n');
  const texts = new WeakMap<PortsByProtocol, string>();
  let rows = 0;
  analysis.forEachConnection((from, to, ports) => {
    if (isEmptyPorts(ports)) return;
    let p = texts.get(ports);
    if (p === undefined) {
      p = [ports.TCP, ports.UDP, ports.SCTP].map((r) => formatPortRanges(r).replace(/,/g, ', ')).join(' | ');
      texts.set(ports, p);
    }
    rows++;
    out.write(`| ${mdCell(from)} | ${mdCell(to)} | ${p} |\n`);
  });
  if (rows === 0) out.write('\nNo connections are allowed.\n');
};
