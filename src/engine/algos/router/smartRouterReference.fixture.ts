/**
 * The SmartRouter as it was before planReused() and its allocation work (commit debc38c), kept
 * verbatim apart from its name as the reference the property test compares every new plan with.
 * Test code only.
 */
import { err, ok, type Clock, type Result, type Side } from '../../core';
import { gridQuotePerTickLot, type PriceGrid } from './priceGrid';
import type { ChildPlan, RoutePlan, RouteRequest, RouteVenue, SmartRouterOptions } from './smartRouter';
import { blankLeftOut, LeftOutCode } from './leftOut';
import { centiBps, feeOf } from './takerFee';
import { sideProblem, type Level } from './venueBook';

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
 * router (sized by the grid), a plan allocates only its result.
 */
export class ReferenceSmartRouter {
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
  private readonly blocked: Uint8Array;
  private readonly alloc: Float64Array;
  private readonly tickLots: Float64Array;
  private readonly worst: Float64Array;
  private readonly levelsTaken: Int32Array;
  private readonly dropped: Uint8Array;
  // Per venue, for the current decision's single-venue candidates.
  private readonly singleFill: Float64Array;
  private readonly singleCost: Float64Array;
  private side: Side = 'buy';
  private limit = 0;
  /** True when every routable venue of the current decision trades in the same lot. */
  private uniformLots = true;

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
    this.levels = new Array(n).fill([]);
    this.cursor = new Int32Array(n);
    this.rem = new Float64Array(n);
    this.blocked = new Uint8Array(n);
    this.alloc = new Float64Array(n);
    this.tickLots = new Float64Array(n);
    this.worst = new Float64Array(n);
    this.levelsTaken = new Int32Array(n);
    this.dropped = new Uint8Array(n);
    this.singleFill = new Float64Array(n);
    this.singleCost = new Float64Array(n);
  }

  /** Plans `req` over `venues` (index-aligned with the grid) as of the clock's now. */
  plan(req: RouteRequest, venues: readonly RouteVenue[]): Result<RoutePlan> {
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
    const excluded: RoutePlan['excluded'] = [];
    const bookMid = this.prepare(venues, excluded);
    const arrivalMid = req.arrivalMid ?? bookMid;

    // The largest quantity anyone reaches, then the cheapest way to do exactly that.
    const mergedFill = this.sweepWithMinimums(-1, qty);
    // All of it, in one lot size, nobody dropped: the merge is the cheapest possible (see the class comment).
    if (mergedFill === qty && this.uniformLots && !this.anyDropped()) return ok(this.buildPlan(req, 'merged', arrivalMid, excluded));
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
    if (target === 0) return ok(this.emptyPlan(req, arrivalMid, excluded));
    // Each candidate is remembered by the exact sweep that produced it (venue, quantity asked): a sweep
    // asked for less can take a different path (other lots, other minimums), so only the same call
    // reproduces the same plan.
    let bestOnly = -2; // -2 none, -1 merged, v = that venue alone
    let bestAsk = 0;
    let bestCost = Infinity;
    if (mergedFill === target) [bestOnly, bestAsk, bestCost] = [-1, qty, mergedCost];
    else if (this.sweepWithMinimums(-1, target) === target) [bestOnly, bestAsk, bestCost] = [-1, target, this.cost()];
    for (let v = 0; v < this.n && this.n > 1; v++) {
      if (singleFill[v]! < target) continue;
      if (singleFill[v] === target) {
        if (singleCost[v]! < bestCost) [bestOnly, bestAsk, bestCost] = [v, qty, singleCost[v]!];
      } else if (this.sweepWithMinimums(v, target) === target && this.cost() < bestCost) {
        [bestOnly, bestAsk, bestCost] = [v, target, this.cost()];
      }
    }
    if (bestOnly === -2) return ok(this.emptyPlan(req, arrivalMid, excluded));
    this.sweepWithMinimums(bestOnly, bestAsk); // the chosen plan back into the scratch arrays
    return ok(this.buildPlan(req, bestOnly === -1 ? 'merged' : 'single', arrivalMid, excluded));
  }

  /** Per-venue eligibility, fee multipliers and depth discounts; returns the consolidated mid. */
  private prepare(venues: readonly RouteVenue[], excluded: RoutePlan['excluded']): number | undefined {
    const now = this.clock.now();
    let bestBid = -Infinity;
    let bestAsk = Infinity;
    let lot = 0;
    this.uniformLots = true;
    for (let v = 0; v < this.n; v++) {
      const rv = venues[v]!;
      const gv = this.grid.venues[v]!;
      this.eligible[v] = 0;
      this.levels[v] = [];
      const cb = centiBps(rv.takerBps);
      const age = Math.max(0, now - rv.bookAt);
      const latency = rv.latencyMs;
      const minQty = rv.minQty ?? 1;
      // Only the code is compared with SmartRouter's (the figures and the unused venues' reasons are its own).
      let code = 0;
      const { bids, asks } = rv.book;
      if (rv.connected === false) code = LeftOutCode.DOWN;
      else if (rv.haltedBy !== undefined) code = LeftOutCode.HALTED;
      else if (rv.book.stale) code = LeftOutCode.STALE;
      else if (!(rv.maxBookAgeMs >= 0) || !Number.isFinite(rv.bookAt)) code = LeftOutCode.NO_BOOK_TIME;
      else if (age > rv.maxBookAgeMs) code = LeftOutCode.AGED;
      else if (cb === undefined) code = LeftOutCode.BAD_FEE;
      else if (!(latency >= 0) || !Number.isFinite(latency)) code = LeftOutCode.BAD_LATENCY;
      else if (!Number.isSafeInteger(minQty) || minQty < 1) code = LeftOutCode.BAD_MIN_QTY;
      else if (this.side === 'buy' ? (sideProblem(asks, 'asks') ?? sideProblem(bids, 'bids', 1)) : (sideProblem(bids, 'bids') ?? sideProblem(asks, 'asks', 1))) code = LeftOutCode.MALFORMED;
      else if (bids.length > 0 && asks.length > 0 && bids[0]![0] >= asks[0]![0]) code = LeftOutCode.CROSSED;
      if (code !== 0 || cb === undefined) {
        excluded.push({ ...blankLeftOut(gv.venue), code: (code || LeftOutCode.BAD_FEE) as LeftOutCode });
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
    return Math.floor((level[1] * w) / PERMILLE) * this.qf[v]!;
  }

  /** Sweeps until `target` is planned, then drops venues below their minimums and sweeps again. */
  private sweepWithMinimums(only: number, target: number): number {
    this.dropped.fill(0);
    for (;;) {
      const filled = this.sweep(only, target);
      let changed = false;
      for (let v = 0; v < this.n; v++) {
        if (this.alloc[v] === 0) continue;
        const gv = this.grid.venues[v]!;
        if (this.alloc[v]! / gv.qtyFactor < this.minQty[v]!) this.dropped[v] = DROP_MIN_QTY;
        else if (this.tickLots[v]! * this.qptl < gv.minNotional) this.dropped[v] = DROP_MIN_NOTIONAL;
        else continue;
        changed = true;
      }
      if (!changed) return filled;
    }
  }

  /** The merged (only = -1) or single-venue sweep into the scratch arrays; returns grid lots planned. */
  private sweep(only: number, target: number): number {
    const buy = this.side === 'buy';
    const limit = this.limit;
    for (let v = 0; v < this.n; v++) {
      this.cursor[v] = 0;
      this.alloc[v] = 0;
      this.tickLots[v] = 0;
      this.worst[v] = 0;
      this.levelsTaken[v] = 0;
      const active = this.eligible[v] === 1 && this.dropped[v] === 0 && (only < 0 || only === v);
      this.blocked[v] = active ? 0 : 1;
      this.rem[v] = active ? this.usable(v, 0) : 0;
    }
    let need = target;
    while (need > 0) {
      let best = -1;
      let bestKey = 0;
      for (let v = 0; v < this.n; v++) {
        if (this.blocked[v]) continue;
        const level = this.levels[v]![this.cursor[v]!];
        if (!level || this.rem[v] === 0) {
          this.blocked[v] = 1; // beyond the book, or beyond the depth its latency lets us count
          continue;
        }
        const price = level[0] * this.pf[v]!;
        if (buy ? price > limit : price < limit) {
          this.blocked[v] = 1;
          continue;
        }
        const key = price * this.mult[v]!;
        if (best < 0 || (buy ? key < bestKey : key > bestKey) || (key === bestKey && this.breaksTie(v, best))) {
          best = v;
          bestKey = key;
        }
      }
      if (best < 0) break;
      const qf = this.qf[best]!;
      const take = Math.min(this.rem[best]!, need - (need % qf));
      if (take === 0) {
        this.blocked[best] = 1; // what is left is less than one of this venue's lots
        continue;
      }
      const c = this.cursor[best]!;
      const price = this.levels[best]![c]![0] * this.pf[best]!;
      this.alloc[best] = this.alloc[best]! + take;
      this.tickLots[best] = this.tickLots[best]! + price * take;
      this.worst[best] = price;
      this.levelsTaken[best] = c + 1;
      this.rem[best] = this.rem[best]! - take;
      need -= take;
      if (this.rem[best] === 0) {
        this.cursor[best] = c + 1;
        this.rem[best] = this.usable(best, c + 1);
      }
    }
    return target - need;
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

  /** The plan in the scratch arrays; its quantity is what the children add up to, nothing else. */
  private buildPlan(req: RouteRequest, method: RoutePlan['method'], arrivalMid: number | undefined, excluded: RoutePlan['excluded']): RoutePlan {
    const children: ChildPlan[] = [];
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
      children.push({
        venue: gv.venue,
        venueIndex: v,
        side: req.side,
        price: this.worst[v]! / gv.priceFactor,
        qty: this.alloc[v]! / gv.qtyFactor,
        gridPrice: this.worst[v]!,
        gridQty: this.alloc[v]!,
        levels: this.levelsTaken[v]!,
        notional: childNotional,
        fee,
      });
    }
    const plan = this.emptyPlan(req, arrivalMid, excluded);
    if (planned === 0) return plan;
    plan.plannedQty = planned;
    plan.unplacedQty = req.qty - planned;
    plan.children = children;
    plan.notional = notional;
    plan.fees = fees;
    plan.avgPrice = notional / this.qptl / planned;
    plan.method = method;
    if (arrivalMid !== undefined) {
      const atMid = arrivalMid * planned * this.qptl;
      plan.shortfall = req.side === 'buy' ? notional + fees - atMid : atMid - (notional - fees);
      plan.shortfallBps = (plan.shortfall / atMid) * 10_000;
    }
    return plan;
  }

  private emptyPlan(req: RouteRequest, arrivalMid: number | undefined, excluded: RoutePlan['excluded']): RoutePlan {
    return {
      side: req.side,
      requestedQty: req.qty,
      plannedQty: 0,
      unplacedQty: req.qty,
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
}

