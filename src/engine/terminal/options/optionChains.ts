import type { Clock, Lots, Symbol, Ticks, VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import { emptyGreeks, greeksInto, impliedVol, type OptionInputs, type PricingModel, yearsBetween } from '../../options';
import { CHAIN_CONVENTIONS, type ChainRowView, type ChainSideView, type OptionChainView, type OptionGreeksView, type OptionUnderlyingView } from './chainView';
import { groupKeyOf, isOption, OptionIndex, type OptionGroup, type UnderlyingRef } from './underlyings';

/** What the chain reads of the market: the top of book (the book worker's, as the ladder and ticket read it), the last trade, open interest. */
export interface ChainMarket {
  /** Best bid and ask in ticks; a side is absent when the book has none or is stale. */
  touch(venue: VenueId, symbol: Symbol): { bid?: Ticks; ask?: Ticks };
  /** The last traded price in ticks, where known (an index has no book, only a last price). */
  last(venue: VenueId, symbol: Symbol): Ticks | undefined;
  openInterest(venue: VenueId, symbol: Symbol): Lots | undefined;
}

export interface OptionChainsDeps {
  clock: Clock;
  instruments(): Iterable<Instrument>;
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
  market: ChainMarket;
  /** The risk-free rate setting per venue (continuous, annual); 0 unless set. */
  rate(venue: VenueId): number;
}

export interface ChainRequest {
  venue: VenueId;
  underlying: string;
  /** Absent: the nearest expiry not yet past. */
  expiry?: number;
  /** Overrides the venue's rate setting for this chain. */
  rate?: number;
}

/** The priced state of one expiry's underlying, or why it cannot be priced. */
type Pricing =
  | { ok: true; ref?: UnderlyingRef; price: number; from: PriceSource; model: PricingModel; forward: number; years: number; rate: number }
  | { ok: false; ref?: UnderlyingRef; price?: number; from?: PriceSource; model: PricingModel; years: number; rate: number; problem: string };

/** Where the underlying's price came from: its book's mid, its last trade, or the options' own put-call parity. */
type PriceSource = 'mid' | 'last' | 'parity';

/**
 * Option chains for any venue whose instruments carry option contracts: the underlyings, one expiry's
 * chain with IV and Greeks from the quotes, and the Greeks of one held option. Reads only: the terminal
 * decides what is streamed (the chain's instruments while a view shows it).
 *
 * IV is solved from the mark (mid, else last) and separately from the bid and the ask; the Greeks use
 * the mark's IV, computed with `greeksInto` into one reused object.
 */
export class OptionChains {
  private index: OptionIndex | undefined;
  private readonly scratch = emptyGreeks();
  private readonly inputs: OptionInputs = { model: 'bsm', right: 'call', spot: 0, strike: 0, years: 0, rate: 0, dividend: 0, sigma: 0 };

  constructor(private readonly deps: OptionChainsDeps) {}

  /** The instrument list changed: the grouping is rebuilt on next use. */
  instrumentsChanged(): void {
    this.index = undefined;
  }

  /** Every underlying with options, per venue, with its expiries not yet past. */
  underlyings(venue?: VenueId): OptionUnderlyingView[] {
    const now = this.deps.clock.now();
    return this.options()
      .all()
      .filter((g) => venue === undefined || g.venue === venue)
      .map((g) => ({ venue: g.venue, underlying: g.key, expiries: liveExpiries(g, now) }))
      .filter((u) => u.expiries.length > 0)
      .sort((a, b) => a.venue.localeCompare(b.venue) || a.underlying.localeCompare(b.underlying));
  }

  /** The instruments a chain reads (its options and its underlying): what must stream while it is shown. */
  instrumentsOf(req: ChainRequest): { venue: VenueId; symbol: Symbol }[] {
    const found = this.find(req);
    if (!found) return [];
    const { group, expiry } = found;
    const out = (group.byExpiry.get(expiry) ?? []).map((i) => ({ venue: i.venue, symbol: i.symbol }));
    const ref = this.options().underlyingOf(group, expiry);
    if (ref) out.push({ venue: group.venue, symbol: ref.symbol });
    return out;
  }

  /** One expiry's chain, strikes ascending; undefined when the venue has no such underlying or expiry. */
  chain(req: ChainRequest): OptionChainView | undefined {
    const found = this.find(req);
    if (!found) return undefined;
    const { group, expiry, expiries } = found;
    const options = group.byExpiry.get(expiry) ?? [];
    const first = options[0]!;
    const pricing = this.pricing(group, expiry, req.rate);
    const byStrike = new Map<number, ChainRowView>();
    for (const inst of options) {
      const strike = inst.contract!.strike ?? 0;
      let row = byStrike.get(strike);
      if (!row) byStrike.set(strike, (row = { strike: strike / 10 ** inst.priceDecimals }));
      row[inst.contract!.kind === 'call' ? 'call' : 'put'] = this.side(inst, pricing);
    }
    const rows = [...byStrike.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    const view: OptionChainView = {
      venue: group.venue,
      underlying: group.key,
      expiry,
      expiries,
      years: pricing.years,
      model: pricing.model,
      rate: pricing.rate,
      priceDecimals: first.priceDecimals,
      rows,
      conventions: CHAIN_CONVENTIONS,
      asOf: this.deps.clock.now(),
    };
    if (pricing.ref) {
      view.underlyingSymbol = pricing.ref.symbol;
      view.underlyingKind = pricing.ref.kind;
    }
    if (pricing.price !== undefined) {
      view.underlyingPrice = pricing.price;
      view.underlyingPriceFrom = pricing.from;
    }
    if (pricing.ok) {
      view.forward = pricing.forward;
      view.atmStrike = nearest(rows, pricing.forward);
    } else view.problem = pricing.problem;
    return view;
  }

  /** The Greeks of one option at its mark's IV; undefined when it is not an option or cannot be priced now. */
  greeksOf(venue: VenueId, symbol: Symbol, rate?: number): OptionGreeksView | undefined {
    const inst = this.deps.instrument(venue, symbol);
    if (!inst || !isOption(inst)) return undefined;
    const index = this.options();
    const group = index.group(venue, groupKeyOf(inst));
    if (!group) return undefined;
    const pricing = this.pricing(group, inst.contract!.expiry, rate);
    if (!pricing.ok) return undefined;
    const side = this.side(inst, pricing);
    if (side.iv === undefined || side.mark === undefined) return undefined;
    const g = greeksInto(this.inputsFor(inst, pricing, side.iv), this.scratch);
    return {
      venue,
      symbol,
      underlying: group.key,
      ...(pricing.ref ? { underlyingSymbol: pricing.ref.symbol } : {}),
      underlyingPrice: pricing.price,
      underlyingPriceFrom: pricing.from,
      forward: pricing.forward,
      years: pricing.years,
      model: pricing.model,
      rate: pricing.rate,
      mark: side.mark,
      iv: side.iv,
      delta: g.delta,
      gamma: g.gamma,
      vega: g.vega,
      theta: g.theta,
      rho: g.rho,
      // The unit of `mark` (a coin-settled premium is in the coin); the Greeks are always of the value in quote.
      premiumIn: inst.contract!.premiumIn ?? 'quote',
    };
  }

  /** The options grouped by underlying, built once per instrument list (the signals' put-call ratio reads it too). */
  options(): OptionIndex {
    this.index ??= new OptionIndex(this.deps.instruments());
    return this.index;
  }

  private find(req: ChainRequest): { group: OptionGroup; expiry: number; expiries: number[] } | undefined {
    const group = this.options().group(req.venue, req.underlying);
    if (!group) return undefined;
    const expiries = liveExpiries(group, this.deps.clock.now());
    if (req.expiry !== undefined) return group.byExpiry.has(req.expiry) ? { group, expiry: req.expiry, expiries } : undefined;
    const expiry = expiries[0];
    return expiry === undefined ? undefined : { group, expiry, expiries };
  }

  private pricing(group: OptionGroup, expiry: number, rateOverride: number | undefined): Pricing {
    const rate = rateOverride ?? this.deps.rate(group.venue);
    const years = yearsBetween(this.deps.clock.now(), expiry);
    const ref = this.options().underlyingOf(group, expiry);
    const model: PricingModel = ref?.kind === 'future' ? 'black76' : 'bsm';
    const quoted = ref && this.priceOf(group.venue, ref.symbol);
    if (!(years > 0)) return { ok: false, ...(ref ? { ref } : {}), model, years, rate, ...(quoted ? { price: quoted.price, from: quoted.from } : {}), problem: 'expired' };
    if (quoted) {
      const forward = model === 'black76' ? quoted.price : quoted.price * Math.exp(rate * years);
      return { ok: true, ...(ref ? { ref } : {}), price: quoted.price, from: quoted.from, model, forward, years, rate };
    }
    // No price for the underlying (none listed; an index without a last price; Kite's weekly options whose
    // future expires later): the forward implied by the options' own quotes, priced with Black-76 on it.
    const parity = this.parityForward(group.byExpiry.get(expiry) ?? [], rate, years);
    if (parity !== undefined) return { ok: true, ...(ref ? { ref } : {}), price: parity, from: 'parity', model: 'black76', forward: parity, years, rate };
    const problem = ref
      ? `no price for ${ref.symbol} yet`
      : `${group.venue} lists nothing to price ${group.key} options from (no future of that expiry, no spot or index), and no strike has both a call and a put quoted`;
    return { ok: false, ...(ref ? { ref } : {}), model, years, rate, problem };
  }

  /**
   * The forward from put-call parity, C - P = e^(-rT)(F - K), at the strike where the call's and the put's
   * mids are closest (the most liquid, least skew-sensitive pair); undefined when no strike has both quoted.
   * Coin-settled premiums are left out (they need the underlying's price to be compared).
   */
  private parityForward(options: readonly Instrument[], rate: number, years: number): number | undefined {
    const calls = new Map<number, number>();
    const puts = new Map<number, number>();
    for (const inst of options) {
      if (inst.contract!.premiumIn === 'underlying') return undefined;
      const { bid, ask } = this.deps.market.touch(inst.venue, inst.symbol);
      if (bid === undefined || ask === undefined) continue;
      (inst.contract!.kind === 'call' ? calls : puts).set((inst.contract!.strike ?? 0) / 10 ** inst.priceDecimals, toPrice(inst, (bid + ask) / 2));
    }
    let best: { gap: number; forward: number } | undefined;
    for (const [strike, call] of calls) {
      const put = puts.get(strike);
      if (put === undefined) continue;
      const gap = Math.abs(call - put);
      if (!best || gap < best.gap) best = { gap, forward: strike + Math.exp(rate * years) * (call - put) };
    }
    return best && best.forward > 0 ? best.forward : undefined;
  }

  /** An instrument's price in price units: book mid, else last trade. */
  private priceOf(venue: VenueId, symbol: Symbol): { price: number; from: 'mid' | 'last' } | undefined {
    const inst = this.deps.instrument(venue, symbol);
    if (!inst) return undefined;
    const { bid, ask } = this.deps.market.touch(venue, symbol);
    if (bid !== undefined && ask !== undefined) return { price: toPrice(inst, (bid + ask) / 2), from: 'mid' };
    const last = this.deps.market.last(venue, symbol);
    return last === undefined ? undefined : { price: toPrice(inst, last), from: 'last' };
  }

  private side(inst: Instrument, pricing: Pricing): ChainSideView {
    const { bid, ask } = this.deps.market.touch(inst.venue, inst.symbol);
    const view: ChainSideView = { symbol: inst.symbol, displayName: inst.displayName ?? inst.symbol, tickSize: inst.tickSize, priceDecimals: inst.priceDecimals };
    if (bid !== undefined) view.bid = bid;
    if (ask !== undefined) view.ask = ask;
    const oi = this.deps.market.openInterest(inst.venue, inst.symbol);
    if (oi !== undefined) view.oi = oi;
    const last = bid !== undefined && ask !== undefined ? undefined : this.deps.market.last(inst.venue, inst.symbol);
    if (bid !== undefined && ask !== undefined) {
      view.mark = toPrice(inst, (bid + ask) / 2);
      view.markFrom = 'mid';
    } else if (last !== undefined) {
      view.mark = toPrice(inst, last);
      view.markFrom = 'last';
    }
    if (!pricing.ok) {
      view.ivProblem = pricing.problem;
      return view;
    }
    // Coin-settled premiums are in the underlying: IV is solved on their value in the quote currency.
    const scale = inst.contract!.premiumIn === 'underlying' ? pricing.price : 1;
    const ivAt = (price: number) => impliedVol(price * scale, this.inputsFor(inst, pricing, 0));
    if (bid !== undefined) {
      const r = ivAt(toPrice(inst, bid));
      if (r.ok) view.bidIv = r.iv;
    }
    if (ask !== undefined) {
      const r = ivAt(toPrice(inst, ask));
      if (r.ok) view.askIv = r.iv;
    }
    if (view.mark === undefined) {
      view.ivProblem = 'no quote';
      return view;
    }
    const solved = ivAt(view.mark);
    if (!solved.ok) {
      view.ivProblem = solved.reason;
      return view;
    }
    view.iv = solved.iv;
    const g = greeksInto(this.inputsFor(inst, pricing, solved.iv), this.scratch);
    view.delta = g.delta;
    view.gamma = g.gamma;
    view.vega = g.vega;
    view.theta = g.theta;
    return view;
  }

  /** The reused inputs object, set for one option. */
  private inputsFor(inst: Instrument, pricing: Extract<Pricing, { ok: true }>, sigma: number): OptionInputs {
    const o = this.inputs;
    o.model = pricing.model;
    o.right = inst.contract!.kind === 'call' ? 'call' : 'put';
    o.spot = pricing.price;
    o.strike = (inst.contract!.strike ?? 0) / 10 ** inst.priceDecimals;
    o.years = pricing.years;
    o.rate = pricing.rate;
    o.dividend = 0;
    o.sigma = sigma;
    return o;
  }
}

function liveExpiries(group: OptionGroup, now: number): number[] {
  return [...group.byExpiry.keys()].filter((e) => e > now).sort((a, b) => a - b);
}

/** Ticks (or a mid between two) in price units. */
function toPrice(inst: Instrument, ticks: number): number {
  return (ticks * inst.tickSize) / 10 ** inst.priceDecimals;
}

/** The strike nearest the forward (the lower on a tie). */
function nearest(rows: ChainRowView[], forward: number): number | undefined {
  let best: number | undefined;
  for (const r of rows) if (best === undefined || Math.abs(r.strike - forward) < Math.abs(best - forward)) best = r.strike;
  return best;
}
