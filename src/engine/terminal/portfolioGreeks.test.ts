import { describe, expect, it } from 'vitest';
import type { SimulatedClock } from '../core';
import type { Instrument } from '../instruments';
import type { Terminal } from './terminal';
import { runUntil, simOptionsTerminals, waitFor } from './testSupport';
import type { PortfolioGreeksView, UnderlyingGreeksView } from './portfolioGreeksView';

/*
 * Portfolio Greeks and risk's option Greeks on a running terminal with the SIM venue's options: the
 * Greeks of a bought call × its quantity in BTC, moving with BTC, and risk refusing an option order that
 * takes the portfolio delta past its limit, through the real wiring (chain service -> risk -> OMS).
 */

const terminals = simOptionsTerminals();

const startWithOptions = () => terminals.start('sq-greeks-');

/** The BTC call of the Friday expiry nearest the money, with both sides quoted, and its best ask in ticks. */
async function atTheMoneyCall(t: Terminal): Promise<{ call: Instrument; ask: number }> {
  const calls = t.instruments().filter((i) => i.venue === 'SIM' && i.symbol.startsWith('BTC-261211-') && i.contract?.kind === 'call');
  await waitFor(() => calls.every((i) => t.marketSnapshot('SIM', i.symbol, 60, 1).book?.asks.length), 'the calls quoted');
  // Nearest the money: the call whose delta is nearest 0.5.
  await waitFor(() => calls.some((i) => Math.abs((t.optionGreeks('SIM', i.symbol)?.delta ?? 0) - 0.5) < 0.3), 'a call near the money priced');
  const call = calls.filter((i) => t.optionGreeks('SIM', i.symbol)).sort((a, b) => Math.abs(t.optionGreeks('SIM', a.symbol)!.delta - 0.5) - Math.abs(t.optionGreeks('SIM', b.symbol)!.delta - 0.5))[0]!;
  return { call, ask: t.marketSnapshot('SIM', call.symbol, 60, 1).book!.asks[0]![0] };
}

async function buy(t: Terminal, clock: SimulatedClock, call: Instrument, askTicks: number, qty: string): Promise<void> {
  const order = t.submit({ venue: 'SIM', symbol: call.symbol, side: 'buy', type: 'limit', price: String(askTicks * call.tickSize), qty }, 'ticket');
  await runUntil(clock, () => t.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'the call bought');
  await runUntil(clock, () => t.positions().some((p) => p.symbol === call.symbol && p.qty !== 0), 'the position shown');
}

const btc = (v: PortfolioGreeksView): UnderlyingGreeksView | undefined => v.underlyings.find((u) => u.venue === 'SIM' && u.underlying === 'BTC-USDT');

/**
 * The portfolio Greeks and the option's own Greeks read together: the book worker may apply a delta
 * between two reads, so they are read until two readings of the option agree around the portfolio's.
 */
async function consistentReading(t: Terminal, symbol: string) {
  let out: { view: PortfolioGreeksView; g: NonNullable<ReturnType<Terminal['optionGreeks']>> } | undefined;
  await waitFor(() => {
    const before = t.optionGreeks('SIM', symbol);
    const view = t.portfolioGreeks();
    const after = t.optionGreeks('SIM', symbol);
    if (!before || !after || JSON.stringify(before) !== JSON.stringify(after)) return false;
    out = { view, g: after };
    return true;
  }, 'a consistent reading');
  return out!;
}

describe('portfolio Greeks on the SIM options venue', () => {
  it("are the bought call's Greeks × its quantity in BTC, and move when BTC moves", async () => {
    const { t, clock } = await startWithOptions();
    expect(btc(t.portfolioGreeks())).toBeUndefined(); // nothing held: no row
    const { call, ask } = await atTheMoneyCall(t);
    await buy(t, clock, call, ask, '0.03');
    const qtyBtc = 0.03; // lots of 0.01 BTC, contract multiplier 1 (a SIM option is on 1 BTC)

    const { view, g } = await consistentReading(t, call.symbol);
    const u = btc(view)!;
    expect(u).toMatchObject({ riskKey: 'SIM:BTC-USDT', quote: 'USDT', underlyingSymbol: 'BTC-USDT', unpriced: 0 });
    expect(g.premiumIn).toBe('quote');
    expect(u.delta).toBeCloseTo(qtyBtc * g.delta, 12);
    expect(u.optionDelta).toBeCloseTo(qtyBtc * g.delta, 12);
    expect(u.deltaNotional).toBeCloseTo(qtyBtc * g.delta * g.underlyingPrice, 9);
    expect(u.gamma).toBeCloseTo(qtyBtc * g.gamma, 15);
    expect(u.vega).toBeCloseTo(qtyBtc * g.vega, 9);
    expect(u.theta).toBeCloseTo(qtyBtc * g.theta, 9);
    expect(u.underlyingPrice).toBe(g.underlyingPrice);
    // A long ATM call: delta between 0 and 1 per BTC, positive gamma and vega, negative theta.
    expect(g.delta).toBeGreaterThan(0.2);
    expect(g.delta).toBeLessThan(0.8);
    expect(u.vega).toBeGreaterThan(0);
    expect(u.theta).toBeLessThan(0);
    expect(u.positions).toEqual([expect.objectContaining({ symbol: call.symbol, kind: 'call', units: qtyBtc, unitDelta: g.delta })]);

    // The pushed stream carries the same sums (sent when they change, a few times a second).
    const pushed: PortfolioGreeksView[] = [];
    const off = t.events.on('portfolioGreeks', (v) => pushed.push(v));
    // BTC moves on the simulated clock: the delta (and the underlying price) follow.
    const startPrice = u.underlyingPrice!;
    const startDelta = u.delta;
    await runUntil(clock, () => {
      const now = btc(t.portfolioGreeks());
      return now !== undefined && now.underlyingPrice !== startPrice && now.delta !== startDelta && pushed.length > 0;
    }, 'BTC moved and the delta with it');
    off();
    const moved = await consistentReading(t, call.symbol);
    const m = btc(moved.view)!;
    expect(m.delta).toBeCloseTo(qtyBtc * moved.g.delta, 12);
    expect(m.vega).toBeCloseTo(qtyBtc * moved.g.vega, 9);
    // Up with BTC for a long call: delta and price move the same way.
    expect(Math.sign(m.delta - startDelta)).toBe(Math.sign(m.underlyingPrice! - startPrice));
    expect(btc(pushed.at(-1)!)).toMatchObject({ riskKey: 'SIM:BTC-USDT', positions: [expect.objectContaining({ symbol: call.symbol })] });
  }, 60_000);

  it('risk refuses an option order that takes the portfolio delta past its limit, naming it (real wiring)', async () => {
    const { t, clock } = await startWithOptions();
    const { call, ask } = await atTheMoneyCall(t);
    await buy(t, clock, call, ask, '0.02');
    const held = btc(t.portfolioGreeks())!.optionDelta;
    expect(held).toBeGreaterThan(0);
    // A limit just above what is held: one more 0.01 BTC of the call (delta ~0.5 × 0.01) passes it.
    const limit = (Math.ceil(held * 10_000) / 10_000 + 0.001).toFixed(4);
    t.setRiskLimits({ ...t.riskState().limits, options: { defaults: { maxDelta: limit } } });
    const fresh = t.marketSnapshot('SIM', call.symbol, 60, 1).book!.asks[0]![0];
    expect(() => t.submit({ venue: 'SIM', symbol: call.symbol, side: 'buy', type: 'limit', price: String(fresh * call.tickSize), qty: '0.01' }, 'ticket')).toThrow(
      new RegExp(`portfolio delta on SIM:BTC-USDT would be .*above the max delta ${limit.replace(/0+$/, '').replace('.', '\\.')} \\(units of the underlying\\) for SIM:BTC-USDT; order on SIM:${call.symbol}`),
    );
    // Selling some of it brings the delta back towards zero: never refused (the way out stays open).
    const bid = t.marketSnapshot('SIM', call.symbol, 60, 1).book!.bids[0]![0];
    expect(() => t.submit({ venue: 'SIM', symbol: call.symbol, side: 'sell', type: 'limit', price: String(bid * call.tickSize), qty: '0.01' }, 'ticket')).not.toThrow();
    // The utilisation shows the option delta against the limit.
    const use = t.riskState().utilisation.options.find((o) => o.underlying === 'SIM:BTC-USDT')!;
    expect(use.delta.limit).toBe(`${limit.replace(/0+$/, '')}`);
    expect(use.delta.fraction).toBeGreaterThan(0.5);
  }, 60_000);
});
