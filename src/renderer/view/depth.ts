import type { BookView } from '../../contract/api';

/**
 * The depth chart's data: cumulative size per side out from the touch, and the price window that
 * shows both sides around the mid. Prices are ticks and sizes lots, as the book carries them; the
 * panel maps them to pixels and formats them with the instrument.
 */
export interface DepthLevel {
  price: number; // ticks
  qty: number; // lots
  /** Size from the touch up to and including this level. */
  cum: number;
}

export interface Depth {
  /** Best (highest) bid first, prices falling. */
  bids: DepthLevel[];
  /** Best (lowest) ask first, prices rising. */
  asks: DepthLevel[];
  /** In ticks (may be half a tick); absent when a side is empty. */
  mid?: number;
  /** Deepest cumulative size on either side: the top of the size axis. */
  maxCum: number;
  /** Price window in ticks, centred on the mid when both sides are there, so the mid sits mid-chart. */
  lo: number;
  hi: number;
}

function cumulate(levels: [number, number][]): DepthLevel[] {
  let cum = 0;
  return levels.map(([price, qty]) => {
    cum += qty;
    return { price, qty, cum };
  });
}

/** Cumulative depth of up to `levels` levels per side; null when the book is missing or empty. */
export function buildDepth(book: BookView | null | undefined, levels = 50): Depth | null {
  if (!book) return null;
  const bids = cumulate([...book.bids].sort((a, b) => b[0] - a[0]).slice(0, levels));
  const asks = cumulate([...book.asks].sort((a, b) => a[0] - b[0]).slice(0, levels));
  const bestBid = bids[0];
  const bestAsk = asks[0];
  if (!bestBid && !bestAsk) return null;
  const deepBid = bids[bids.length - 1];
  const deepAsk = asks[asks.length - 1];
  const maxCum = Math.max(deepBid?.cum ?? 0, deepAsk?.cum ?? 0);
  if (bestBid && bestAsk && deepBid && deepAsk) {
    const mid = (bestBid.price + bestAsk.price) / 2;
    // The wider side sets the half-width; the other side's curve runs flat to the edge, as its depth
    // beyond the levels we hold is unknown rather than zero.
    const half = Math.max(mid - deepBid.price, deepAsk.price - mid, 1);
    return { bids, asks, mid, maxCum, lo: mid - half, hi: mid + half };
  }
  // One-sided book: the window spans that side, with a tick of margin so a single level is not on the edge.
  const side = bids.length > 0 ? bids : asks;
  const prices = side.map((l) => l.price);
  return { bids, asks, maxCum, lo: Math.min(...prices) - 1, hi: Math.max(...prices) + 1 };
}

/**
 * The staircase of one side as [price, cum] vertices, from the touch out to `edge` (the window's
 * outer price): it rises at each level's price and stays flat between levels, since the size
 * available to a market order is constant until the next level is reached.
 */
export function depthStairs(levels: readonly DepthLevel[], edge: number): [number, number][] {
  const first = levels[0];
  if (!first) return [];
  const pts: [number, number][] = [[first.price, 0]];
  let prev = 0;
  for (const l of levels) {
    pts.push([l.price, prev], [l.price, l.cum]);
    prev = l.cum;
  }
  pts.push([edge, prev]);
  // The first pair repeats [touch, 0]; drop the duplicate so a path has no zero-length segment.
  return pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0] || p[1] !== pts[i - 1]![1]);
}

export interface DepthHit {
  side: 'bid' | 'ask';
  /** The furthest level a market order sweeping out to the cursor would reach, in ticks. */
  price: number;
  /** Cumulative size from the touch up to and including that level, in lots. */
  cum: number;
  /** How many levels that is. */
  levels: number;
}

/**
 * What the cursor at `price` (ticks, any fraction) points at: on the bid side, the bids at or above
 * it; on the ask side, the asks at or below it. Null inside the spread or before the touch.
 */
export function depthAt(depth: Depth, price: number): DepthHit | null {
  const bestBid = depth.bids[0];
  const bestAsk = depth.asks[0];
  if (bestBid && price <= bestBid.price && (!bestAsk || price < bestAsk.price)) {
    let hit: DepthLevel = bestBid;
    let n = 1;
    for (let i = 1; i < depth.bids.length && depth.bids[i]!.price >= price; i++) {
      hit = depth.bids[i]!;
      n = i + 1;
    }
    return { side: 'bid', price: hit.price, cum: hit.cum, levels: n };
  }
  if (bestAsk && price >= bestAsk.price) {
    let hit: DepthLevel = bestAsk;
    let n = 1;
    for (let i = 1; i < depth.asks.length && depth.asks[i]!.price <= price; i++) {
      hit = depth.asks[i]!;
      n = i + 1;
    }
    return { side: 'ask', price: hit.price, cum: hit.cum, levels: n };
  }
  return null;
}

/**
 * Axis marks at "nice" whole multiples (1, 2 or 5 x 10^k) of the unit, about `target` of them across
 * [lo, hi], and at least two whenever the range holds two whole units. Units are ticks or lots, so
 * every mark formats exactly with the instrument.
 */
export function axisMarks(lo: number, hi: number, target: number): number[] {
  if (!(hi > lo) || target < 1) return [];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // Nice steps from large to small; start at the one closest to the raw step (on a log scale).
  const steps = [10, 5, 2, 1, 0.5, 0.2, 0.1].map((m) => m * mag).filter((s) => s >= 1);
  if (steps.length === 0) steps.push(1);
  let i = steps.reduce((best, s, k) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(steps[best]! / raw)) ? k : best), 0);
  for (;;) {
    const step = steps[i]!;
    const marks: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) marks.push(v);
    if (marks.length >= 2 || i === steps.length - 1) return marks;
    i++;
  }
}
