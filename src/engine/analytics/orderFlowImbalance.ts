import type { Lots, Ticks } from '../core';

/** The window OFI is summed over: the last `events` book observations, or the last `ms` milliseconds. */
export type OfiWindow = { events: number } | { ms: number };

/**
 * One order-flow-imbalance contribution, Cont, Kukanov & Stoikov (2014), "The price impact of order book
 * events", Journal of Financial Econometrics 12(1), 47-88, §2 (definition of e_n):
 *
 *   e_n =  1{P^B_n ≥ P^B_{n-1}}·q^B_n − 1{P^B_n ≤ P^B_{n-1}}·q^B_{n-1}
 *        − 1{P^A_n ≤ P^A_{n-1}}·q^A_n + 1{P^A_n ≥ P^A_{n-1}}·q^A_{n-1}
 *
 * i.e. bid queue growth (or a better bid) adds demand, ask queue growth (or a better ask) adds supply,
 * and a queue that vanished by a price move removes its old size. In lots; integers in, integer out.
 */
export function ofiContribution(
  prevBid: Ticks, prevBidQty: Lots, prevAsk: Ticks, prevAskQty: Lots,
  bid: Ticks, bidQty: Lots, ask: Ticks, askQty: Lots,
): number {
  let e = 0;
  if (bid >= prevBid) e += bidQty;
  if (bid <= prevBid) e -= prevBidQty;
  if (ask <= prevAsk) e -= askQty;
  if (ask >= prevAsk) e += prevAskQty;
  return e;
}

/**
 * OFI_k = Σ e_n over a rolling window (CKS 2014, §2, OFI over an interval), updated per book picture in
 * O(1) amortised: contributions go into a ring with their timestamps, expired ones are dropped from the
 * front and subtracted. Contributions are integers, so the running sum is exact.
 *
 * Each two-sided picture passed to `onTop` is one observation n (a picture whose top did not change
 * contributes e_n = 0; it still counts towards an event window). Pictures arrive throttled (≤ 20 Hz),
 * so e_n here is the net of all venue events between two pictures — the same telescoping CKS use when
 * summing e_n over an interval, except that an intermediate price move and back is not seen. A one-sided
 * or empty book breaks the chain: the next two-sided picture is a new reference, not a flow.
 */
export class OrderFlowImbalance {
  private ts: Float64Array;
  private e: Float64Array;
  private head = 0;
  private size = 0;
  private total = 0;
  private hasRef = false;
  private refBid = 0;
  private refBidQty = 0;
  private refAsk = 0;
  private refAskQty = 0;
  // Settings below start as 0 and are set in the constructor: a bare field starts undefined, and V8 then
  // keeps it as any value, checked on every per-event read.
  private readonly maxEvents: number = 0;
  private readonly windowMs: number = 0;

  constructor(window: OfiWindow) {
    if ('events' in window) {
      if (!Number.isInteger(window.events) || window.events < 1) throw new RangeError(`OFI window events must be a positive integer, got ${window.events}`);
      this.maxEvents = window.events;
      this.windowMs = Infinity;
    } else {
      if (!(window.ms > 0)) throw new RangeError(`OFI window ms must be positive, got ${window.ms}`);
      this.maxEvents = Infinity;
      this.windowMs = window.ms;
    }
    // Start small and grow on demand: an event window of millions should not allocate it all up front.
    const initial = Math.min(this.maxEvents, 256);
    this.ts = new Float64Array(initial);
    this.e = new Float64Array(initial);
  }

  /** A new top of book; `undefined` sides mean the book is not two-sided. */
  onTop(bid: Ticks | undefined, bidQty: Lots, ask: Ticks | undefined, askQty: Lots, ts: number): void {
    this.expire(ts);
    if (bid === undefined || ask === undefined) {
      this.hasRef = false;
      return;
    }
    if (this.hasRef) {
      const e = ofiContribution(this.refBid, this.refBidQty, this.refAsk, this.refAskQty, bid, bidQty, ask, askQty);
      this.append(ts, e);
    }
    this.hasRef = true;
    this.refBid = bid;
    this.refBidQty = bidQty;
    this.refAsk = ask;
    this.refAskQty = askQty;
  }

  /** Lets time pass without a book picture (a trade), so a time window forgets old flow. */
  advance(ts: number): void {
    this.expire(ts);
  }

  /** Σ e_n over the window; 0 when the window is empty but the book is two-sided; absent otherwise. */
  value(): number | undefined {
    if (this.size > 0) return this.total;
    return this.hasRef ? 0 : undefined;
  }

  private append(ts: number, e: number): void {
    if (this.size === this.maxEvents) this.dropOldest();
    if (this.size === this.ts.length) this.grow();
    const at = (this.head + this.size) % this.ts.length;
    this.ts[at] = ts;
    this.e[at] = e;
    this.size++;
    this.total += e;
  }

  private expire(now: number): void {
    // Window (now - ms, now]: a contribution exactly `ms` old has left it.
    const cutoff = now - this.windowMs;
    while (this.size > 0 && this.ts[this.head]! <= cutoff) this.dropOldest();
  }

  private dropOldest(): void {
    this.total -= this.e[this.head]!;
    this.head = (this.head + 1) % this.ts.length;
    this.size--;
  }

  private grow(): void {
    const cap = this.ts.length * 2;
    const ts = new Float64Array(cap);
    const e = new Float64Array(cap);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.ts.length;
      ts[i] = this.ts[from]!;
      e[i] = this.e[from]!;
    }
    this.ts = ts;
    this.e = e;
    this.head = 0;
  }
}
