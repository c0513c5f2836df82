import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock, VenueId } from '../../../core';
import { removeLeftoverTemporaries, writeFileAtomic } from '../../../secrets';
import { istTime } from '../rules/ist';
import { parseInstrumentsCsv, type KiteInstrument, type ParsedDump, type RejectedRow } from './parseInstruments';

/**
 * Kite regenerates the instruments dump once a day before the market opens; its documentation advises
 * fetching it "once a day (ideally at around 08:30 AM)" IST. So a dump belongs to the trading day that
 * starts at 08:30 IST: one fetched at 07:00 may still be yesterday's and counts for yesterday, and the
 * first load after 08:30 fetches again. Before 08:30 the previous day's cached file is the right one.
 */
const DUMP_DAY_STARTS_AT_MS = (8 * 60 + 30) * 60_000;

/** Subfolder of the data directory holding the day's dump, one file per exchange fetched. */
export const DUMP_CACHE_DIR = 'kite-instruments';

/** Fetches the dump: `GET /instruments` (all exchanges) or `GET /instruments/:exchange`; CSV text. */
export type FetchInstrumentsCsv = (exchange?: string) => Promise<string>;

export interface DailyDumpOptions {
  venue: VenueId;
  /** The data directory; the cache lives in its `kite-instruments` subfolder. */
  dataDir: string;
  clock: Clock;
  fetch: FetchInstrumentsCsv;
  /** Fetch only these exchanges (one request each); all of Kite's when absent. */
  exchanges?: readonly string[];
}

export interface DailyDump {
  /** The dump day (YYYY-MM-DD) the instruments belong to. */
  day: string;
  instruments: KiteInstrument[];
  /** Rows skipped, with the file part ("all", "NSE") they came from. */
  rejected: (RejectedRow & { part: string })[];
  /** Parts read from today's cache rather than fetched. */
  cached: string[];
}

/** The dump day at `t`: the IST date, rolled back a day before 08:30 IST. */
export function dumpDay(t: number): string {
  return istTime(t - DUMP_DAY_STARTS_AT_MS).date;
}

/**
 * Today's instruments: from the cache when this dump day's file is there, otherwise fetched, checked and
 * cached (atomically, so a crash never leaves half a file that a restart would trust), and the files of
 * earlier days removed. A fetch that fails, or a dump without a single valid row, throws: an older
 * dump is never used instead, because lot sizes, tick sizes and the listed contracts change from day
 * to day and an order sized by yesterday's lot could be wrong by a multiple.
 */
export async function loadDailyDump(options: DailyDumpOptions): Promise<DailyDump> {
  const day = dumpDay(options.clock.now());
  const dir = path.join(options.dataDir, DUMP_CACHE_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const parts = options.exchanges && options.exchanges.length > 0 ? [...options.exchanges] : [undefined];
  const result: DailyDump = { day, instruments: [], rejected: [], cached: [] };
  const keep = new Set<string>();
  for (const exchange of parts) {
    const part = exchange ?? 'all';
    const file = path.join(dir, `${day}-${part}.csv`);
    keep.add(path.basename(file));
    removeLeftoverTemporaries(file);
    const cachedText = readIfPresent(file);
    const cached = cachedText === undefined ? undefined : parseInstrumentsCsv(cachedText, options.venue);
    let parsed: ParsedDump;
    // A cached file without a usable row (edited or cut by hand) is fetched again, not trusted.
    if (cached && cached.instruments.length > 0) {
      parsed = cached;
      result.cached.push(part);
    } else {
      const text = await options.fetch(exchange);
      parsed = parseInstrumentsCsv(text, options.venue);
      if (parsed.instruments.length === 0) {
        throw new Error(`Kite's instruments dump (${part}) has no usable instrument: ${parsed.rejected[0]?.reason ?? 'no rows'}`);
      }
      writeFileAtomic(file, Buffer.from(text, 'utf8'));
    }
    result.instruments.push(...parsed.instruments);
    for (const r of parsed.rejected) result.rejected.push({ ...r, part });
  }
  removeOtherDays(dir, day, keep);
  return result;
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Earlier days' dumps are of no further use; today's other parts (another exchange) stay. */
function removeOtherDays(dir: string, day: string, keep: Set<string>): void {
  for (const name of fs.readdirSync(dir)) {
    if (keep.has(name) || name.startsWith(`${day}-`)) continue;
    if (/^\d{4}-\d{2}-\d{2}-[A-Za-z0-9]+\.csv$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
