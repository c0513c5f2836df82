import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock, type VenueEvent } from '../../core';
import type { Instrument } from '../../instruments';
import { startBybitLoopback, type BybitLoopback } from '../../marketdata/bybitFeed/testSupport';
import type { VenueMarketFeed } from '../../venues';
import { waitFor } from '../testSupport';
import { ccxtAccountFeed } from './venueFactory';

/**
 * A ccxt account's market data: Bybit's books come through our own Bybit normaliser on its v5 public
 * stream (here the loopback Bybit), with the ccxt instrument names mapped to Bybit's.
 */
const BTC: Instrument = { venue: 'bybit-main', symbol: 'BTC-USDT', venueSymbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 6, tickSize: 10, lotSize: 1, minNotional: 0 };

const running: { feed: VenueMarketFeed; venue: BybitLoopback }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.feed.stop();
    await r.venue.stop();
  }
});

describe("a ccxt:bybit account's market data", () => {
  it("is Bybit's own stream through our normaliser: the watched book arrives in ticks and lots", async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const venue = await startBybitLoopback({ clock, books: { BTCUSDT: { bids: [['40000.00', '0.500000']], asks: [['40000.10', '0.700000']] } } });
    const settings = { exchangeId: 'bybit', environment: 'production' as const, streamUrl: venue.url('spot').replace(/\/v5\/.*$/, '') };
    const feed = ccxtAccountFeed('bybit-main', settings, [BTC], { clock, logger: recordingLogger(), random: () => 0.5 });
    running.push({ feed, venue });
    const events: VenueEvent[] = [];
    feed.onEvent((e) => events.push(e));
    feed.watch(['BTC-USDT']);
    feed.start();
    await waitFor(() => events.some((e) => e.type === 'bookSnapshot'), 'BTC-USDT snapshot');
    expect(events.find((e) => e.type === 'bookSnapshot')).toEqual({ type: 'bookSnapshot', venue: 'bybit-main', symbol: 'BTC-USDT', seq: 1, bids: [[400_000, 500_000]], asks: [[400_001, 700_000]] });
    expect(venue.subscriptions().flat()).toContain('orderbook.50.BTCUSDT');
  });

  it('is the linear category for an account that trades swaps but not spot: USDT perpetuals streamed, spot left out', async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const venue = await startBybitLoopback({ clock, books: { BTCUSDT: { bids: [['40000.0', '0.500']], asks: [['40000.1', '0.700']] } } });
    const PERP: Instrument = { ...BTC, symbol: 'BTC-USDT-PERP', venueSymbol: 'BTC/USDT:USDT', priceDecimals: 1, qtyDecimals: 3, tickSize: 1 };
    // The account's stream URL override is an origin; the category's path is the feed's choice.
    const settings = { exchangeId: 'bybit', environment: 'production' as const, marketTypes: ['swap'] as const, streamUrl: venue.url('spot').replace(/\/v5\/.*$/, '') };
    const feed = ccxtAccountFeed('bybit-main', settings, [PERP, BTC], { clock, logger: recordingLogger(), random: () => 0.5 });
    running.push({ feed, venue });
    const events: VenueEvent[] = [];
    feed.onEvent((e) => events.push(e));
    feed.watch(['BTC-USDT-PERP']);
    feed.start();
    await waitFor(() => events.some((e) => e.type === 'bookSnapshot'), 'BTC-USDT-PERP snapshot');
    expect(events.find((e) => e.type === 'bookSnapshot')).toEqual({ type: 'bookSnapshot', venue: 'bybit-main', symbol: 'BTC-USDT-PERP', seq: 1, bids: [[400_000, 500]], asks: [[400_001, 700]] });
    expect(venue.subscriptions().flat()).toContain('orderbook.50.BTCUSDT');
    expect(new Set(venue.received.filter((r) => r.op === 'subscribe').map((r) => r.path))).toEqual(new Set(['/v5/public/linear']));
  });
});
