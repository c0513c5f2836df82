import type { Lots, Ticks } from '../../core';
import { farTouch, IntentSlot, nearTouch, type Algorithm, type AlgoQuote, type ChildIntent, type DecisionInput } from '../algorithm';
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
 * following the market past it. Limits: every move of the reference costs a cancel and a new child;
 * the reference is read from the top of the book, so while the child alone holds the best level of its
 * side (it improved the touch) a primary or mid peg cannot see the market's own touch beneath it and
 * stays where it is rather than chase its own price.
 */
export class Peg implements Algorithm {
  private readonly slot = new IntentSlot();

  constructor(private readonly params: PegParams) {}

  decide(input: DecisionInput): ChildIntent | undefined {
    const qty = input.total - input.done - input.open;
    if (qty <= 0) return undefined;
    const price = this.price(input.quote, input.side);
    if (!Number.isFinite(price)) return undefined;
    return this.slot.set(qty, price, 'GTC');
  }

  keep(input: DecisionInput, price: Ticks, qty: Lots): boolean {
    const q = input.quote;
    const nearQty = input.side === 'buy' ? q.bidQty : q.askQty;
    // Our child alone makes the best level of its side: a primary or mid reference read now would be
    // our own price, and chasing it would move the book again, forever. The market's own touch is
    // beneath us, out of a top-of-book view, so the child stays until the book moves past it.
    if (this.params.reference !== 'market' && nearTouch(q, input.side) === price && nearQty <= qty) return true;
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
