import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../core';
import { defaultSymbols, startBinanceLoopback, type BinanceLoopback } from '../../venues/binance/testSupport';
import { binancePositioningSource } from './definitions';
import { openSignalStore, type SignalStore } from './signalStore';
import { SignalSources } from './signalSources';
import { InstrumentTagger } from './tagger';

const NOW = Date.parse('2026-12-07T10:02:30Z');
let venue: BinanceLoopback | undefined;
let store: SignalStore | undefined;
let dir: string | undefined;

afterEach(async () => {
  store?.close();
  await venue?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Binance USD-M positioning against the loopback venue', () => {
  it('reads funding rate, open interest and the global long/short account ratio per symbol', async () => {
    const clock = new SimulatedClock(NOW);
    const [btc, eth] = defaultSymbols('usdm');
    venue = await startBinanceLoopback({
      market: 'usdm',
      clock,
      accounts: [],
      symbols: [
        { ...btc!, positioning: { lastFundingRate: '0.00012500', openInterest: '10659.509', longAccount: '0.6442' } },
        { ...eth!, positioning: { lastFundingRate: '-0.00003100', openInterest: '245112.880', longAccount: '0.4100' } },
      ],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-positioning-'));
    store = openSignalStore(dir);
    const sources = new SignalSources({ clock, store, tagger: new InstrumentTagger([]), logger: recordingLogger() });
    sources.add(
      binancePositioningSource({
        id: 'binance-usdm',
        baseUrl: venue.restUrl,
        symbols: [
          { venueSymbol: 'BTCUSDT', instrument: 'BTC-USDT-PERP' },
          { venueSymbol: 'ETHUSDT', instrument: 'ETH-USDT-PERP' },
        ],
      }),
    );
    const readings: string[] = [];
    sources.onReadings((rs) => readings.push(...rs.map((r) => `${r.instrument} ${r.metric}`)));
    await sources.pollNow('binance-usdm');
    expect(sources.status('binance-usdm')).toMatchObject({ state: 'connected', errorCount: 0 });
    expect(readings).toHaveLength(8);

    const q = (metric: string, instrument: string) => store!.latestReadings({ metric, instrument, limit: 5 });
    const fiveMinute = Date.parse('2026-12-07T10:00:00Z');
    expect(q('fundingRate', 'BTC-USDT-PERP')).toEqual([{ source: 'binance-usdm', metric: 'fundingRate', instrument: 'BTC-USDT-PERP', value: 0.000125, ts: NOW }]);
    expect(q('fundingRate', 'ETH-USDT-PERP')[0]!.value).toBe(-0.000031);
    expect(q('openInterest', 'BTC-USDT-PERP')[0]).toMatchObject({ value: 10659.509, ts: NOW });
    expect(q('longShortRatio', 'BTC-USDT-PERP')[0]).toMatchObject({ value: 1.8106, ts: fiveMinute });
    expect(q('longAccount', 'ETH-USDT-PERP')[0]).toMatchObject({ value: 0.41, ts: fiveMinute });

    // Same period, same funding time: a second poll adds no duplicate reading of the ratio.
    await sources.pollNow('binance-usdm');
    expect(q('longShortRatio', 'BTC-USDT-PERP')).toHaveLength(1);
    sources.stop();
  });

  it('an unknown symbol is a clear source error (Binance says why)', async () => {
    const clock = new SimulatedClock(NOW);
    venue = await startBinanceLoopback({ market: 'usdm', clock, accounts: [] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-positioning-'));
    store = openSignalStore(dir);
    const sources = new SignalSources({ clock, store, tagger: new InstrumentTagger([]) });
    sources.add(binancePositioningSource({ id: 'b', baseUrl: venue.restUrl, symbols: [{ venueSymbol: 'DOGEUSDT', instrument: 'DOGE-USDT-PERP' }] }));
    await sources.pollNow('b');
    expect(sources.status('b')).toMatchObject({ state: 'error', error: 'HTTP 400' });
    sources.stop();
  });

  it('the loopback serves the documented shapes', async () => {
    const clock = new SimulatedClock(NOW);
    venue = await startBinanceLoopback({ market: 'usdm', clock, accounts: [] });
    const get = async (p: string) => (await fetch(`${venue!.restUrl}${p}`)).json() as Promise<unknown>;
    expect(await get('/fapi/v1/openInterest?symbol=BTCUSDT')).toEqual({ openInterest: '0', symbol: 'BTCUSDT', time: NOW });
    const rows = (await get('/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=1h&limit=3')) as { timestamp: string }[];
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual({ symbol: 'BTCUSDT', longShortRatio: '1.0000', longAccount: '0.5000', shortAccount: '0.5000', timestamp: String(Date.parse('2026-12-07T10:00:00Z')) });
    expect(rows.map((r) => Number(r.timestamp))).toEqual([Date.parse('2026-12-07T08:00:00Z'), Date.parse('2026-12-07T09:00:00Z'), Date.parse('2026-12-07T10:00:00Z')]);
    expect(await get('/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT')).toMatchObject({ code: -1102 });
  });
});
