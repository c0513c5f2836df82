import type { Candle, Fill, Instrument, Order } from '../../contract/api';
import type { Position as PositionView } from '../../contract/api';
import { pnlText, priceText, qtyText } from './numbers';

/**
 * What the chart draws of the trader's own trading, as plain data: lines for working orders, the
 * position's entry with its unrealised P&L, fills as markers; and the one number a drag needs, the
 * price under the pointer snapped to the tick grid.
 */

/** A chart price (a float in the instrument's units) as the nearest whole tick, never below one tick. */
export function snapToTicks(inst: Pick<Instrument, 'tickSize' | 'priceDecimals'>, price: number): number {
  return Math.max(1, Math.round((price * 10 ** inst.priceDecimals) / inst.tickSize));
}

/**
 * The price (ticks) under a pointer at `y` pixels, via the chart's own coordinate conversion; undefined
 * where the scale has no price (outside the pane, or before the first bar).
 */
export function ticksAtY(inst: Pick<Instrument, 'tickSize' | 'priceDecimals'>, y: number, coordinateToPrice: (y: number) => number | null): number | undefined {
  const p = coordinateToPrice(y);
  return p === null || !Number.isFinite(p) || p <= 0 ? undefined : snapToTicks(inst, p);
}

export interface OrderLine {
  clientOrderId: string;
  side: Order['side'];
  price: number; // ticks
  /** "BUY 0.10": drawn on the line and its axis label. */
  title: string;
  /** The order's name for people and tests: "buy 0.10 at 180.12". */
  name: string;
  /** An amend is on its way: drawn dashed, not draggable until the venue answers. */
  pending: boolean;
}

const remaining = (o: Order): number => Math.max(0, o.qty - o.filledQty);

/** One line per working priced order of ours (the caller filters to the focused instrument's resting orders). */
export function orderLines(inst: Instrument, orders: readonly Order[]): OrderLine[] {
  return orders
    .filter((o) => o.price !== undefined)
    .map((o) => {
      const qty = qtyText(inst, remaining(o));
      return {
        clientOrderId: o.clientOrderId,
        side: o.side,
        price: o.price!,
        title: `${o.side.toUpperCase()} ${qty}`,
        name: `${o.side} ${qty} at ${priceText(inst, o.price!)}`,
        pending: o.status === 'pending_update' || o.status === 'pending_cancel',
      };
    });
}

/** The position's entry line: "Long 1.00 · uPnL +12.30", or nothing while flat or without an entry price. */
export function entryLine(inst: Instrument, pos: PositionView | undefined): { price: number; title: string } | undefined {
  if (!pos || pos.qty === 0 || pos.avgPrice === undefined) return undefined;
  const side = pos.qty > 0 ? 'Long' : 'Short';
  const pnl = pos.unrealisedPnl === undefined ? 'uPnL —' : `uPnL ${pnlText(inst, pos.unrealisedPnl)} ${inst.quote}`;
  return { price: pos.avgPrice, title: `${side} ${qtyText(inst, Math.abs(pos.qty))} · ${pnl}` };
}

export interface FillMark {
  /** The bar's time (seconds) the fill falls in. */
  time: number;
  side: Fill['side'];
  text: string;
  id: string;
}

/**
 * Fills of the focused instrument as markers on the bars they happened in (a marker must sit on a bar:
 * a fill before the first bar shown is left out). Sorted by time, as the chart requires. An algo child's
 * fill names its parent (`parentOf`), so the trader sees which fills an algo made. The fills of one bar,
 * side and parent make one marker (their total at their average price, "(12 fills)"): an algo's children
 * fill dozens of times a minute, and a marker each stacked unreadable labels over the bars.
 */
export function fillMarks(
  inst: Instrument,
  fills: readonly Fill[],
  candles: readonly Pick<Candle, 'time'>[],
  parentOf: (clientOrderId: string) => string | undefined = () => undefined,
): FillMark[] {
  if (candles.length === 0) return [];
  const first = candles[0]!.time;
  const groups = new Map<string, { time: number; side: Fill['side']; parent: string | undefined; id: string; qty: number; notional: number; count: number }>();
  for (const f of fills) {
    if (f.venue !== inst.venue || f.symbol !== inst.symbol || f.settlement) continue;
    const sec = Math.floor(f.ts / 1000);
    if (sec < first) continue;
    const time = barTime(candles, sec);
    const parent = parentOf(f.clientOrderId);
    const key = `${time}|${f.side}|${parent ?? ''}`;
    const g = groups.get(key);
    if (g) {
      g.qty += f.qty;
      g.notional += f.qty * f.price;
      g.count++;
    } else groups.set(key, { time, side: f.side, parent, id: f.fillId, qty: f.qty, notional: f.qty * f.price, count: 1 });
  }
  const out: FillMark[] = [];
  for (const g of groups.values()) {
    // The average in whole ticks (the nearest), as every price on screen is.
    const price = priceText(inst, Math.round(g.notional / g.qty));
    const what = `${g.side === 'buy' ? 'B' : 'S'} ${qtyText(inst, g.qty)} @ ${g.count > 1 ? `avg ${price} (${g.count} fills)` : price}`;
    out.push({ time: g.time, side: g.side, text: g.parent !== undefined ? `${g.parent} ${what}` : what, id: g.id });
  }
  return out.sort((a, b) => a.time - b.time);
}

/** The time of the last bar opening at or before `sec` (binary search: the bars are in time order). */
function barTime(candles: readonly Pick<Candle, 'time'>[], sec: number): number {
  let lo = 0;
  let hi = candles.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (candles[mid]!.time <= sec) lo = mid;
    else hi = mid - 1;
  }
  return candles[lo]!.time;
}
