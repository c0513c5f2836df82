import { describe, expect, it } from 'vitest';
import type { Fill, Position as PositionView } from '../../contract/api';
import { entryLine, fillMarks, orderLines, snapToTicks, ticksAtY } from './chartOrders';
import { btc, order } from './testing';

const sol = { ...btc, symbol: 'SOL-USDT', priceDecimals: 2, tickSize: 5 }; // a 0.05 tick

describe('snapToTicks and ticksAtY (the price a drag lands on)', () => {
  it('rounds a chart price to the nearest tick of the instrument', () => {
    expect(snapToTicks(btc, 95000.04)).toBe(950_000);
    expect(snapToTicks(btc, 95000.06)).toBe(950_001);
    expect(snapToTicks(sol, 180.12)).toBe(3602); // 180.10
    expect(snapToTicks(sol, 180.13)).toBe(3603); // 180.15
  });

  it('never goes below one tick', () => {
    expect(snapToTicks(btc, 0.01)).toBe(1);
  });

  it('reads the price under a pointer through the chart conversion, and nothing outside the scale', () => {
    const scale = (y: number): number | null => (y < 0 ? null : 100 - y / 10); // 10 px per unit, 100 at the top
    expect(ticksAtY(sol, 0, scale)).toBe(2000); // 100.00
    expect(ticksAtY(sol, 12, scale)).toBe(1976); // 98.80
    expect(ticksAtY(sol, 13, scale)).toBe(1974); // 98.70 (98.7 exactly)
    expect(ticksAtY(sol, -5, scale)).toBeUndefined();
    expect(ticksAtY(sol, 2000, scale)).toBeUndefined(); // a negative price
  });
});

describe('orderLines', () => {
  it('draws the remaining size of each priced working order and marks an amend in flight', () => {
    const lines = orderLines(btc, [order({ filledQty: 40 }), order({ clientOrderId: 'sq1-2', side: 'sell', price: 960_000, status: 'pending_update' }), order({ clientOrderId: 'm', type: 'market', price: undefined })]);
    expect(lines).toEqual([
      { clientOrderId: 'sq1-1', side: 'buy', price: 950_000, title: 'BUY 0.0060', name: 'buy 0.0060 at 95000.0', pending: false },
      { clientOrderId: 'sq1-2', side: 'sell', price: 960_000, title: 'SELL 0.0100', name: 'sell 0.0100 at 96000.0', pending: true },
    ]);
  });
});

describe('entryLine', () => {
  const pos = (over: Partial<PositionView>): PositionView => ({ venue: 'SIM', symbol: 'BTC-USDT', qty: 100, avgPrice: 950_000, realisedPnl: 0, fees: 0, ...over });
  it('shows the entry with its side, size and unrealised P&L', () => {
    expect(entryLine(btc, pos({ unrealisedPnl: 1_230_000 }))).toEqual({ price: 950_000, title: expect.stringMatching(/^Long 0\.0100 · uPnL \+[0-9.]+ USDT$/) });
    expect(entryLine(btc, pos({ qty: -100 }))?.title).toBe('Short 0.0100 · uPnL —');
  });
  it('draws nothing while flat', () => {
    expect(entryLine(btc, pos({ qty: 0 }))).toBeUndefined();
    expect(entryLine(btc, undefined)).toBeUndefined();
  });
});

describe('fillMarks', () => {
  const fill = (over: Partial<Fill>): Fill => ({ fillId: 'f1', clientOrderId: 'sq1-1', venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', price: 950_000, qty: 100, liquidity: 'maker', fee: 0, ts: 125_500, ...over });
  const bars = [{ time: 60 }, { time: 120 }, { time: 180 }];
  it('puts each fill on the bar it happened in, in time order, and leaves out other instruments and earlier fills', () => {
    const marks = fillMarks(btc, [fill({ fillId: 'late', ts: 200_000, side: 'sell' }), fill({}), fill({ fillId: 'x', symbol: 'ETH-USDT' }), fill({ fillId: 'early', ts: 10_000 })], bars);
    expect(marks).toEqual([
      { time: 120, side: 'buy', text: 'B 0.0100 @ 95000.0', id: 'f1' },
      { time: 180, side: 'sell', text: 'S 0.0100 @ 95000.0', id: 'late' },
    ]);
  });
  it('makes one marker of the fills of one bar, side and parent: their total at their average price', () => {
    const parentOf = (id: string) => (id.startsWith('twap-7.') ? 'twap-7' : undefined);
    const marks = fillMarks(
      btc,
      [
        fill({ fillId: 'a', clientOrderId: 'twap-7.1', price: 950_000, qty: 100 }),
        fill({ fillId: 'b', clientOrderId: 'twap-7.2', price: 950_003, qty: 200, ts: 150_000 }),
        fill({ fillId: 'c', clientOrderId: 'own-1', ts: 140_000 }),
        fill({ fillId: 'd', clientOrderId: 'twap-7.3', side: 'sell', ts: 160_000 }),
      ],
      bars,
      parentOf,
    );
    expect(marks).toEqual([
      { time: 120, side: 'buy', text: 'twap-7 B 0.0300 @ avg 95000.2 (2 fills)', id: 'a' },
      { time: 120, side: 'buy', text: 'B 0.0100 @ 95000.0', id: 'c' },
      { time: 120, side: 'sell', text: 'twap-7 S 0.0100 @ 95000.0', id: 'd' },
    ]);
  });
  it('has no marks without bars', () => {
    expect(fillMarks(btc, [fill({})], [])).toEqual([]);
  });
  it("names an algo child's parent on its fill", () => {
    const parentOf = (id: string) => (id.startsWith('twap-7.') ? 'twap-7' : undefined);
    const marks = fillMarks(btc, [fill({ clientOrderId: 'twap-7.3' }), fill({ fillId: 'own', ts: 130_000 })], bars, parentOf);
    expect(marks.map((m) => m.text)).toEqual(['twap-7 B 0.0100 @ 95000.0', 'B 0.0100 @ 95000.0']);
  });
});
