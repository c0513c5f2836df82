import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimulatedClock } from '../../core';
import { openJournal, type Journal, type JournalOptions } from './journal';
import type { Recovery } from './recovery';
import { JOURNAL_DIR } from './segmentFiles';

/** Test helpers shared by the journal's tests (not part of the public API). */

const made: string[] = [];

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-journal-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const journalDirOf = (dataDir: string): string => path.join(dataDir, JOURNAL_DIR);

/** Opens and expects success; the options default to no fsync (tests of format, not of the disk). */
export function openOk(dataDir: string, options: Partial<JournalOptions> = {}): { journal: Journal; recovery: Recovery } {
  const opened = openJournal(dataDir, { clock: new SimulatedClock(0), fsync: { mode: 'none' }, ...options });
  if (!opened.ok) throw new Error(`expected the journal to open: ${opened.error.message}`);
  return opened.value;
}

export interface StoredRecord {
  seq: number;
  type: number;
  payload: number[];
}

/** Every record replay gives, checked both ways (framing only, and with the CRC recomputed). */
export function replayAll(journal: Journal, fromSeq?: number): StoredRecord[] {
  const read = (verifyCrc: boolean): StoredRecord[] => {
    const out: StoredRecord[] = [];
    journal.replay((seq, type, payload) => out.push({ seq, type, payload: [...payload] }), { verifyCrc, ...(fromSeq === undefined ? {} : { fromSeq }) });
    return out;
  };
  const framed = read(false);
  const verified = read(true);
  if (JSON.stringify(framed) !== JSON.stringify(verified)) throw new Error('replay with and without CRC verification differ');
  return verified;
}

export function segmentFiles(dataDir: string): string[] {
  const dir = journalDirOf(dataDir);
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith('journal-'))
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * Where each record of a segment file ends, found by walking the length fields only. Written
 * independently of the reader under test, from the documented layout (16-byte segment header,
 * 17-byte record header with the length at +4).
 */
export function recordEnds(file: string): number[] {
  const data = fs.readFileSync(file);
  const ends: number[] = [];
  for (let at = 16; at + 17 <= data.length; ) {
    at += 17 + data.readUInt32LE(at + 4);
    if (at > data.length) break;
    ends.push(at);
  }
  return ends;
}

export function flipBit(file: string, byteOffset: number, bit: number): void {
  const data = fs.readFileSync(file);
  data[byteOffset] = data[byteOffset]! ^ (1 << bit);
  fs.writeFileSync(file, data);
}

/**
 * Waits (real time, without asserting on it) until `condition` holds: for work on libuv's thread
 * pool, such as an fsync, to finish and its callback to run.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let polls = 0; !condition(); polls++) {
    if (polls > 30_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, polls < 100 ? 0 : 1));
  }
}
