import { WORKING_STATUSES, type Lots, type Side, type Symbol, type Ticks, type VenueId } from '../core';
import { instrumentRef, type InstrumentExposure, type InstrumentRef } from './riskContext';

/** What the tracker needs of an order; the OMS's Order satisfies it. */
export interface TrackedOrder {
  clientOrderId: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  /** Limit price (limit and stop-limit orders). */
  price?: Ticks;
  /** Stop price (stop orders): what an untriggered stop-market order is valued at. */
  stopPrice?: Ticks;
  /** Can only reduce the position (never counted as taking it further; see workingToward). */
  reduceOnly?: boolean;
  qty: Lots;
  filledQty: Lots;
  status: string;
}

/** What the tracker needs of a fill; the OMS's Fill satisfies it. */
export interface TrackedFill {
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  qty: Lots;
}

/** Not terminal: the order may still trade (the OMS's own definition, pending amends and cancels included). */
const WORKING = new Set<string>(WORKING_STATUSES);

interface Counter {
  count: number;
}

interface Account extends Counter {
  version: number;
}

class Summary implements InstrumentExposure {
  position = 0;
  count = 0;
  buyQty = 0;
  sellQty = 0;
  reduceBuyQty = 0;
  reduceSellQty = 0;
  buyValue = 0;
  sellValue = 0;
  highestBuy = NaN;
  highestBuyId = '';
  lowestSell = NaN;
  lowestSellId = '';

  constructor(
    /** The venue's working-order count, shared by its instruments' summaries. */
    readonly venue: Counter,
    readonly account: Account,
  ) {}
}

interface Entry {
  ref: InstrumentRef;
  orders: Map<string, TrackedOrder>;
  summary: Summary;
}

/**
 * Positions and working orders as the risk checks read them: kept up to date from the OMS's order
 * snapshots and fills, and read by instrument id with no hashing and no allocation. Why not read the
 * OMS and the portfolio directly: their accessors build fresh arrays and objects on every call, and
 * the check runs on every order. The wiring feeds it `applyOrder` on every order event and
 * `applyFill` on every fill (or seeds positions with setPosition after rebuilding the portfolio).
 */
export class ExposureTracker {
  private readonly byId: (Entry | undefined)[] = [];
  private readonly venues = new Map<VenueId, Counter>();
  private readonly account: Account = { count: 0, version: 0 };

  /** Takes the latest snapshot of an order; a terminal one stops counting as working. */
  applyOrder(order: TrackedOrder): void {
    const entry = this.entry(instrumentRef(order.venue, order.symbol));
    const wasWorking = entry.orders.has(order.clientOrderId);
    const working = WORKING.has(order.status) && order.filledQty < order.qty;
    if (working) entry.orders.set(order.clientOrderId, order);
    else entry.orders.delete(order.clientOrderId);
    if (working !== wasWorking) {
      const delta = working ? 1 : -1;
      this.account.count += delta;
      entry.summary.venue.count += delta;
    }
    summarise(entry);
    this.account.version++;
  }

  applyFill(fill: TrackedFill): void {
    this.entry(instrumentRef(fill.venue, fill.symbol)).summary.position += fill.side === 'buy' ? fill.qty : -fill.qty;
    this.account.version++;
  }

  /** For start-up: the position the portfolio rebuilt from the stored fills. */
  setPosition(venue: VenueId, symbol: Symbol, qty: Lots): void {
    this.entry(instrumentRef(venue, symbol)).summary.position = qty;
    this.account.version++;
  }

  /** Moves on every order, fill or position set: whoever caches sums over exposures compares it. */
  version(): number {
    return this.account.version;
  }

  exposure(i: InstrumentRef): InstrumentExposure {
    return this.entry(i).summary;
  }

  venueOpenOrders(i: InstrumentRef): number {
    return this.entry(i).summary.venue.count;
  }

  accountOpenOrders(): number {
    return this.account.count;
  }

  /** Every instrument with a position. */
  positions(): { venue: VenueId; symbol: Symbol; qty: Lots }[] {
    const out: { venue: VenueId; symbol: Symbol; qty: Lots }[] = [];
    for (const e of this.byId) if (e && e.summary.position !== 0) out.push({ venue: e.ref.venue, symbol: e.ref.symbol, qty: e.summary.position });
    return out;
  }

  private entry(i: InstrumentRef): Entry {
    const e = this.byId[i.id];
    return e !== undefined ? e : this.create(i);
  }

  private create(i: InstrumentRef): Entry {
    let venue = this.venues.get(i.venue);
    if (!venue) this.venues.set(i.venue, (venue = { count: 0 }));
    const e: Entry = { ref: i, orders: new Map(), summary: new Summary(venue, this.account) };
    // Holes are filled with undefined so the array stays one kind (no holey-array deopts on read).
    while (this.byId.length < i.id) this.byId.push(undefined);
    this.byId[i.id] = e;
    return e;
  }
}

/**
 * Recomputed from the instrument's working orders on every change: a handful of orders, once per event.
 * An order is valued at its limit price, an untriggered stop-market at its stop price (where it turns
 * into a market order); only a limit price rests on the book for self-trade prevention to look at.
 */
function summarise(entry: Entry): void {
  const s = entry.summary;
  s.count = entry.orders.size;
  s.buyQty = s.sellQty = s.reduceBuyQty = s.reduceSellQty = s.buyValue = s.sellValue = 0;
  s.highestBuy = s.lowestSell = NaN;
  s.highestBuyId = s.lowestSellId = '';
  for (const o of entry.orders.values()) {
    const open = o.qty - o.filledQty;
    const valuedAt = o.price ?? o.stopPrice;
    if (o.side === 'buy') {
      s.buyQty += open;
      if (o.reduceOnly === true) s.reduceBuyQty += open;
      if (valuedAt !== undefined) s.buyValue += valuedAt * open;
      if (o.price === undefined) continue;
      if (!(o.price <= s.highestBuy)) {
        s.highestBuy = o.price;
        s.highestBuyId = o.clientOrderId;
      }
    } else {
      s.sellQty += open;
      if (o.reduceOnly === true) s.reduceSellQty += open;
      if (valuedAt !== undefined) s.sellValue += valuedAt * open;
      if (o.price === undefined) continue;
      if (!(o.price >= s.lowestSell)) {
        s.lowestSell = o.price;
        s.lowestSellId = o.clientOrderId;
      }
    }
  }
}
