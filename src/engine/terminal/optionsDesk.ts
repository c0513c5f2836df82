import { type Clock, type Source, SqError, type Symbol, type TimerId, type VenueId } from '../core';
import { bookKey, type BookReader } from '../book';
import type { InstrumentRegistry } from '../instruments';
import type { Order } from '../oms';
import type { Portfolio } from '../portfolio';
import type { VenueAdapter } from '../venues';
import type { MarketFeed } from './marketFeed';
import type { OrderTicket } from './orderTickets';
import {
  type ChainRequest,
  ChainViewers,
  groupKeyOf,
  isOption,
  type OptionChainView,
  OptionChains,
  type OptionGreeksView,
  type OptionSurfaceView,
  OptionSurfaces,
  type OptionUnderlyingView,
  StrategyQuotes,
  StrategySender,
  type StrategyQuoteView,
  type StrategyRequest,
  type StrategySendRequest,
  type StrategySendResult,
  SURFACE_MAX_EXPIRIES,
  type SurfaceRequest,
} from './options';
import { portfolioGreeks } from './portfolioGreeks';
import type { PortfolioGreeksView } from './portfolioGreeksView';
import type { RiskOptionGreeks } from './riskOptionGreeks';

/** How often portfolio Greeks (and risk's cached option Greeks) are priced again: a few times a second. */
export const PORTFOLIO_GREEKS_MS = 250;

export interface OptionsDeskDeps {
  clock: Clock;
  registry: InstrumentRegistry;
  reader: BookReader;
  feed: MarketFeed;
  portfolio: Portfolio;
  /** Risk's option Greeks, priced again on the Greeks timer with the portfolio Greeks. */
  riskGreeks: RiskOptionGreeks;
  venue(id: VenueId): VenueAdapter | undefined;
  /** The venue's stated mark price (perpetuals, Kite's index ticks). */
  venueMark(venue: VenueId, symbol: Symbol): number | undefined;
  /** A position's mark, as the positions show it. */
  mark(venue: VenueId, symbol: Symbol): number | undefined;
  submit(ticket: OrderTicket, source: Source): Order;
  order(id: string): Order | undefined;
  onOrder(listener: (order: Order) => void): () => void;
  /** What the venues must stream changed (a chain or surface shown or closed). */
  interestChanged(): void;
  emitGreeks(view: PortfolioGreeksView): void;
}

/**
 * The options desk: chains with IV and Greeks, strategies priced and sent, volatility surfaces, and
 * portfolio Greeks re-priced on their own timer. Which chains views show decides what streams.
 */
export class OptionsDesk {
  /** Option chains over every venue's option contracts. */
  private readonly chains: OptionChains;
  /** Which chains (and surfaces' expiries) views show now: they stream. */
  private readonly chainViewers: ChainViewers;
  private readonly strategyQuotes: StrategyQuotes;
  private readonly strategySender: StrategySender;
  /** Volatility surfaces fitted from the chains (smile per expiry). */
  private readonly surfaces: OptionSurfaces;
  private greeksTimer: TimerId | undefined;
  /** The last portfolio Greeks sent, without its time, to send only changes. */
  private greeksSent = '';
  /** What held options are priced from (spot, future), streamed while they are held; recomputed on a position change. */
  private heldUnderlyings: { venue: VenueId; symbol: Symbol }[] | undefined;

  constructor(private readonly deps: OptionsDeskDeps) {
    const { clock, registry, reader, feed } = deps;
    this.chains = new OptionChains({
      clock,
      instruments: () => registry.all(),
      instrument: (venue, symbol) => registry.get(venue, symbol),
      market: {
        touch: (venue, symbol) => {
          const top = reader.readTop(bookKey(venue, symbol), 1);
          if (!top || top.stale) return {};
          const bid = top.bids[0]?.[0];
          const ask = top.asks[0]?.[0];
          return { ...(bid !== undefined ? { bid } : {}), ...(ask !== undefined ? { ask } : {}) };
        },
        // An index has no book and no trades: its level is the venue's stated last price (Kite's index ticks).
        last: (venue, symbol) => deps.venueMark(venue, symbol) ?? deps.venue(venue)?.lastPrice?.(symbol) ?? feed.tapeOf(bookKey(venue, symbol), 1)[0]?.price,
        openInterest: (venue, symbol) => deps.venue(venue)?.openInterest?.(symbol),
      },
      rate: () => 0,
    });
    this.chainViewers = new ChainViewers(clock, (req) => this.chains.instrumentsOf(req));
    this.strategyQuotes = new StrategyQuotes({ clock, chain: (req) => this.chains.chain(req), instrument: (venue, symbol) => registry.get(venue, symbol) });
    this.strategySender = new StrategySender({
      clock,
      instrument: (venue, symbol) => registry.get(venue, symbol),
      submit: (ticket, source) => deps.submit(ticket, source),
      order: (id) => deps.order(id),
      onOrder: (listener) => deps.onOrder(listener),
    });
    this.surfaces = new OptionSurfaces({ clock, chain: (req) => this.chains.chain(req) });
  }

  /** Starts pricing portfolio Greeks (and risk's option Greeks) PORTFOLIO_GREEKS_MS apart. */
  start(): void {
    this.greeksTimer = this.deps.clock.setInterval(() => this.repriceGreeks(), PORTFOLIO_GREEKS_MS);
  }

  stop(): void {
    if (this.greeksTimer !== undefined) this.deps.clock.clearTimer(this.greeksTimer);
  }

  /** Instruments were added (an account connected): chains are rebuilt and viewers' chains re-resolved. */
  instrumentsChanged(): void {
    this.chains.instrumentsChanged();
    this.heldUnderlyings = undefined;
    this.chainViewers.refresh();
  }

  /** A position changed: which underlyings held options need is worked out again when next asked. */
  positionChanged(): void {
    this.heldUnderlyings = undefined;
  }

  /** Viewers that stopped asking (closed, crashed) are dropped; true when what streams changed. */
  expireViewers(): boolean {
    return this.chainViewers.expire();
  }

  /** What the options desk needs streamed: shown chains' and surfaces' instruments, then held options' underlyings. */
  streamed(): { venue: VenueId; symbol: Symbol }[] {
    return [...this.chainViewers.instruments(), ...this.optionUnderlyingsHeld()];
  }

  /** The index of every option listed (the signals desk reads put-call ratios from it). */
  optionIndex(): ReturnType<OptionChains['options']> {
    return this.chains.options();
  }

  /** Underlyings with options, per venue, with their expiries not yet past. */
  optionUnderlyings(venue?: VenueId): OptionUnderlyingView[] {
    return this.chains.underlyings(venue);
  }

  /**
   * One expiry's option chain with IV and Greeks, read from the books now. `viewer` (a view's session)
   * shows it: its instruments stream until the viewer closes it, asks for another, or stops asking
   * (CHAIN_VIEW_TTL_MS of engine time).
   */
  optionChain(req: ChainRequest, viewer: string): OptionChainView {
    const chain = this.chains.chain(req);
    if (!chain) throw new SqError('UNKNOWN_INSTRUMENT', `${req.venue} has no options on ${req.underlying}${req.expiry !== undefined ? ` expiring ${new Date(req.expiry).toISOString()}` : ''}`);
    if (this.chainViewers.show(viewer, { ...req, expiry: chain.expiry })) this.deps.interestChanged();
    return chain;
  }

  /** The viewer no longer shows a chain: its instruments stop streaming (unless something else needs them). */
  closeOptionChain(viewer: string): void {
    if (this.chainViewers.close(viewer)) this.deps.interestChanged();
  }

  /** A strategy's legs (named or from a preset) priced on the live chain, with its payoff, breakevens and net Greeks. */
  optionStrategy(req: StrategyRequest): StrategyQuoteView {
    return this.strategyQuotes.quote(req);
  }

  /** Sends a strategy leg by leg (buys first, limit IOC at the confirmed prices); stops at the first leg that does not fill. */
  sendOptionStrategy(req: StrategySendRequest, source: Source): Promise<StrategySendResult> {
    return this.strategySender.send(req, source);
  }

  /**
   * The volatility surface of an underlying: each of its nearest expiries' smile fitted to the chain's
   * implied vols, with ATM vol, 25-delta RR and BF and the arbitrage checks. Like a chain, every expiry it
   * covers streams while `viewer` keeps asking (one chain viewer per expiry, so the chain tab is untouched).
   */
  optionSurface(req: SurfaceRequest, viewer: string): OptionSurfaceView {
    let changed = false;
    this.surfaces.expiriesOf(req).forEach((expiry, i) => {
      if (this.chainViewers.show(surfaceViewer(viewer, i), { venue: req.venue, underlying: req.underlying, expiry })) changed = true;
    });
    if (changed) this.deps.interestChanged();
    const surface = this.surfaces.surface(req);
    if (!surface) throw new SqError('UNKNOWN_INSTRUMENT', `${req.venue} has no options on ${req.underlying}`);
    return surface;
  }

  /** The viewer no longer shows a surface: its expiries stop streaming (unless something else needs them). */
  closeOptionSurface(viewer: string): void {
    let changed = false;
    for (let i = 0; i < SURFACE_MAX_EXPIRIES; i++) if (this.chainViewers.close(surfaceViewer(viewer, i))) changed = true;
    if (changed) this.deps.interestChanged();
  }

  /** How many views show a chain, and how many a surface, now (read-only; a closed view holds none). */
  viewerCounts(): { chains: number; surfaces: number } {
    let chains = 0;
    const surfaces = new Set<string>();
    for (const id of this.chainViewers.viewers()) {
      const at = id.indexOf(SURFACE_MARK);
      if (at < 0) chains++;
      else surfaces.add(id.slice(0, at));
    }
    return { chains, surfaces: surfaces.size };
  }

  /** A held option's Greeks at its mark's IV (for risk and portfolio Greeks); undefined when it cannot be priced now. */
  optionGreeks(venue: VenueId, symbol: Symbol): OptionGreeksView | undefined {
    return this.chains.greeksOf(venue, symbol);
  }

  /**
   * Portfolio Greeks per (venue, underlying): each option position's Greeks × its quantity in units of
   * the underlying, with spot and futures on it in delta. Priced now, from the books.
   */
  portfolioGreeks(): PortfolioGreeksView {
    return portfolioGreeks(
      {
        positions: () => this.deps.portfolio.positions(),
        instrument: (venue, symbol) => this.deps.registry.get(venue, symbol),
        optionGreeks: (venue, symbol) => this.chains.greeksOf(venue, symbol),
        mark: (venue, symbol) => this.deps.mark(venue, symbol),
      },
      this.deps.clock.now(),
    );
  }

  /**
   * Risk's cached option Greeks and the portfolio Greeks, priced again with the books of now; the views
   * get the portfolio Greeks when they changed (one broadcast for every view, as positions are).
   */
  private repriceGreeks(): void {
    this.deps.riskGreeks.refresh();
    const view = this.portfolioGreeks();
    const text = JSON.stringify(view.underlyings);
    if (text === this.greeksSent) return;
    this.greeksSent = text;
    this.deps.emitGreeks(view);
  }

  /** The spot or future each held option's expiry is priced from: streamed while held, so its Greeks stay live. */
  private optionUnderlyingsHeld(): { venue: VenueId; symbol: Symbol }[] {
    if (this.heldUnderlyings) return this.heldUnderlyings;
    const out = new Map<string, { venue: VenueId; symbol: Symbol }>();
    const { portfolio, registry } = this.deps;
    for (const p of portfolio.positions()) {
      const inst = p.qty !== 0 ? registry.get(p.venue, p.symbol) : undefined;
      if (!inst || !isOption(inst)) continue;
      for (const i of this.chains.instrumentsOf({ venue: inst.venue, underlying: groupKeyOf(inst), expiry: inst.contract!.expiry })) {
        const listed = registry.get(i.venue, i.symbol);
        if (listed && !isOption(listed)) out.set(`${i.venue}:${i.symbol}`, i);
      }
    }
    this.heldUnderlyings = [...out.values()];
    return this.heldUnderlyings;
  }
}

/** Joins a view's id to its surface's expiry index: a NUL no session id contains. */
const SURFACE_MARK = '\u0000surface\u0000';

/** The chain viewer that streams expiry `i` of a view's surface (apart from the chain the same view may show). */
function surfaceViewer(viewer: string, i: number): string {
  return `${viewer}${SURFACE_MARK}${i}`;
}
