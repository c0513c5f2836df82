/**
 * Where the recorded Kite messages live (../shared/data/kite next to the repository) and how the
 * loopback venue reads them. A missing recording is an error naming the file, never a silent default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
export const KITE_DATA = resolve(REPO_ROOT, '../shared/data/kite');

/** A recording by path (absolute, or relative to KITE_DATA). */
export function readRecording(path: string): string {
  const file = resolve(KITE_DATA, path);
  if (!existsSync(file)) throw new Error(`recorded Kite message missing: ${file} (expected ../shared/data next to the repo)`);
  return readFileSync(file, 'utf8');
}

export const recordedText = readRecording;

export const recordedJson = (name: string): any => JSON.parse(recordedText(name));
