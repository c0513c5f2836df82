import { describe, expect, it } from 'vitest';
import type { Symbol } from '../../../core';
import { KiteTokenMap } from '../instruments';
import { FreezeLimits, MarketCalendar } from '../rules';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS, niftyOptionOiLots } from '../testSupport';
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

  it("serves the NIFTY 50 index's level and the options' open interest in lots from the ticker's full-mode ticks", async () => {
    const s = await kiteSetup(wired({ venue: { extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS], markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS] } }));
    const [INDEX, CALL, PUT] = ['NSE:NIFTY 50', 'NFO:NIFTY26DEC24000CE', 'NFO:NIFTY26DEC24000PE'];
    expect(s.adapter.lastPrice(INDEX)).toBeUndefined();
    expect(s.adapter.openInterest(CALL)).toBeUndefined();
    s.adapter.watchMarket([INDEX, CALL, PUT, INFY]);
    await waitUntil(() => s.adapter.lastPrice(INDEX) !== undefined && s.adapter.openInterest(CALL) !== undefined && s.adapter.openInterest(PUT) !== undefined, 'index level and OI');
    // Every watched token is subscribed in full mode (the only mode whose packets carry OI).
    const modes = new Map([...Array(s.venue.control.tickerConnections).keys()].flatMap((i) => [...s.venue.control.tickerSubscriptions(i)]));
    for (const symbol of [INDEX, CALL, PUT]) expect(modes.get(s.kiteInstruments.find((k) => k.instrument.symbol === symbol)!.token)).toBe('full');
    // The index's level in its ticks of 0.01; Kite's OI of 195,000 units is 2,600 lots of 75.
    expect(s.adapter.lastPrice(INDEX)).toBe(ticks(inst(s, INDEX), '24102.35'));
    expect(s.adapter.openInterest(CALL)).toBe(niftyOptionOiLots(24000, 'CE'));
    expect(s.adapter.openInterest(CALL)).toBe(2_600);
    expect(s.adapter.openInterest(PUT)).toBe(3_500);
    // An equity has no open interest; its last price is its last trade's.
    expect(s.adapter.openInterest(INFY)).toBeUndefined();
    expect(s.adapter.lastPrice(INFY)).toBe(ticks(inst(s, INFY), '1573.7'));

    // The index moves and the call's OI grows by 50 lots: both follow the next ticks.
    s.venue.control.setPrice(INDEX, '24180.55');
    s.venue.control.setOpenInterest(CALL, 2_650 * 75);
    await waitUntil(() => s.adapter.lastPrice(INDEX) === ticks(inst(s, INDEX), '24180.55') && s.adapter.openInterest(CALL) === 2_650, 'moved');

    // No longer watched, or disconnected: nothing is stated that the socket no longer confirms.
    s.adapter.watchMarket([INFY]);
    expect(s.adapter.lastPrice(INDEX)).toBeUndefined();
    expect(s.adapter.openInterest(CALL)).toBeUndefined();
    await s.adapter.disconnect();
    expect(s.adapter.lastPrice(INFY)).toBeUndefined();
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
