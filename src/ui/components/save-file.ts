/**
 * Saves a Blob under a file name, through a temporary hidden link: the graph's PNG and SVG, the
 * connections report, the exported policies. The URL is revoked once the browser has taken it.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
