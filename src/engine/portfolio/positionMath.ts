import type { Lots, Side, Ticks } from '../core';

/**
 * One instrument's position in exact integers, before conversion to QuoteUnits.
 *
 * Sign convention: `qty` is signed lots, > 0 long, < 0 short. `cost` is the entry value of the
 * position still open, in ticks*lots, carrying the SAME sign as qty (long 2 @ 100 -> cost 200,
 * short 2 @ 100 -> cost -200, flat -> 0). The average entry price is cost / qty, always positive,
 * kept exactly as that fraction rather than as a rounded price. `realised` is in ticks*lots.
 */
export interface PositionBook {
  qty: Lots;
  cost: number;
  realised: number;
}

export const FLAT: PositionBook = { qty: 0, cost: 0, realised: 0 };

/** round(a * b / d), half away from zero, exact for any safe integers (the product may not be). */
export function mulDivRound(a: number, b: number, d: number): number {
  if (d === 0) throw new RangeError('division by zero');
  const n = BigInt(a) * BigInt(b);
  const den = BigInt(d);
  const negative = n < 0n !== den < 0n;
  const an = n < 0n ? -n : n;
  const ad = den < 0n ? -den : den;
  const q = (2n * an + ad) / (2n * ad);
  return Number(negative ? -q : q);
}

/**
 * Applies one trade. Increasing a position adds its value to cost. Reducing removes the closed share
 * of cost (cost * closed / |qty|) and realises the difference to the exit value. That share is the
 * ONE place a division happens; it is rounded half away from zero and the rounding stays inside
 * cost, so closing the rest realises it back: a position opened and fully closed realises exactly
 * (exit value - entry value), and realised + (qty * mark - cost) always equals the cash flow plus
 * the marked position, with no drift. A trade larger than the position closes it and opens the
 * remainder on the other side at the trade price.
 */
export function applyTrade(p: PositionBook, side: Side, price: Ticks, qty: Lots): PositionBook {
  const signed = side === 'buy' ? qty : -qty;
  if (p.qty === 0 || Math.sign(p.qty) === Math.sign(signed)) {
    return { qty: p.qty + signed, cost: p.cost + price * signed, realised: p.realised };
  }
  const held = Math.abs(p.qty);
  const closing = Math.min(qty, held);
  const removed = closing === held ? p.cost : mulDivRound(p.cost, closing, held);
  const closingSigned = Math.sign(signed) * closing;
  // Exit cash flow of the closed part (-price * closingSigned) minus what that part cost.
  const realised = p.realised - price * closingSigned - removed;
  const opening = signed - closingSigned;
  return {
    qty: p.qty + closingSigned + opening,
    cost: p.cost - removed + price * opening,
    realised,
  };
}

/** Profit of the open position if it were closed at `mark`, in ticks*lots. */
export const unrealised = (p: PositionBook, mark: Ticks): number => p.qty * mark - p.cost;

/** cost / qty rounded to a whole tick; undefined when flat. */
export const averagePrice = (p: PositionBook): Ticks | undefined => (p.qty === 0 ? undefined : mulDivRound(p.cost, 1, p.qty));
