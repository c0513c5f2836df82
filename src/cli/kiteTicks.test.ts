import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeFrame, encodeFramesFile, encodePacket, recordedPacket } from '../engine/venues/kite/ticker/testSupport';
import { runSq, type SqRun } from './testSupport';

const work = mkdtempSync(join(tmpdir(), 'sq-kite-ticks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real command line, as `npm run -s sq -- kite ticks <file>` does. */
const sq = (...args: string[]) => runSq(args);

const lines = (run: SqRun) => run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('sq kite ticks', () => {
  const quote = recordedPacket('quote');
  const full = recordedPacket('full');

  it('prints one JSON line per packet with exact rupee prices, says which frame is cut and malformed, and goes on', async () => {
    const mcx = encodePacket({ kind: 'ltp', token: (53_000 << 8) | 7, lastPrice: 602_350 });
    const index = encodePacket({ kind: 'indexFull', token: (256 << 8) | 9, lastPrice: 2_415_020, high: 2_420_000, low: 2_401_005, open: 2_405_000, close: 2_410_000, change: 5_020, exchangeTimestamp: 1_625_461_887 });
    const cutFrame = encodeFrame([quote, full]).subarray(0, 80);
    const file = join(work, 'frames.bin');
    writeFileSync(
      file,
      encodeFramesFile([
        encodeFrame([full]), // frame 1
        new Uint8Array([0]), // frame 2: heartbeat
        cutFrame, // frame 3: its second packet cut
        encodeFrame([new Uint8Array(11), quote, mcx, index]), // frame 4: an unknown packet, then three good ones
        encodeFrame([quote.subarray(0, 8)]), // frame 5
      ]),
    );
    const run = await sq('kite', 'ticks', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // some frames were bad
    const out = lines(run);
    expect(out.map((l) => l.error ?? `${l.mode}`)).toEqual([
      'full',
      'quote', // frame 3's first packet, before the cut
      'frame 3: frame cut: packet 2 of 2 is 184 bytes, 30 left',
      'frame 4: packet 1 of 4: unknown packet length 11',
      'quote',
      'ltp',
      'full',
      'ltp',
    ]);
    expect(out[0]).toMatchObject({
      instrument_token: 408065,
      mode: 'full',
      tradable: true,
      last_price: '1573.70',
      last_traded_quantity: 7,
      average_traded_price: '1570.37',
      volume_traded: 1192471,
      total_buy_quantity: 256443,
      total_sell_quantity: 363009,
      ohlc: { open: '1569.15', high: '1575.00', low: '1561.05', close: '1567.80' },
      last_trade_time: '2021-07-05T05:11:27.000Z',
      exchange_timestamp: '2021-07-05T05:11:27.000Z',
      oi: 0,
      oi_day_high: 0,
      oi_day_low: 0,
    });
    const depth = out[0]!.depth as { buy: unknown[]; sell: unknown[] };
    expect(depth.buy[0]).toEqual({ quantity: 5, price: '1573.40', orders: 1 });
    expect(depth.sell.at(-1)).toEqual({ quantity: 724, price: '1573.95', orders: 5 });
    expect(out[5]).toEqual({ instrument_token: (53_000 << 8) | 7, mode: 'ltp', tradable: true, last_price: '6023.50' });
    expect(out[6]).toEqual({
      instrument_token: 65_545,
      mode: 'full',
      tradable: false,
      last_price: '24150.20',
      ohlc: { open: '24050.00', high: '24200.00', low: '24010.05', close: '24100.00' },
      change: '50.20',
      exchange_timestamp: '2021-07-05T05:11:27.000Z',
    });
    expect(out[7]).toEqual({ instrument_token: 408065, mode: 'ltp', tradable: true, last_price: '1573.15' });
  });

  it('names a frame cut at the end of the file, after printing every whole one', async () => {
    const file = join(work, 'cut.bin');
    const whole = encodeFramesFile([encodeFrame([quote]), encodeFrame([full])]);
    writeFileSync(file, whole.subarray(0, whole.length - 100));
    const run = await sq('kite', 'ticks', file);
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual([expect.objectContaining({ mode: 'quote' }), { error: 'frame 2: cut at the end of the file (188 bytes announced, 88 present)' }]);
  });

  it('exits 0 on a clean file, and refuses a missing file or a bad command line clearly', async () => {
    const file = join(work, 'clean.bin');
    writeFileSync(file, encodeFramesFile([encodeFrame([quote, full])]));
    const clean = await sq('kite', 'ticks', file);
    expect(clean.code).toBe(0);
    expect(lines(clean)).toHaveLength(2);
    const missing = await sq('kite', 'ticks', join(work, 'nope.bin'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const bad = await sq('kite', 'tocks', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown subcommand 'tocks'");
  });
});
