/**
 * The name a CSV export is saved under. The engine suggests one (it knows what the export holds); it
 * is used as a plain file name only: any folder part or character a file system refuses is dropped,
 * so a reply can never make the download land outside the downloads folder or fail to save.
 */
export function csvFileName(suggested: string | undefined, fallback = 'audit.csv'): string {
  const last = (suggested ?? '').split(/[\\/]/).pop() ?? '';
  // Control characters and the ones Windows forbids; leading dots would hide the file or mean "up".
  const clean = last.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 120);
  if (clean === '') return fallback;
  return /\.csv$/i.test(clean) ? clean : `${clean}.csv`;
}
