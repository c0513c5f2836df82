import { afterEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../instruments';
import type { OptionGreeksReading, OptionGreeksSource } from './optionGreeks';
import { instrumentRef, type InstrumentRef } from './riskContext';
import { BTC_1, BTC_95000, limitOrder, rig, TempStore, verdict, type Rig } from './testSupport';

/*
 * Options in pre-trade risk: gross exposure at the delta-adjusted notional, the portfolio delta and vega
 * limits per underlying, failing closed without Greeks, and nothing changed for other instruments.
 */

const EXPIRY = Date.UTC(2025, 0, 31, 8);
const ONE = 100; // lots in one contract (qty 0.01 contracts per lot)

/** A BTC option on SIM-A, priced from SIM-A:BTC-USDT, quoted in USDT with 0.1 ticks, 0.01 contracts. */
function option(symbol: string, kind: 'call' | 'put', strike: number): Instrument {
  return {
    venue: 'SIM-A',
    symbol,
    venueSymbol: symbol,
    base: symbol,
    quote: 'USDT',
    priceDecimals: 1,
    qtyDecimals: 2,
    tickSize: 1,
    lotSize: 1,
    minNotional: 0,
    name: 'BTC',
    contract: { kind, expiry: EXPIRY, strike: strike * 10, underlying: 'BTC-USDT', underlyingKind: 'spot' },
  };
}

const CALL = 'BTC-250131-95000-C';
const PUT = 'BTC-250131-90000-P';
const FAR_CALL = 'BTC-250131-120000-C';

/** Greeks a test sets per option: the interface the terminal wires its option chain service to. */
class TableGreeks implements OptionGreeksSource {
  readonly table = new Map<string, OptionGreeksReading>();
  reads = 0;
  read(i: InstrumentRef, into: OptionGreeksReading): boolean {
    this.reads++;
    const g = this.table.get(i.key);
    if (!g) return false;
    Object.assign(into, g);
    return true;
  }
  set(symbol: string, delta: number, vega: number, underlyingPrice = 95_000): void {
    this.table.set(`SIM-A:${symbol}`, { underlying: 'SIM-A:BTC-USDT', underlyingPrice, delta, vega, multiplier: 1 });
  }
}

const temp: TempStore[] = [];
afterEach(() => {
  for (const t of temp.splice(0)) t.cleanup();
});

function optionRig(config: Parameters<typeof rig>[1] = {}, greeks = new TableGreeks(), t = new TempStore()): Rig & { greeks: TableGreeks } {
  temp.push(t);
  const r = rig(t, config, { optionGreeks: greeks });
  r.registry.add(option(CALL, 'call', 95_000));
  r.registry.add(option(PUT, 'put', 90_000));
  r.registry.add(option(FAR_CALL, 'call', 120_000));
  greeks.set(CALL, 0.5, 40);
  greeks.set(PUT, -0.3, 35);
  r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
  r.risk.utilisation(); // compiles the limits with the options listed (as a new listing does)
  return { ...r, greeks };
}

const buy = (symbol: string, contracts: number, premium = 1_000) => limitOrder('SIM-A', symbol, 'buy', premium * 10, contracts * ONE);
const sell = (symbol: string, contracts: number, premium = 1_000) => limitOrder('SIM-A', symbol, 'sell', premium * 10, contracts * ONE);

describe('option Greek limits per underlying', () => {
  it('refuses an order that takes the portfolio delta past the limit, naming the limit, underlying and numbers', () => {
    const r = optionRig({ options: { defaults: { maxDelta: '1' } } });
    r.ctx.setPosition('SIM-A', CALL, 1 * ONE); // delta 0.5 BTC
    expect(verdict(r.risk.check(buy(CALL, 1)))).toBe('ok'); // 1.0: at the limit, not above
    expect(verdict(r.risk.check(buy(CALL, 2)))).toBe(
      'portfolio delta on SIM-A:BTC-USDT would be 1.5 (now 0.5 + this order 1), above the max delta 1 (units of the underlying) ' +
        `for SIM-A:BTC-USDT; order on SIM-A:${CALL}`,
    );
    expect(r.risk.checkCode(buy(CALL, 2))).toBe(32);
  });

  it('sums every option position on the underlying and lets an order that reduces |delta| through', () => {
    const r = optionRig({ options: { defaults: { maxDelta: '1' } } });
    r.ctx.setPosition('SIM-A', CALL, 4 * ONE); // +2.0
    r.ctx.setPosition('SIM-A', PUT, -2 * ONE); // short puts: +0.6 → 2.6, already above the limit
    expect(verdict(r.risk.check(buy(CALL, 1)))).toMatch(/^portfolio delta on SIM-A:BTC-USDT would be 3.1 \(now 2.6 \+ this order 0.5\)/);
    expect(verdict(r.risk.check(sell(CALL, 1)))).toBe('ok'); // 2.1: still above, but back towards zero
    expect(verdict(r.risk.check(buy(PUT, 2)))).toBe('ok'); // covering the puts: 2.0
    expect(verdict(r.risk.check(sell(CALL, 8)))).toBe('ok'); // -1.4: past zero, but smaller than 2.6
    expect(verdict(r.risk.check(sell(CALL, 12)))).toMatch(/would be -3.4 \(now 2.6 \+ this order -6\)/); // larger the other way
  });

  it('checks vega, with a per-underlying override winning over the defaults field by field', () => {
    const r = optionRig({ options: { defaults: { maxDelta: '100', maxVega: '1000' }, underlyings: { 'SIM-A:BTC-USDT': { maxVega: '50' } } } });
    r.ctx.setPosition('SIM-A', CALL, 1 * ONE); // vega 40 USDT per point
    expect(verdict(r.risk.check(buy(CALL, 1)))).toBe(
      'portfolio vega on SIM-A:BTC-USDT would be 80 USDT (now 40 + this order 40), above the max vega 50 USDT per vol point ' +
        `for SIM-A:BTC-USDT; order on SIM-A:${CALL}`,
    );
    expect(verdict(r.risk.check(sell(PUT, 1)))).toBe('ok'); // short vega: 5
    // The default delta still applies to the underlying.
    expect(verdict(r.risk.check(buy(CALL, 250)))).toMatch(/^portfolio delta on SIM-A:BTC-USDT would be 125.5/);
  });

  it('fails closed without Greeks: for the ordered option, and for a held option the sum needs', () => {
    const r = optionRig({ options: { defaults: { maxDelta: '10' } } });
    expect(verdict(r.risk.check(buy(FAR_CALL, 1)))).toBe(
      `no option Greeks for SIM-A:${FAR_CALL} (no underlying price or implied volatility yet): option orders on SIM-A:${FAR_CALL} ` +
        'are refused until they are known, because a limit needs them',
    );
    r.ctx.setPosition('SIM-A', FAR_CALL, ONE);
    expect(verdict(r.risk.check(buy(CALL, 1)))).toMatch(new RegExp(`^no option Greeks for SIM-A:${FAR_CALL}, held on the same underlying`));
    // Greeks that are not numbers are no Greeks.
    r.greeks.set(FAR_CALL, NaN, 10);
    expect(r.risk.checkCode(buy(CALL, 1))).toBe(31);
    r.greeks.set(FAR_CALL, 0.1, 10);
    expect(verdict(r.risk.check(buy(CALL, 1)))).toBe('ok');
  });

  it('needs no Greeks where no limit uses them: options trade as before with no option or exposure limit', () => {
    const r = optionRig();
    expect(verdict(r.risk.check(buy(FAR_CALL, 1)))).toBe('ok');
    expect(r.greeks.reads).toBe(0);
  });

  it('leaves every other instrument alone: no Greeks read, same verdicts', () => {
    const r = optionRig({ options: { defaults: { maxDelta: '0' } }, defaults: { maxOrderQty: '1' } });
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, BTC_1)))).toBe('ok');
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 2 * BTC_1)))).toBe(
      'quantity 2 BTC exceeds the max order quantity 1 BTC for SIM-A:BTC-USDT',
    );
    expect(r.greeks.reads).toBe(0);
  });
});

describe('options in gross exposure', () => {
  // 1 contract at delta 0.5 on 95,000 = 47,500 USDT of delta-adjusted notional.
  it('counts an option position and the order by |delta| × underlying price × quantity × multiplier', () => {
    const r = optionRig({ account: { maxGrossExposure: { USDT: '142500' } } });
    r.ctx.setPosition('SIM-A', CALL, 2 * ONE); // 95,000
    expect(verdict(r.risk.check(buy(CALL, 1)))).toBe('ok'); // + 47,500 = 142,500: at the limit
    expect(verdict(r.risk.check(buy(CALL, 2)))).toBe(
      'gross exposure would be 190000 USDT (positions and working orders 95000 USDT + this order 95000 USDT), above the max gross exposure 142500 USDT',
    );
    // A put counts by |delta| too: 0.3 × 95,000 = 28,500 a contract; a premium would have been 1,000.
    expect(verdict(r.risk.check(buy(PUT, 1)))).toBe('ok');
    expect(verdict(r.risk.check(buy(PUT, 2)))).toMatch(/^gross exposure would be 152000 USDT/);
  });

  it('counts working option orders at their delta-adjusted notional, and held options next to other instruments', () => {
    const r = optionRig({ account: { maxGrossExposure: { USDT: '200000' } } });
    r.ctx.addWorking('SIM-A', CALL, 'buy', 10_000, 2 * ONE); // 95,000 (not its 2,000 of premium)
    r.ctx.setPosition('SIM-A', 'BTC-USDT', BTC_1); // 95,000 at the mid
    const spot = limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, BTC_1 / 10); // 9,500
    expect(verdict(r.risk.check(spot))).toBe('ok');
    expect(verdict(r.risk.check({ ...spot, qty: BTC_1 / 5 }))).toMatch(/^gross exposure would be 209000 USDT \(positions and working orders 190000 USDT/);
    // The delta moves: the held option's notional moves with it (once its cached mark is older than the max age).
    r.greeks.set(CALL, 0.25, 40);
    r.clock.advance(1_001);
    expect(verdict(r.risk.check({ ...spot, qty: BTC_1 / 5 }))).toBe('ok'); // 47,500 + 95,000 + 19,000
  });

  it('cannot value a held option without Greeks: refuses in its currency and says why', () => {
    const r = optionRig({ account: { maxGrossExposure: { USDT: '1000000' } } });
    r.ctx.setPosition('SIM-A', FAR_CALL, ONE);
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, BTC_1)))).toBe(
      `cannot value the SIM-A:${FAR_CALL} option position for the USDT gross exposure limit: no Greeks (delta-adjusted notional) for it`,
    );
    expect(verdict(r.risk.check(buy(FAR_CALL, 1)))).toMatch(/^no option Greeks for SIM-A:BTC-250131-120000-C \(/);
  });

  it('values an amend by what the order becomes, not added to what it was', () => {
    const r = optionRig({ account: { maxGrossExposure: { USDT: '100000' } } });
    const working = r.ctx.addWorking('SIM-A', CALL, 'buy', 10_000, 2 * ONE); // 95,000
    expect(verdict(r.risk.checkAmend(working, { ...buy(CALL, 2), clientOrderId: working.clientOrderId }))).toBe('ok');
    expect(verdict(r.risk.checkAmend(working, { ...buy(CALL, 3), clientOrderId: working.clientOrderId }))).toMatch(/^gross exposure would be 142500 USDT/);
  });
});

describe('option limits as settings', () => {
  it('persist like the other limits and refuse a bad value naming the field', () => {
    const t = new TempStore();
    const r = optionRig({}, new TableGreeks(), t);
    expect(r.risk.setOptionLimits({ defaults: { maxDelta: 'ten' } })).toMatchObject({
      ok: false,
      error: { message: 'options.defaults.maxDelta must be a non-negative decimal amount, got "ten"' },
    });
    expect(r.risk.setOptionLimits({ underlyings: { NIFTY: { maxGamma: '1' } as never } })).toMatchObject({
      ok: false,
      error: { message: 'options.underlyings["NIFTY"].maxGamma is not a known limit' },
    });
    expect(r.risk.setOptionLimits({ defaults: { maxDelta: '1' } }).ok).toBe(true);
    r.ctx.setPosition('SIM-A', CALL, ONE);
    expect(r.risk.checkCode(buy(CALL, 2))).toBe(32);
    // The same terminal restarted reads them back.
    t.closeLatest();
    const again = optionRig({}, new TableGreeks(), t);
    expect(again.risk.limits().options).toEqual({ defaults: { maxDelta: '1' } });
    again.ctx.setPosition('SIM-A', CALL, ONE);
    expect(again.risk.checkCode(buy(CALL, 2))).toBe(32);
    expect(again.risk.setOptionLimits(undefined).ok).toBe(true);
    expect(again.risk.limits().options).toBeUndefined();
    expect(again.risk.checkCode(buy(CALL, 2))).toBe(0);
  });
});

// instrumentRef is process-wide: make sure the test's option keys are what the source is asked with.
it('asks the source by the canonical instrument ref', () => {
  expect(instrumentRef('SIM-A', CALL).key).toBe(`SIM-A:${CALL}`);
});
