import { err, ok, type Clock, type Lots, type QuoteUnits, type Result, type Side, type Ticks, type VenueId } from '../../core';
import { gridQuotePerTickLot, type PriceGrid } from './priceGrid';
import { centiBps, feeOf } from './takerFee';
import { blankLeftOut, LeftOutCode, MALFORMED_BIDS, setLeftOut, type LeftOut } from './leftOut';
import { sideFault, type Level, type VenueBook } from './venueBook';

/** What the router knows of one venue at decision time; `venues[i]` of a plan is `grid.venues[i]`. */
export interface RouteVenue {
  /** The venue's book (BookReader.readTop's TopOfBook fits), in its own ticks and lots. */
  book: VenueBook;
  /**
   * Clock time (ms) up to which the book is known to be current: the time of the last event its feed
   * delivered (a quiet book on a live feed is current; pass the feed's last message or heartbeat).
   */
  bookAt: number;
  /** Taker fee of the venue in basis points (0.75 allowed; negative = a rebate). */
  takerBps: number;
  /** Expected time for an order of ours to reach the venue, in ms. */
  latencyMs: number;
  /** The oldest book this venue may be routed on, in ms; older and the venue is left out. */
  maxBookAgeMs: number;
  /** Smallest child order at this venue, in its lots (default 1). */
  minQty?: Lots;
  /** False while the venue is not connected to the OMS (a child would be refused): it is left out. Absent: connected. */
  connected?: boolean;
  /**
   * Set while the venue's circuit breaker (its own or the instrument's there) admits no new order: the
   * breaker's reason, an existing string (nothing is built per decision). The venue is left out up front
   * rather than planned and refused. Absent: not halted.
   */
  haltedBy?: string | undefined;
}

/** A marketable parent: take up to `qty` at prices no worse than `limit`. */
export interface RouteRequest {
  side: Side;
  /** Grid lots. */
  qty: Lots;
  /** Grid ticks: no child is priced, and no level is taken, beyond it. */
  limit: Ticks;
  /** Grid ticks (may end in .5); default: the mid of the best bid and ask over the routable venues. */
  arrivalMid?: number;
}

/** One child order of a plan: an immediate (IOC) limit order at one venue. */
export interface ChildPlan {
  venue: VenueId;
  /** Index of the venue in the grid. */
  venueIndex: number;
  side: Side;
  /** The venue's ticks: the worst level taken there, so the child can fill every level planned. */
  price: Ticks;
  /** The venue's lots. */
  qty: Lots;
  gridPrice: Ticks;
  gridQty: Lots;
  /** How many of the venue's levels the child is expected to take. */
  levels: number;
  /** Expected value traded, grid QuoteUnits. */
  notional: QuoteUnits;
  /** Expected taker fee, grid QuoteUnits (rounded up on the child's whole value). */
  fee: QuoteUnits;
}

export interface RoutePlan {
  side: Side;
  /** Grid lots asked for. */
  requestedQty: Lots;
  /** Grid lots the children add up to (<= requestedQty). */
  plannedQty: Lots;
  /** Grid lots no routable venue shows within the limit (or that no venue's lot and minimums fit). */
  unplacedQty: Lots;
  children: ChildPlan[];
  /** Grid QuoteUnits over every child. */
  notional: QuoteUnits;
  fees: QuoteUnits;
  /** notional / plannedQty in grid ticks; undefined when nothing is planned. */
  avgPrice: number | undefined;
  /** Grid ticks; undefined when no routable venue shows both sides and the request gave none. */
  arrivalMid: number | undefined;
  /**
   * Expected cost against the arrival mid including fees, grid QuoteUnits, positive = cost:
   * buy: notional + fees - mid*qty; sell: mid*qty - (notional - fees).
   */
  shortfall: QuoteUnits | undefined;
  /** shortfall / (mid * plannedQty) in basis points (positive = cost). */
  shortfallBps: number | undefined;
  /** 'merged' = split over the consolidated book; 'single' = one venue's sweep was as good or better. */
  method: 'merged' | 'single' | 'none';
  /**
   * Every venue that got nothing and why, as codes and figures (leftOut.ts; leftOutText for words): not
   * routable (down, stale, too old, malformed, crossed), dropped for a minimum, or not used (no depth
   * within the limit, cheaper elsewhere, its lot too coarse). In planReused() these are the router's own
   * reused objects.
   */
  excluded: LeftOut[];
}

export interface SmartRouterOptions {
  clock: Clock;
  /**
   * The in-flight delay (book age + latency, ms) at which the first level beyond a venue's touch is no
   * longer counted at all; see SmartRouter. Default 1000 ms.
   */
  depthHorizonMs?: number;
}

const PERMILLE = 1000;
const FEE_SCALE = 1_000_000;
const DROP_MIN_QTY = 1;
const DROP_MIN_NOTIONAL = 2;

/**
 * Plans how a marketable parent is split across the venues quoting one instrument.
 *
 * Rule of the sweep: the venues' levels on the side we take are merged, best fee-adjusted price first
 * (buy: price * (1 + takerFee), sell: price * (1 - takerFee), in integers of centi-bps); at a tie, a
 * venue that already has a child, then the lower latency, then the larger size goes first. Each level
 * is taken down to the quantity still wanted, in whole lots of its venue, until the parent is planned
 * or the next level is beyond the limit everywhere. Only the levels given are counted (the book
 * layer's shared buffer holds the top 50 per side).
 *
 * Rule of latency (documented for the trader): a venue is left out when its book is not LIVE (STALE
 * or never synced), or when the book is older than the venue's `maxBookAgeMs`. Otherwise its touch
 * is counted in full and each level beyond it less, the longer our order will be in flight against
 * that picture: delay = book age + latency, level i (0 = touch) counts floor(qty * w_i) with
 * w_i = max(0, 1 - i * floor(1000 * delay / depthHorizonMs) / 1000). A fresh book at a nearby venue
 * is taken almost whole; an old one's far levels, the ones most likely gone when we arrive, not at all.
 *
 * Rule of minimums: a venue whose planned child is below its minQty or its minNotional is dropped and
 * the sweep runs again without it (each rerun drops one more venue at least, so it ends).
 *
 * Fee-adjusted cost = sum of price * qty * (1 + fee rate) for a buy (what is paid), (1 - fee rate) for
 * a sell (what is received), in exact integers (the rate in centi-bps over 10^6) below 2^53. The
 * reported `fees` are what the venues charge: each child's fee rounded up to a QuoteUnit.
 *
 * Merging levels by price is the cheapest split when every venue trades in the same lot, no venue is
 * dropped for a minimum and the whole quantity is planned (then the plan is used as it is). With mixed lots or minimums a greedy merge
 * can strand a remainder, so the planner also prices each venue's single sweep: it plans the largest
 * quantity any of them reaches, then the cheapest way to do exactly that quantity. Either way the
 * plan's fee-adjusted cost is never above the best single-venue sweep's for the same quantity.
 *
 * Integers throughout except the reported averages and bps; scratch state is allocated once per
 * router (sized by the grid). `plan()` allocates only its result; `planReused()` (the Smart algo's
 * decision, once per market event) writes into one result the router keeps and allocates nothing,
 * the reasons a venue got nothing included (codes and figures in one reused object per venue).
 */
export class SmartRouter {
  private readonly clock: Clock;
  private readonly horizonMs: number;
  private readonly n: number;
  private readonly qptl: number;
  // Per venue, for the current decision.
  private readonly eligible: Uint8Array;
  private readonly step: Float64Array;
  private readonly mult: Float64Array;
  private readonly cbps: Float64Array;
  private readonly minQty: Float64Array;
  private readonly latency: Float64Array;
  /** Grid ticks per venue tick, grid lots per venue lot. */
  private readonly pf: Float64Array;
  private readonly qf: Float64Array;
  private levels: (readonly Level[])[];
  // Per venue, for the current sweep.
  private readonly cursor: Int32Array;
  private readonly rem: Float64Array;
  /** The grid price and fee-adjusted key of each venue's current level (see moveTo). */
  private readonly price: Float64Array;
  private readonly key: Float64Array;
  private readonly blocked: Uint8Array;
  private readonly alloc: Float64Array;
  private readonly tickLots: Float64Array;
  private readonly worst: Float64Array;
  private readonly levelsTaken: Int32Array;
  private readonly dropped: Uint8Array;
  // Per venue, for the current decision's single-venue candidates.
  private readonly singleFill: Float64Array;
  private readonly singleCost: Float64Array;
  // Per venue, why it was dropped for a minimum (its figures), in any sweep of the current decision.
  private readonly everDropped: Uint8Array;
  private readonly dropShare: Float64Array;
  private readonly dropMin: Float64Array;
  /** One reason object per venue for planReused() (a venue is left out once at most), and the list they go in. */
  private readonly leftOutSlots: LeftOut[];
  private readonly excludedStore: LeftOut[] = [];
  private nExcluded = 0;
  private side: Side = 'buy';
  private limit = 0;
  /** True when every routable venue of the current decision trades in the same lot. */
  private uniformLots = true;
  /** The arguments of the last sweepWithMinimums(): its plan is what the scratch arrays hold. */
  private lastOnly = -2;
  private lastTarget = 0;
  // The reused result of planReused(): its children are slots [0, children.length) of `childSlots`.
  private readonly childSlots: ChildPlan[];
  private readonly reusedPlan: RoutePlan;
  private readonly reusedResult: { ok: true; value: RoutePlan };

  constructor(
    readonly grid: PriceGrid,
    opts: SmartRouterOptions,
  ) {
    this.clock = opts.clock;
    this.horizonMs = opts.depthHorizonMs ?? 1000;
    if (!(this.horizonMs > 0)) throw new RangeError('depthHorizonMs must be positive');
    const n = (this.n = grid.venues.length);
    this.qptl = gridQuotePerTickLot(grid);
    this.eligible = new Uint8Array(n);
    this.step = new Float64Array(n);
    this.mult = new Float64Array(n);
    this.cbps = new Float64Array(n);
    this.minQty = new Float64Array(n);
    this.latency = new Float64Array(n);
    this.pf = Float64Array.from(grid.venues, (v) => v.priceFactor);
    this.qf = Float64Array.from(grid.venues, (v) => v.qtyFactor);
    this.levels = new Array<readonly Level[]>(n).fill(NO_LEVELS);
    this.cursor = new Int32Array(n);
    this.rem = new Float64Array(n);
    this.price = new Float64Array(n);
    this.key = new Float64Array(n);
    this.blocked = new Uint8Array(n);
    this.alloc = new Float64Array(n);
    this.tickLots = new Float64Array(n);
    this.worst = new Float64Array(n);
    this.levelsTaken = new Int32Array(n);
    this.dropped = new Uint8Array(n);
    this.singleFill = new Float64Array(n);
    this.singleCost = new Float64Array(n);
    this.everDropped = new Uint8Array(n);
    this.dropShare = new Float64Array(n);
    this.dropMin = new Float64Array(n);
    this.leftOutSlots = grid.venues.map((gv) => blankLeftOut(gv.venue));
    this.childSlots = grid.venues.map(
      (gv, v): ChildPlan => ({ venue: gv.venue, venueIndex: v, side: 'buy', price: 0.5, qty: 0.5, gridPrice: 0.5, gridQty: 0.5, levels: 0, notional: 0.5, fee: 0.5 }),
    );
    this.reusedPlan = blankPlan('buy', 0, undefined, []);
    // Its number fields start as doubles (see buildPlan): overwritten before any plan is read.
    this.reusedPlan.avgPrice = 0.5;
    this.reusedPlan.arrivalMid = 0.5;
    this.reusedPlan.shortfall = 0.5;
    this.reusedPlan.shortfallBps = 0.5;
    this.reusedPlan.notional = 0.5;
    this.reusedPlan.fees = 0.5;
    this.reusedResult = { ok: true, value: this.reusedPlan };
  }

  /** Plans `req` over `venues` (index-aligned with the grid) as of the clock's now; a new result each call. */
  plan(req: RouteRequest, venues: readonly RouteVenue[]): Result<RoutePlan> {
    return this.decide(req, venues, undefined);
  }

  /**
   * The same plan as plan(), written into one result this router keeps (its plan, children and
   * excluded list are overwritten by the next planReused()): read it before asking again, never keep
   * it. Allocates nothing while every venue is routable; for a caller that plans at every market event.
   */
  planReused(req: RouteRequest, venues: readonly RouteVenue[]): Result<RoutePlan> {
    return this.decide(req, venues, this.reusedPlan);
  }

  private decide(req: RouteRequest, venues: readonly RouteVenue[], out: RoutePlan | undefined): Result<RoutePlan> {
    const { side, qty, limit } = req;
    if (side !== 'buy' && side !== 'sell') return err('INVALID_INPUT', `side must be buy or sell, got ${String(side)}`);
    if (!Number.isSafeInteger(qty) || qty <= 0) return err('INVALID_INPUT', `quantity must be a positive integer of grid lots, got ${qty}`);
    if (!Number.isSafeInteger(limit) || limit <= 0) return err('INVALID_INPUT', `limit must be a positive integer of grid ticks, got ${limit}`);
    if (req.arrivalMid !== undefined && !(req.arrivalMid > 0 && Number.isFinite(req.arrivalMid))) {
      return err('INVALID_INPUT', `arrival mid must be a positive price, got ${req.arrivalMid}`);
    }
    if (venues.length !== this.n) return err('INVALID_INPUT', `${venues.length} venues given for a grid of ${this.n}`);
    this.side = side;
    this.limit = limit;
    // Reused: written from index 0 and cut to length once, at the end (an array emptied by `length = 0`
    // loses its storage in V8, and the next reason would allocate it again).
    const excluded = out ? this.excludedStore : [];
    this.nExcluded = 0;
    this.everDropped.fill(0);
    const bookMid = this.prepare(venues, excluded, out !== undefined);
    const arrivalMid = req.arrivalMid ?? bookMid;

    // The largest quantity anyone reaches, then the cheapest way to do exactly that.
    const mergedFill = this.sweepWithMinimums(-1, qty);
    // One lot size, nobody dropped: the merge is the plan. It took every usable level within the limit
    // (or all but less than a lot of the quantity), so no single venue's sweep reaches more; one that
    // reaches as much took the same levels (the others gave nothing) at the same cost, and the merge
    // wins a tie. So the single-venue candidates below could never be chosen: they are not swept.
    if (this.uniformLots && !this.anyDropped()) return this.finish(this.buildPlan(req, 'merged', arrivalMid, excluded, out), out);
    const mergedCost = mergedFill > 0 ? this.cost() : Infinity;
    let target = mergedFill;
    const { singleFill, singleCost } = this;
    singleFill.fill(0);
    singleCost.fill(Infinity);
    if (this.n > 1) {
      for (let v = 0; v < this.n; v++) {
        if (!this.eligible[v]) continue;
        singleFill[v] = this.sweepWithMinimums(v, qty);
        if (singleFill[v]! > 0) singleCost[v] = this.cost();
        if (singleFill[v]! > target) target = singleFill[v]!;
      }
    }
    if (target === 0) return this.finish(this.emptyPlan(req, arrivalMid, excluded, out), out);
    // Each candidate is remembered by the exact sweep that produced it (venue, quantity asked): a sweep
    // asked for less can take a different path (other lots, other minimums), so only the same call
    // reproduces the same plan.
    let bestOnly = -2; // -2 none, -1 merged, v = that venue alone
    let bestAsk = 0;
    let bestCost = Infinity;
    if (mergedFill === target) {
      bestOnly = -1;
      bestAsk = qty;
      bestCost = mergedCost;
    } else if (this.sweepWithMinimums(-1, target) === target) {
      bestOnly = -1;
      bestAsk = target;
      bestCost = this.cost();
    }
    for (let v = 0; v < this.n && this.n > 1; v++) {
      if (singleFill[v]! < target) continue;
      if (singleFill[v] === target) {
        if (singleCost[v]! < bestCost) {
          bestOnly = v;
          bestAsk = qty;
          bestCost = singleCost[v]!;
        }
      } else if (this.sweepWithMinimums(v, target) === target && this.cost() < bestCost) {
        bestOnly = v;
        bestAsk = target;
        bestCost = this.cost();
      }
    }
    if (bestOnly === -2) return this.finish(this.emptyPlan(req, arrivalMid, excluded, out), out);
    // The chosen plan back into the scratch arrays, unless they hold it already (the last sweep was it).
    if (!(this.lastOnly === bestOnly && this.lastTarget === bestAsk)) this.sweepWithMinimums(bestOnly, bestAsk);
    return this.finish(this.buildPlan(req, bestOnly === -1 ? 'merged' : 'single', arrivalMid, excluded, out), out);
  }

  /** Says why each routable venue without a child got none; then the reused plan's reused Result, or a new one. */
  private finish(plan: RoutePlan, out: RoutePlan | undefined): Result<RoutePlan> {
    this.explainUnused(plan, out !== undefined);
    if (!out) return ok(plan);
    const n = this.nExcluded;
    const store = this.excludedStore;
    if (n === 0) plan.excluded = NO_EXCLUDED;
    else {
      if (store.length !== n) store.length = n;
      plan.excluded = store;
    }
    return this.reusedResult;
  }

  /** The decision's next reason, into the reused store or a fresh list. */
  private exclude(list: LeftOut[], e: LeftOut): void {
    list[this.nExcluded++] = e;
  }

  /** Venue v's reason object: its reused slot, or a new one. */
  private leftOut(reuse: boolean, v: number, code: LeftOutCode, a: number, b: number, c: number, note?: string): LeftOut {
    const venue = this.grid.venues[v]!.venue;
    return setLeftOut(reuse ? this.leftOutSlots[v]! : blankLeftOut(venue), venue, code, a, b, c, note);
  }

  /**
   * For each routable venue the plan gives nothing: dropped for a minimum; no level within the limit;
   * a single venue's sweep chosen; the plan filled by others at prices as good or better; or its lot
   * coarser than what was left. Figures in grid ticks and lots.
   */
  private explainUnused(plan: RoutePlan, reuse: boolean): void {
    const buy = this.side === 'buy';
    const children = plan.children;
    let worstTaken = NaN;
    for (let i = 0; i < children.length; i++) {
      const p = children[i]!.gridPrice;
      if (!(buy ? p <= worstTaken : p >= worstTaken)) worstTaken = p;
    }
    const empty = children.length === 0;
    for (let v = 0; v < this.n; v++) {
      if (!this.eligible[v] || (this.alloc[v] !== 0 && !empty)) continue;
      const drop = empty ? this.everDropped[v]! : this.dropped[v]!;
      const touch = this.levels[v]![0];
      const price = touch ? touch[0] * this.pf[v]! : NaN;
      let code: LeftOutCode;
      let a = 0;
      let b = 0;
      if (!touch || (buy ? price > this.limit : price < this.limit)) {
        code = LeftOutCode.NO_DEPTH;
        a = price;
        b = this.limit;
      } else if (drop !== 0) {
        code = drop === DROP_MIN_QTY ? LeftOutCode.MIN_QTY : LeftOutCode.MIN_NOTIONAL;
        a = this.dropShare[v]!;
        b = this.dropMin[v]!;
      } else if (plan.method === 'single') code = LeftOutCode.SINGLE_CHEAPER;
      else if (!empty && plan.unplacedQty === 0) {
        code = LeftOutCode.NOT_NEEDED;
        a = price;
        b = worstTaken;
      } else {
        code = LeftOutCode.LOT;
        a = this.qf[v]!;
        b = plan.unplacedQty;
      }
      this.exclude(plan.excluded, this.leftOut(reuse, v, code, a, b, 0));
    }
  }

  /** Per-venue eligibility, fee multipliers and depth discounts; returns the consolidated mid. */
  private prepare(venues: readonly RouteVenue[], excluded: RoutePlan['excluded'], reuse: boolean): number | undefined {
    const now = this.clock.now();
    let bestBid = -Infinity;
    let bestAsk = Infinity;
    let lot = 0;
    this.uniformLots = true;
    for (let v = 0; v < this.n; v++) {
      const rv = venues[v]!;
      const gv = this.grid.venues[v]!;
      this.eligible[v] = 0;
      this.levels[v] = NO_LEVELS;
      const cb = centiBps(rv.takerBps);
      const age = Math.max(0, now - rv.bookAt);
      const latency = rv.latencyMs;
      const minQty = rv.minQty ?? 1;
      // Why it cannot be routed at all, as a code and figures (no text on the hot path: leftOut.ts).
      let code = 0;
      let a = 0;
      let b = 0;
      let c = 0;
      const { bids, asks } = rv.book;
      if (rv.connected === false) code = LeftOutCode.DOWN;
      else if (rv.haltedBy !== undefined) code = LeftOutCode.HALTED;
      else if (rv.book.stale) code = LeftOutCode.STALE;
      else if (!(rv.maxBookAgeMs >= 0) || !Number.isFinite(rv.bookAt)) code = LeftOutCode.NO_BOOK_TIME;
      else if (age > rv.maxBookAgeMs) {
        code = LeftOutCode.AGED;
        a = age;
        b = rv.maxBookAgeMs;
      } else if (cb === undefined) {
        code = LeftOutCode.BAD_FEE;
        a = rv.takerBps;
      } else if (!(latency >= 0) || !Number.isFinite(latency)) {
        code = LeftOutCode.BAD_LATENCY;
        a = latency;
      } else if (!Number.isSafeInteger(minQty) || minQty < 1) {
        code = LeftOutCode.BAD_MIN_QTY;
        a = minQty;
      } else {
        // The side taken is checked in full; of the other, only the touch (for the mid and the cross).
        const buy = this.side === 'buy';
        let onBids = !buy;
        let fault = sideFault(buy ? asks : bids, onBids);
        if (fault < 0) {
          onBids = buy;
          fault = sideFault(buy ? bids : asks, onBids, 1);
        }
        if (fault >= 0) {
          code = LeftOutCode.MALFORMED;
          a = fault >> 2;
          b = (fault & 3) + (onBids ? MALFORMED_BIDS : 0);
          const level = (onBids ? bids : asks)[a]!;
          c = (fault & 3) === 2 ? level[1] : level[0];
        } else if (bids.length > 0 && asks.length > 0 && bids[0]![0] >= asks[0]![0]) {
          // A venue's own bid at or above its own ask: a book that cannot be (a missed update), never traded on.
          code = LeftOutCode.CROSSED;
          a = bids[0]![0] * gv.priceFactor;
          b = asks[0]![0] * gv.priceFactor;
        }
      }
      if (code !== 0 || cb === undefined) {
        this.exclude(excluded, this.leftOut(reuse, v, (code || LeftOutCode.BAD_FEE) as LeftOutCode, a, b, c, code === LeftOutCode.HALTED ? rv.haltedBy : undefined));
        continue;
      }
      this.eligible[v] = 1;
      this.cbps[v] = cb;
      this.mult[v] = this.side === 'buy' ? FEE_SCALE + cb : FEE_SCALE - cb;
      this.step[v] = Math.floor((PERMILLE * (age + latency)) / this.horizonMs);
      this.minQty[v] = minQty;
      this.latency[v] = latency;
      this.levels[v] = this.side === 'buy' ? rv.book.asks : rv.book.bids;
      if (lot !== 0 && lot !== this.qf[v]) this.uniformLots = false;
      lot = this.qf[v]!;
      const bid = rv.book.bids[0];
      const ask = rv.book.asks[0];
      if (bid && bid[0] * gv.priceFactor > bestBid) bestBid = bid[0] * gv.priceFactor;
      if (ask && ask[0] * gv.priceFactor < bestAsk) bestAsk = ask[0] * gv.priceFactor;
    }
    return Number.isFinite(bestBid) && Number.isFinite(bestAsk) ? (bestBid + bestAsk) / 2 : undefined;
  }

  private anyDropped(): boolean {
    for (let v = 0; v < this.n; v++) if (this.dropped[v] !== 0) return true;
    return false;
  }

  /** Grid lots counted at level `i` of venue `v`, after the latency discount. */
  private usable(v: number, i: number): number {
    const level = this.levels[v]![i];
    if (!level) return 0;
    const w = PERMILLE - i * this.step[v]!;
    if (w <= 0) return 0;
    // Counted whole (w = 1): no division (floor(q * 1000 / 1000) is q while q * 1000 is exact, below 2^53).
    if (w === PERMILLE && level[1] <= 9_000_000_000_000) return level[1] * this.qf[v]!;
    return Math.floor((level[1] * w) / PERMILLE) * this.qf[v]!;
  }

  /** Sweeps until `target` is planned, then drops venues below their minimums and sweeps again. */
  private sweepWithMinimums(only: number, target: number): number {
    this.lastOnly = only;
    this.lastTarget = target;
    this.dropped.fill(0);
    for (;;) {
      const filled = this.sweep(only, target);
      let changed = false;
      for (let v = 0; v < this.n; v++) {
        if (this.alloc[v] === 0) continue;
        const gv = this.grid.venues[v]!;
        if (this.alloc[v]! / gv.qtyFactor < this.minQty[v]!) {
          this.dropped[v] = DROP_MIN_QTY;
          this.dropShare[v] = this.alloc[v]!;
          this.dropMin[v] = this.minQty[v]! * gv.qtyFactor;
        } else if (this.tickLots[v]! * this.qptl < gv.minNotional) {
          this.dropped[v] = DROP_MIN_NOTIONAL;
          this.dropShare[v] = this.tickLots[v]! * this.qptl;
          this.dropMin[v] = gv.minNotional;
        } else continue;
        this.everDropped[v] = this.dropped[v]!;
        changed = true;
      }
      if (!changed) return filled;
    }
  }

  /**
   * The merged (only = -1) or single-venue sweep into the scratch arrays; returns grid lots planned.
   * The venues' ladders are already sorted, so this is one pass merging them: each venue's current level
   * (its grid price and fee-adjusted key) is read once, when the cursor reaches it, and the pass stops at
   * the quantity wanted or when every venue is past the limit, its counted depth or its book.
   */
  private sweep(only: number, target: number): number {
    for (let v = 0; v < this.n; v++) {
      this.alloc[v] = 0;
      this.tickLots[v] = 0;
      this.worst[v] = 0;
      this.levelsTaken[v] = 0;
      const active = this.eligible[v] === 1 && this.dropped[v] === 0 && (only < 0 || only === v);
      this.blocked[v] = active ? 0 : 1;
      this.rem[v] = 0;
      if (active) this.moveTo(v, 0);
    }
    const buy = this.side === 'buy';
    let need = target;
    while (need > 0) {
      let best = -1;
      let bestKey = 0;
      for (let v = 0; v < this.n; v++) {
        if (this.blocked[v]) continue;
        const key = this.key[v]!;
        if (best < 0 || (buy ? key < bestKey : key > bestKey) || (key === bestKey && this.breaksTie(v, best))) {
          best = v;
          bestKey = key;
        }
      }
      if (best < 0) break;
      const qf = this.qf[best]!;
      // Whole lots of the venue (the remainder only computed for a coarser lot: a float modulo is slow).
      const take = Math.min(this.rem[best]!, qf === 1 ? need : need - (need % qf));
      if (take === 0) {
        this.blocked[best] = 1; // what is left is less than one of this venue's lots
        continue;
      }
      const c = this.cursor[best]!;
      const price = this.price[best]!;
      this.alloc[best] = this.alloc[best]! + take;
      this.tickLots[best] = this.tickLots[best]! + price * take;
      this.worst[best] = price;
      this.levelsTaken[best] = c + 1;
      this.rem[best] = this.rem[best]! - take;
      need -= take;
      if (this.rem[best] === 0) this.moveTo(best, c + 1);
    }
    return target - need;
  }

  /**
   * Venue v's cursor to its level i: what is counted there, its grid price and fee-adjusted key; the
   * venue is blocked beyond its book, beyond the depth its latency lets us count, or beyond the limit.
   */
  private moveTo(v: number, i: number): void {
    this.cursor[v] = i;
    const level = this.levels[v]![i];
    const rem = this.usable(v, i);
    this.rem[v] = rem;
    if (!level || rem === 0) {
      this.blocked[v] = 1;
      return;
    }
    const price = level[0] * this.pf[v]!;
    if (this.side === 'buy' ? price > this.limit : price < this.limit) {
      this.blocked[v] = 1;
      return;
    }
    this.price[v] = price;
    this.key[v] = price * this.mult[v]!;
  }

  /**
   * At the same fee-adjusted price, v goes before `best` if it already has a child (no new order, no
   * second fee rounding), then if it is nearer (lower latency), then if it shows more (fewer children).
   */
  private breaksTie(v: number, best: number): boolean {
    const vHas = this.alloc[v]! > 0;
    if (vHas !== this.alloc[best]! > 0) return vHas;
    if (this.latency[v] !== this.latency[best]) return this.latency[v]! < this.latency[best]!;
    return this.rem[v]! > this.rem[best]!;
  }

  /**
   * The scratch plan's fee-adjusted cost, lower = better: sum of price * qty * (10^6 +- centi-bps), what a
   * buyer pays, or minus what a seller receives (the same key the sweep orders levels by).
   */
  private cost(): number {
    let total = 0;
    for (let v = 0; v < this.n; v++) total += this.tickLots[v]! * this.mult[v]!;
    return this.side === 'buy' ? total : -total;
  }

  /** The plan in the scratch arrays (into `out` when given); its quantity is what the children add up to, nothing else. */
  private buildPlan(req: RouteRequest, method: RoutePlan['method'], arrivalMid: number | undefined, excluded: RoutePlan['excluded'], out: RoutePlan | undefined): RoutePlan {
    const children: ChildPlan[] = out ? out.children : [];
    let count = 0;
    let planned = 0;
    let notional = 0;
    let fees = 0;
    for (let v = 0; v < this.n; v++) {
      const gv = this.grid.venues[v]!;
      if (this.alloc[v] === 0) continue;
      planned += this.alloc[v]!;
      const childNotional = this.tickLots[v]! * this.qptl;
      const fee = feeOf(childNotional, this.cbps[v]!);
      notional += childNotional;
      fees += fee;
      const child: ChildPlan = out ? this.childSlots[v]! : ({ venue: gv.venue, venueIndex: v } as ChildPlan);
      child.side = req.side;
      child.price = this.worst[v]! / gv.priceFactor;
      child.qty = this.alloc[v]! / gv.qtyFactor;
      child.gridPrice = this.worst[v]!;
      child.gridQty = this.alloc[v]!;
      child.levels = this.levelsTaken[v]!;
      child.notional = childNotional;
      child.fee = fee;
      children[count++] = child;
    }
    if (planned === 0) return this.emptyPlan(req, arrivalMid, excluded, out);
    // Each field of a reused plan is written once, with its final value: a number field never passes
    // through undefined on the way, so V8 keeps it an in-place double instead of boxing every write.
    if (children.length !== count) children.length = count;
    const plan = out ?? blankPlan(req.side, req.qty, arrivalMid, excluded);
    plan.side = req.side;
    plan.requestedQty = req.qty;
    plan.arrivalMid = arrivalMid;
    plan.excluded = excluded;
    plan.children = children;
    plan.plannedQty = planned;
    plan.unplacedQty = req.qty - planned;
    plan.notional = notional;
    plan.fees = fees;
    plan.avgPrice = notional / this.qptl / planned;
    plan.method = method;
    if (arrivalMid !== undefined) {
      const atMid = arrivalMid * planned * this.qptl;
      plan.shortfall = req.side === 'buy' ? notional + fees - atMid : atMid - (notional - fees);
      plan.shortfallBps = (plan.shortfall / atMid) * 10_000;
    } else {
      plan.shortfall = undefined;
      plan.shortfallBps = undefined;
    }
    return plan;
  }

  /** A plan of nothing: `out` reset (its children emptied), or a new one. */
  private emptyPlan(req: RouteRequest, arrivalMid: number | undefined, excluded: RoutePlan['excluded'], out: RoutePlan | undefined): RoutePlan {
    if (!out) return blankPlan(req.side, req.qty, arrivalMid, excluded);
    out.side = req.side;
    out.requestedQty = req.qty;
    out.plannedQty = 0;
    out.unplacedQty = req.qty;
    out.children.length = 0;
    out.notional = 0;
    out.fees = 0;
    out.avgPrice = undefined;
    out.arrivalMid = arrivalMid;
    out.shortfall = undefined;
    out.shortfallBps = undefined;
    out.method = 'none';
    out.excluded = excluded;
    return out;
  }
}

const NO_LEVELS: readonly Level[] = Object.freeze([]);
/** The reused plan's reasons when there are none (frozen: never written). */
const NO_EXCLUDED = Object.freeze([]) as unknown as LeftOut[];

function blankPlan(side: Side, qty: Lots, arrivalMid: number | undefined, excluded: RoutePlan['excluded']): RoutePlan {
  return {
    side,
    requestedQty: qty,
    plannedQty: 0,
    unplacedQty: qty,
    children: [],
    notional: 0,
    fees: 0,
    avgPrice: undefined,
    arrivalMid,
    shortfall: undefined,
    shortfallBps: undefined,
    method: 'none',
    excluded,
  };
}
