import type { Ticks } from '../../core';
import { farTouch, nearTouch, type Algorithm, type AlgoQuote, type ChildIntent, type DecisionInput } from '../algorithm';
import type { Side } from '../../core';

export interface PegParams {
  /** primary: the near touch (bid for a buy); market: the far touch (ask for a buy); mid: the middle. */
  reference: 'primary' | 'market' | 'mid';
  /** Ticks from the reference; positive is more aggressive (up for a buy, down for a sell). */
  offset: Ticks;
}

/**
 * Peg: one GTC child for the whole remaining quantity, resting at the reference price plus the offset,
 * re-placed (cancel, then a new child) whenever that price moves. A mid peg rounds away from crossing
 * (down for a buy, up for a sell). The runtime caps the price at the limit, so a pegged order stops
 * following the market past it. Limits: every move of the reference costs a cancel and a new child.
 */
export class Peg implements Algorithm {
  constructor(private readonly params: PegParams) {}

  decide(input: DecisionInput): ChildIntent | undefined {
    const qty = input.total - input.done - input.open;
    if (qty <= 0) return undefined;
    const price = this.price(input.quote, input.side);
    if (!Number.isFinite(price)) return undefined;
    return { qty, price, tif: 'GTC' };
  }

  keep(input: DecisionInput, price: Ticks): boolean {
    const want = this.price(input.quote, input.side);
    const capped = input.limit === undefined ? want : input.side === 'buy' ? Math.min(want, input.limit) : Math.max(want, input.limit);
    return !Number.isFinite(want) || price === capped;
  }

  private price(q: AlgoQuote, side: Side): Ticks {
    const offset = side === 'buy' ? this.params.offset : -this.params.offset;
    if (this.params.reference === 'primary') return nearTouch(q, side) + offset;
    if (this.params.reference === 'market') return farTouch(q, side) + offset;
    const mid = (q.bid + q.ask) / 2;
    return (side === 'buy' ? Math.floor(mid) : Math.ceil(mid)) + offset;
  }
}
