import { afterEach, describe, expect, it } from 'vitest';
import { LiveClock, recordingLogger, type VenueEvent } from '../../core';
import { CcxtAdapter, ccxtSettingsOf } from '../../venues';
import { ccxtBinanceLoopback, waitUntil, type CcxtLoopback } from '../../venues/ccxt/testSupport';
import { CcxtMarketFeed } from './ccxtMarketFeed';

const clocks: LiveClock[] = [];
const adapters: CcxtAdapter[] = [];
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.disconnect();
  for (const c of clocks.splice(0)) c.clearAll();
});

/** The ccxt account adapter with its market data from a CcxtMarketFeed, as the wiring layer builds it. */
function venueWithFeed(l: CcxtLoopback) {
  const clock = new LiveClock();
  clocks.push(clock);
  const logger = recordingLogger();
  const common = { account: l.account, exchangeOptions: l.exchangeOptions };
  const adapter = new CcxtAdapter({
    ...common,
    clock,
    logger,
    random: () => 0.5,
    backoff: { initialMs: 20, maxMs: 200 },
    marketFeed: (instruments) => new CcxtMarketFeed({ venue: l.account.name, settings: ccxtSettingsOf(common), instruments, clock, random: () => 0.5, logger, backoff: { initialMs: 20, maxMs: 200 } }),
  });
  adapters.push(adapter);
  const events: VenueEvent[] = [];
  const stale: string[] = [];
  adapter.onEvent((e) => events.push(e));
  adapter.onStale((symbol) => stale.push(symbol));
  return { adapter, events, stale, logger };
}

const book = (events: VenueEvent[], symbol: string) => events.filter((e): e is Extract<VenueEvent, { type: 'bookSnapshot' | 'bookDelta' }> => (e.type === 'bookSnapshot' || e.type === 'bookDelta') && e.symbol === symbol);

describe('ccxt market data (ccxt pro watchOrderBook / watchTrades) as our book and trade events', () => {
  it('sends a snapshot, then deltas with a contiguous seq, a fresh snapshot on request, and trades in ticks and lots', async () => {
    const l = await ccxtBinanceLoopback();
    const { adapter, events } = venueWithFeed(l);
    adapter.watchMarket(['BTC-USDT', 'ETH-USDT']); // what the terminal has on screen
    await adapter.connect();
    await waitUntil(() => book(events, 'BTC-USDT').length > 0, 'first BTC-USDT book');
    expect(book(events, 'BTC-USDT')[0]).toEqual({
      type: 'bookSnapshot',
      venue: 'my-ccxt',
      symbol: 'BTC-USDT',
      seq: 1,
      bids: [[2_000_000, 150_000], [1_999_900, 200_000]],
      asks: [[2_000_100, 120_000], [2_000_200, 300_000]],
    });

    l.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '20000', '0.25');
    await waitUntil(() => book(events, 'BTC-USDT').length > 1, 'a BTC-USDT delta');
    expect(book(events, 'BTC-USDT')[1]).toEqual({ type: 'bookDelta', venue: 'my-ccxt', symbol: 'BTC-USDT', seq: 2, changes: [{ side: 'buy', price: 2_000_000, qty: 25_000 }] });

    adapter.requestBookSnapshot('BTC-USDT');
    expect(book(events, 'BTC-USDT')[2]).toEqual({
      type: 'bookSnapshot',
      venue: 'my-ccxt',
      symbol: 'BTC-USDT',
      seq: 3,
      bids: [[2_000_000, 25_000], [1_999_900, 200_000]],
      asks: [[2_000_100, 120_000], [2_000_200, 300_000]],
    });

    // The trade subscription may still be on its way: bob sells into the bid until a trade is heard (bounded).
    const trades = () => events.filter((e): e is Extract<VenueEvent, { type: 'trade' }> => e.type === 'trade' && e.symbol === 'BTC-USDT');
    for (let i = 0; i < 10 && trades().length === 0; i++) {
      const r = await l.bob.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.001' });
      expect(r.status).toBe(200);
      await waitUntil(() => trades().length > 0, 'a trade', 25).catch(() => {});
    }
    expect(trades()[0]).toEqual({ type: 'trade', venue: 'my-ccxt', symbol: 'BTC-USDT', ts: expect.any(Number), price: 2_000_000, qty: 100, aggressor: 'sell', tradeId: expect.any(String) });
    expect(new Set(trades().map((t) => t.tradeId)).size).toBe(trades().length);
    const seqs = book(events, 'BTC-USDT').map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('streams only the symbols asked for, and resubscribing starts again from a snapshot whose seq goes on', async () => {
    const l = await ccxtBinanceLoopback();
    const { adapter, events, logger } = venueWithFeed(l);
    adapter.watchMarket(['BTC-USDT', 'ETH-USDT']); // what the terminal has on screen
    await adapter.connect();
    await waitUntil(() => book(events, 'BTC-USDT').length > 0 && book(events, 'ETH-USDT').length > 0, 'both books');
    adapter.watchMarket(['ETH-USDT']);
    adapter.watchMarket(['ETH-USDT', 'BTC-USDT']);
    await waitUntil(() => book(events, 'BTC-USDT').length > 1, 'BTC-USDT again');
    const btc = book(events, 'BTC-USDT');
    expect(btc.map((e) => [e.type, e.seq])).toEqual([
      ['bookSnapshot', 1],
      ['bookSnapshot', 2],
    ]);
    // Dropping a symbol and asking for it again is no outage.
    expect(events.filter((e) => e.type === 'connection' && e.state === 'disconnected')).toEqual([]);
    expect(logger.lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
  });

  it('marks the book stale when the socket drops and sends a fresh snapshot once it is back', async () => {
    const l = await ccxtBinanceLoopback();
    const { adapter, events, stale } = venueWithFeed(l);
    adapter.watchMarket(['BTC-USDT', 'ETH-USDT']); // what the terminal has on screen
    await adapter.connect();
    await waitUntil(() => book(events, 'BTC-USDT').length > 0, 'first BTC-USDT book');
    const before = book(events, 'BTC-USDT').length;
    l.venue.faults.dropAllSockets();
    await waitUntil(() => stale.includes('BTC-USDT'), 'BTC-USDT marked stale');
    await waitUntil(() => book(events, 'BTC-USDT').length > before, 'BTC-USDT after the reconnect');
    expect(book(events, 'BTC-USDT')[before]).toMatchObject({ type: 'bookSnapshot', seq: before + 1, bids: [[2_000_000, 150_000], [1_999_900, 200_000]] });
  });
});
