import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const TMP_SUFFIX = '.tmp';

/**
 * Replaces `file` with `bytes` so that a crash or power cut leaves either the old file or the new one,
 * never a mix: a temporary file in the same directory (owner-only), written and fsynced, renamed over
 * the file, then the directory fsynced so that the rename itself survives a power cut. On any failure
 * the temporary file is removed and the old file is untouched.
 */
export function writeFileAtomic(file: string, bytes: Buffer): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `${path.basename(file)}.${randomBytes(6).toString('hex')}${TMP_SUFFIX}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Temporary files a crash between write and rename left beside `file`; they hold only ciphertext. */
export function removeLeftoverTemporaries(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TMP_SUFFIX)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Windows cannot open a directory to sync it and journals renames itself: there this is a no-op.
 * The same few lines as storage's fsyncDirectory (storage/journal/segmentFiles.ts), kept apart on
 * purpose: secrets sits beneath storage in the layer order and core takes no Node built-ins, so
 * there is no shared home for them yet. A fix to one belongs in the other.
 */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
