/**
 * `--format json`: the connectivity report of `shared/spec/analyze-json.md`, schema version 1.
 * One endpoint or connection per line, written as the engine visits pairs: nothing but the
 * small caches below grows with the number of pairs.
 */
import type { PortsByProtocol } from '../../engine/api';
import { formatPortRanges, isEmptyPorts } from '../ports';
import type { Formatter } from './context';

export const SCHEMA_VERSION = 1;

/** `{"TCP":"80","UDP":"","SCTP":""}` */
export function portsJson(p: PortsByProtocol): string {
  return (
    `{"TCP":"${formatPortRanges(p.TCP)}",` +
    `"UDP":"${formatPortRanges(p.UDP)}",` +
    `"SCTP":"${formatPortRanges(p.SCTP)}"}`
  );
}

export const formatJson: Formatter = ({ analysis }, out) => {
  out.write(`{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "endpoints": [`);
  let first = true;
  const item = (text: string): void => {
    out.write(first ? `\n    ${text}` : `,\n    ${text}`);
    first = false;
  };
  for (const e of analysis.endpoints) {
    item(
      `{"id":${JSON.stringify(e.id)},"kind":${JSON.stringify(e.kind)},` +
        `"namespace":${JSON.stringify(e.namespace)},"name":${JSON.stringify(e.name)}}`,
    );
  }
  for (const r of analysis.ipRanges) item(`{"id":${JSON.stringify(r.id)},"kind":"IPRange"}`);
  out.write(first ? `],\n  "connections": [` : `\n  ],\n  "connections": [`);

  // Ids repeat in every pair and the engine hands out a few distinct port sets (one per class
  // pair): cache their text. The id cache is bounded by endpoints + ranges; the WeakMap lets
  // port-set objects the engine no longer holds go.
  const ids = new Map<string, string>();
  const quoted = (id: string): string => {
    let q = ids.get(id);
    if (q === undefined) {
      q = JSON.stringify(id);
      ids.set(id, q);
    }
    return q;
  };
  const portTexts = new WeakMap<PortsByProtocol, string>();
  first = true;
  analysis.forEachConnection((from, to, ports) => {
    if (isEmptyPorts(ports)) return;
    let p = portTexts.get(ports);
    if (p === undefined) {
      p = portsJson(ports);
      portTexts.set(ports, p);
    }
    item(`{"from":${quoted(from)},"to":${quoted(to)},"ports":${p}}`);
  });
  out.write(first ? `]\n}\n` : `\n  ]\n}\n`);
};
