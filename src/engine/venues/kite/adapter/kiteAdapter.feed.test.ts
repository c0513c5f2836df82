import { describe, expect, it } from 'vitest';
import type { Symbol } from '../../../core';
import { KiteTokenMap } from '../instruments';
import { FreezeLimits, MarketCalendar } from '../rules';
import { KiteMarketFeed } from '../ticker';
import { APP, INFY, instrumentOf as inst, kiteOrder as order, kiteSetup, MONDAY_16_IST, NIFTY_FUT, ticksOf as ticks, waitUntil, type KiteSetupOptions } from './kiteAdapter.fixture';


/** The adapter as the terminal builds it: the KiteTicker feed (market data and order updates) and Kite's order rules. */
const wired = (extra: Partial<KiteSetupOptions> = {}): KiteSetupOptions => ({
  ...extra,
  adapter: { orderUpdates: undefined, rules: { calendar: new MarketCalendar(), freezeLimits: new FreezeLimits(), marketProtection: { kind: 'auto' }, autoSlice: false } },
  more: ({ venue, clock, accessToken, dump, logger }) => {
    const tokens = new KiteTokenMap(dump);
    return {
      marketFeed: () =>
        new KiteMarketFeed({
          venue: 'kite',
          instruments: { tokenOf: (s: Symbol) => tokens.tokenOf(s), symbolOf: (t: number) => tokens.symbolOf(t), priceScale: (s: Symbol) => tokens.instrument(s) },
          credentials: () => ({ apiKey: APP.apiKey, accessToken }),
          streamUrl: venue.tickerUrl,
          clock,
          random: () => 0.5,
          logger,
        }),
    };
  },
});

describe('KiteAdapter with the KiteTicker feed and Kite\'s order rules', () => {
  it('streams the five-level book, and follows a resting order to its fill through the ticker\'s order updates', async () => {
    const s = await kiteSetup(wired());
    s.adapter.watchMarket([INFY]);
    await waitUntil(() => s.of('bookSnapshot').some((e) => e.symbol === INFY), 'INFY book');
    const book = s.of('bookSnapshot').find((e) => e.symbol === INFY)!;
    expect(book.bids).toHaveLength(5);
    expect(book.asks).toHaveLength(5);

    const o = order({ price: ticks(inst(s, INFY), '1572') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted');
    // Only the ticker's order update can tell of this fill: nothing polls an accepted order.
    s.venue.control.setPrice(INFY, '1571.5');
    await waitUntil(() => s.of('orderFilled', o.clientOrderId).length === 1, 'filled');
    expect(s.of('orderFilled', o.clientOrderId)[0]).toMatchObject({ qty: 1, price: ticks(inst(s, INFY), '1572') });
  });

  it('refuses before sending what Kite\'s rules forbid: a regular order after hours (offering the AMO), a quantity above the freeze limit', async () => {
    const late = await kiteSetup(wired({ at: MONDAY_16_IST }));
    const o = order({ price: ticks(inst(late, INFY), '1570') });
    late.adapter.submit(o);
    await waitUntil(() => late.of('orderRejected', o.clientOrderId).length === 1, 'refused');
    expect(late.of('orderRejected', o.clientOrderId)[0]!.reason).toBe('Markets are closed right now. Use GTT for placing long standing orders instead. Kite takes it as an AMO now.');
    const amo = order({ price: ticks(inst(late, INFY), '1570'), afterMarket: true });
    late.adapter.submit(amo);
    await waitUntil(() => late.of('orderAccepted', amo.clientOrderId).length === 1, 'AMO accepted');
    expect(late.venue.control.orders()).toHaveLength(1);

    const open = await kiteSetup(wired({ venue: { funds: { equity: '100000000' } } }));
    const big = order({ symbol: NIFTY_FUT, price: ticks(inst(open, NIFTY_FUT), '24100'), qty: 25, product: 'NRML' });
    open.adapter.submit(big);
    await waitUntil(() => open.of('orderRejected', big.clientOrderId).length === 1, 'above freeze refused');
    expect(open.of('orderRejected', big.clientOrderId)[0]!.reason).toContain('freeze limit');
    const market = order({ symbol: NIFTY_FUT, type: 'market', qty: 1, product: 'NRML' });
    open.adapter.submit(market);
    await waitUntil(() => open.of('orderFilled', market.clientOrderId).length === 1, 'market order filled within its protection');
    expect(open.venue.control.orders()).toHaveLength(1);
  });

  it('goes down when the ticker says the token lapsed, before any order finds out', async () => {
    const s = await kiteSetup(wired());
    s.adapter.watchMarket([INFY]);
    await waitUntil(() => s.venue.control.tickerConnections === 1, 'ticker connected');
    s.venue.faults.expireAccessTokens();
    await waitUntil(() => s.of('connection').some((e) => e.state === 'disconnected' && e.reason === 'Kite session expired: log in again'), 'down');
    const o = order({ price: ticks(inst(s, INFY), '1570') });
    s.adapter.submit(o);
    expect(s.of('orderRejected', o.clientOrderId)[0]!.reason).toBe('Kite session expired: log in again');
  });
});
