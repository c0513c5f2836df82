import { type BookService, SlotStatus } from '../book';
import type { Clock, Logger, QuoteUnits } from '../core';
import type { InstrumentRegistry } from '../instruments';
import { enforceKillSwitch, type OrderManager } from '../oms';
import type { Portfolio } from '../portfolio';
import {
  BookQuotes,
  CancelAllTracker,
  ExposureTracker,
  type InstrumentRef,
  type KillSwitch,
  LiveRiskContext,
  type LimitSpec,
  NO_OPTION_GREEKS,
  type OptionGreeksSource,
  type RiskLimitsConfig,
  RiskManager,
} from '../risk';
import type { Store } from '../storage';
import type { VenueAdapter } from '../venues';
import { bindVenueKill, type VenueKillHooks } from './venueKill';

export interface RiskParts {
  risk: RiskManager;
  tracker: ExposureTracker;
  quotes: BookQuotes;
  cancels: CancelAllTracker;
}

/**
 * The risk manager with its live context: positions and working orders from an ExposureTracker the OMS
 * feeds, prices straight from the book worker's shared memory, P&L from the portfolio at the mark.
 */
export function createRisk(opts: {
  clock: Clock;
  store: Store;
  registry: InstrumentRegistry;
  books: BookService;
  killSwitch: KillSwitch;
  logger: Logger;
  defaults: LimitSpec;
  /** The whole configuration, for tests; a running terminal takes what the store holds. */
  config?: RiskLimitsConfig;
  pnlOf: (i: InstrumentRef) => QuoteUnits;
  /**
   * Option Greeks for exposure and the option limits: the terminal passes RiskOptionGreeks (the chain
   * service's Greeks, cached per option). Absent (tests): none, and options are refused where an option
   * limit or a gross exposure limit in their currency needs their Greeks.
   */
  optionGreeks?: OptionGreeksSource;
}): RiskParts {
  const tracker = new ExposureTracker();
  const quotes = new BookQuotes(opts.books.sab, (key) => opts.books.slotOf(key));
  const risk = new RiskManager({
    instruments: opts.registry,
    killSwitch: opts.killSwitch,
    clock: opts.clock,
    store: opts.store,
    defaults: opts.defaults,
    config: opts.config,
    logger: opts.logger,
    context: new LiveRiskContext(tracker, quotes, opts.pnlOf),
    optionGreeks: opts.optionGreeks ?? NO_OPTION_GREEKS,
    // Market orders are valued at the touch they would take.
    referencePrice: (venue, symbol, side) => {
      const key = `${venue}:${symbol}`;
      return (side === 'buy' ? opts.books.reader.bestAsk(key) : opts.books.reader.bestBid(key))?.[0];
    },
  });
  return { risk, tracker, quotes, cancels: new CancelAllTracker(opts.killSwitch, opts.clock) };
}

/**
 * Feeds risk from the OMS and the venues, and gives the kill switch its teeth: engaging it cancels
 * every working order (timed and checked by the CancelAllTracker) and, when the trader asked for it,
 * flattens the positions. Returns the function that detaches all of it.
 */
export function bindRisk(
  parts: RiskParts,
  deps: {
    oms: OrderManager;
    portfolio: Portfolio;
    killSwitch: KillSwitch;
    venues: VenueAdapter[];
    logger: Logger;
    books: BookService;
    clock: Clock;
    /** The trader's options for a venue's own kill and where its outcome goes; absent, none is run (SIM venues have none). */
    venueKill?: VenueKillHooks;
  },
): () => void {
  const { risk, tracker, cancels } = parts;
  const { oms, portfolio, killSwitch, logger } = deps;
  for (const order of oms.orders()) tracker.applyOrder(order);
  for (const p of portfolio.positions()) tracker.setPosition(p.venue, p.symbol, p.qty);

  const detach = [
    // Counted the instant the OMS decides it, not once durable: a burst in one turn cannot slip past the open-order limit.
    oms.events.on('applied', (order) => tracker.applyOrder(order)),
    oms.events.on('order', (order) => cancels.onOrder(order)),
    oms.events.on('fill', (fill) => tracker.applyFill(fill)),
    oms.events.on('cancelRejected', (c) => cancels.onCancelFailed(c.clientOrderId, c.reason)),
    // Journaled too: the journal, not SQLite, is what a restart trusts.
    killSwitch.events.on('kill', (s) => oms.recordKillSwitch(s.state === 'engaged' ? 'engage' : 'reset', s.source ?? 'system', s.reason ?? '')),
    killSwitch.events.on('kill', (status) => {
      if (status.state !== 'engaged') return;
      const working = oms.openOrders();
      cancels.begin(working);
      enforceKillSwitch(killSwitch, oms, logger);
      // An order on an account that is not connected now cannot be canceled: said at once, by venue,
      // rather than after the tracker's wait (the retries below still try when it comes back).
      for (const o of working) if (!oms.hasVenue(o.venue)) cancels.onCancelFailed(o.clientOrderId, `${o.venue} is not connected`);
      retryCancels(deps.clock, oms, killSwitch, logger);
    }),
    killSwitch.events.on('cancelOutcome', (outcome) => {
      logger.warn(outcome, 'kill switch: cancel-all finished');
      if (!killSwitch.flattenOnEngage()) return;
      for (const order of risk.planFlatten(() => oms.newClientOrderId())) {
        const placed = oms.submit(order, 'kill_switch');
        if (placed.ok) continue;
        // A permit must not outlive the order it was made for.
        risk.revokeFlatten(order.clientOrderId);
        logger.error({ order, reason: placed.error.message }, 'kill switch: flatten order refused');
      }
    }),
    ...deps.venues.map((venue) => bindVenueRisk(parts, oms, venue)),
    ...deps.venues.map((venue) => (deps.venueKill ? bindVenueKill(killSwitch, venue, logger, deps.venueKill) : () => {})),
  ];
  const staleWatch = watchStaleBooks(deps.books, deps.clock, (venue, symbol, stale) => risk.onBookStale(venue, symbol, stale));
  return () => {
    deps.clock.clearTimer(staleWatch);
    for (const off of detach) off();
    risk.dispose();
    cancels.dispose();
  };
}

/**
 * One venue's answers feed the breakers and the last-trade quotes; returns the function that detaches
 * it. Used for the venues present at start and for every account that connects later. Only the
 * venues' own answers feed the breakers: risk's rejections are not the venue misbehaving.
 */
export function bindVenueRisk(parts: Pick<RiskParts, 'risk' | 'quotes'>, oms: OrderManager, venue: VenueAdapter): () => void {
  const { risk, quotes } = parts;
  return venue.onEvent((e) => {
    if (e.type === 'trade') return quotes.onTrade(e.venue, e.symbol, e.price);
    if (e.type === 'connection' && e.state === 'disconnected') return risk.onVenueError(e.venue, e.reason ?? 'disconnected');
    if (e.type !== 'orderAccepted' && e.type !== 'orderRejected') return;
    const order = oms.get(e.clientOrderId);
    if (!order) return;
    if (e.type === 'orderAccepted') risk.onOrderAck(e.venue, order.symbol, e.ts - order.createdAt, order.clientOrderId);
    else risk.onOrderReject(e.venue, order.symbol, e.reason, order.clientOrderId);
  });
}

/** How often the books' stale flags are looked at for the breakers. */
const STALE_POLL_MS = 250;

/** Tells `onChange` when a book goes stale or live again (the worker marks it; nobody else is told). */
function watchStaleBooks(books: BookService, clock: Clock, onChange: (venue: string, symbol: string, stale: boolean) => void): number {
  const known = new Map<string, boolean>();
  return clock.setInterval(() => {
    for (const key of books.keys()) {
      const top = books.reader.readTop(key, 1);
      if (!top || top.status === SlotStatus.EMPTY) continue;
      if (known.get(key) === top.stale) continue;
      const wasKnown = known.has(key);
      known.set(key, top.stale);
      if (!wasKnown && !top.stale) continue; // live from the start: nothing to report
      const at = key.indexOf(':');
      onChange(key.slice(0, at), key.slice(at + 1), top.stale);
    }
  }, STALE_POLL_MS);
}

const CANCEL_RETRY_MS = 1_000;
const CANCEL_RETRIES = 10;

/**
 * While the switch stays engaged, cancels are sent again to every order still working, once a second,
 * until each venue has confirmed (a lost request or a venue hiccup must not leave an order alive).
 */
function retryCancels(clock: Clock, oms: OrderManager, killSwitch: KillSwitch, logger: Logger): void {
  let attempt = 0;
  const timer = clock.setInterval(() => {
    const working = oms.openOrders();
    if (!killSwitch.isEngaged() || working.length === 0 || ++attempt > CANCEL_RETRIES) {
      if (working.length > 0 && killSwitch.isEngaged()) {
        logger.error({ working: working.map((o) => o.clientOrderId) }, 'kill switch: orders still working after every retry');
      }
      return clock.clearTimer(timer);
    }
    logger.warn({ attempt, working: working.length }, 'kill switch: cancels sent again to orders still working');
    enforceKillSwitch(killSwitch, oms, logger);
  }, CANCEL_RETRY_MS);
}
