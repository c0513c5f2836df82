import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CandleArchive } from './candles';

export const CANDLE_FILE = 'candles.json';

const tickInt = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const bar = z.object({ time: z.number().int(), open: tickInt, high: tickInt, low: tickInt, close: tickInt, volume: tickInt }).strict();
const archiveSchema = z.record(z.string(), z.record(z.string().regex(/^\d+$/), z.array(bar)));

/** Saves the chart history at shutdown, so a restarted terminal shows what came before. */
export function saveCandleArchive(dataDir: string, archive: CandleArchive): void {
  const file = join(dataDir, CANDLE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(archive));
  renameSync(`${file}.tmp`, file);
}

/** The saved history, or why it was not usable (a missing file is simply no history). */
export function loadCandleArchive(dataDir: string): { archive?: CandleArchive; problem?: string } {
  const file = join(dataDir, CANDLE_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed = archiveSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? { archive: parsed.data } : { problem: `${CANDLE_FILE}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  } catch (error) {
    return { problem: `${CANDLE_FILE}: ${String(error)}` };
  }
}
