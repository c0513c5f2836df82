/**
 * The Binance depth normalisers fed live by the loopback Binance venue, the way the connector will
 * feed them: open the diff stream, buffer, fetch the REST snapshot, apply; on a gap, fetch a new
 * snapshot. The book they build must be the venue's own book, and a lost event must be seen as a gap.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bookFromFuturesCsv, defaultSymbols, startBinanceLoopback, StreamReader, type BinanceLoopback } from '../../venues/binance/testSupport';
import { BinanceFuturesDepthSync } from './binanceFuturesDepth';
import { BinanceSpotDepthSync } from './binanceSpotDepth';
import type { BinanceDepthBase } from './binanceDepthBase';
import { toLots, toTicks } from './scale';
import { MapReplay, must, sortedSide } from './testSupport';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FUTURES_SNAPSHOT = resolve(REPO_ROOT, '../shared/data/binance/futures/btcusdt-depth-snap.csv');

interface Harness {
  venue: BinanceLoopback;
  stream: StreamReader;
  sync: BinanceDepthBase;
  replay: MapReplay;
  /** Messages of the stream pushed so far. */
  fed: number;
}

const depthPath = (v: BinanceLoopback) => (v.market === 'spot' ? '/api/v3/depth' : '/fapi/v1/depth');

async function snapshot(h: Harness): Promise<void> {
  const res = await fetch(`${h.venue.restUrl}${depthPath(h.venue)}?symbol=BTCUSDT&limit=1000`);
  h.replay.apply(must(h.sync.push(await res.json())));
}

/** Feeds every stream message received up to the `total`-th. */
async function feedUntil(h: Harness, total: number): Promise<void> {
  const msgs = await h.stream.waitFor(total);
  for (; h.fed < total; h.fed++) h.replay.apply(must(h.sync.push(msgs[h.fed])));
}

/** The venue's current book in the normaliser's ticks and lots, best first. */
async function venueBook(h: Harness): Promise<{ bid: [number, number][]; ask: [number, number][] }> {
  const body = await (await fetch(`${h.venue.restUrl}${depthPath(h.venue)}?symbol=BTCUSDT&limit=1000`)).json();
  const scale = h.sync.scale!;
  const conv = (levels: [string, string][]) =>
    levels.map(([p, q]): [number, number] => {
      const t = toTicks(scale, p);
      const l = toLots(scale, q);
      if (!t.ok || !l.ok) throw new Error(`level ${p} ${q} does not fit the scale`);
      return [t.value, l.value];
    });
  return { bid: conv(body.bids), ask: conv(body.asks) };
}

const syncedBook = (h: Harness) => ({ bid: sortedSide(h.replay.book, 'bid'), ask: sortedSide(h.replay.book, 'ask') });

async function start(market: 'spot' | 'usdm'): Promise<Harness> {
  const symbols =
    market === 'spot'
      ? defaultSymbols('spot')
      : defaultSymbols('usdm').map((s) => (s.symbol === 'BTCUSDT' ? { ...s, book: bookFromFuturesCsv(FUTURES_SNAPSHOT, 'BTCUSDT') } : s));
  const venue = await startBinanceLoopback({ market, accounts: [], symbols });
  const stream = await StreamReader.open(`${venue.wsUrl}/ws/btcusdt@depth@100ms`);
  const sync =
    market === 'spot'
      ? new BinanceSpotDepthSync({ venue: 'binance', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT' })
      : new BinanceFuturesDepthSync({ venue: 'binance-usdm', symbol: 'BTC-USDT-PERP', venueSymbol: 'BTCUSDT' });
  return { venue, stream, sync, replay: new MapReplay(), fed: 0 };
}

async function stop(h: Harness): Promise<void> {
  h.stream.close();
  await h.venue.stop();
}

describe.each(['spot', 'usdm'] as const)('Binance %s depth sync against the loopback venue', (market) => {
  it('builds the venue book from a snapshot and the diff stream, events buffered before the snapshot included', async () => {
    const h = await start(market);
    try {
      const x = h.venue.exchange;
      // A change lands before the snapshot is fetched: the normaliser buffers it and drops it as superseded.
      x.setLiquidity('BTCUSDT', 'BUY', '19000', '1');
      await feedUntil(h, 1);
      await snapshot(h);
      x.takeLiquidity('BTCUSDT', 'SELL', '0.5');
      x.setLiquidity('BTCUSDT', 'SELL', '30000', '2');
      x.takeLiquidity('BTCUSDT', 'BUY', '1');
      await feedUntil(h, 4);
      expect(h.sync.state).toBe('live');
      expect(h.replay.gaps).toBe(0);
      expect(syncedBook(h)).toEqual(await venueBook(h));
    } finally {
      await stop(h);
    }
  });

  it('sees a lost event as a gap, applies nothing more, and is whole again after a new snapshot', async () => {
    const h = await start(market);
    try {
      const x = h.venue.exchange;
      await snapshot(h);
      x.setLiquidity('BTCUSDT', 'SELL', '30000', '2');
      h.venue.faults.skipNextDepthEvent('BTCUSDT');
      x.setLiquidity('BTCUSDT', 'SELL', '30000', '1');
      x.setLiquidity('BTCUSDT', 'BUY', '10000', '3');
      await feedUntil(h, 2);
      expect(h.replay.gaps).toBe(1);
      expect(h.sync.state).toBe('stale');
      await snapshot(h);
      x.setLiquidity('BTCUSDT', 'BUY', '10000', '0');
      await feedUntil(h, 3);
      expect(h.sync.state).toBe('live');
      expect(syncedBook(h)).toEqual(await venueBook(h));
    } finally {
      await stop(h);
    }
  });
});
