import { err, type Clock, type Lots, type Result, type Side, type Symbol, type Ticks, type VenueId } from '../../core';
import type { Algorithm, ChildIntent, DecisionInput, RouteMarket, RoutedIntent } from '../algorithm';
import { buildPriceGrid, type PriceGrid } from '../router/priceGrid';
import { SmartRouter, type RoutePlan, type RouteVenue } from '../router/smartRouter';
import type { VenueBook } from '../router/venueBook';

/** Levels per side read from each venue's book for a plan (the book layer's buffer holds 50). */
export const SMART_DEPTH = 20;
/** A venue whose feed has said nothing for longer than this is not routed to (its book may be gone). */
export const SMART_MAX_BOOK_AGE_MS = 5_000;

const NO_BOOK: VenueBook = Object.freeze({ bids: [], asks: [], stale: true });

/**
 * The common grid of `symbol` over `venues`, anchored on the parent's venue: the grid's ticks and lots
 * ARE the parent's (its instrument imposes the grid), so the parent's quantity, limit and progress need
 * no conversion, and a venue whose tick or lot is not a whole multiple of the parent's is refused.
 */
export function smartGrid(market: RouteMarket, primary: VenueId, venues: readonly VenueId[], symbol: Symbol): Result<PriceGrid> {
  if (!venues.includes(primary)) return err('INVALID_INPUT', `smart routing: the parent's venue ${primary} must be one of the venues routed to`);
  const main = market.instrument(primary, symbol);
  if (!main) return err('INVALID_INPUT', `smart routing: ${primary} does not list ${symbol}`);
  // The parent's venue first: the plan's venue order is a tie-break (latency, size) only after price and fee.
  const ordered = [primary, ...venues.filter((v) => v !== primary)];
  const instruments = [];
  for (const v of ordered) {
    const inst = market.instrument(v, symbol);
    if (!inst) return err('INVALID_INPUT', `smart routing: ${v} does not list ${symbol}`);
    instruments.push(inst);
  }
  return buildPriceGrid(instruments, { priceDecimals: main.priceDecimals, tickSize: main.tickSize, qtyDecimals: main.qtyDecimals, lotSize: main.lotSize });
}

/**
 * Smart routing: at each decision, the part of the parent not done nor working is planned over the
 * consolidated book of every venue quoting the instrument (SmartRouter: best fee-adjusted price first,
 * venues with a stale or old book left out, far levels discounted by book age + latency, never through
 * the limit), and the plan's children go out together, one IOC limit per venue at the worst level
 * planned there. What they could not take (the book moved, someone was faster) is planned again at
 * the next decision, over the books as they are then; the parent repeats until done, or until nothing
 * is left within its limit and its window ends. Inputs: the venues' books and their feed's last
 * message time (bookAt), taker fees from the adapters, latency from the venue's measured round trip.
 * Limits: routes only what is visible (hidden size is not sought); the symbol must be the same at
 * every venue; a child whose venue's lot is coarser than what is left is not sent.
 */
export class Smart implements Algorithm {
  private grid: PriceGrid | undefined;
  private router: SmartRouter | undefined;

  constructor(
    private readonly market: RouteMarket,
    private readonly clock: Clock,
    private readonly primary: VenueId,
    private readonly venues: readonly VenueId[],
    private readonly symbol: Symbol,
  ) {}

  decide(): ChildIntent | undefined {
    return undefined;
  }

  units(venue: VenueId): { priceFactor: number; qtyFactor: number; quoteFactor: number } | undefined {
    const grid = this.ready()?.grid;
    const v = grid?.venues.find((g) => g.venue === venue);
    if (!grid || !v) return undefined;
    // The venue's QuoteUnits (fees) on the grid's scale: 10^(grid decimals - the venue's), price and quantity.
    const quoteFactor = 10 ** (grid.priceDecimals - v.instrument.priceDecimals + grid.qtyDecimals - v.instrument.qtyDecimals);
    return { priceFactor: v.priceFactor, qtyFactor: v.qtyFactor, quoteFactor };
  }

  route(input: DecisionInput): RoutedIntent[] {
    const left = input.total - input.done - input.open;
    if (left <= 0 || input.limit === undefined) return [];
    const plan = this.plan(input.side, left, input.limit);
    if (!plan.ok) return [];
    return plan.value.children.map((c) => ({ venue: c.venue, qty: c.qty, price: c.price }));
  }

  /** The plan for `qty` (parent lots) up to `limit` (parent ticks) over the books as they are now. */
  plan(side: Side, qty: Lots, limit: Ticks, arrivalMid?: number): Result<RoutePlan> {
    const r = this.ready();
    if (!r) return err('INVALID_INPUT', `smart routing: ${this.symbol} is not listed at every venue of ${this.venues.join(', ')}`);
    const venues: RouteVenue[] = r.grid.venues.map(({ venue }) => ({
      book: this.market.book(venue, this.symbol, SMART_DEPTH) ?? NO_BOOK,
      bookAt: this.market.bookAt(venue) ?? NaN,
      takerBps: this.market.takerBps(venue) ?? NaN,
      latencyMs: this.market.latencyMs(venue),
      maxBookAgeMs: SMART_MAX_BOOK_AGE_MS,
    }));
    return r.router.plan({ side, qty, limit, ...(arrivalMid !== undefined ? { arrivalMid } : {}) }, venues);
  }

  /** The grid is built on first use: after a restart an account may list the instrument only once connected. */
  private ready(): { grid: PriceGrid; router: SmartRouter } | undefined {
    if (!this.grid || !this.router) {
      const g = smartGrid(this.market, this.primary, this.venues, this.symbol);
      if (!g.ok) return undefined;
      this.grid = g.value;
      this.router = new SmartRouter(g.value, { clock: this.clock });
    }
    return { grid: this.grid, router: this.router };
  }
}
