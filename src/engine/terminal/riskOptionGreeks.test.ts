import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, type Ticks } from '../core';
import type { Instrument } from '../instruments';
import { emptyOptionGreeks, instrumentRef } from '../risk';
import { BTC_95000, limitOrder, rig, T0, TempStore, verdict } from '../risk/testSupport';
import { OptionChains } from './options';
import { RiskOptionGreeks } from './riskOptionGreeks';

/*
 * Risk's option Greeks from the chain service: the units risk reads, and the decision on an option
 * order with no Greeks (refused only where a limit needs them), with the real RiskManager and chain.
 */
const EXPIRY = Date.UTC(2025, 0, 31, 8);
const CALL = 'BTC-250131-95000-C';
const call: Instrument = {
  venue: 'SIM-A',
  symbol: CALL,
  venueSymbol: CALL,
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 1,
  qtyDecimals: 2,
  tickSize: 1,
  lotSize: 1,
  minNotional: 0,
  name: 'BTC',
  contract: { kind: 'call', expiry: EXPIRY, strike: 950_000, underlying: 'BTC-USDT', underlyingKind: 'spot', premiumIn: 'quote' },
};

const temp: TempStore[] = [];
afterEach(() => {
  for (const t of temp.splice(0)) t.cleanup();
});

/** A risk manager over SIM-A with the call listed, its Greeks from a chain over books the test sets (ticks). */
function wired(config: Parameters<typeof rig>[1], quotes: Record<string, { bid: Ticks; ask: Ticks }>) {
  const t = new TempStore();
  temp.push(t);
  const clock = new SimulatedClock(T0);
  let registry: ReturnType<typeof rig>['registry'] | undefined;
  const chains = new OptionChains({
    clock,
    instruments: () => registry!.all(),
    instrument: (v, s) => registry!.get(v, s),
    market: { touch: (_v, s) => quotes[s] ?? {}, last: () => undefined, openInterest: () => undefined },
    rate: () => 0,
  });
  const source = new RiskOptionGreeks({ clock, instrument: (v, s) => registry!.get(v, s), greeks: (v, s) => chains.greeksOf(v, s) });
  const r = rig(t, config, { optionGreeks: source });
  registry = r.registry;
  r.registry.add(call);
  r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
  r.risk.utilisation(); // compiles the limits with the option listed
  return { ...r, chains, source };
}

const QUOTED = { 'BTC-USDT': { bid: BTC_95000 - 1, ask: BTC_95000 + 1 }, [CALL]: { bid: 38_900, ask: 39_100 } };
const buyCall = limitOrder('SIM-A', CALL, 'buy', 39_100, 1);

describe("risk's option Greeks from the chain service", () => {
  it('reads delta per unit, vega in USDT per vol point, the underlying as venue:underlying, multiplier 1', () => {
    const { source, chains } = wired({}, QUOTED);
    const g = chains.greeksOf('SIM-A', CALL)!;
    const into = emptyOptionGreeks();
    expect(source.read(instrumentRef('SIM-A', CALL), into)).toBe(true);
    expect(into).toEqual({ underlying: 'SIM-A:BTC-USDT', underlyingPrice: 95_000, delta: g.delta, vega: g.vega, multiplier: 1 });
    expect(into.delta).toBeGreaterThan(0.4);
    expect(into.delta).toBeLessThan(0.7);
    expect(g.premiumIn).toBe('quote');
  });

  it('an option order with no Greeks passes while no limit needs them, and is refused once one does', () => {
    const noQuote = { 'BTC-USDT': QUOTED['BTC-USDT'] };
    // No Greek limit, no gross exposure limit: nothing the Greeks would decide, so the order goes.
    expect(verdict(wired({}, noQuote).risk.check(buyCall))).toBe('ok');
    // A delta limit on any underlying: this order's delta is unknown, so it fails closed.
    const limited = wired({ options: { defaults: { maxDelta: '5' } } }, noQuote);
    expect(verdict(limited.risk.check(buyCall))).toMatch(/^no option Greeks for .*BTC-250131-95000-C.*option orders on .* are refused until they are known, because a limit needs them$/);
    // A gross exposure limit in USDT values the option by its delta: refused too.
    const exposure = wired({ account: { maxGrossExposure: { USDT: '1000000' } } }, noQuote);
    expect(verdict(exposure.risk.check(buyCall))).toMatch(/no option Greeks/);
    // Quoted again: priced, and within the limit.
    const quoted = wired({ options: { defaults: { maxDelta: '5' } } }, QUOTED);
    expect(verdict(quoted.risk.check(buyCall))).toBe('ok');
  });
});
