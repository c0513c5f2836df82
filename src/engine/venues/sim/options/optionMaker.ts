import { Rng, type Side, type Ticks } from '../../../core';
import { emptyGreeks, yearsBetween, type OptionInputs, type SviParams } from '../../../options';
import type { EngineFill, MatchingEngine } from '../matchingEngine';
import { paretoLots } from '../sampling';
import type { SlotMarket } from '../slotMarket';
import { STEP_MS, SYNTHETIC_OWNER } from '../syntheticMarket';
import { modelQuote, type ModelQuote } from './quote';
import type { OptionListing } from './series';
import { baseSmileInto, smileVol, volScale } from './surface';
import type { UnderlyingFeed } from './underlyingFeed';

/** Levels per side: option books are thin, and every level costs the book worker and the bridge. */
export const OPTION_LEVELS = 3;
/** Requote when the model value moves more than this share of the quoted spread. */
const REQUOTE_FRACTION = 0.25;
/** ...or the half-spread itself changes by more than this share. */
const HALF_CHANGE = 0.25;
/** Synthetic takers per option per second (times the vol scale): one every three minutes or so, a trade a second over the board. */
const TAKER_RATE = 1 / 180;
/**
 * Between requotes the model is re-evaluated only when the spot has moved a fair part of what would
 * trigger one (half of it, at the option's delta), the vol regime has moved, or this many steps
 * passed (time decay): most steps of most options then cost a comparison, not a BSM evaluation.
 */
const MAX_STEPS_BETWEEN_VALUATIONS = 20;
const VOL_RATIO_TOLERANCE = 0.02;
/** Share of synthetic trades that open positions (the rest close): OI drifts up as in a live market. */
const OPEN_SHARE = 0.55;

export interface OptionMakerState {
  rng: number;
  /** Open interest of the synthetic participants, in lots (the user's position is added on top). */
  oi: number;
}

/**
 * The synthetic market maker of one option: it quotes OPTION_LEVELS levels a side around the
 * model value (smile vol from the underlying's surface, BSM with r = q = 0), requotes only when the
 * value or the spread moved enough (or a quote was hit), and lets an occasional synthetic taker
 * trade so the tape moves. It stops for good at expiry.
 *
 * Its quotes are plain limit orders, not post-only: a user order resting at a price the new quote
 * would cross is traded with, as a real maker would pick it off.
 */
export class OptionMaker implements SlotMarket {
  private readonly rng: Rng;
  private readonly ids: number[] = [];
  private readonly inputs: OptionInputs;
  private readonly scratch = emptyGreeks();
  private readonly smile: SviParams = { a: 0, b: 0, rho: 0, m: 0, s: 0 };
  private readonly model: ModelQuote = { price: 0, half: 0, sigma: 0 };
  // Numbers from the start (set in the constructor): a field declared bare starts undefined and V8 boxes its numbers.
  private readonly tickValue: number = 0;
  private quotedPrice = NaN;
  private quotedHalf = NaN;
  private dirty = true;
  /** Where the last valuation was made, and how far the spot may move before the next one. */
  private valuedSpot = NaN;
  private valuedVolRatio = NaN;
  private spotTolerance = 0;
  private stepsSinceValuation = 0;
  /** When the next synthetic taker arrives (drawn ahead: a comparison per step instead of a draw). */
  private nextTakerAt = NaN;
  private oi = 0;
  private expiredFlag = false;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly listing: OptionListing,
    private readonly feed: UnderlyingFeed,
    state: { seed: number; oi: number } | OptionMakerState,
  ) {
    this.rng = new Rng('seed' in state ? state.seed : state.rng);
    this.oi = state.oi;
    this.tickValue = listing.spec.tickSize * 10 ** -listing.spec.priceDecimals;
    this.inputs = { model: 'bsm', right: listing.right, spot: 1, strike: listing.strike, years: 1, rate: 0, dividend: 0, sigma: 0.5 };
  }

  get expired(): boolean {
    return this.expiredFlag;
  }

  /** Open interest of the synthetic participants, in lots. */
  get syntheticOpenInterest(): number {
    return this.oi;
  }

  /** The model value and half-spread at `ts` (quote currency), as the maker would quote now. */
  value(ts: number): Readonly<ModelQuote> {
    this.feed.refresh(ts);
    const years = yearsBetween(ts, this.listing.expiry);
    const spot = this.feed.spot;
    const scale = volScale(this.feed.volRatio, years);
    const { inputs } = this;
    inputs.spot = spot;
    inputs.years = years;
    inputs.sigma = smileVol(baseSmileInto(this.feed.baseVol, years, this.smile), spot, this.listing.strike, years, scale);
    modelQuote(inputs, scale, this.tickValue, this.scratch, this.model);
    this.valuedSpot = spot;
    this.valuedVolRatio = this.feed.volRatio;
    this.stepsSinceValuation = 0;
    this.spotTolerance = (0.5 * REQUOTE_FRACTION * 2 * this.model.half) / Math.max(0.01, Math.abs(this.scratch.delta));
    return this.model;
  }

  /** True when the model may have moved enough since the last valuation to be worth re-evaluating. */
  private mayHaveMoved(): boolean {
    return (
      this.dirty ||
      ++this.stepsSinceValuation >= MAX_STEPS_BETWEEN_VALUATIONS ||
      Math.abs(this.feed.spot - this.valuedSpot) > this.spotTolerance ||
      Math.abs(this.feed.volRatio - this.valuedVolRatio) > VOL_RATIO_TOLERANCE
    );
  }

  state(): OptionMakerState {
    return { rng: this.rng.seedState, oi: this.oi };
  }

  /** Puts up the first quotes (the venue drains them into its first snapshot). */
  seedBook(ts: number): void {
    this.requote(ts, []);
  }

  step(ts: number): EngineFill[] {
    if (this.expiredFlag || ts >= this.listing.expiry) return [];
    const fills: EngineFill[] = [];
    this.feed.refresh(ts);
    if (this.mayHaveMoved()) {
      const m = this.value(ts);
      if (this.dirty || Math.abs(m.price - this.quotedPrice) > REQUOTE_FRACTION * 2 * this.quotedHalf || Math.abs(m.half - this.quotedHalf) > HALF_CHANGE * this.quotedHalf) {
        this.requote(ts, fills);
      }
    }
    if (Number.isNaN(this.nextTakerAt)) this.drawNextTaker(ts);
    while (this.nextTakerAt <= ts) {
      this.take(fills);
      this.drawNextTaker(this.nextTakerAt);
    }
    return fills;
  }

  /** Takers arrive as a Poisson process, faster when the vol scale is up. */
  private drawNextTaker(from: number): void {
    const rate = TAKER_RATE * volScale(this.feed.volRatio, this.inputs.years);
    this.nextTakerAt = from + Math.max(STEP_MS, Math.round(this.rng.exponential(1000 / rate)));
  }

  noteFills(fills: readonly EngineFill[]): void {
    for (const f of fills) if (f.makerOwner === SYNTHETIC_OWNER) this.dirty = true;
  }

  withdrawCrossing(side: Side, price: Ticks): void {
    const contra: Side = side === 'buy' ? 'sell' : 'buy';
    for (let i = this.ids.length - 1; i >= 0; i--) {
      const o = this.engine.order(this.ids[i]!);
      if (!o || (o.side === contra && (side === 'buy' ? o.price <= price : o.price >= price))) {
        this.engine.cancel(this.ids[i]!);
        this.ids.splice(i, 1);
      }
    }
    this.dirty = true;
  }

  /** At expiry: every quote is withdrawn and the maker never quotes again. */
  expire(): void {
    this.cancelAll();
    this.expiredFlag = true;
    this.oi = 0;
  }

  private cancelAll(): void {
    for (const id of this.ids) this.engine.cancel(id);
    this.ids.length = 0;
  }

  private requote(ts: number, fills: EngineFill[]): void {
    const m = this.value(ts);
    this.cancelAll();
    this.quotedPrice = m.price;
    this.quotedHalf = m.half;
    this.dirty = false;
    const tick = this.tickValue;
    const bestBid = Math.floor((m.price - m.half) / tick);
    const bestAsk = Math.max(Math.ceil((m.price + m.half) / tick), bestBid + 1, 1);
    const gap = Math.max(1, Math.round(m.half / tick / 2));
    const { baseLots } = this.listing.spec;
    for (let i = 0; i < OPTION_LEVELS; i++) {
      // Sizes grow away from the touch, as a maker shows more at prices that pay it more.
      this.place('sell', bestAsk + i * gap, paretoLots(this.rng, baseLots * (i + 1), 2, 5), fills);
      const bid = bestBid - i * gap;
      if (bid >= 1) this.place('buy', bid, paretoLots(this.rng, baseLots * (i + 1), 2, 5), fills);
    }
  }

  private place(side: Side, price: Ticks, qty: number, fills: EngineFill[]): void {
    const r = this.engine.submit({ owner: SYNTHETIC_OWNER, side, type: 'limit', tif: 'GTC', postOnly: false, price, qty });
    if (!r.ok) return;
    if (r.resting > 0) this.ids.push(r.id);
    for (const f of r.fills) fills.push(f);
  }

  /**
   * A synthetic taker buys or sells a Pareto size, as a limit IOC no further than the maker's own
   * quotes reach (two half-spreads past the value): a thin option book is never swept to absurd prices.
   */
  private take(fills: EngineFill[]): void {
    const side: Side = this.rng.next() < 0.5 ? 'buy' : 'sell';
    const qty = paretoLots(this.rng, this.listing.spec.baseLots, 1.3, 10);
    if (Number.isNaN(this.quotedPrice)) return;
    const reach = this.quotedPrice + (side === 'buy' ? 3 : -3) * this.quotedHalf;
    const price = side === 'buy' ? Math.ceil(reach / this.tickValue) : Math.floor(reach / this.tickValue);
    if (price < 1) return;
    const r = this.engine.submit({ owner: SYNTHETIC_OWNER, side, type: 'limit', tif: 'IOC', price, qty });
    if (!r.ok) return;
    for (const f of r.fills) {
      fills.push(f);
      if (f.makerOwner === SYNTHETIC_OWNER) {
        this.dirty = true;
        // Both sides synthetic: the trade opens or closes positions among them.
        this.oi = this.rng.next() < OPEN_SHARE ? this.oi + f.qty : Math.max(0, this.oi - f.qty);
      }
    }
    if (r.fills.length > 0) this.pruneFilled();
  }

  /** Forgets quotes the engine no longer holds (filled). */
  private pruneFilled(): void {
    for (let i = this.ids.length - 1; i >= 0; i--) if (!this.engine.order(this.ids[i]!)) this.ids.splice(i, 1);
  }
}
