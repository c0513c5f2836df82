import type { Lots, OrderType, Side, Ticks, TimeInForce } from '../../core';
import type { LevelChange } from '../types';
import { BookSide, type PriceLevel, type RestingOrder } from './bookSide';

export interface EngineOrderRequest {
  owner: number;
  side: Side;
  type: OrderType;
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
      /** Quantity left resting in the book (limit GTC only). */
      resting: Lots;
      /** Quantity dropped unfilled: IOC and market remainders. */
      canceled: Lots;
    };

/** Read-only view of an order in the book. */
export type RestingOrderView = Pick<RestingOrder, 'id' | 'owner' | 'side' | 'price' | 'remaining'>;

export const POST_ONLY_WOULD_CROSS = 'post-only order would cross';

const NO_FILLS: readonly EngineFill[] = Object.freeze([]);

/**
 * A price-time priority limit order book for one instrument. It matches, rests and cancels; it
 * knows nothing about users, fees or events. Level changes are collected until drained so a caller
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

  submit(req: EngineOrderRequest): EngineSubmitResult {
    if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return { ok: false, reason: 'quantity must be a positive whole number of lots' };
    if (req.type === 'limit') {
      if (req.price === undefined) return { ok: false, reason: 'a limit order needs a price' };
      if (!Number.isSafeInteger(req.price) || req.price <= 0) return { ok: false, reason: 'price must be a positive whole number of ticks' };
    }
    if (req.type === 'market' && req.postOnly) return { ok: false, reason: 'a market order cannot be post-only' };

    const limit = req.type === 'limit' ? req.price! : undefined;
    const contra = req.side === 'buy' ? this.asks : this.bids;
    if (req.postOnly && limit !== undefined) {
      const touch = contra.best();
      if (touch && crosses(req.side, limit, touch.price)) return { ok: false, reason: POST_ONLY_WOULD_CROSS };
    }

    const id = this.nextId++;
    let fills: EngineFill[] | undefined; // most orders rest without trading: allocate only when they do
    let remaining = req.qty;
    for (let level = contra.best(); level && remaining > 0; level = contra.best()) {
      if (limit !== undefined && !crosses(req.side, limit, level.price)) break;
      remaining = this.takeFromLevel(contra, level, id, req, remaining, (fills ??= []));
    }

    const filled = req.qty - remaining;
    if (remaining > 0 && req.type === 'limit' && req.tif === 'GTC') {
      this.rest(id, req.owner, req.side, limit!, remaining);
      return { ok: true, id, fills: fills ?? NO_FILLS, filled, resting: remaining, canceled: 0 };
    }
    return { ok: true, id, fills: fills ?? NO_FILLS, filled, resting: 0, canceled: remaining };
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

  /** The net level changes since the last drain, as absolute quantities (0 = level gone). */
  drainChanges(): LevelChange[] {
    const changes: LevelChange[] = [];
    this.collect('buy', this.bids, this.touchedBids, changes);
    this.collect('sell', this.asks, this.touchedAsks, changes);
    return changes;
  }

  private takeFromLevel(
    contra: BookSide,
    level: PriceLevel,
    takerId: number,
    req: EngineOrderRequest,
    remaining: Lots,
    fills: EngineFill[],
  ): Lots {
    this.touch(contra.side, level);
    while (remaining > 0 && level.head) {
      const maker = level.head;
      const qty = Math.min(remaining, maker.remaining);
      remaining -= qty;
      maker.remaining -= qty;
      level.total -= qty;
      fills.push({
        makerId: maker.id,
        makerOwner: maker.owner,
        takerId,
        takerOwner: req.owner,
        takerSide: req.side,
        price: level.price,
        qty,
        makerRemaining: maker.remaining,
      });
      if (maker.remaining === 0) {
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

/** Whether a limit price on `side` reaches a contra level at `contraPrice`. */
function crosses(side: Side, limit: Ticks, contraPrice: Ticks): boolean {
  return side === 'buy' ? limit >= contraPrice : limit <= contraPrice;
}
