import { describe, expect, it } from 'vitest';
import { analyseParent, type TcaInput, type TcaReport } from './tca';
import { tcaChildrenCsv, tcaCsv, TCA_CHILD_CSV_COLUMNS, TCA_CSV_COLUMNS } from './tcaCsv';

const T = Date.UTC(2026, 11, 7, 10, 0, 0);
const iso = (ms: number) => new Date(T + ms).toISOString();
/** X-USD in cents and whole units: one tick times one lot is one QuoteUnit (a cent). */
const UNITS = { priceDecimals: 2, tickSize: 1, qtyDecimals: 0, lotSize: 1 };

/**
 * A buy of 12 over a minute, arrival mid 1.005. The tape over the minute: 5 @ 1.00, 10 @ 1.02,
 * 5 @ 1.01 (our c1), 5 @ 1.03 (our c2); a print after the end does not count.
 */
const buyInput = (over: Partial<TcaInput> = {}): TcaInput => ({
  parentId: 'p-1',
  symbol: 'X-USD',
  side: 'buy',
  parentQty: 12,
  startedAt: T,
  endedAt: T + 60_000,
  arrivalPrice: 100.5,
  endPrice: 104,
  marketTrades: [
    { ts: T + 1_000, price: 100, qty: 5 },
    { ts: T + 20_000, price: 102, qty: 10 },
    { ts: T + 30_000, price: 101, qty: 5 },
    { ts: T + 40_000, price: 103, qty: 5 },
    { ts: T + 70_000, price: 110, qty: 100 },
  ],
  children: [
    { childId: 'c1', venue: 'A', sentAt: T + 29_000, limitPrice: 101, qty: 6, fills: [{ ts: T + 30_000, price: 101, qty: 5, fee: 2, liquidity: 'taker' }] },
    { childId: 'c2', venue: 'B', sentAt: T + 39_000, limitPrice: 103, qty: 5, fills: [{ ts: T + 40_000, price: 103, qty: 5, fee: -1, liquidity: 'maker' }] },
  ],
  quotePerTickLot: 1,
  ...over,
});

function analyse(input: TcaInput): TcaReport {
  const r = analyseParent(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('analyseParent', () => {
  it('computes arrival, interval VWAP, average fill, slippage (positive = cost), participation, fees and shortfall', () => {
    const r = analyse(buyInput());
    // VWAP over the minute: (500 + 1020 + 505 + 515) / 25 = 101.6 ticks; ours: (505 + 515) / 10 = 102.
    expect(r).toMatchObject({ filledQty: 10, unfilledQty: 2, intervalVwap: 101.6, marketVolume: 25, avgFillPrice: 102, fees: 1, makerQty: 5, takerQty: 5 });
    expect(r.slippageVsArrivalBps).toBeCloseTo(((102 - 100.5) / 100.5) * 10_000, 9); // 149.25 bps paid
    expect(r.slippageVsVwapBps).toBeCloseTo(((102 - 101.6) / 101.6) * 10_000, 9); // 39.37 bps
    expect(r.participation).toBe(0.4);
    // Execution (1020 - 100.5 * 10) = 15, opportunity (104 - 100.5) * 2 unfilled = 7, fees 1: 23 cents,
    // over the paper value 100.5 * 12 = 1206 cents.
    expect(r.shortfall).toEqual({ execution: 15, opportunity: 7, fees: 1, total: 23, bps: (23 / 1206) * 10_000 });
    expect(r.children).toEqual([
      { childId: 'c1', venue: 'A', sentAt: T + 29_000, limitPrice: 101, qty: 6, filledQty: 5, avgPrice: 101, slippageVsArrivalBps: ((101 - 100.5) / 100.5) * 10_000, fees: 2, makerQty: 0, takerQty: 5, fills: 1, firstFillAt: T + 30_000, lastFillAt: T + 30_000 },
      { childId: 'c2', venue: 'B', sentAt: T + 39_000, limitPrice: 103, qty: 5, filledQty: 5, avgPrice: 103, slippageVsArrivalBps: ((103 - 100.5) / 100.5) * 10_000, fees: -1, makerQty: 5, takerQty: 0, fills: 1, firstFillAt: T + 40_000, lastFillAt: T + 40_000 },
    ]);
  });

  it('counts a sell filled below its benchmark as a cost, and a price improvement as negative', () => {
    const sell = analyse({
      ...buyInput(),
      side: 'sell',
      parentQty: 4,
      arrivalPrice: 100,
      endPrice: undefined,
      marketTrades: [{ ts: T + 5_000, price: 97, qty: 4 }],
      tapeIncludesOurFills: false,
      children: [{ childId: 's1', venue: 'A', sentAt: T, qty: 4, fills: [{ ts: T + 1_000, price: 99, qty: 2, fee: 0, liquidity: 'taker' }, { ts: T + 2_000, price: 98, qty: 2, fee: 0, liquidity: 'taker' }] }],
    });
    // Average 98.5 against 100: 150 bps given up. Against the VWAP of the tape plus ours,
    // (388 + 394) / 8 = 97.75: 76.7 bps better than the market, so negative.
    expect(sell.avgFillPrice).toBe(98.5);
    expect(sell.slippageVsArrivalBps).toBeCloseTo(150, 9);
    expect(sell.intervalVwap).toBe(97.75);
    expect(sell.slippageVsVwapBps).toBeCloseTo(((97.75 - 98.5) / 97.75) * 10_000, 9);
    expect(sell.slippageVsVwapBps!).toBeLessThan(0);
    expect(sell.participation).toBe(0.5);
    // All done: nothing left to price, so no end price is needed. Execution -(394 - 400) = 6.
    expect(sell.shortfall).toEqual({ execution: 6, opportunity: 0, fees: 0, total: 6, bps: 150 });
    expect(sell.children[0]!.limitPrice).toBeUndefined();
  });

  it('reports the opportunity cost as unknown when part is not done and no end price is given', () => {
    const r = analyse(buyInput({ endPrice: undefined }));
    expect(r.shortfall).toEqual({ execution: 15, opportunity: undefined, fees: 1, total: 16, bps: (16 / 1206) * 10_000 });
  });

  it('leaves the averages and slippage empty when nothing filled and nothing traded', () => {
    const r = analyse(buyInput({ marketTrades: [], children: [{ childId: 'c1', venue: 'A', sentAt: T, qty: 5, fills: [] }], endPrice: 100.5 }));
    expect(r).toMatchObject({ filledQty: 0, avgFillPrice: undefined, intervalVwap: undefined, slippageVsArrivalBps: undefined, slippageVsVwapBps: undefined, participation: undefined });
    expect(r.shortfall.total).toBe(0);
    expect(r.children[0]).toMatchObject({ filledQty: 0, avgPrice: undefined, firstFillAt: undefined });
  });

  it('refuses input it cannot analyse, saying what is wrong', () => {
    const msg = (over: Partial<TcaInput>) => {
      const r = analyseParent(buyInput(over));
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(msg({ arrivalPrice: 0 })).toBe('INVALID_INPUT: TCA of p-1: arrival price must be positive, got 0');
    expect(msg({ endedAt: T - 1 })).toMatch(/is not a time interval/);
    expect(msg({ parentQty: 9 })).toMatch(/children filled 10 of the parent's 9 lots/);
    expect(msg({ children: [{ childId: 'x', venue: 'A', sentAt: T, qty: 1, fills: [{ ts: T, price: 100, qty: 2, fee: 0, liquidity: 'taker' }] }] })).toMatch(/child x filled 2 of 1 lots/);
    expect(msg({ children: [{ childId: 'x', venue: 'A', sentAt: T, qty: 1, fills: [{ ts: T, price: 100, qty: 0, fee: 0, liquidity: 'taker' }] }] })).toMatch(/child x fill 0 is malformed/);
    expect(msg({ children: [{ childId: 'x', venue: 'A', sentAt: T, qty: 1, fills: [{ ts: T, price: 100, qty: 1, fee: 0.5, liquidity: 'taker' }] }] })).toMatch(/fee must be an integer/);
    expect(msg({ marketTrades: [{ ts: T, price: -1, qty: 1 }] })).toMatch(/market trade 0 is malformed/);
  });
});

describe('TCA CSV', () => {
  it('exports one summary row per parent, in the instrument\'s decimals', () => {
    const csv = tcaCsv([analyse(buyInput())], UNITS);
    expect(csv.split('\r\n')).toEqual([
      TCA_CSV_COLUMNS.join(','),
      `p-1,X-USD,buy,${iso(0)},${iso(60_000)},12,10,2,1.005,1.016,1.02,149.25,39.37,25,40.0000,5,5,0.01,0.15,0.07,0.01,0.23,190.71,`,
      '',
    ]);
  });

  it('ends a routed parent\'s row with why venues were left out, one cell, quoted', () => {
    const r = { ...analyse(buyInput()), leftOut: ['SIM-B: book 2.4 s old (limit 1 s)', 'SIM-C: no ask within the limit 64,000.0 (best 64,012.5)'] };
    const row = tcaCsv([r], UNITS).split('\r\n')[1]!;
    expect(row.endsWith(',190.71,"SIM-B: book 2.4 s old (limit 1 s); SIM-C: no ask within the limit 64,000.0 (best 64,012.5)"')).toBe(true);
  });

  it('exports the per-child table, a rebate as a plain negative number', () => {
    const csv = tcaChildrenCsv([analyse(buyInput())], UNITS);
    expect(csv.split('\r\n')).toEqual([
      TCA_CHILD_CSV_COLUMNS.join(','),
      `p-1,c1,A,${iso(29_000)},1.01,6,5,1.01,49.75,0.02,0,5,1,${iso(30_000)},${iso(30_000)}`,
      `p-1,c2,B,${iso(39_000)},1.03,5,5,1.03,248.76,-0.01,5,0,1,${iso(40_000)},${iso(40_000)}`,
      '',
    ]);
  });

  it('guards cells against formula injection and quotes commas and quotes (the audit export\'s rules)', () => {
    const r = analyse(
      buyInput({
        parentId: '=HYPERLINK("http://x")',
        children: [{ childId: '+1,2', venue: '@SIM', sentAt: T, qty: 5, fills: [{ ts: T + 1, price: 100, qty: 5, fee: 0, liquidity: 'taker' }] }],
      }),
    );
    const row = tcaChildrenCsv([r], UNITS).split('\r\n')[1]!;
    // The fill at 1.00 against 1.005 is a 49.75 bp price improvement: a number, not a formula.
    expect(row).toBe(`"'=HYPERLINK(""http://x"")","'+1,2",'@SIM,${iso(0)},,5,5,1.00,-49.75,0.00,0,5,1,${iso(1)},${iso(1)}`);
  });
});
