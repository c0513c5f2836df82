import { err, type Clock, type Lots, type Result, type Side, type Symbol, type Ticks, type VenueId } from '../../core';
import type { Algorithm, ChildIntent, DecisionInput, RouteMarket, RoutedIntent, VenueUnits } from '../algorithm';
import { buildPriceGrid, type PriceGrid } from '../router/priceGrid';
import { SmartRouter, type RoutePlan, type RouteRequest, type RouteVenue } from '../router/smartRouter';
import type { LeftOut } from '../router/leftOut';
import type { VenueBook } from '../router/venueBook';

/** Levels per side read from each venue's book for a plan (the book layer's buffer holds 50). */
export const SMART_DEPTH = 20;
/** A venue whose feed has said nothing for longer than this is not routed to (its book may be gone). */
export const SMART_MAX_BOOK_AGE_MS = 5_000;

/** An empty sweep in `intents`. */
function none(intents: RoutedIntent[]): RoutedIntent[] {
  if (intents.length !== 0) intents.length = 0;
  return intents;
}

const NO_BOOK: VenueBook = Object.freeze({ bids: [], asks: [], stale: true });
const NO_REASONS: readonly LeftOut[] = Object.freeze([]);

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
  private router: SmartRouter | undefined;
  /** Per grid venue, built with the grid: its units (read by the runtime per child), what the router is shown, one intent slot. */
  private venueUnits: VenueUnits[] = [];
  private routeVenues: RouteVenue[] = [];
  private intentSlots: RoutedIntent[] = [];
  /** The request route() plans, reused (no arrivalMid: the router takes the books' mid). */
  private readonly request: RouteRequest = { side: 'buy', qty: 0, limit: 0 };
  /** The last route()'s plan's reasons (the router's reused objects while it plans with `out`). */
  private lastLeftOut: readonly LeftOut[] = NO_REASONS;

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

  /** The venue's units on the parent's grid (one object per venue, made once: read it, never change it). */
  units(venue: VenueId): VenueUnits | undefined {
    const grid = this.ready()?.grid;
    if (!grid) return undefined;
    for (let v = 0; v < grid.venues.length; v++) if (grid.venues[v]!.venue === venue) return this.venueUnits[v];
    return undefined;
  }

  /**
   * The sweep wanted now. With `out` (the runtime's scratch, once per market event) the plan is the
   * router's reused one and the intents are this algo's slots, written into `out`: read them before
   * asking again, never keep them; nothing is allocated. Without it (a decision re-entered from inside
   * an OMS call) everything is new, so the outer sweep's intents never change under it.
   */
  route(input: DecisionInput, out?: RoutedIntent[]): RoutedIntent[] {
    const intents = out ?? [];
    const left = input.total - input.done - input.open;
    const router = left > 0 && input.limit !== undefined ? this.ready() : undefined;
    this.lastLeftOut = NO_REASONS;
    if (!router || input.limit === undefined) return none(intents);
    const req = this.request;
    req.side = input.side;
    req.qty = left;
    req.limit = input.limit;
    const plan = out ? router.planReused(req, this.readVenues()) : router.plan(req, this.readVenues());
    if (!plan.ok) return none(intents);
    this.lastLeftOut = plan.value.excluded;
    const children = plan.value.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      const intent = out ? this.intentSlots[c.venueIndex]! : ({} as RoutedIntent);
      intent.venue = c.venue;
      intent.qty = c.qty;
      intent.price = c.price;
      intents[i] = intent;
    }
    // Shrunk only as far as needed (emptied, V8 drops the array's storage and the next sweep allocates anew).
    if (intents.length !== children.length) intents.length = children.length;
    return intents;
  }

  /** Why each venue got nothing in the last route(): read before the next, never kept. */
  leftOut(): readonly LeftOut[] {
    return this.lastLeftOut;
  }

  /** The plan for `qty` (parent lots) up to `limit` (parent ticks) over the books as they are now. */
  plan(side: Side, qty: Lots, limit: Ticks, arrivalMid?: number): Result<RoutePlan> {
    const router = this.ready();
    if (!router) return err('INVALID_INPUT', `smart routing: ${this.symbol} is not listed at every venue of ${this.venues.join(', ')}`);
    return router.plan({ side, qty, limit, ...(arrivalMid !== undefined ? { arrivalMid } : {}) }, this.readVenues());
  }

  /** The venues as the router is shown them now, in grid order, written into the reused RouteVenues. */
  private readVenues(): RouteVenue[] {
    const grid = this.router!.grid;
    for (let v = 0; v < grid.venues.length; v++) {
      const venue = grid.venues[v]!.venue;
      const rv = this.routeVenues[v]!;
      rv.book = this.market.book(venue, this.symbol, SMART_DEPTH) ?? NO_BOOK;
      rv.bookAt = this.market.bookAt(venue) ?? NaN;
      rv.takerBps = this.market.takerBps(venue) ?? NaN;
      rv.latencyMs = this.market.latencyMs(venue);
      rv.connected = this.market.connected?.(venue) ?? true;
      rv.haltedBy = this.market.halted?.(venue, this.symbol);
    }
    return this.routeVenues;
  }

  /** The grid is built on first use: after a restart an account may list the instrument only once connected. */
  private ready(): SmartRouter | undefined {
    if (!this.router) {
      const g = smartGrid(this.market, this.primary, this.venues, this.symbol);
      if (!g.ok) return undefined;
      const grid = g.value;
      this.venueUnits = grid.venues.map((v) => ({
        priceFactor: v.priceFactor,
        qtyFactor: v.qtyFactor,
        // The venue's QuoteUnits (fees) on the grid's scale: 10^(grid decimals - the venue's), price and quantity.
        quoteFactor: 10 ** (grid.priceDecimals - v.instrument.priceDecimals + grid.qtyDecimals - v.instrument.qtyDecimals),
      }));
      this.routeVenues = grid.venues.map(() => ({ book: NO_BOOK, bookAt: NaN, takerBps: NaN, latencyMs: 0, maxBookAgeMs: SMART_MAX_BOOK_AGE_MS, connected: true, haltedBy: undefined }));
      this.intentSlots = grid.venues.map((v) => ({ venue: v.venue, qty: 0, price: 0 }));
      this.router = new SmartRouter(grid, { clock: this.clock });
    }
    return this.router;
  }
}
