import type { BookView, Instrument, Order } from '../../contract/api';

export interface LadderRow {
  side: 'bid' | 'ask';
  price: number; // ticks
  qty: number; // lots
  /** Size from the touch up to and including this level. */
  cum: number;
  /** cum as a share (0..1) of the deepest cumulative size shown on either side, for the depth bar. */
  depth: number;
  /** Remaining lots of our own working orders resting at this price on this side. */
  own: number;
  best: boolean;
}

export interface Ladder {
  /** Asks top to bottom: the highest shown first, the best (lowest) ask last, just above the spread. */
  asks: LadderRow[];
  /** Bids top to bottom: the best (highest) bid first, just below the spread. */
  bids: LadderRow[];
  /** Best ask minus best bid in ticks; absent when a side is empty. */
  spread?: number;
  /** Mid price in ticks (may be half a tick). */
  mid?: number;
  /** Our working orders resting at prices the ladder does not show (too deep, or not in the book). */
  ownOutside: number;
}

const remaining = (o: Order): number => Math.max(0, o.qty - o.filledQty);

/** Our resting quantity per price on one side. */
function ownByPrice(orders: readonly Order[], side: Order['side']): Map<number, number> {
  const m = new Map<number, number>();
  for (const o of orders) {
    if (o.side !== side || o.price === undefined) continue;
    m.set(o.price, (m.get(o.price) ?? 0) + remaining(o));
  }
  return m;
}

function rows(levels: [number, number][], side: 'bid' | 'ask', own: Map<number, number>): LadderRow[] {
  let cum = 0;
  return levels.map(([price, qty], i) => {
    cum += qty;
    return { side, price, qty, cum, depth: 0, own: own.get(price) ?? 0, best: i === 0 };
  });
}

/**
 * The order book as the ladder shows it: up to `levels` per side, cumulative depth scaled against the
 * deeper of the two sides so the bars compare across the spread, and our own working orders (already
 * filtered to this instrument) marked on the rows where they rest.
 */
export function buildLadder(book: BookView | null | undefined, ownOrders: readonly Order[], levels = 20): Ladder {
  if (!book) return { asks: [], bids: [], ownOutside: ownOrders.length };
  const bidLevels = [...book.bids].sort((a, b) => b[0] - a[0]).slice(0, levels);
  const askLevels = [...book.asks].sort((a, b) => a[0] - b[0]).slice(0, levels);
  const bids = rows(bidLevels, 'bid', ownByPrice(ownOrders, 'buy'));
  const asksBestFirst = rows(askLevels, 'ask', ownByPrice(ownOrders, 'sell'));
  const deepest = Math.max(bids[bids.length - 1]?.cum ?? 0, asksBestFirst[asksBestFirst.length - 1]?.cum ?? 0);
  for (const r of [...bids, ...asksBestFirst]) r.depth = deepest > 0 ? r.cum / deepest : 0;
  const bestBid = bids[0]?.price;
  const bestAsk = asksBestFirst[0]?.price;
  const shown = new Set([...bids.map((r) => `buy:${r.price}`), ...asksBestFirst.map((r) => `sell:${r.price}`)]);
  const ownOutside = ownOrders.filter((o) => o.price === undefined || !shown.has(`${o.side}:${o.price}`)).length;
  const ladder: Ladder = { asks: asksBestFirst.reverse(), bids, ownOutside };
  if (bestBid !== undefined && bestAsk !== undefined) {
    ladder.spread = bestAsk - bestBid;
    ladder.mid = (bestAsk + bestBid) / 2;
  }
  return ladder;
}

/** Best bid and ask in ticks, for prefilling the ticket and pricing a market order. */
export function touch(book: BookView | null | undefined): { bid?: number; ask?: number } {
  if (!book) return {};
  let bid: number | undefined;
  let ask: number | undefined;
  for (const [p] of book.bids) if (bid === undefined || p > bid) bid = p;
  for (const [p] of book.asks) if (ask === undefined || p < ask) ask = p;
  return { bid, ask };
}

/** How many levels a venue's feed gives at most, when it caps the depth (Kite's quotes carry five per side). */
export const KITE_DEPTH_LEVELS = 5;

/**
 * The ladder's note on a capped book, or undefined for a full-depth one. A Kite instrument (the only
 * kind that names its exchange: NSE, NFO, MCX...) has five levels a side and no more, so a short ladder
 * there is the feed's limit, not a thin market; the trader is told so instead of left to wonder.
 */
export function depthCapNote(inst: Pick<Instrument, 'exchange'> | null | undefined): { levels: number; text: string; title: string } | undefined {
  if (!inst?.exchange) return undefined;
  return {
    levels: KITE_DEPTH_LEVELS,
    text: `${KITE_DEPTH_LEVELS} levels (Kite)`,
    title: `Kite's market data carries the best ${KITE_DEPTH_LEVELS} bids and asks only: the book has no deeper levels to show`,
  };
}
