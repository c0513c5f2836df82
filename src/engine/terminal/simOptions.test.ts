import { describe, expect, it } from 'vitest';
import { runUntil, simOptionsTerminals, waitFor } from './testSupport';

const terminals = simOptionsTerminals();

describe('Terminal with the SIM venue listing options', () => {
  it('lists the options with their contracts, carries their books, and trades one through the OMS and risk', async () => {
    const { t, clock } = await terminals.start('sq-simopt-');
    const options = t.instruments().filter((i) => i.venue === 'SIM' && i.contract);
    expect(options).toHaveLength(176);
    const call = options.find((i) => i.symbol.startsWith('BTC-261211-') && i.contract!.kind === 'call' && t.marketSnapshot('SIM', i.symbol, 60, 1))!;
    expect(call.contract).toMatchObject({ kind: 'call', expiry: Date.UTC(2026, 11, 11, 8), underlying: 'BTC-USDT', underlyingKind: 'spot' });

    // Every option book reaches the book worker (its buffer has room for all of them).
    const live = (): boolean =>
      options.every((i) => {
        const book = t.marketSnapshot('SIM', i.symbol, 60, 1).book;
        return book !== undefined && !book.stale && book.asks.length > 0;
      });
    await waitFor(live, 'option books live');

    const atm = options
      .filter((i) => i.symbol.startsWith('BTC-261211-') && i.contract!.kind === 'call')
      .map((i) => ({ i, book: t.marketSnapshot('SIM', i.symbol, 60, 1).book! }))
      .filter((x) => x.book.bids.length > 0)
      .sort((a, b) => Math.abs(a.book.asks[0]![0] - 60) - Math.abs(b.book.asks[0]![0] - 60))[0]!;
    const askTicks = atm.book.asks[0]![0];
    const order = t.submit({ venue: 'SIM', symbol: atm.i.symbol, side: 'buy', type: 'limit', price: String(askTicks * 5), qty: '0.01' }, 'ticket');
    await runUntil(clock, () => t.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'the call bought');
    // The position follows once the fill is durable.
    await runUntil(clock, () => t.positions().some((p) => p.symbol === atm.i.symbol), 'the position shown');
    const position = t.positions().find((p) => p.symbol === atm.i.symbol)!;
    expect(position).toBeDefined();
    expect(position).toMatchObject({ venue: 'SIM', qty: 1, avgPrice: askTicks });
  });
});

describe('Terminal: a SIM option held to its expiry', () => {
  it('is settled by the venue at expiry: a "settlement" fill, the position flat with its P&L realised, the same after a restart', async () => {
    // Tuesday 8 December 2026, 06:59 UTC: the daily expires at 08:00, 61 minutes away.
    const TUESDAY = Date.UTC(2026, 11, 8, 6, 59);
    const EXPIRY = Date.UTC(2026, 11, 8, 8);
    const { t, clock } = await terminals.start('sq-simopt-settle-', TUESDAY);
    const daily = t.instruments().filter((i) => i.venue === 'SIM' && i.contract?.expiry === EXPIRY && i.base === 'BTC' && i.contract.kind === 'put');
    expect(daily.length).toBeGreaterThan(0);
    await waitFor(() => daily.every((i) => (t.marketSnapshot('SIM', i.symbol, 60, 1).book?.asks.length ?? 0) > 0), 'daily put books live');
    // The dearest put quoted: in the money, so it settles at a price above zero.
    const put = daily
      .map((i) => ({ i, ask: t.marketSnapshot('SIM', i.symbol, 60, 1).book!.asks[0]![0] }))
      .sort((a, b) => b.ask - a.ask)[0]!;
    const order = t.submit({ venue: 'SIM', symbol: put.i.symbol, side: 'buy', type: 'limit', price: String((put.ask + 20) * 5), qty: '0.02' }, 'ticket');
    await runUntil(clock, () => t.positions().find((p) => p.symbol === put.i.symbol)?.qty === 2, 'the put bought');
    const bought = t.fills().filter((f) => f.clientOrderId === order.clientOrderId);

    // The market runs on to the expiry, a minute at a time.
    while (clock.now() < EXPIRY) {
      clock.advance(Math.min(60_000, EXPIRY - clock.now()));
      await new Promise((r) => setTimeout(r, 5));
    }
    const settled = () => t.fills().find((f) => f.settlement === true && f.symbol === put.i.symbol);
    await runUntil(clock, settled, 'the settlement booked');
    const settlement = settled()!;
    expect(settlement).toMatchObject({ clientOrderId: `SETTLE-${put.i.symbol}`, venue: 'SIM', side: 'sell', qty: 2, fee: 0 });
    await runUntil(clock, () => t.positions().find((p) => p.symbol === put.i.symbol)?.qty === 0, 'the position flat');
    const flat = t.positions().find((p) => p.symbol === put.i.symbol)!;
    // Bought at the fills' prices, closed at the settlement price: the realised P&L says exactly that.
    const cost = bought.reduce((sum, f) => sum + f.price * f.qty, 0);
    // (in ticks*lots; the conversion to USDT is a positive factor, so the sign and the ratio to a single lot carry over).
    expect(flat.realisedPnl).not.toBe(0);
    expect(Math.sign(flat.realisedPnl)).toBe(Math.sign(settlement.price * 2 - cost));
    expect(flat.fees).toBe(bought.reduce((sum, f) => sum + f.fee, 0)); // the settlement charged none
    expect(t.orders().find((o) => o.clientOrderId === settlement.clientOrderId)).toMatchObject({ source: 'settlement', status: 'filled' });
    const fills = t.fills();

    // A restart (journal, SQLite, reconcile with the venue that settled it) books nothing twice.
    const again = await terminals.restart(clock);
    expect(again.fills()).toEqual(fills);
    // Never open again, and the flat row keeps its realised P&L (the venue lists an expired series for a week).
    expect(again.positions().find((p) => p.symbol === put.i.symbol)).toMatchObject({ qty: 0, realisedPnl: flat.realisedPnl, fees: flat.fees });
    // An hour of the simulated market (spot and 176 option books) runs in real time first: a bound, not a speed.
  }, 300_000);
});
