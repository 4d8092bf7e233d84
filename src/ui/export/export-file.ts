/**
 * Plain helpers of the Export dialog: the file name of an export, its size in words, and the
 * browser's download and clipboard (with a fallback for pages without the async clipboard).
 */
import type { ExportScope } from '../../state/store';

/** The file name for an export: `policies.yaml`, `policies-changed.yaml`, `<ns>-<name>.yaml`. */
export function exportFileName(scope: ExportScope): string {
  if (scope === 'all') return 'policies.yaml';
  if (scope === 'changed') return 'policies-changed.yaml';
  const safe = scope.policyId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'policy'}.yaml`;
}

/** `1 policy`, `12 policies`, `3 lines`: a count with its noun (`y` after a consonant becomes `ies`). */
export function plural(n: number, word: string): string {
  const many = /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`;
  return `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
}

/** How many documents (policies) a multi-document YAML export holds. */
export function countDocuments(text: string): number {
  if (text.trim() === '') return 0;
  return text.split(/^---[ \t]*$/m).filter((part) => part.trim() !== '').length;
}

/** Offers `text` as a file download. */
export function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies `text` to the clipboard; resolves false when the browser refuses. */
export async function copyText(text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, not focused): try the selection below.
  }
  if (!fallback) return false;
  fallback.focus();
  fallback.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
