/**
 * Plain helpers of the Export dialog: the file name of an export, its size in words, and the
 * browser's download and clipboard (with a fallback for pages without the async clipboard).
 */
import type { ExportScope } from '../../state/store';
import { saveBlob } from '../components/save-file';

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
  return text.split(/^---[ \t]*$/m).filter((part) => /^[ \t]*[^#\s]/m.test(part)).length;
}

/** Offers `text` as a file download. */
export function downloadText(text: string, name: string): void {
  saveBlob(new Blob([text], { type: 'application/yaml' }), name);
}

/** The preview shows at most this many characters (a 3 MB text area is slow to lay out). */
export const PREVIEW_LIMIT = 200_000;

/** The start of `text` for the preview, cut at a line end, and whether (and how many lines) it was cut. */
export function previewOf(text: string): { text: string; cut: boolean; lines: number } {
  if (text.length <= PREVIEW_LIMIT) return { text, cut: false, lines: 0 };
  const end = text.lastIndexOf('\n', PREVIEW_LIMIT) + 1 || PREVIEW_LIMIT;
  const head = text.slice(0, end);
  return { text: head, cut: true, lines: head.split('\n').length - 1 };
}

/**
 * Copies `text` to the clipboard; resolves false when the browser refuses. Without the async
 * clipboard, a hidden text area inside `container` (in a modal, the rest of the page is inert) is
 * selected and copied.
 */
export async function copyText(text: string, container: HTMLElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, not focused): try the selection below.
  }
  if (!container) return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  container.append(area);
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus();
  }
}
