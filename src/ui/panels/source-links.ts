/** Opening a policy's YAML at the lines of one of its parts. */
import { locateInSource } from '../../io/locate';
import type { Policy } from '../../model';
import { useStudio } from '../../state/store';

/**
 * Opens the source viewer on `policy` at the lines of `path` within it (`['spec','ingress',0]`),
 * located in the source text; falls back to the object's first line. False when the policy has
 * no source (it did not come from text).
 */
export function openPolicySource(policy: Policy, path: readonly (string | number)[] = []): boolean {
  const src = policy.source;
  if (!src) return false;
  const { sources, openSource } = useStudio.getState();
  const text = sources.find((s) => s.name === src.file)?.text;
  const span = text === undefined ? undefined : locateInSource(text, src.doc, src.item, path, src.line);
  if (span) openSource({ sourceName: src.file, line: span.line, endLine: span.endLine });
  else if (src.line !== undefined) openSource({ sourceName: src.file, line: src.line });
  else openSource({ sourceName: src.file });
  return true;
}
