import { SqError, type Clock, type Symbol, type VenueId } from '../../core';
import { formatPrice, formatQty, type Instrument } from '../../instruments';
import {
  butterfly,
  calendar,
  ironCondor,
  straddle,
  strangle,
  summariseStrategy,
  vertical,
  type ChainExpiry,
  type ChainView,
  type OptionLeg,
  type PricingModel,
} from '../../options';
import type { ChainRequest } from './optionChains';
import type { ChainSideView, OptionChainView } from './chainView';
import type { StrategyLegSpec, StrategyLegView, StrategyPresetSpec, StrategyQuoteView, StrategyRequest, StrategySummaryView } from './strategyView';
import { groupKeyOf, isOption } from './underlyings';

/** Points of each payoff curve sent to the screen (enough for a smooth line, small on the wire). */
export const PAYOFF_POINTS = 161;

export interface StrategyQuotesDeps {
  clock: Clock;
  chain(req: ChainRequest): OptionChainView | undefined;
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
}

/**
 * Resolves a strategy's legs (named, or built by a preset) against the live chain and prices them at what
 * they would cost now: a buy at the ask, a sell at the bid, each valued "today" at its mark's IV. The
 * summary is the engine's strategy math (summariseStrategy) on those legs.
 */
export class StrategyQuotes {
  constructor(private readonly deps: StrategyQuotesDeps) {}

  quote(req: StrategyRequest): StrategyQuoteView {
    const chains = new Map<number, OptionChainView>();
    const chainAt = (expiry: number | undefined): OptionChainView => {
      const cached = expiry !== undefined ? chains.get(expiry) : undefined;
      if (cached) return cached;
      const chain = this.deps.chain({ venue: req.venue, underlying: req.underlying, ...(expiry !== undefined ? { expiry } : {}), ...(req.rate !== undefined ? { rate: req.rate } : {}) });
      if (!chain) throw new SqError('UNKNOWN_INSTRUMENT', `${req.venue} has no options on ${req.underlying}${expiry !== undefined ? ` expiring ${new Date(expiry).toISOString()}` : ''}`);
      chains.set(chain.expiry, chain);
      return chain;
    };
    const specs = legSpecs(req, chainAt);
    const legs: StrategyLegView[] = [];
    const engineLegs: OptionLeg[] = [];
    const problems: string[] = [];
    let currency = '';
    let first: OptionChainView | undefined;
    for (const spec of specs) {
      const inst = this.deps.instrument(req.venue, spec.symbol);
      if (!inst || !isOption(inst)) throw new SqError('UNKNOWN_INSTRUMENT', `${spec.symbol} is not an option on ${req.venue}`);
      if (groupKeyOf(inst) !== req.underlying) throw new SqError('INVALID_INPUT', `${spec.symbol} is not an option on ${req.underlying}`);
      if (!Number.isInteger(spec.lots) || spec.lots <= 0) throw new SqError('INVALID_INPUT', `${spec.symbol}: lots must be a positive whole number`);
      currency ||= inst.quote;
      const chain = chainAt(inst.contract!.expiry);
      first ??= chain;
      const side = sideOf(chain, spec.symbol);
      const { view, leg } = priceLeg(inst, spec, side, chain);
      legs.push(view);
      if (view.problem) problems.push(`${view.displayName}: ${view.problem}`);
      else if (leg) engineLegs.push(leg);
    }
    const base: StrategyQuoteView = { venue: req.venue, underlying: req.underlying, currency, legs, problems, asOf: this.deps.clock.now() };
    if (!first) return { ...base, problems: ['a strategy needs at least one leg'] };
    if (first.underlyingPrice !== undefined) base.underlyingPrice = first.underlyingPrice;
    base.model = first.model;
    base.rate = first.rate;
    if (first.problem) problems.push(first.problem);
    // One price for every leg: legs priced from different underlyings (a calendar across two futures) have
    // no single payoff axis; say so rather than plot a wrong one.
    for (const c of chains.values()) {
      if (c.underlyingSymbol !== first.underlyingSymbol || c.model !== first.model) {
        problems.push(`the legs are priced from different underlyings (${first.underlyingSymbol ?? 'parity'} and ${c.underlyingSymbol ?? 'parity'}): no single payoff`);
        break;
      }
    }
    if (problems.length > 0 || first.underlyingPrice === undefined) return base;
    const spot = first.underlyingPrice;
    const market = { model: first.model as PricingModel, rate: first.rate, dividend: 0 };
    const result = summariseStrategy(engineLegs, market, spot, this.deps.clock.now(), PAYOFF_POINTS);
    if (!result.ok) return { ...base, problems: result.problems };
    const s = result.summary;
    const lotUnits = engineLegs[0]!.multiplier;
    const summary: StrategySummaryView = {
      premium: s.premium,
      greeks: {
        delta: s.greeks.delta,
        deltaLots: s.greeks.delta / lotUnits,
        deltaNotional: s.greeks.delta * spot,
        gamma: s.greeks.gamma,
        vega: s.greeks.vega,
        theta: s.greeks.theta,
        rho: s.greeks.rho,
        value: s.greeks.price,
      },
      expiry: s.expiry.atMs,
      exact: s.expiry.exact,
      breakevens: s.expiry.breakevens,
      maxProfit: s.expiry.maxProfit,
      maxLoss: s.expiry.maxLoss,
      today: s.today,
      atExpiry: s.atExpiry,
    };
    return { ...base, summary };
  }
}

/** The legs the request names, or the preset's legs on the chain's current quotes. */
function legSpecs(req: StrategyRequest, chainAt: (expiry: number | undefined) => OptionChainView): StrategyLegSpec[] {
  if ((req.legs === undefined) === (req.preset === undefined)) throw new SqError('INVALID_INPUT', 'a strategy is either legs or a preset');
  if (req.legs) {
    if (req.legs.length === 0) throw new SqError('INVALID_INPUT', 'a strategy needs at least one leg');
    return req.legs;
  }
  const p = req.preset!;
  if (!Number.isInteger(p.lots) || p.lots <= 0) throw new SqError('INVALID_INPUT', 'lots must be a positive whole number');
  const near = chainAt(p.expiry);
  const views = [near];
  if (p.name === 'calendar') views.push(chainAt(p.farExpiry));
  const view: ChainView = { underlyingPrice: near.underlyingPrice ?? NaN, multiplier: 1, expiries: views.map(chainExpiry) };
  let legs: OptionLeg[];
  try {
    legs = presetLegs(view, p, { direction: p.direction, quantity: p.lots });
  } catch (err) {
    throw new SqError('INVALID_INPUT', `${p.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return legs.map((leg) => {
    const chain = views.find((c) => c.expiry === leg.expiryMs)!;
    const side = chain.rows.find((r) => r.strike === leg.strike)?.[leg.right];
    if (!side) throw new SqError('UNKNOWN_INSTRUMENT', `no ${leg.strike} ${leg.right} listed`);
    return { symbol: side.symbol, side: leg.quantity > 0 ? 'buy' : 'sell', lots: Math.abs(leg.quantity) };
  });
}

function presetLegs(view: ChainView, p: StrategyPresetSpec, o: { direction: 'long' | 'short'; quantity: number }): OptionLeg[] {
  switch (p.name) {
    case 'straddle':
      return straddle(view, o);
    case 'strangle':
      return strangle(view, { ...o, width: p.width });
    case 'vertical':
      return vertical(view, { ...o, right: p.right, width: p.width });
    case 'butterfly':
      return butterfly(view, { ...o, right: p.right, width: p.width });
    case 'ironCondor':
      return ironCondor(view, { ...o, inner: p.inner, wing: p.wing });
    case 'calendar':
      return calendar(view, { ...o, right: p.right, near: 0, far: 1, ...(p.strike !== undefined ? { strike: p.strike } : {}) });
  }
}

/** A chain's expiry as the presets read it: the structure only (which strikes); prices come later, per side. */
function chainExpiry(chain: OptionChainView): ChainExpiry {
  if (chain.atmStrike === undefined) throw new SqError('INVALID_INPUT', `no ATM strike for ${chain.underlying}: ${chain.problem ?? 'no price for the underlying'}`);
  return {
    expiryMs: chain.expiry,
    strikes: chain.rows.map((r) => r.strike),
    atmStrike: chain.atmStrike,
    quote: (right, strike) => {
      const side = chain.rows.find((r) => r.strike === strike)?.[right];
      if (side?.mark === undefined || side.iv === undefined) return undefined;
      return { price: side.mark, vol: side.iv };
    },
  };
}

function sideOf(chain: OptionChainView, symbol: Symbol): ChainSideView {
  for (const row of chain.rows) {
    if (row.call?.symbol === symbol) return row.call;
    if (row.put?.symbol === symbol) return row.put;
  }
  throw new SqError('UNKNOWN_INSTRUMENT', `${symbol} is not in the ${chain.underlying} chain`);
}

/** The leg's view, and the engine leg when it can be priced: entry at the touch it would trade, vol at the mark's IV. */
function priceLeg(inst: Instrument, spec: StrategyLegSpec, side: ChainSideView, chain: OptionChainView): { view: StrategyLegView; leg?: OptionLeg } {
  const c = inst.contract!;
  const right = c.kind === 'call' ? 'call' : 'put';
  const strike = (c.strike ?? 0) / 10 ** inst.priceDecimals;
  const multiplier = (inst.lotSize * 10 ** -inst.qtyDecimals);
  const view: StrategyLegView = {
    symbol: inst.symbol,
    displayName: inst.displayName ?? inst.symbol,
    right,
    strike,
    expiry: c.expiry,
    side: spec.side,
    lots: spec.lots,
    qty: formatQty(inst, spec.lots),
    multiplier,
  };
  if (side.bid !== undefined) view.bid = formatPrice(inst, side.bid);
  if (side.ask !== undefined) view.ask = formatPrice(inst, side.ask);
  if (side.mark !== undefined) view.mark = side.mark;
  if (side.iv !== undefined) view.iv = side.iv;
  const touch = spec.side === 'buy' ? side.ask : side.bid;
  if (touch === undefined) {
    view.problem = spec.side === 'buy' ? 'no ask to buy at' : 'no bid to sell at';
    return { view };
  }
  view.price = formatPrice(inst, touch);
  if (side.iv === undefined) {
    view.problem = `no IV (${side.ivProblem ?? 'no mark'})`;
    return { view };
  }
  // Coin-settled premiums are in the underlying: the strategy math works in the quote currency.
  const scale = c.premiumIn === 'underlying' ? (chain.underlyingPrice ?? NaN) : 1;
  const entryPrice = ((touch * inst.tickSize) / 10 ** inst.priceDecimals) * scale;
  const leg: OptionLeg = {
    kind: 'option',
    right,
    strike,
    expiryMs: c.expiry,
    quantity: spec.side === 'buy' ? spec.lots : -spec.lots,
    multiplier,
    entryPrice,
    vol: side.iv,
  };
  return { view, leg };
}
