/** A live snapshot as one text the importer reads: a JSON `kind: List` of every object. */
import type { KubeObject } from './objects';

/**
 * The objects as a `v1` `List`, two-space indented (the source viewer shows it and diagnostics
 * point into it). The same objects in the same order give the same text.
 */
export function toListText(objects: readonly KubeObject[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`;
}
