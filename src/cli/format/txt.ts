/**
 * `--format txt`: one line per allowed pair, grouped by source (a blank line between sources):
 *
 *     x/a => y/b : TCP 80,443; UDP 53
 *     x/a => y/c : All Connections
 */
import type { PortsByProtocol } from '../../engine/api';
import { describePorts, isEmptyPorts } from '../ports';
import type { Formatter } from './context';

export const formatTxt: Formatter = ({ analysis }, out) => {
  const texts = new WeakMap<PortsByProtocol, string>();
  let last: string | undefined;
  analysis.forEachConnection((from, to, ports) => {
    if (isEmptyPorts(ports)) return;
    let p = texts.get(ports);
    if (p === undefined) {
      p = describePorts(ports);
      texts.set(ports, p);
    }
    if (last !== undefined && last !== from) out.write('\n');
    last = from;
    out.write(`${from} => ${to} : ${p}\n`);
  });
  if (last === undefined) out.write('No connections are allowed.\n');
};
