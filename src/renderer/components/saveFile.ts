/**
 * Saves text as a file through the browser's download (Electron shows its save dialog): a Blob behind
 * an object URL, clicked from a temporary link. The URL is released a little later, not at once: the
 * download reads the Blob asynchronously and fails if it is revoked first.
 */
export function saveTextFile(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
