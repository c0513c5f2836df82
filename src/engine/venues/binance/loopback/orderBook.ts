/**
 * One symbol's order book at the loopback venue: price levels of FIFO queues holding anonymous
 * liquidity (seeded from a recording or configured, moved by tests) and the accounts' resting orders,
 * in price-time priority. It records which levels changed so that every change reaches the diff-depth
 * stream under Binance's update ids: an event covers ids U..u, the next starts at u + 1.
 */
/** Binance's sides, as its API writes them. */
export type Side = 'BUY' | 'SELL';

/** What the book needs of a resting order; `leaves` is decremented here as it fills. */
export interface BookOrder {
  readonly orderId: number;
  readonly side: Side;
  readonly price: bigint;
  leaves: bigint;
}

export type Maker = { kind: 'liquidity'; qty: bigint } | { kind: 'order'; order: BookOrder };

/** One execution of a taker against one maker. */
export interface MatchStep {
  price: bigint;
  qty: bigint;
  maker: Maker;
}

/** Levels that changed since the last event, as absolute totals (0 removes the level). */
export interface DepthChange {
  /** First and last update id of this change set, and the previous set's last id. */
  U: number;
  u: number;
  pu: number;
  bids: [price: bigint, qty: bigint][];
  asks: [price: bigint, qty: bigint][];
}

interface Level {
  price: bigint;
  queue: Maker[];
  total: bigint;
}

class BookSide {
  readonly levels = new Map<bigint, Level>();
  /** Best first. */
  readonly prices: bigint[] = [];

  constructor(readonly side: Side) {}

  /** Whether `a` is a better price than `b` on this side. */
  private better(a: bigint, b: bigint): boolean {
    return this.side === 'BUY' ? a > b : a < b;
  }

  level(price: bigint): Level {
    let l = this.levels.get(price);
    if (!l) {
      l = { price, queue: [], total: 0n };
      this.levels.set(price, l);
      let lo = 0;
      let hi = this.prices.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.better(this.prices[mid]!, price)) lo = mid + 1;
        else hi = mid;
      }
      this.prices.splice(lo, 0, price);
    }
    return l;
  }

  dropIfEmpty(l: Level): void {
    if (l.queue.length > 0) return;
    this.levels.delete(l.price);
    const i = this.prices.indexOf(l.price);
    if (i >= 0) this.prices.splice(i, 1);
  }
}

export class OrderBook {
  private readonly bids = new BookSide('BUY');
  private readonly asks = new BookSide('SELL');
  private readonly touched = new Map<string, { side: Side; price: bigint }>();
  private lastId: number;

  /** `lastUpdateId`: the update id the seeded book stands at (a recording's snapshot id, or 0). */
  constructor(lastUpdateId = 0) {
    this.lastId = lastUpdateId;
  }

  /** The update id of the book as it stands: what a REST snapshot reports as lastUpdateId. */
  get lastUpdateId(): number {
    return this.lastId;
  }

  private sideOf(side: Side): BookSide {
    return side === 'BUY' ? this.bids : this.asks;
  }

  private touch(side: Side, price: bigint): void {
    this.touched.set(`${side}${price}`, { side, price });
  }

  /** Sets the anonymous liquidity at a level: added quantity joins the back of the queue, removed quantity leaves from the back. */
  setLiquidity(side: Side, price: bigint, qty: bigint): void {
    const s = this.sideOf(side);
    const level = s.level(price);
    let anon = 0n;
    for (const m of level.queue) if (m.kind === 'liquidity') anon += m.qty;
    if (qty > anon) {
      level.queue.push({ kind: 'liquidity', qty: qty - anon });
    } else {
      let remove = anon - qty;
      for (let i = level.queue.length - 1; i >= 0 && remove > 0n; i--) {
        const m = level.queue[i]!;
        if (m.kind !== 'liquidity') continue;
        const cut = m.qty < remove ? m.qty : remove;
        m.qty -= cut;
        remove -= cut;
        if (m.qty === 0n) level.queue.splice(i, 1);
      }
    }
    level.total += qty - anon;
    s.dropIfEmpty(level);
    if (qty !== anon) this.touch(side, price);
  }

  /** Puts an order at the back of its price level. */
  rest(order: BookOrder): void {
    const level = this.sideOf(order.side).level(order.price);
    level.queue.push({ kind: 'order', order });
    level.total += order.leaves;
    this.touch(order.side, order.price);
  }

  /**
   * Lowers a resting order's open quantity where it stands: it keeps its place in the queue (spot's
   * Order Amend Keep Priority). False if it was not resting.
   */
  reduce(order: BookOrder, leaves: bigint): boolean {
    const level = this.sideOf(order.side).levels.get(order.price);
    if (!level || !level.queue.some((m) => m.kind === 'order' && m.order === order)) return false;
    level.total -= order.leaves - leaves;
    order.leaves = leaves;
    this.touch(order.side, order.price);
    return true;
  }

  /** Takes a resting order off the book (cancel, expiry); false if it was not resting. */
  remove(order: BookOrder): boolean {
    const s = this.sideOf(order.side);
    const level = s.levels.get(order.price);
    if (!level) return false;
    const i = level.queue.findIndex((m) => m.kind === 'order' && m.order === order);
    if (i < 0) return false;
    level.queue.splice(i, 1);
    level.total -= order.leaves;
    s.dropIfEmpty(level);
    this.touch(order.side, order.price);
    return true;
  }

  /** Whether an order on `side` at `price` would execute at once (post-only checks). */
  wouldCross(side: Side, price: bigint): boolean {
    const best = this.sideOf(side === 'BUY' ? 'SELL' : 'BUY').prices[0];
    return best !== undefined && (side === 'BUY' ? best <= price : best >= price);
  }

  /**
   * The executions a taker on `side` for `qty` (no worse than `limit`, if given) would get, best price
   * first and queue order within a price. With `apply` the book is changed: makers' quantities drop,
   * filled makers leave. Without it nothing changes (FOK and balance checks).
   */
  walk(side: Side, qty: bigint, limit: bigint | undefined, apply: boolean): MatchStep[] {
    const opposite = this.sideOf(side === 'BUY' ? 'SELL' : 'BUY');
    const steps: MatchStep[] = [];
    let left = qty;
    for (let p = 0; p < opposite.prices.length && left > 0n; ) {
      const price = opposite.prices[p]!;
      if (limit !== undefined && (side === 'BUY' ? price > limit : price < limit)) break;
      const level = opposite.levels.get(price)!;
      for (let i = 0; i < level.queue.length && left > 0n; ) {
        const maker = level.queue[i]!;
        const available = maker.kind === 'liquidity' ? maker.qty : maker.order.leaves;
        const fill = available < left ? available : left;
        steps.push({ price, qty: fill, maker });
        left -= fill;
        if (!apply) {
          i++;
          continue;
        }
        if (maker.kind === 'liquidity') maker.qty -= fill;
        else maker.order.leaves -= fill;
        level.total -= fill;
        if (fill === available) level.queue.splice(i, 1);
        else i++;
      }
      if (apply) {
        this.touch(opposite.side, price);
        const before = opposite.prices.length;
        opposite.dropIfEmpty(level);
        if (opposite.prices.length === before) p++;
      } else {
        p++;
      }
    }
    return steps;
  }

  /** Total quantity a taker on `side` could execute no worse than `limit`. */
  available(side: Side, limit: bigint | undefined): bigint {
    return this.walk(side, 2n ** 120n, limit, false).reduce((sum, s) => sum + s.qty, 0n);
  }

  /** The best `limit` levels of each side as [price, total quantity]. */
  depth(limit: number): { bids: [bigint, bigint][]; asks: [bigint, bigint][] } {
    const take = (s: BookSide) => s.prices.slice(0, limit).map((p): [bigint, bigint] => [p, s.levels.get(p)!.total]);
    return { bids: take(this.bids), asks: take(this.asks) };
  }

  best(side: Side): bigint | undefined {
    return this.sideOf(side).prices[0];
  }

  /** Forgets the changes made so far without an update id (the seeded starting book). */
  discardChanges(): void {
    this.touched.clear();
  }

  /**
   * The levels changed since the last call, under fresh update ids (one per changed level), or
   * undefined if nothing changed. The caller publishes it as one depthUpdate.
   */
  drainChanges(): DepthChange | undefined {
    if (this.touched.size === 0) return undefined;
    const pu = this.lastId;
    const bids: [bigint, bigint][] = [];
    const asks: [bigint, bigint][] = [];
    for (const { side, price } of this.touched.values()) {
      const total = this.sideOf(side).levels.get(price)?.total ?? 0n;
      (side === 'BUY' ? bids : asks).push([price, total]);
    }
    this.touched.clear();
    bids.sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : 0));
    asks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const U = pu + 1;
    this.lastId = pu + bids.length + asks.length;
    return { U, u: this.lastId, pu, bids, asks };
  }
}
