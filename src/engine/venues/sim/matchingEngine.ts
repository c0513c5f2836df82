import { opposite, type Lots, type Side, type Ticks, type TimeInForce } from '../../core';
import type { LevelChange } from '../types';
import { BookSide, type PriceLevel, type RestingOrder } from './bookSide';

/** The engine only matches limit and market orders; stops are held by the venue until they trigger. */
export type EngineOrderType = 'limit' | 'market';

export interface EngineOrderRequest {
  owner: number;
  side: Side;
  type: EngineOrderType;
  /** GTC, GTD and DAY rest their remainder (the venue expires GTD/DAY); IOC drops it; FOK trades all or nothing. */
  tif: TimeInForce;
  postOnly?: boolean;
  /** Required for limit orders. */
  price?: Ticks;
  qty: Lots;
}

/** One execution between a resting (maker) order and an incoming (taker) order; also one public trade. */
export interface EngineFill {
  makerId: number;
  makerOwner: number;
  takerId: number;
  takerOwner: number;
  takerSide: Side;
  price: Ticks;
  qty: Lots;
  /** What is left of the maker order after this fill (0 = it left the book). */
  makerRemaining: Lots;
}

export type EngineSubmitResult =
  | { ok: false; reason: string }
  | {
      ok: true;
      id: number;
      fills: readonly EngineFill[];
      filled: Lots;
      /** Quantity left resting in the book (limit orders with a resting time in force only). */
      resting: Lots;
      /** Quantity dropped unfilled: IOC and market remainders, a FOK that could not fill entirely. */
      canceled: Lots;
    };

/**
 * Consulted before a resting order trades (when set): `wanted` is what would trade, the answer what
 * may. An answer below `wanted` trades that much and then takes the maker out of the book: its owner
 * has ruled that it must not trade further (a reduce-only order whose position is already closed).
 */
export type MakerCap = (makerId: number, makerOwner: number, wanted: Lots) => Lots;

/** Read-only view of an order in the book. */
export type RestingOrderView = Pick<RestingOrder, 'id' | 'owner' | 'side' | 'price' | 'remaining'>;

export const POST_ONLY_WOULD_CROSS = 'post-only order would cross';

const NO_FILLS: readonly EngineFill[] = Object.freeze([]);

/**
 * A price-time priority limit order book for one instrument. It matches, rests, amends and cancels;
 * it knows nothing about users, fees or events. Level changes are collected until drained so a caller
 * can publish one L2 delta per matching step.
 */
export class MatchingEngine {
  private readonly bids = new BookSide('buy');
  private readonly asks = new BookSide('sell');
  private readonly orders = new Map<number, RestingOrder>();
  /** Price -> level qty before the first touch since the last drain; lets drain report only real changes. */
  private readonly touchedBids = new Map<Ticks, Lots>();
  private readonly touchedAsks = new Map<Ticks, Lots>();
  private nextId = 1;
  private trackChanges = true;
  private makerCap: MakerCap | undefined;

  submit(req: EngineOrderRequest): EngineSubmitResult {
    const invalid = checkTerms(req.type, req.price, req.qty);
    if (invalid) return { ok: false, reason: invalid };
    if (req.type === 'market' && req.postOnly) return { ok: false, reason: 'a market order cannot be post-only' };
    const limit = req.type === 'limit' ? req.price! : undefined;
    if (req.postOnly && limit !== undefined && this.wouldCross(req.side, limit)) return { ok: false, reason: POST_ONLY_WOULD_CROSS };

    const id = this.nextId++;
    // Fill-or-kill: nothing trades unless the whole quantity is there within the limit.
    if (req.tif === 'FOK' && this.available(opposite(req.side), limit, req.qty) < req.qty) {
      return { ok: true, id, fills: NO_FILLS, filled: 0, resting: 0, canceled: req.qty };
    }
    const rests = limit !== undefined && req.tif !== 'IOC' && req.tif !== 'FOK';
    return this.execute(id, req.owner, req.side, limit, req.qty, rests);
  }

  /** Whether a limit order on `side` at `price` would trade against the contra touch on arrival. */
  wouldCross(side: Side, price: Ticks): boolean {
    const touch = (side === 'buy' ? this.asks : this.bids).best();
    return touch !== undefined && crosses(side, price, touch.price);
  }

  /**
   * Quantity resting on `side` that an order with limit `limit` (undefined = market) could take,
   * counted from the touch and stopping once `enough` is reached.
   */
  available(side: Side, limit: Ticks | undefined, enough = Infinity): Lots {
    const book = this.sideOf(side);
    const taker = opposite(side);
    let sum = 0;
    for (let i = 0; sum < enough; i++) {
      const price = book.priceAt(i);
      if (price === undefined || (limit !== undefined && !crosses(taker, limit, price))) break;
      sum += book.level(price)!.total;
    }
    return sum;
  }

  /**
   * Shrinks a resting order in place to `remaining` lots: it keeps its place in the queue, as a size
   * decrease does on a real exchange. Returns false when the order is not in the book or the new
   * size is not a smaller positive whole number.
   */
  reduce(id: number, remaining: Lots): boolean {
    const order = this.orders.get(id);
    if (!order || !Number.isSafeInteger(remaining) || remaining <= 0 || remaining >= order.remaining) return false;
    const level = order.level!;
    this.touch(order.side, level);
    level.total -= order.remaining - remaining;
    order.remaining = remaining;
    return true;
  }

  /**
   * Moves a resting order to a new price and/or remaining size, losing its time priority: it leaves
   * the book and comes back under the same id as a new arrival, trading as a taker first if the new
   * price crosses, then joining the back of the queue at its price. A post-only replace that would
   * cross is refused and leaves the order untouched.
   */
  replace(id: number, price: Ticks, remaining: Lots, postOnly = false): EngineSubmitResult {
    const order = this.orders.get(id);
    if (!order) return { ok: false, reason: 'order not in the book' };
    const invalid = checkTerms('limit', price, remaining);
    if (invalid) return { ok: false, reason: invalid };
    if (postOnly && this.wouldCross(order.side, price)) return { ok: false, reason: POST_ONLY_WOULD_CROSS };
    const { owner, side } = order;
    this.cancel(id);
    return this.execute(id, owner, side, price, remaining, true);
  }

  /** Installs (or removes, with undefined) the check consulted before every resting order trades. */
  setMakerCap(cap: MakerCap | undefined): void {
    this.makerCap = cap;
  }

  /** Removes a resting order; returns the quantity it still had, or undefined if it is not in the book. */
  cancel(id: number): Lots | undefined {
    const order = this.orders.get(id);
    if (!order) return undefined;
    const side = order.side === 'buy' ? this.bids : this.asks;
    const level = order.level!;
    this.touch(order.side, level);
    const qty = order.remaining;
    level.unlink(order);
    this.orders.delete(id);
    if (level.count === 0) side.remove(level);
    return qty;
  }

  order(id: number): RestingOrderView | undefined {
    return this.orders.get(id);
  }

  get orderCount(): number {
    return this.orders.size;
  }

  bestBid(): Ticks | undefined {
    return this.bids.best()?.price;
  }

  bestAsk(): Ticks | undefined {
    return this.asks.best()?.price;
  }

  /** Number of price levels on a side. */
  depth(side: Side): number {
    return this.sideOf(side).depth;
  }

  /** Price of the i-th level from the touch (0 = best). */
  priceAt(side: Side, i: number): Ticks | undefined {
    return this.sideOf(side).priceAt(i);
  }

  qtyAt(side: Side, price: Ticks): Lots {
    return this.sideOf(side).level(price)?.total ?? 0;
  }

  /** Orders queued at one price, front of the queue first. */
  ordersAt(side: Side, price: Ticks): RestingOrderView[] {
    const out: RestingOrderView[] = [];
    this.forEachOrderAt(side, price, (o) => out.push(o));
    return out;
  }

  /** Visits the orders queued at one price without allocating; `fn` must not modify the book. */
  forEachOrderAt(side: Side, price: Ticks, fn: (order: RestingOrderView) => void): void {
    for (let o = this.sideOf(side).level(price)?.head ?? null; o; o = o.next) fn(o);
  }

  /** Full depth, best first. */
  levels(side: Side, maxLevels?: number): [Ticks, Lots][] {
    return this.sideOf(side).snapshot(maxLevels);
  }

  /**
   * Turns level-change collection off (and forgets what was collected) for runs nobody publishes,
   * such as a warm-up; turning it back on starts from a clean slate.
   */
  setChangeTracking(on: boolean): void {
    this.trackChanges = on;
    this.touchedBids.clear();
    this.touchedAsks.clear();
  }

  /** True when a level was touched since the last drain (cheap: lets an idle book skip the drain). */
  get hasChanges(): boolean {
    return this.touchedBids.size > 0 || this.touchedAsks.size > 0;
  }

  /** The net level changes since the last drain, as absolute quantities (0 = level gone). */
  drainChanges(): LevelChange[] {
    const changes: LevelChange[] = [];
    this.collect('buy', this.bids, this.touchedBids, changes);
    this.collect('sell', this.asks, this.touchedAsks, changes);
    return changes;
  }

  /** Matches an arriving order against the contra side, then rests its remainder if it `rests`. */
  private execute(id: number, owner: number, side: Side, limit: Ticks | undefined, qty: Lots, rests: boolean): EngineSubmitResult {
    const contra = side === 'buy' ? this.asks : this.bids;
    let fills: EngineFill[] | undefined; // most orders rest without trading: allocate only when they do
    let remaining = qty;
    for (let level = contra.best(); level && remaining > 0; level = contra.best()) {
      if (limit !== undefined && !crosses(side, limit, level.price)) break;
      remaining = this.takeFromLevel(contra, level, id, owner, side, remaining, (fills ??= []));
    }
    const filled = qty - remaining;
    if (remaining > 0 && rests) {
      this.rest(id, owner, side, limit!, remaining);
      return { ok: true, id, fills: fills ?? NO_FILLS, filled, resting: remaining, canceled: 0 };
    }
    return { ok: true, id, fills: fills ?? NO_FILLS, filled, resting: 0, canceled: remaining };
  }

  private takeFromLevel(
    contra: BookSide,
    level: PriceLevel,
    takerId: number,
    takerOwner: number,
    takerSide: Side,
    remaining: Lots,
    fills: EngineFill[],
  ): Lots {
    this.touch(contra.side, level);
    while (remaining > 0 && level.head) {
      const maker = level.head;
      let qty = Math.min(remaining, maker.remaining);
      let leaves = false;
      if (this.makerCap !== undefined) {
        const allowed = this.makerCap(maker.id, maker.owner, qty);
        if (allowed < qty) {
          qty = Math.max(0, allowed);
          leaves = true;
        }
      }
      remaining -= qty;
      maker.remaining -= qty;
      level.total -= qty;
      if (qty > 0) {
        fills.push({
          makerId: maker.id,
          makerOwner: maker.owner,
          takerId,
          takerOwner,
          takerSide,
          price: level.price,
          qty,
          makerRemaining: leaves ? 0 : maker.remaining,
        });
      }
      if (maker.remaining === 0 || leaves) {
        level.unlink(maker);
        this.orders.delete(maker.id);
      }
    }
    if (level.count === 0) contra.remove(level);
    return remaining;
  }

  private rest(id: number, owner: number, side: Side, price: Ticks, qty: Lots): void {
    const book = this.sideOf(side);
    const level = book.getOrCreate(price);
    this.touch(side, level);
    const order: RestingOrder = { id, owner, side, price, remaining: qty, prev: null, next: null, level: null };
    level.push(order);
    this.orders.set(id, order);
  }

  private touch(side: Side, level: PriceLevel): void {
    if (!this.trackChanges) return;
    const touched = side === 'buy' ? this.touchedBids : this.touchedAsks;
    if (!touched.has(level.price)) touched.set(level.price, level.total);
  }

  private collect(side: Side, book: BookSide, touched: Map<Ticks, Lots>, out: LevelChange[]): void {
    for (const [price, before] of touched) {
      const qty = book.level(price)?.total ?? 0;
      if (qty !== before) out.push({ side, price, qty });
    }
    touched.clear();
  }

  private sideOf(side: Side): BookSide {
    return side === 'buy' ? this.bids : this.asks;
  }
}

/** The structural checks every arriving order passes; undefined when the terms are well formed. */
function checkTerms(type: EngineOrderType, price: Ticks | undefined, qty: Lots): string | undefined {
  if (!Number.isSafeInteger(qty) || qty <= 0) return 'quantity must be a positive whole number of lots';
  if (type === 'limit') {
    if (price === undefined) return 'a limit order needs a price';
    if (!Number.isSafeInteger(price) || price <= 0) return 'price must be a positive whole number of ticks';
  }
  return undefined;
}

/** Whether a limit price on `side` reaches a contra level at `contraPrice`. */
function crosses(side: Side, limit: Ticks, contraPrice: Ticks): boolean {
  return side === 'buy' ? limit >= contraPrice : limit <= contraPrice;
}
