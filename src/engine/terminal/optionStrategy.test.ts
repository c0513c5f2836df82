import { describe, expect, it } from 'vitest';
import type { SimulatedClock } from '../core';
import { summariseStrategy, type OptionLeg } from '../options';
import type { Terminal } from './terminal';
import { runUntil, simOptionsTerminals, waitFor } from './testSupport';

const terminals = simOptionsTerminals();

/** A terminal with SIM options whose nearest BTC chain has a two-sided, priced ATM call and put. */
async function startWithChain(): Promise<{ t: Terminal; clock: SimulatedClock }> {
  const { t, clock } = await terminals.start('sq-strategy-');
  const ready = (): boolean => {
    const chain = t.optionChain({ venue: 'SIM', underlying: 'BTC-USDT' }, 'test');
    const row = chain.rows.find((r) => r.strike === chain.atmStrike);
    return [row?.call, row?.put].every((s) => s?.bid !== undefined && s.ask !== undefined && s.iv !== undefined);
  };
  await waitFor(ready, 'the ATM call and put quoted');
  return { t, clock };
}

describe('option strategies on the SIM venue', () => {
  it('resolves a long straddle at the ATM strike, priced at the asks, and summarises it as the strategy math does', async () => {
    const { t, clock } = await startWithChain();
    const q = t.optionStrategy({ venue: 'SIM', underlying: 'BTC-USDT', preset: { name: 'straddle', direction: 'long', lots: 2 } });
    const chain = t.optionChain({ venue: 'SIM', underlying: 'BTC-USDT' }, 'test');
    expect(q.problems).toEqual([]);
    const row = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    expect(q.legs.map((l) => [l.symbol, l.side, l.lots, l.qty])).toEqual([
      [row.call!.symbol, 'buy', 2, '0.02'],
      [row.put!.symbol, 'buy', 2, '0.02'],
    ]);
    const callAsk = (row.call!.ask! * row.call!.tickSize) / 10 ** row.call!.priceDecimals;
    const putAsk = (row.put!.ask! * row.put!.tickSize) / 10 ** row.put!.priceDecimals;
    expect(q.legs.map((l) => Number(l.price))).toEqual([callAsk, putAsk]);
    expect(q.legs.map((l) => l.iv)).toEqual([row.call!.iv, row.put!.iv]);

    const s = q.summary!;
    // 2 lots of 0.01 BTC each leg, paid at the asks.
    expect(s.premium.kind).toBe('debit');
    expect(s.premium.amount).toBeCloseTo(0.02 * (callAsk + putAsk), 9);
    // At expiry a long straddle loses at most its premium (at the strike) and gains without limit.
    expect(s.maxLoss).toBeCloseTo(s.premium.amount, 9);
    expect(s.maxProfit).toBe('unlimited');
    const k = chain.atmStrike!;
    expect(s.breakevens).toHaveLength(2);
    expect(s.breakevens[0]).toBeCloseTo(k - (callAsk + putAsk), 6);
    expect(s.breakevens[1]).toBeCloseTo(k + (callAsk + putAsk), 6);
    expect(s.expiry).toBe(chain.expiry);

    // The same numbers as the engine's math on the same legs.
    const legs: OptionLeg[] = [
      { kind: 'option', right: 'call', strike: k, expiryMs: chain.expiry, quantity: 2, multiplier: 0.01, entryPrice: callAsk, vol: row.call!.iv! },
      { kind: 'option', right: 'put', strike: k, expiryMs: chain.expiry, quantity: 2, multiplier: 0.01, entryPrice: putAsk, vol: row.put!.iv! },
    ];
    const direct = summariseStrategy(legs, { model: chain.model, rate: chain.rate, dividend: 0 }, chain.underlyingPrice!, clock.now(), s.today.length);
    if (!direct.ok) throw new Error(direct.problems.join('; '));
    expect(s.greeks.delta).toBeCloseTo(direct.summary.greeks.delta, 12);
    expect(s.greeks.vega).toBeCloseTo(direct.summary.greeks.vega, 12);
    expect(s.greeks.theta).toBeCloseTo(direct.summary.greeks.theta, 12);
    expect(s.greeks.deltaLots).toBeCloseTo(direct.summary.greeks.delta / 0.01, 9);
    expect(s.atExpiry).toEqual(direct.summary.atExpiry);
    expect(s.today).toEqual(direct.summary.today);
    // Long premium: long vega, paying theta.
    expect(s.greeks.vega).toBeGreaterThan(0);
    expect(s.greeks.theta).toBeLessThan(0);
  });

  it('prices a short leg at the bid and refuses a strategy mixing in another underlying', async () => {
    const { t } = await startWithChain();
    const chain = t.optionChain({ venue: 'SIM', underlying: 'BTC-USDT' }, 'test');
    const put = chain.rows.find((r) => r.strike === chain.atmStrike)!.put!;
    const q = t.optionStrategy({ venue: 'SIM', underlying: 'BTC-USDT', legs: [{ symbol: put.symbol, side: 'sell', lots: 1 }] });
    expect(Number(q.legs[0]!.price)).toBe((put.bid! * put.tickSize) / 10 ** put.priceDecimals);
    expect(q.summary!.premium.kind).toBe('credit');
    const eth = t.instruments().find((i) => i.venue === 'SIM' && i.contract?.underlying === 'ETH-USDT')!;
    expect(() => t.optionStrategy({ venue: 'SIM', underlying: 'BTC-USDT', legs: [{ symbol: eth.symbol, side: 'buy', lots: 1 }] })).toThrow(/not an option on BTC-USDT/);
  });

  it('sends a straddle leg by leg: both legs fill and the positions show them', async () => {
    const { t, clock } = await startWithChain();
    const q = t.optionStrategy({ venue: 'SIM', underlying: 'BTC-USDT', preset: { name: 'straddle', direction: 'long', lots: 1 } });
    const sending = t.sendOptionStrategy({ venue: 'SIM', legs: q.legs.map((l) => ({ symbol: l.symbol, side: l.side, lots: l.lots, price: l.price! })) }, 'ticket');
    let result: Awaited<typeof sending> | undefined;
    void sending.then((r) => (result = r));
    await runUntil(clock, () => result !== undefined, 'the strategy sent');
    expect(result!.complete).toBe(true);
    expect(result!.legs.map((l) => [l.symbol, l.status, l.filledLots])).toEqual(q.legs.map((l) => [l.symbol, 'filled', 1]));
    for (const l of result!.legs) expect(t.orders().find((o) => o.clientOrderId === l.clientOrderId)).toMatchObject({ type: 'limit', tif: 'IOC', status: 'filled' });
    await runUntil(clock, () => q.legs.every((l) => t.positions().some((p) => p.symbol === l.symbol && p.qty === 1)), 'both legs in positions');
  });

  it('sends buys before sells, and a leg that does not fill stops the rest (nothing is resent)', async () => {
    const { t, clock } = await startWithChain();
    const chain = t.optionChain({ venue: 'SIM', underlying: 'BTC-USDT' }, 'test');
    const row = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    const call = row.call!;
    const put = row.put!;
    const fmt = (ticks: number) => String((ticks * call.tickSize) / 10 ** call.priceDecimals);
    // The sell is listed first; the buy goes first anyway, at a price far under the ask: it cannot fill.
    const sending = t.sendOptionStrategy(
      {
        venue: 'SIM',
        legs: [
          { symbol: put.symbol, side: 'sell', lots: 1, price: fmt(put.bid!) },
          { symbol: call.symbol, side: 'buy', lots: 1, price: call.priceDecimals === 0 ? String(call.tickSize) : fmt(1) },
        ],
      },
      'ticket',
    );
    let result: Awaited<typeof sending> | undefined;
    void sending.then((r) => (result = r));
    await runUntil(clock, () => result !== undefined, 'the strategy stopped');
    expect(result!.complete).toBe(false);
    expect(result!.legs.map((l) => [l.symbol, l.side])).toEqual([
      [call.symbol, 'buy'],
      [put.symbol, 'sell'],
    ]);
    expect(['canceled', 'expired']).toContain(result!.legs[0]!.status);
    expect(result!.legs[0]!.filledLots).toBe(0);
    expect(result!.legs[1]).toMatchObject({ status: 'not_sent', filledLots: 0 });
    expect(result!.legs[1]!.clientOrderId).toBeUndefined();
    expect(result!.message).toMatch(/stopped at leg 1 .*Nothing filled before it\. 1 leg not sent/);
    expect(t.orders().filter((o) => o.symbol === put.symbol)).toEqual([]);
  });

  it('a leg refused by risk after a filled one stops there, and the result says which legs went', async () => {
    const { t, clock } = await startWithChain();
    const chain = t.optionChain({ venue: 'SIM', underlying: 'BTC-USDT' }, 'test');
    const row = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    const call = row.call!;
    const put = row.put!;
    // At most one lot of the put per order: the two-lot sell is refused before it leaves.
    t.setRiskLimits({ ...t.riskState().limits, instruments: { [`SIM:${put.symbol}`]: { maxOrderQty: '0.01' } } });
    const price = (s: typeof call, ticks: number) => String((ticks * s.tickSize) / 10 ** s.priceDecimals);
    const sending = t.sendOptionStrategy(
      {
        venue: 'SIM',
        legs: [
          { symbol: put.symbol, side: 'sell', lots: 2, price: price(put, put.bid!) },
          { symbol: call.symbol, side: 'buy', lots: 1, price: price(call, call.ask!) },
        ],
      },
      'ticket',
    );
    let result: Awaited<typeof sending> | undefined;
    void sending.then((r) => (result = r));
    await runUntil(clock, () => result !== undefined, 'the strategy stopped');
    expect(result!.complete).toBe(false);
    expect(result!.legs.map((l) => [l.symbol, l.status, l.filledLots])).toEqual([
      [call.symbol, 'filled', 1],
      [put.symbol, 'refused', 0],
    ]);
    expect(result!.legs[1]!.reason).toMatch(/qty|quantity/i);
    expect(result!.message).toContain(`stopped at leg 2 (sell ${put.symbol}): refused`);
    expect(result!.message).toContain(`Filled before it: buy ${call.symbol}.`);
    expect(result!.message).toContain('Nothing is resent');
    // Only the call went out; no order for the put exists.
    expect(t.orders().filter((o) => o.symbol === put.symbol)).toEqual([]);
    expect(t.orders().filter((o) => o.symbol === call.symbol)).toHaveLength(1);
  });

  it('a leg refused by the engine (kill switch engaged) stops the strategy before anything leaves', async () => {
    const { t } = await startWithChain();
    const q = t.optionStrategy({ venue: 'SIM', underlying: 'BTC-USDT', preset: { name: 'straddle', direction: 'long', lots: 1 } });
    t.engageKillSwitch('hotkey', 'test');
    const result = await t.sendOptionStrategy({ venue: 'SIM', legs: q.legs.map((l) => ({ symbol: l.symbol, side: l.side, lots: l.lots, price: l.price! })) }, 'ticket');
    expect(result.complete).toBe(false);
    expect(result.legs.map((l) => l.status)).toEqual(['refused', 'not_sent']);
    expect(result.legs[0]!.reason).toMatch(/kill/i);
    expect(t.orders().filter((o) => q.legs.some((l) => l.symbol === o.symbol))).toEqual([]);
  });

  it('bad input sends nothing', async () => {
    const { t } = await startWithChain();
    const q = t.optionStrategy({ venue: 'SIM', underlying: 'BTC-USDT', preset: { name: 'straddle', direction: 'long', lots: 1 } });
    const legs = q.legs.map((l) => ({ symbol: l.symbol, side: l.side, lots: l.lots, price: l.price! }));
    legs[1]!.price = '7'; // not a whole number of 5 USDT ticks
    await expect(t.sendOptionStrategy({ venue: 'SIM', legs }, 'ticket')).rejects.toThrow(/leg 2 .*tick size/);
    expect(t.orders()).toEqual([]);
  });
});
