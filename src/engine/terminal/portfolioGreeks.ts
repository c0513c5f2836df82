import type { Lots, Symbol, Ticks, VenueId } from '../core';
import type { Instrument } from '../instruments';
import { groupKeyOf, isOption, type OptionGreeksView } from './options';
import { PORTFOLIO_GREEKS_CONVENTIONS, type PortfolioGreeksView, type PositionGreeksView, type UnderlyingGreeksView } from './portfolioGreeksView';

/**
 * Units of the underlying per unit of an instrument's quantity. 1 for every venue we list: SIM's and
 * Binance's options trade in coins (0.01 BTC lots), Kite's NFO options in units (a lot is 75 NIFTY),
 * Deribit's in coins. A venue whose quantity counts contracts of another size must carry that size on
 * the instrument before its options are traded here; the Greeks and risk's limits would be off by it.
 */
export function contractMultiplier(_inst: Instrument): number {
  return 1;
}

/** A position's quantity in units of the underlying. */
export function underlyingUnits(inst: Instrument, lots: Lots): number {
  return ((lots * inst.lotSize) / 10 ** inst.qtyDecimals) * contractMultiplier(inst);
}

export interface PortfolioGreeksDeps {
  /** Our open positions (lots, signed). */
  positions(): Iterable<{ venue: VenueId; symbol: Symbol; qty: Lots }>;
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
  /** The option's Greeks at its mark's IV (the chain service's); undefined when it cannot be priced now. */
  optionGreeks(venue: VenueId, symbol: Symbol): OptionGreeksView | undefined;
  /** An instrument's mark in ticks (book mid, a perpetual's venue mark), for spot and futures hedges. */
  mark(venue: VenueId, symbol: Symbol): Ticks | undefined;
}

const NO_GREEKS = 'no Greeks now: no price for the underlying or no IV from the option’s quotes yet';

/**
 * Portfolio Greeks per (venue, underlying): every option position's Greeks × its quantity in units of
 * the underlying, summed, with the spot and futures on the same underlying counted in delta. Only
 * underlyings with an option position are shown; a spot alone has no Greeks to watch.
 */
export function portfolioGreeks(deps: PortfolioGreeksDeps, now: number): PortfolioGreeksView {
  const groups = new Map<string, UnderlyingGreeksView & { nearest: number }>();
  const hedges: { inst: Instrument; qty: Lots }[] = [];
  for (const p of deps.positions()) {
    if (p.qty === 0) continue;
    const inst = deps.instrument(p.venue, p.symbol);
    if (!inst) continue;
    if (!isOption(inst)) {
      hedges.push({ inst, qty: p.qty });
      continue;
    }
    const key = groupKeyOf(inst);
    const id = `${inst.venue}\u0000${key}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = emptyGroup(inst, key)));
    const g = deps.optionGreeks(inst.venue, inst.symbol);
    const row = optionRow(inst, p.qty, g);
    group.positions.push(row);
    if (!g || row.delta === undefined) {
      group.unpriced++;
      continue;
    }
    add(group, row);
    group.optionDelta += row.delta;
    if (inst.contract!.expiry < group.nearest) {
      group.nearest = inst.contract!.expiry;
      group.underlyingPrice = g.underlyingPrice;
      if (g.underlyingSymbol !== undefined) group.underlyingSymbol = g.underlyingSymbol;
    }
  }
  for (const { inst, qty } of hedges) {
    const group = hedgedGroup(groups, inst);
    if (!group) continue;
    const units = underlyingUnits(inst, qty);
    const ticks = deps.mark(inst.venue, inst.symbol);
    const row: PositionGreeksView = { venue: inst.venue, symbol: inst.symbol, displayName: inst.displayName ?? inst.symbol, kind: inst.contract?.kind === 'future' ? 'future' : 'spot', units };
    if (inst.contract) row.expiry = inst.contract.expiry;
    if (ticks === undefined) {
      row.problem = 'no price for it now';
      group.unpriced++;
    } else {
      const price = toPrice(inst, ticks);
      Object.assign(row, { unitDelta: 1, delta: units, deltaNotional: units * price, gamma: 0, vega: 0, theta: 0, value: units * price });
      add(group, row);
      if (group.underlyingPrice === undefined && group.underlyingSymbol === undefined) group.underlyingPrice = price;
    }
    group.positions.push(row);
  }
  const underlyings = [...groups.values()]
    .map(({ nearest: _nearest, ...view }) => {
      view.positions.sort(byPosition);
      return view;
    })
    .sort((a, b) => a.venue.localeCompare(b.venue) || a.underlying.localeCompare(b.underlying));
  return { asOf: now, underlyings, conventions: PORTFOLIO_GREEKS_CONVENTIONS };
}

function emptyGroup(inst: Instrument, key: string): UnderlyingGreeksView & { nearest: number } {
  return {
    venue: inst.venue,
    underlying: key,
    riskKey: `${inst.venue}:${key}`,
    quote: inst.quote,
    delta: 0,
    deltaNotional: 0,
    gamma: 0,
    vega: 0,
    theta: 0,
    optionDelta: 0,
    unpriced: 0,
    positions: [],
    nearest: Infinity,
  };
}

function optionRow(inst: Instrument, qty: Lots, g: OptionGreeksView | undefined): PositionGreeksView {
  const c = inst.contract!;
  const units = underlyingUnits(inst, qty);
  const row: PositionGreeksView = {
    venue: inst.venue,
    symbol: inst.symbol,
    displayName: inst.displayName ?? inst.symbol,
    kind: c.kind === 'put' ? 'put' : 'call',
    units,
    expiry: c.expiry,
    strike: (c.strike ?? 0) / 10 ** inst.priceDecimals,
  };
  if (!g) {
    row.problem = NO_GREEKS;
    return row;
  }
  // The Greeks are of the value in quote; a coin-settled mark is in the coin, so it is converted.
  const markInQuote = g.premiumIn === 'underlying' ? g.mark * g.underlyingPrice : g.mark;
  row.iv = g.iv;
  row.unitDelta = g.delta;
  row.delta = units * g.delta;
  row.deltaNotional = units * g.delta * g.underlyingPrice;
  row.gamma = units * g.gamma;
  row.vega = units * g.vega;
  row.theta = units * g.theta;
  row.value = units * markInQuote;
  return row;
}

function add(group: UnderlyingGreeksView, row: PositionGreeksView): void {
  group.delta += row.delta!;
  group.deltaNotional += row.deltaNotional!;
  group.gamma += row.gamma!;
  group.vega += row.vega!;
  group.theta += row.theta!;
}

/**
 * The held underlying a spot or future hedges: the group whose options are priced from it (the held
 * options' `underlyingSymbol`) or named like it (a future of the options' name, Kite's NIFTY26DECFUT;
 * a spot whose symbol, name or base is the group's name).
 */
function hedgedGroup<G extends UnderlyingGreeksView>(groups: Map<string, G>, inst: Instrument): G | undefined {
  for (const group of groups.values()) {
    if (group.venue !== inst.venue) continue;
    if (group.positions.some((p) => p.symbol === inst.symbol)) return group;
    if (group.underlyingSymbol === inst.symbol) return group;
    const names = inst.contract?.kind === 'future' ? [inst.name ?? inst.base] : [inst.symbol, inst.name, inst.base];
    if (names.includes(group.underlying)) return group;
  }
  return undefined;
}

const KIND_ORDER = { spot: 0, future: 1, call: 2, put: 3 } as const;

/** Hedges first, then options by expiry, strike, calls before puts. */
function byPosition(a: PositionGreeksView, b: PositionGreeksView): number {
  const hedgeA = a.kind === 'spot' || a.kind === 'future' ? 0 : 1;
  const hedgeB = b.kind === 'spot' || b.kind === 'future' ? 0 : 1;
  return hedgeA - hedgeB || (a.expiry ?? 0) - (b.expiry ?? 0) || (a.strike ?? 0) - (b.strike ?? 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.symbol.localeCompare(b.symbol);
}

function toPrice(inst: Instrument, ticks: number): number {
  return (ticks * inst.tickSize) / 10 ** inst.priceDecimals;
}
