import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../core';
import { DUMP_CACHE_DIR, dumpDay, loadDailyDump, type FetchInstrumentsCsv } from './dailyDump';

const REPO_ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));
const ALL = readFileSync(resolve(REPO_ROOT, '../shared/data/kite/instruments_all.csv'), 'utf8');
const NSE = readFileSync(resolve(REPO_ROOT, '../shared/data/kite/instruments_nse.csv'), 'utf8');

/** 2026-12-07 at hh:mm IST as ms since epoch. */
const ist = (day: number, hh: number, mm: number): number => Date.UTC(2026, 11, day, hh, mm) - 330 * 60_000;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sq-kite-dump-'));
  dirs.push(d);
  return d;
}

/** A fetch that answers from the recorded dumps and remembers what it was asked for. */
function recordingFetch(answer: (exchange?: string) => string = (e) => (e === 'NSE' ? NSE : ALL)): FetchInstrumentsCsv & { calls: (string | undefined)[] } {
  const calls: (string | undefined)[] = [];
  const fetch = async (exchange?: string): Promise<string> => {
    calls.push(exchange);
    return answer(exchange);
  };
  return Object.assign(fetch, { calls });
}

describe("Kite's daily instruments dump", () => {
  it('the dump day starts at 08:30 IST', () => {
    expect(dumpDay(ist(7, 8, 29))).toBe('2026-12-06');
    expect(dumpDay(ist(7, 8, 30))).toBe('2026-12-07');
    expect(dumpDay(ist(7, 23, 59))).toBe('2026-12-07');
    expect(dumpDay(ist(8, 2, 0))).toBe('2026-12-07');
  });

  it('is fetched once per dump day and reused on restart the same day', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock(ist(7, 9, 0));
    const fetch = recordingFetch();
    const first = await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    expect(fetch.calls).toEqual([undefined]);
    expect(first.cached).toEqual([]);
    expect(first.day).toBe('2026-12-07');
    expect(readdirSync(join(dir, DUMP_CACHE_DIR))).toEqual(['2026-12-07-all.csv']);

    clock.set(ist(7, 22, 0));
    const again = await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    expect(fetch.calls).toEqual([undefined]);
    expect(again.cached).toEqual(['all']);
    expect(again.instruments.map((k) => k.instrument.symbol)).toEqual(first.instruments.map((k) => k.instrument.symbol));
  });

  it('is stale after the next 08:30 IST: fetched again and the old day removed', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock(ist(7, 9, 0));
    const fetch = recordingFetch();
    await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    clock.set(ist(8, 7, 0)); // before 08:30: still the 7th's dump
    await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    expect(fetch.calls).toHaveLength(1);
    clock.set(ist(8, 8, 31));
    const next = await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    expect(fetch.calls).toHaveLength(2);
    expect(next.day).toBe('2026-12-08');
    expect(readdirSync(join(dir, DUMP_CACHE_DIR))).toEqual(['2026-12-08-all.csv']);
  });

  it('fetches the exchanges asked for, one request and one file each', async () => {
    const dir = dataDir();
    const fetch = recordingFetch();
    const dump = await loadDailyDump({ venue: 'kite', dataDir: dir, clock: new SimulatedClock(ist(7, 9, 0)), fetch, exchanges: ['NSE'] });
    expect(fetch.calls).toEqual(['NSE']);
    expect(dump.instruments.every((k) => k.instrument.exchange === 'NSE')).toBe(true);
    expect(existsSync(join(dir, DUMP_CACHE_DIR, '2026-12-07-NSE.csv'))).toBe(true);
  });

  it('a dump without one usable row throws and caches nothing; bad rows alone are reported', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock(ist(7, 9, 0));
    await expect(loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch: recordingFetch(() => '<html>502 Bad Gateway</html>') })).rejects.toThrow(
      /no usable instrument: not Kite's instruments CSV/,
    );
    expect(readdirSync(join(dir, DUMP_CACHE_DIR))).toEqual([]);

    const withBadRow = `${ALL.trimEnd()}\n1,1,BROKEN,X,0,,0,zero,1,EQ,NSE,NSE\n`;
    const dump = await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch: recordingFetch(() => withBadRow) });
    expect(dump.rejected).toEqual([{ part: 'all', line: ALL.trimEnd().split('\n').length + 1, reason: expect.stringMatching(/tick_size/) }]);
  });

  it('a failed fetch throws: yesterday is never used in place of today', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock(ist(7, 9, 0));
    await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch: recordingFetch() });
    clock.set(ist(8, 9, 0));
    const failing: FetchInstrumentsCsv = async () => {
      throw new Error('TokenException: Incorrect `api_key` or `access_token`.');
    };
    await expect(loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch: failing })).rejects.toThrow(/TokenException/);
  });

  it("a cached file cut by hand is fetched again, not trusted", async () => {
    const dir = dataDir();
    const clock = new SimulatedClock(ist(7, 9, 0));
    const fetch = recordingFetch();
    await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    writeFileSync(join(dir, DUMP_CACHE_DIR, '2026-12-07-all.csv'), 'instrument_tok');
    const dump = await loadDailyDump({ venue: 'kite', dataDir: dir, clock, fetch });
    expect(fetch.calls).toHaveLength(2);
    expect(dump.cached).toEqual([]);
    expect(dump.instruments.length).toBeGreaterThan(0);
  });
});
