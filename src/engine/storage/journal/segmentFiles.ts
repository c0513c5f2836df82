import fs from 'node:fs';
import path from 'node:path';

/** Where the journal lives inside the engine's data directory. */
export const JOURNAL_DIR = 'journal';

const SEGMENT_NAME = /^journal-(\d{20})\.log$/;
const SNAPSHOT_NAME = /^snapshot-(\d{20})\.snap$/;
export const TMP_SUFFIX = '.tmp';

// Zero-padded so that a plain directory listing sorts in sequence order too (for people and tools).
const pad = (seq: number): string => String(seq).padStart(20, '0');

export const segmentName = (firstSeq: number): string => `journal-${pad(firstSeq)}.log`;
export const snapshotName = (seq: number): string => `snapshot-${pad(seq)}.snap`;

export interface NamedFile {
  seq: number;
  file: string;
}

export interface DirListing {
  /** Segments by first sequence, ascending. */
  segments: NamedFile[];
  /** Snapshots by sequence, ascending. */
  snapshots: NamedFile[];
  /** Leftovers of an interrupted snapshot write. */
  temporaries: string[];
}

export function listJournalDir(dir: string): DirListing {
  const segments: NamedFile[] = [];
  const snapshots: NamedFile[] = [];
  const temporaries: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const seg = SEGMENT_NAME.exec(name);
    if (seg) segments.push({ seq: Number(seg[1]), file: path.join(dir, name) });
    const snap = SNAPSHOT_NAME.exec(name);
    if (snap) snapshots.push({ seq: Number(snap[1]), file: path.join(dir, name) });
    if (name.endsWith(TMP_SUFFIX)) temporaries.push(path.join(dir, name));
  }
  const bySeq = (a: NamedFile, b: NamedFile): number => a.seq - b.seq;
  return { segments: segments.sort(bySeq), snapshots: snapshots.sort(bySeq), temporaries };
}

/**
 * Makes a directory entry change (a created, renamed or removed file) durable. Without it a power cut
 * can lose a new segment or a renamed snapshot even though the file's own data was fsynced.
 * Windows cannot open a directory for syncing and journals its metadata itself, so there it is a no-op.
 */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
