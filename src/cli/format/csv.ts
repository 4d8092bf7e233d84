/** `--format csv`: RFC 4180, header `from,to,tcp,udp,sctp`, canonical port strings. */
import type { PortsByProtocol } from '../../engine/api';
import { formatPortRanges, isEmptyPorts } from '../ports';
import { csvField } from '../../io/report';
import type { Formatter } from './context';

export { csvField };

export const formatCsv: Formatter = ({ analysis }, out) => {
  out.write('from,to,tcp,udp,sctp\r\n');
  const texts = new WeakMap<PortsByProtocol, string>();
  analysis.forEachConnection((from, to, ports) => {
    if (isEmptyPorts(ports)) return;
    let p = texts.get(ports);
    if (p === undefined) {
      p = [ports.TCP, ports.UDP, ports.SCTP].map((r) => csvField(formatPortRanges(r))).join(',');
      texts.set(ports, p);
    }
    out.write(`${csvField(from)},${csvField(to)},${p}\r\n`);
  });
};
