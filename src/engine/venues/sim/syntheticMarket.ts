import { Rng, type Lots, type Side, type Ticks } from '../../core';
import { FairValue, type FairValueState } from './fairValue';
import { IdPool } from './idPool';
import type { SimMarketParams } from './instruments';
import type { EngineFill, MatchingEngine } from './matchingEngine';
import { lomaxTicks, paretoLots, poisson } from './sampling';
import type { SlotMarket } from './slotMarket';

/** Owner tag of every synthetic order in the matching engine (the venue's user orders use another). */
export const SYNTHETIC_OWNER = 0;
/** One market step; all rates below are per second and scaled by it. */
export const STEP_MS = 50;
const DT = STEP_MS / 1000;

// Quoting liquidity providers: close to the fair value, short-lived.
const NEAR_RATE_PER_SIDE = 6;
const NEAR_LIFETIME_SEC = 20;
const NEAR_TAIL = 1.3;
// A spread wider than this many near scales draws quotes in fast, as a gap in a real book does.
const WIDE_SPREAD_NEARS = 4;
const WIDE_SPREAD_BOOST = 5;
// Patient liquidity providers: spread uniformly over the deep book, long-lived. Density is in
// orders per tick of the deep width, which puts roughly half of the levels in use.
const DEEP_DENSITY = 0.7;
const DEEP_LIFETIME_SEC = 600;
// Liquidity takers: a couple of arrivals a second, more when volatility is high.
const TAKER_RATE = 2.5;
const TAKER_SIZE_TAIL = 1.2;
const TAKER_MARKET_SHARE = 0.7;
// Quotes left on the wrong side of the fair value are moved with this chance per step.
const STALE_REQUOTE_PROB = 0.4;
// Depth keeping: a side thinner than MIN_LEVELS is refilled, one deeper than MAX_LEVELS trimmed.
export const SEED_LEVELS = 400;
const MIN_LEVELS = 350;
const MAX_LEVELS = 900;
const FAR_LIMIT = 1.5; // in deep widths from the fair value
const REFILL_PER_STEP = 40;

export interface SyntheticMarketState {
  fair: FairValueState;
  rng: number;
}

/**
 * The synthetic participants of one instrument: a latent fair value, liquidity providers who quote
 * around it and liquidity takers who trade towards it, all sharing one matching engine with the
 * user. Every draw comes from one seeded Rng, so the same seed gives the same market.
 */
export class SyntheticMarket implements SlotMarket {
  private readonly fair: FairValue;
  private readonly rng: Rng;
  /** Our resting orders, by kind: quoting ones live seconds, patient deep ones minutes. */
  private readonly nearIds = new IdPool();
  private readonly deepIds = new IdPool();

  constructor(
    private readonly engine: MatchingEngine,
    private readonly params: SimMarketParams,
    state: { seed: number } | SyntheticMarketState,
    /**
     * How many times faster the quoting and taking participants act (1: the normal market). Quotes
     * arrive and are withdrawn that much faster (the standing book keeps its shape) and takers trade that
     * much more often: a load knob for benchmarks (SQ_SIM_ACTIVITY), not a different market.
     */
    private activity = 1,
  ) {
    this.setActivity(activity);
    this.rng = new Rng('seed' in state ? state.seed : state.rng);
    this.fair = new FairValue(params.startTicks, params.volPerSqrtSec, STEP_MS, 'fair' in state ? state.fair : undefined);
  }

  /** Changes the activity multiplier (see the constructor); SimVenue.warmUp runs the history at 1. */
  setActivity(activity: number): void {
    if (!(activity >= 1 && activity <= 1000)) throw new RangeError(`activity must be 1..1000, got ${activity}`);
    this.activity = activity;
  }

  /** Fair value in ticks (fractional: a model variable, never a price). */
  get fairValue(): number {
    return this.fair.value;
  }

  /** Current GARCH volatility relative to its long-run level (the option makers follow it). */
  get volRatio(): number {
    return this.fair.volRatio;
  }

  state(): SyntheticMarketState {
    return { fair: this.fair.state(), rng: this.rng.seedState };
  }

  /** Fills an empty book as if the market had been running: a dense touch and a deep tail. */
  seedBook(): void {
    const fv = this.fair.value;
    for (const side of ['buy', 'sell'] as const) {
      const deepCount = Math.round(DEEP_DENSITY * this.params.deepTicks);
      for (let i = 0; i < deepCount; i++) this.placeDeep(side, fv);
      for (let i = 0; i < NEAR_RATE_PER_SIDE * NEAR_LIFETIME_SEC; i++) this.placeNear(side, fv);
      for (let guard = 0; this.engine.depth(side) < SEED_LEVELS && guard < 20 * SEED_LEVELS; guard++) {
        this.placeDeep(side, fv);
      }
    }
  }

  /** Advances the market by one STEP_MS; returns the executions it caused (its takers' fills). */
  step(_ts?: number): EngineFill[] {
    this.fair.step(this.rng);
    const fv = this.fair.value;
    const fills: EngineFill[] = [];
    this.requoteStale(fv);
    this.cancelSome(this.nearIds, this.activity / NEAR_LIFETIME_SEC);
    this.cancelSome(this.deepIds, 1 / DEEP_LIFETIME_SEC);
    let nearRate = 2 * NEAR_RATE_PER_SIDE * this.activity;
    if (this.spread() > WIDE_SPREAD_NEARS * this.params.nearTicks) nearRate *= WIDE_SPREAD_BOOST;
    for (let n = poisson(this.rng, nearRate * DT); n > 0; n--) this.placeNear(this.randomSide(), fv);
    const deepRate = (DEEP_DENSITY * this.params.deepTicks) / DEEP_LIFETIME_SEC;
    for (let n = poisson(this.rng, 2 * deepRate * DT); n > 0; n--) this.placeDeep(this.randomSide(), fv);
    const takerRate = TAKER_RATE * this.activity * Math.min(3, Math.max(0.5, this.fair.volRatio));
    for (let n = poisson(this.rng, takerRate * DT); n > 0; n--) this.take(fv, fills);
    this.keepDepth('buy', fv);
    this.keepDepth('sell', fv);
    return fills;
  }

  /** Tells the market about executions it did not cause (the user's takers), so it forgets filled orders. */
  noteFills(fills: readonly EngineFill[]): void {
    for (const f of fills) if (f.makerOwner === SYNTHETIC_OWNER && f.makerRemaining === 0) this.forget(f.makerId);
  }

  /**
   * Withdraws our quotes at prices an incoming resting order at `price` on `side` would cross, so it
   * can rest without trading (used when the venue restores the user's saved orders).
   */
  withdrawCrossing(side: Side, price: Ticks): void {
    const contra: Side = side === 'buy' ? 'sell' : 'buy';
    const ids: number[] = [];
    for (let i = 0; ; i++) {
      const level = this.engine.priceAt(contra, i);
      if (level === undefined || (side === 'buy' ? level > price : level < price)) break;
      this.collectSynthetic(contra, level, ids);
    }
    for (const id of ids) this.cancelOwn(id);
  }

  /** Spread in ticks; an empty side counts as an infinitely wide spread. */
  private spread(): number {
    const bid = this.engine.bestBid();
    const ask = this.engine.bestAsk();
    return bid === undefined || ask === undefined ? Infinity : ask - bid;
  }

  private randomSide(): Side {
    return this.rng.next() < 0.5 ? 'buy' : 'sell';
  }

  private placeNear(side: Side, fv: number): void {
    const distance = lomaxTicks(this.rng, this.params.nearTicks, NEAR_TAIL, this.params.deepTicks);
    const qty = paretoLots(this.rng, this.params.baseLots, 1.5, 50);
    this.place(side, fv, distance, qty, this.nearIds);
  }

  private cancelOwn(id: number): void {
    this.engine.cancel(id);
    this.forget(id);
  }

  private forget(id: number): void {
    if (!this.nearIds.remove(id)) this.deepIds.remove(id);
  }

  private placeDeep(side: Side, fv: number): void {
    const distance = this.rng.int(0, this.params.deepTicks);
    const qty = paretoLots(this.rng, 2 * this.params.baseLots, 1.3, 100);
    this.place(side, fv, distance, qty, this.deepIds);
  }

  /** Rests a maker order `distance` ticks away from the fair value, never crossing the book. */
  private place(side: Side, fv: number, distance: number, qty: Lots, pool: IdPool): void {
    let price: Ticks;
    if (side === 'buy') {
      price = Math.floor(fv) - distance;
      const ask = this.engine.bestAsk();
      if (ask !== undefined) price = Math.min(price, ask - 1);
    } else {
      price = Math.ceil(fv) + distance;
      const bid = this.engine.bestBid();
      if (bid !== undefined) price = Math.max(price, bid + 1);
    }
    if (price < 1) return;
    const r = this.engine.submit({ owner: SYNTHETIC_OWNER, side, type: 'limit', tif: 'GTC', postOnly: true, price, qty });
    if (r.ok) pool.add(r.id);
  }

  /** A taker trades towards the fair value: the further the mid is from it, the likelier. */
  private take(fv: number, fills: EngineFill[]): void {
    const bid = this.engine.bestBid();
    const ask = this.engine.bestAsk();
    const mid = bid !== undefined && ask !== undefined ? (bid + ask) / 2 : fv;
    const pBuy = 0.5 + 0.45 * Math.tanh((fv - mid) / this.params.nearTicks);
    const side: Side = this.rng.next() < pBuy ? 'buy' : 'sell';
    const qty = paretoLots(this.rng, this.params.baseLots, TAKER_SIZE_TAIL, 60);
    let result;
    if (this.rng.next() < TAKER_MARKET_SHARE) {
      result = this.engine.submit({ owner: SYNTHETIC_OWNER, side, type: 'market', tif: 'IOC', qty });
    } else {
      // A marketable limit: takes what is there up to a few ticks through the touch.
      const slack = this.rng.int(0, 2 * this.params.nearTicks);
      const price = side === 'buy' ? (ask ?? Math.ceil(fv)) + slack : Math.max(1, (bid ?? Math.floor(fv)) - slack);
      result = this.engine.submit({ owner: SYNTHETIC_OWNER, side, type: 'limit', tif: 'IOC', price, qty });
    }
    if (!result.ok) return;
    for (const f of result.fills) {
      if (f.makerOwner === SYNTHETIC_OWNER && f.makerRemaining === 0) this.forget(f.makerId);
      fills.push(f);
    }
  }

  /**
   * Quoting LPs move orders left on the wrong side of a moved fair value (before takers pick them
   * off): the stale order is canceled and the same size re-quoted near the new fair value, so the
   * touch follows the fair value instead of thinning out.
   */
  private requoteStale(fv: number): void {
    const margin = 2 * this.params.nearTicks;
    const stale: number[] = [];
    for (let i = 0; i < 200; i++) {
      const price = this.engine.priceAt('sell', i);
      if (price === undefined || price >= fv - margin) break;
      this.collectSynthetic('sell', price, stale);
    }
    for (let i = 0; i < 200; i++) {
      const price = this.engine.priceAt('buy', i);
      if (price === undefined || price <= fv + margin) break;
      this.collectSynthetic('buy', price, stale);
    }
    for (const id of stale) {
      if (this.rng.next() >= STALE_REQUOTE_PROB) continue;
      const order = this.engine.order(id);
      if (!order) continue;
      const { side, remaining } = order;
      this.cancelOwn(id);
      const distance = lomaxTicks(this.rng, this.params.nearTicks, NEAR_TAIL, this.params.deepTicks);
      this.place(side, fv, distance, remaining, this.nearIds);
    }
  }

  /** Cancels a Poisson number of our orders from `pool`, each having the given hazard per second. */
  private cancelSome(pool: IdPool, hazardPerSec: number): void {
    for (let n = poisson(this.rng, hazardPerSec * pool.size * DT); n > 0; n--) {
      const id = pool.pick(this.rng);
      if (id === undefined) return;
      this.cancelOwn(id);
    }
  }

  /** Refills a side that got thin and trims one that grew too deep or too far from the fair value. */
  private keepDepth(side: Side, fv: number): void {
    for (let n = 0; n < REFILL_PER_STEP && this.engine.depth(side) < MIN_LEVELS; n++) this.placeDeep(side, fv);
    const farLimit = FAR_LIMIT * this.params.deepTicks;
    let fromWorst = 0;
    for (let guard = 0; guard < 20; guard++) {
      const depth = this.engine.depth(side);
      const worst = this.engine.priceAt(side, depth - 1 - fromWorst);
      if (worst === undefined) break;
      if (depth <= MAX_LEVELS && Math.abs(worst - fv) <= farLimit) break;
      const ids: number[] = [];
      this.collectSynthetic(side, worst, ids);
      for (const id of ids) this.cancelOwn(id);
      // A level that holds only user orders stays; look past it.
      if (this.engine.qtyAt(side, worst) > 0) fromWorst++;
    }
  }

  private collectSynthetic(side: Side, price: Ticks, out: number[]): void {
    this.engine.forEachOrderAt(side, price, (o) => {
      if (o.owner === SYNTHETIC_OWNER) out.push(o.id);
    });
  }
}
