/**
 * `--format json`: the connectivity report of `shared/spec/analyze-json.md`, schema version 1.
 * One endpoint or connection per line, written as the engine visits pairs: nothing but the
 * small caches below grows with the number of pairs.
 */
import type { PortsByProtocol } from '../../engine/api';
import { portsJson } from '../../io/report';
import { isEmptyPorts } from '../ports';
import type { Formatter } from './context';

export const SCHEMA_VERSION = 1;

export { portsJson };

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

  // Ids repeat in every pair and the engine hands out few distinct port sets (interned, one per
  // class pair): encode each once and copy bytes. Measured on 27 M pairs, three byte copies per
  // pair are about 3.5 times faster than building and encoding a string per pair. The caches are
  // bounded by endpoints + ranges (ids) and by the live port-set objects (a WeakMap).
  const encoder = new TextEncoder();
  const ids = new Map<string, Uint8Array>();
  const quoted = (id: string): Uint8Array => {
    let q = ids.get(id);
    if (q === undefined) {
      q = encoder.encode(JSON.stringify(id));
      ids.set(id, q);
    }
    return q;
  };
  const portTexts = new WeakMap<PortsByProtocol, Uint8Array>();
  let from: string | undefined;
  let prefix = new Uint8Array(0); // `,\n    {"from":"x/a","to":`
  let none = true;
  analysis.forEachConnection((f, to, ports) => {
    if (isEmptyPorts(ports)) return;
    let p = portTexts.get(ports);
    if (p === undefined) {
      p = encoder.encode(`,"ports":${portsJson(ports)}}`);
      portTexts.set(ports, p);
    }
    if (f !== from) {
      from = f;
      prefix = encoder.encode(`,\n    {"from":${JSON.stringify(f)},"to":`);
    }
    out.writeBytes(none ? prefix.subarray(1) : prefix);
    none = false;
    out.writeBytes(quoted(to));
    out.writeBytes(p);
  });
  first = none;
  out.write(first ? `]\n}\n` : `\n  ]\n}\n`);
};
