import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANDLE_FILE, loadCandleArchive, saveCandleArchive } from './candleArchive';
import { CandleStore } from './candles';

describe('candle archive', () => {
  it('brings the chart history back after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-candles-'));
    const before = new CandleStore([1, 60]);
    for (let i = 0; i < 500; i++) before.onTrade('SIM:BTC-USDT', 1_700_000_000_000 + i * 700, 900_000 + (i % 17), 1 + (i % 5));
    saveCandleArchive(dir, before.archive());

    const after = new CandleStore([1, 60]);
    after.restore(loadCandleArchive(dir).archive!);
    expect(after.get('SIM:BTC-USDT', 60)).toEqual(before.get('SIM:BTC-USDT', 60));
    expect(after.get('SIM:BTC-USDT', 1, 1e9)).toEqual(before.get('SIM:BTC-USDT', 1, 1e9));
    // New trades continue the restored bars.
    after.onTrade('SIM:BTC-USDT', 1_700_000_000_000 + 500 * 700, 1, 1);
    expect(after.get('SIM:BTC-USDT', 60).at(-1)!.low).toBe(1);
  });

  it('reports a damaged file instead of trusting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-candles-'));
    expect(loadCandleArchive(dir)).toEqual({});
    writeFileSync(join(dir, CANDLE_FILE), '{"SIM:X":{"60":[{"time":1,"open":-5}]}}');
    expect(loadCandleArchive(dir).problem).toMatch(/candles.json/);
    writeFileSync(join(dir, CANDLE_FILE), '{truncated');
    expect(loadCandleArchive(dir).problem).toMatch(/candles.json/);
  });
});
