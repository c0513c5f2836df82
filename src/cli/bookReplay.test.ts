import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  priceText,
  qtyText,
  renderBinanceJson,
  renderBybit,
  renderFuturesCsv,
  renderTardis,
  samplePlan,
  sortedSide,
  type Expected,
  type Plan,
  type Rendered,
} from '../engine/marketdata/sync/testSupport';
import { REPO_ROOT, runSq, type SqRun } from './testSupport';

const FUTURES_DATA = resolve(REPO_ROOT, '../shared/data/binance/futures');
const work = mkdtempSync(join(tmpdir(), 'sq-book-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real command line, as `npm run sq -- ...` does. */
const sq = (...args: string[]) => runSq(args);

function file(name: string, lines: readonly string[]): string {
  const path = join(work, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** What the CLI must print for an expected book: best `depth` levels as the venue's decimal text. */
function expectedJson(expected: Expected, depth: number) {
  const side = (s: 'bid' | 'ask') => sortedSide(expected.book, s).slice(0, depth).map(([p, q]) => [priceText(p), qtyText(q)]);
  return { bids: side('bid'), asks: side('ask'), updates: expected.updates, gaps: expected.gaps, stale: expected.stale };
}

/** The one JSON object on stdout, and nothing else there. */
function output(run: SqRun): unknown {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

type Accept = (e: Expected) => boolean;
/** The first seeded stream from `seed` on that shows what the case is about (fixed seeds: the run is deterministic). */
function pick(seed: number, drops: boolean, render: (plan: Plan) => Rendered, accept: Accept): Rendered {
  for (let s = seed; ; s++) {
    const rendered = render(samplePlan(s, drops));
    if (accept(rendered.expected)) return rendered;
  }
}

const busy: Accept = (e) => e.updates >= 15;
const formats: { format: string; ext: string; render: (plan: Plan) => Rendered; gapAccept: Accept }[] = [
  // With losses: one stream that recovers through a later snapshot, one that ends stale, and so on.
  { format: 'binance-spot-depth-jsonl', ext: 'jsonl', render: (p) => renderBinanceJson(p, 'spot'), gapAccept: (e) => e.gaps >= 2 && !e.stale },
  { format: 'binance-futures-depth-csv', ext: 'csv', render: (p) => renderFuturesCsv(p), gapAccept: (e) => e.gaps >= 1 && e.stale && e.updates > 0 },
  { format: 'bybit-ob-jsonl', ext: 'jsonl', render: (p) => renderBybit(p), gapAccept: (e) => e.gaps >= 1 },
  // Tardis has no sequence ids: a lost message cannot be seen, the book is what the rows say.
  { format: 'tardis-l2-csv', ext: 'csv', render: (p) => renderTardis(p, { leadingUpdates: 2 }), gapAccept: busy },
];

describe.concurrent('sq book-replay', () => {
  it('on the real futures recordings (snapshot file, then update file): reports the gap, applies nothing across it, stays stale', async () => {
    const snap = join(FUTURES_DATA, 'btcusdt-depth-snap.csv');
    const upd = join(FUTURES_DATA, 'btcusdt-depth-update.csv');
    // Missing real data must fail loudly, never skip.
    expect(existsSync(snap), `real market data missing: ${snap}`).toBe(true);
    expect(existsSync(upd), `real market data missing: ${upd}`).toBe(true);
    const out = output(await sq('book-replay', '--format', 'binance-futures-depth-csv', snap, upd, '--depth', '3'));
    expect(out).toEqual({
      bids: [
        ['20377.00', '1.770'],
        ['20376.90', '0.001'],
        ['20376.80', '0.009'],
      ],
      asks: [],
      updates: 0,
      gaps: 1,
      stale: true,
    });
  });

  for (const { format, ext, render, gapAccept } of formats) {
    for (const drops of [false, true]) {
      it(`${format}: a generated stream ${drops ? 'with lost messages' : 'without losses'} ends with the book a naive replay gives`, async () => {
        const { lines, expected } = pick(100, drops, render, drops ? gapAccept : busy);
        const path = file(`${format}-${drops}.${ext}`, lines);
        const depth = drops ? 5 : 10;
        const args = ['book-replay', '--format', format, path, ...(drops ? ['--depth', '5'] : [])];
        expect(output(await sq(...args))).toEqual(expectedJson(expected, depth));
      });
    }
  }

  const malformed: { format: string; ext: string; lines: () => string[]; at: number; bad: string; reason: RegExp }[] = [
    {
      format: 'binance-spot-depth-jsonl',
      ext: 'jsonl',
      lines: () => renderBinanceJson(samplePlan(11, false), 'spot').lines,
      at: 3,
      bad: '{"e":"depthUpdate","s":"BTCUSDT","U":1,"u":2,"b":[["1.00"',
      reason: /not valid JSON/,
    },
    {
      format: 'binance-futures-depth-csv',
      ext: 'csv',
      lines: () => renderFuturesCsv(samplePlan(23, false)).lines,
      at: 4,
      bad: 'BTCUSDT,1,5,5,b,snap,abc,1.000,-1',
      reason: /price "abc" is not a decimal number/,
    },
    {
      format: 'bybit-ob-jsonl',
      ext: 'jsonl',
      lines: () => renderBybit(samplePlan(37, false)).lines,
      at: 2,
      bad: '{"topic":"orderbook.50.BTCUSDT","type":"snapshot","data":{"s":"BTCUSDT","b":[],"a":[]}}',
      reason: /data: missing field "u"/,
    },
    {
      format: 'tardis-l2-csv',
      ext: 'csv',
      lines: () => renderTardis(samplePlan(41, false)).lines,
      at: 3,
      bad: 'binance-futures,BTCUSDT,1,2,true,bid,0.05,-1.000',
      reason: /amount "-1.000" is negative/,
    },
  ];
  for (const { format, ext, lines, at, bad, reason } of malformed) {
    it(`${format}: a malformed line exits 1 naming the file, the line and what is wrong, with nothing on stdout`, async () => {
      const content = lines();
      content[at - 1] = bad;
      const path = file(`bad-${format}.${ext}`, content);
      const run = await sq('book-replay', '--format', format, path);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${path}:${at}: `);
      expect(run.stderr).toMatch(reason);
    });
  }

  it('refuses a bad command line with exit 2, and a missing file with exit 1', async () => {
    const unknown = await sq('book-replay', '--format', 'lse-itch', 'x.csv');
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toMatch(/unknown format 'lse-itch'/);
    const missing = await sq('book-replay', '--format', 'tardis-l2-csv', join(work, 'nope.csv'));
    expect([missing.code, missing.stdout]).toEqual([1, '']);
    expect(missing.stderr).toMatch(/nope.csv: no such file/);
  });

  it('explains itself: sq --help lists book-replay; book-replay --help defines the counts', async () => {
    const top = await sq('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/book-replay/);
    const help = await sq('book-replay', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/updates +venue update messages applied to the book/);
    const unknown = await sq('kill-everything');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'kill-everything'/);
  });
});
