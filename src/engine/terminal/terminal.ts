import { EventBus, type Source, SqError, type Symbol, type TimerId, type VenueId } from '../core';
import { bookKey, BookPublisher, type BookService } from '../book';
import { type Instrument, InstrumentRegistry } from '../instruments';
import { loadCandleArchive, saveCandleArchive } from '../marketdata';
import { auditCsv, type AuditEntry, type AuditQuery, enforceKillSwitch, type Fill, type Order, OrderManager, type OrderVersion } from '../oms';
import { Portfolio } from '../portfolio';
import { KillSwitch, type LimitSpec, type RiskLimitsConfig, type RiskManager } from '../risk';
import type { Journal, Store } from '../storage';
import type { SimVenue, VenueAdapter, VenueEvent } from '../venues';
import type { AlgoPreview, ConsolidatedBook, ParentAmend, ParentSpec, ParentView, TcaReport } from '../algos';
import { AccountsService } from './accountsService';
import { quoteOf, type QuoteView, QuoteViewers } from './quotes';
import type { AnalyticsFeed } from './analyticsFeed';
import { routeBookResyncs } from './bookResync';
import { MarketFeed } from './marketFeed';
import { sliceSizes } from './slicedSubmit';
import { type AmendTicket, type BracketTicket, bracketRequest, type OcoTicket, ocoRequest, orderChange, orderRequest, type OrderTicket } from './orderTickets';
import { bindRisk, createRisk, type RiskParts } from './riskWiring';
import { LiveVenues } from './liveVenues/liveVenues';
import { AccountVenues } from './liveVenues/accountVenues';
import { MarketInterest } from './marketInterest';
import { InstrumentCatalog, type PartialInstrumentList } from './instrumentCatalog';
import { KiteGtts } from './kiteGtts';
import { conversionRequest, convertsPositions, type ConvertTicket } from './positionConvert';
import { Preferences } from './watchlists';
import { Workspaces } from './workspaces';
import { HotkeyStore } from './hotkeySettings';
import { ViewSettingsStore } from './viewSettings';
import type { Alerts } from './alerts';
import { createAlerts, numberFormatOrPlain } from './alertsWiring';
import { startAnalytics } from './analyticsStart';
import { createSignalsDesk } from './signalsWiring';
import type {
  ChainRequest,
  OptionChainView,
  OptionGreeksView,
  OptionSurfaceView,
  OptionUnderlyingView,
  StrategyQuoteView,
  StrategyRequest,
  StrategySendRequest,
  StrategySendResult,
  SurfaceRequest,
} from './options';
import type { PortfolioGreeksView } from './portfolioGreeksView';
import { RiskOptionGreeks } from './riskOptionGreeks';
import { OptionsDesk } from './optionsDesk';
import { RiskDesk } from './riskDesk';
import { Holdings } from './holdings';
import type { SignalsDesk } from './signals';
import type { BalancesView, KillState, MarketSnapshot, PositionView, RiskState, Status, VenueStatus } from './views';
import type { AlgoAmendTicket, AlgoTicket } from './algoTickets';
import { AlgoDesk } from './algoDesk';
import { accountAdapters, openEngineBase } from './terminalStart';
import type { TerminalEvents, TerminalOptions, WatchRequest } from './terminalOptions';
import { unwrap } from './unwrap';

export type { TerminalEvents, TerminalOptions, WatchRequest } from './terminalOptions';
export type { AmendTicket, BracketTicket, OcoTicket, OrderTicket } from './orderTickets';
export { PORTFOLIO_GREEKS_MS } from './optionsDesk';

/** Orders the latest N per page; working orders are always included. */
const DEFAULT_LIST_LIMIT = 500;
const POSITION_MARK_MS = 1_000;
/** Matches an instrument search returns unless asked for fewer: what a picker can show at once. */
const INSTRUMENT_SEARCH_LIMIT = 100;
const DEFAULT_RISK: LimitSpec = { maxOrderNotional: '1000000' };

/**
 * The whole engine, wired: venues -> book worker -> risk -> OMS -> portfolio, plus candles and the
 * kill switch. Views talk to it through the bridge only; it never waits on them.
 */
export class Terminal {
  readonly events: EventBus<TerminalEvents>;
  /** The vault of venue accounts and its state for the views. */
  readonly accounts: AccountsService;
  /** The trader's watchlists and confirm option, kept in the settings store. */
  readonly preferences: Preferences;
  /** Named screen layouts and the one last left (issue 18), kept in the settings store. */
  readonly workspaces: Workspaces;
  /** The trader's hotkey map and quantity presets (issue 18). */
  readonly hotkeys: HotkeyStore;
  /** The Settings screen's choices (theme, time zone, number formats, sounds). */
  readonly viewSettings: ViewSettingsStore;
  /** A Kite account's GTT triggers: listed, placed, modified and deleted on demand (never polled here). */
  readonly gtts: KiteGtts;
  /** Sentiment, positioning, order flow and the signal aggregator (strategies subscribe to `signals.aggregator.events`). */
  readonly signals: SignalsDesk;
  /** Price and analytics alerts, evaluated here so they fire with every window closed. */
  readonly alerts: Alerts;
  private readonly registry = new InstrumentRegistry();
  private readonly connection = new Map<VenueId, VenueStatus>();
  /** Accounts connected as venues (liveVenues decides which), by venue id (the account's name). */
  private readonly accountVenues: AccountVenues;
  private readonly interest: MarketInterest;
  /** Option chains, strategies, surfaces and portfolio Greeks (optionsDesk.ts). */
  private readonly options: OptionsDesk;
  private readonly quoteViewers: QuoteViewers;
  /** What the views' instrument list holds: whole small venues, and what matters now of large ones. */
  private readonly catalog: InstrumentCatalog;
  private watched: WatchRequest[] = [];
  private liveVenues: LiveVenues | undefined;
  /** The start-up rebuild skipped fills whose instruments were unknown then (accounts connect later). */
  private portfolioIncomplete = false;
  /** Positions and balances, ours and as the venues report them (holdings.ts). */
  private readonly holdings: Holdings;
  private readonly detach: (() => void)[] = [];
  private readonly publisher: BookPublisher;
  private readonly feed: MarketFeed;
  private readonly portfolio: Portfolio;
  private readonly killSwitch: KillSwitch;
  /** The kill switch and risk limits as the trader drives them (riskDesk.ts). */
  private readonly riskDesk: RiskDesk;
  private readonly oms: OrderManager;
  /** Execution algos (algos/): parents whose children are ordinary orders of this OMS (algoDesk.ts). */
  private readonly algos: AlgoDesk;
  private readonly risk: RiskManager;
  private readonly riskParts: RiskParts;
  private analytics: AnalyticsFeed | undefined;
  private markTimer: TimerId | undefined;
  private stopped = false;
  private bookFeedFailing = false;

  private constructor(
    private readonly opts: TerminalOptions,
    private readonly store: Store,
    private readonly venues: SimVenue[],
    private readonly books: BookService,
    journal: Journal,
  ) {
    const { clock, logger } = opts;
    this.events = new EventBus<TerminalEvents>((event, error) => logger.error({ event, err: String(error) }, 'terminal listener threw'));
    this.preferences = new Preferences(store, logger, () => this.catalog.changed());
    this.workspaces = new Workspaces(store, clock, logger);
    this.hotkeys = new HotkeyStore(store, logger);
    this.viewSettings = new ViewSettingsStore(store, logger);
    this.accounts = new AccountsService({ dataDir: opts.dataDir, clock, logger, store, ...opts.vault }, (state) => this.events.emit('accounts', state));
    for (const venue of venues) for (const inst of venue.instruments()) this.registry.add(inst);

    this.feed = new MarketFeed(clock, {
      trades: (venue, symbol, trades) => this.events.emit('trades', { venue, symbol, trades }),
      candle: (venue, symbol, seconds, candle) => this.events.emit('candle', { venue, symbol, seconds, candle }),
    });
    for (const venue of venues) this.detach.push(venue.onEvent((e) => this.onVenueEvent(e)));
    this.detach.push(routeBookResyncs(books, (id) => this.venueById(id), logger));
    this.publisher = new BookPublisher(books.reader, clock, (key, top) => {
      const [venue, symbol] = splitKey(key);
      this.events.emit('book', { venue, symbol, seq: top.seq, stale: top.stale, bids: top.bids, asks: top.asks });
    });

    this.killSwitch = new KillSwitch({ clock, store, logger });
    // The desk's kill listeners go on the switch first, before risk's and any venue's own kill.
    this.riskDesk = new RiskDesk({
      ...{ clock, logger, killSwitch: this.killSwitch, preferences: this.preferences },
      risk: () => this.risk,
      oms: () => this.oms,
      emitKill: (state) => this.events.emit('kill', state),
      emitRisk: (state) => this.events.emit('risk', state),
    });
    /** Risk's option Greeks, cached per option and priced again on the options desk's Greeks timer. */
    const riskGreeks = new RiskOptionGreeks({
      clock,
      instrument: (venue, symbol) => this.registry.get(venue, symbol),
      greeks: (venue, symbol) => this.options.optionGreeks(venue, symbol),
    });
    const risk = createRisk({
      optionGreeks: riskGreeks,
      clock,
      store,
      registry: this.registry,
      books,
      killSwitch: this.killSwitch,
      logger,
      defaults: opts.riskDefaults ?? DEFAULT_RISK,
      pnlOf: (i) => this.holdings.pnlOf(i.venue, i.symbol),
    });
    this.risk = risk.risk;
    this.riskParts = risk;
    this.oms = new OrderManager({
      clock,
      store,
      journal,
      venues,
      instruments: this.registry,
      risk: risk.risk,
      logger,
      onJournalFailure: (error) => this.riskDesk.onJournalFailure(error),
    });
    this.algos = new AlgoDesk({
      ...{ clock, logger, oms: this.oms, books, killSwitch: this.killSwitch, registry: this.registry, feed: this.feed },
      ...{ dataDir: opts.dataDir, fsync: opts.journalFsync },
      venue: (id) => this.venueById(id),
      emit: (view) => this.events.emit('algo', view),
      breakers: risk.risk.breakers,
    });
    this.oms.events.on('order', (order) => this.events.emit('order', order));
    this.oms.events.on('audit', (entry) => this.events.emit('audit', entry));
    this.oms.events.on('fill', (fill) => {
      this.events.emit('fill', fill);
      this.portfolio.applyFill(fill);
      this.risk.evaluateDailyLoss();
    });

    this.portfolio = new Portfolio(this.registry);
    this.holdings = new Holdings({
      registry: this.registry,
      reader: books.reader,
      portfolio: this.portfolio,
      accountOf: (venue) => this.accountVenues.accountOf(venue),
      emitPosition: (view) => this.events.emit('position', view),
      emitBalances: (view) => this.events.emit('balances', view),
    });
    this.portfolio.events.on('position', (p) => this.holdings.publishOurPosition(p.venue, p.symbol));
    this.options = new OptionsDesk({
      ...{ clock, registry: this.registry, reader: books.reader, feed: this.feed, portfolio: this.portfolio, riskGreeks },
      venue: (id) => this.venueById(id),
      venueMark: (venue, symbol) => this.holdings.venueMark(venue, symbol),
      mark: (venue, symbol) => this.holdings.mark(venue, symbol),
      submit: (ticket, source) => this.submit(ticket, source),
      order: (id) => this.oms.get(id),
      onOrder: (listener) => this.events.on('order', listener),
      interestChanged: () => this.interest.changed(),
      emitGreeks: (view) => this.events.emit('portfolioGreeks', view),
    });
    this.quoteViewers = new QuoteViewers(clock);
    this.interest = new MarketInterest(
      {
        watched: () => [...this.watched, ...this.options.streamed(), ...this.quoteViewers.instruments()],
        workingOrders: () => this.oms.openOrders(),
        positions: () => this.portfolio.positions(),
      },
      () => this.allVenues(),
    );
    // Orders and positions change which symbols a venue must stream (watchMarket).
    this.oms.events.on('order', () => this.interest.changed());
    this.portfolio.events.on('position', () => {
      this.options.positionChanged();
      this.interest.changed();
    });
    this.catalog = new InstrumentCatalog(
      this.registry,
      {
        relevant: () => this.relevantInstruments(),
        heldAssets: () => this.holdings.heldAssets(),
      },
      clock,
      (view) => {
        this.events.emit('instrumentsPartial', view.partial);
        this.events.emit('instruments', view.instruments);
      },
    );
    // ...and which instruments of a large venue the views' list must hold.
    this.oms.events.on('order', () => this.catalog.changed());
    this.portfolio.events.on('position', () => this.catalog.changed());
    this.accountVenues = new AccountVenues({
      clock,
      logger,
      oms: this.oms,
      books,
      registry: this.registry,
      risk: this.riskParts,
      killSwitch: this.killSwitch,
      venueKill: this.riskDesk.venueKillHooks(),
      interest: this.interest,
      analytics: () => this.analytics,
      connection: this.connection,
      simVenueIds: () => venues.map((v) => v.id),
      onVenueEvent: (e) => this.onVenueEvent(e),
      instrumentsAdded: () => this.instrumentsAdded(),
      forgetBalances: (venue) => this.holdings.forget(venue),
      statusChanged: () => this.events.emit('status', this.status()),
      stopped: () => this.stopped,
    });
    this.gtts = new KiteGtts({
      registry: this.registry,
      adapter: (venue) => this.venueById(venue),
      accountVenue: (venue) => (this.accountVenues.accountOf(venue) ?? this.accounts.state().accounts.find((a) => a.name === venue))?.venue,
      downReason: (venue) => this.status().venues.find((v) => v.venue === venue)?.reason,
      priceNow: (venue, symbol) => this.holdings.mark(venue, symbol),
    });
    this.signals = createSignalsDesk({
      ...{ opts, store, venues, registry: this.registry, options: this.options, accounts: this.accounts, accountVenues: this.accountVenues, feed: this.feed },
      relevant: () => this.relevantInstruments(),
      venue: (id) => this.venueById(id),
      emitAlert: (alert) => this.events.emit('signalAlert', alert),
      emitSources: (list) => this.events.emit('signalSources', list),
      numberFormat: numberFormatOrPlain(() => this.viewSettings.get(), logger),
    });
    // Last: its fill and audit listeners follow the portfolio's (alertsWiring.ts).
    this.alerts = createAlerts({
      ...{ clock, logger, store, registry: this.registry, reader: books.reader, oms: this.oms, risk: this.risk },
      analytics: () => this.analytics,
      emitNotice: (notice) => this.events.emit('notice', notice),
      numberFormat: numberFormatOrPlain(() => this.viewSettings.get(), logger),
    });
  }

  static async start(opts: TerminalOptions): Promise<Terminal> {
    const { store, journal, venues, books } = openEngineBase(opts);
    const terminal = new Terminal(opts, store, venues, books, journal);
    await terminal.boot();
    return terminal;
  }

  private async boot(): Promise<void> {
    const { logger, warmUpMs = 0 } = this.opts;
    const { working } = this.oms.recover();
    // The journal is the truth: a switch it recorded engaged stays engaged, whatever SQLite says.
    const journaled = this.oms.journaledKillSwitch();
    if (journaled?.engaged) this.killSwitch.adoptEngaged({ state: 'engaged', since: journaled.at, source: journaled.source, reason: journaled.reason });
    else if (this.killSwitch.isEngaged()) {
      // Engaged while no terminal ran (`sq kill` writes the store): the journal learns it now.
      const { source = 'system', reason = 'engaged while the terminal was not running' } = this.killSwitch.status();
      this.oms.recordKillSwitch('engage', source, reason);
    }
    const rebuilt = this.portfolio.rebuild(this.store.loadFills());
    // An account's instruments are known only once it connects: its fills are booked again then.
    this.portfolioIncomplete = !rebuilt.ok;
    if (!rebuilt.ok) logger.warn(rebuilt.error, 'portfolio rebuild skipped fills (an account not connected yet, or an instrument gone)');
    // Risk sees the restored working orders and positions before any new order.
    const deps = { oms: this.oms, portfolio: this.portfolio, killSwitch: this.killSwitch, venues: this.venues, logger, books: this.books, clock: this.opts.clock, venueKill: this.riskDesk.venueKillHooks() };
    this.detach.push(bindRisk(this.riskParts, deps));
    const history = loadCandleArchive(this.opts.dataDir);
    if (history.problem) logger.warn({ problem: history.problem }, 'chart history not restored');
    if (history.archive) this.feed.restore(history.archive);
    // A fresh market gets simulated history; a resumed one continues where it stopped, with its
    // resting orders, and the chart shows the history saved at the last shutdown.
    for (const venue of this.venues) if (warmUpMs > 0 && !venue.resumed) venue.warmUp(warmUpMs);
    this.analytics = startAnalytics(this.opts.clock, this.registry, this.feed, this.books.reader, (view) => this.events.emit('analytics', view));
    await Promise.all(this.venues.map((venue) => venue.connect()));
    for (const report of await this.oms.reconcile()) logger.info(report, 'reconciled with venue');
    // An engaged switch survives a restart: anything still working at the venue is canceled again,
    // before any bracket or OCO step interrupted by the crash is finished (and those go through risk).
    enforceKillSwitch(this.killSwitch, this.oms, logger);
    this.oms.resumeContingent();
    // Algos last: they resume from what the OMS knows now (children reconciled; an engaged switch keeps them paused).
    this.algos.resume();
    // The vault last: no SIM venue needs it, and its unlock (scrypt, slow by design) must not delay
    // the recovery and kill-switch enforcement above. Its accounts connect as venues from here on.
    this.liveVenues = new LiveVenues(
      this.accounts,
      accountAdapters({
        ...{ clock: this.opts.clock, logger, seed: this.opts.seed, dataDir: this.opts.dataDir, accounts: this.accounts },
        deleteGttsOnKill: () => this.preferences.deleteGttsOnKill(),
      }),
      this.accountVenues,
      logger,
    );
    const live = this.liveVenues;
    this.detach.push(this.accounts.onAccounts((state) => live.onAccounts(state)));
    await this.accounts.start();
    this.markTimer = this.opts.clock.setInterval(() => {
      this.remark();
      // A view that stopped asking for its chain (closed, crashed) stops its streaming.
      if (this.options.expireViewers()) this.interest.changed();
      if (this.quoteViewers.expire()) this.interest.changed();
      if (this.accountVenues.refreshLatency()) this.events.emit('status', this.status());
    }, POSITION_MARK_MS);
    this.options.start();
    this.analytics.tap({ book: (...a) => this.signals.onBook(...a), trade: (...a) => this.signals.onTrade(...a) });
    this.signals.start();
    this.detach.push(this.accounts.onAccounts(() => {
      this.signals.vaultChanged();
      this.signals.refreshFocus();
    }));
    logger.info({ working, instruments: this.registry.all().length, killSwitch: this.killSwitch.status() }, 'terminal started');
  }

  /** The list the views hold: every instrument of a small venue, what matters now of a large one (see instrumentsPartial). */
  instruments(): Instrument[] {
    return this.catalog.view().instruments;
  }

  /** Venues whose list in instruments() is partial, with how many they list of how many. */
  instrumentsPartial(): PartialInstrumentList[] {
    return this.catalog.view().partial;
  }

  /**
   * Instruments matching what the trader typed, best first, at most `limit`: the picker's search over
   * lists too large to ship whole to a view (Kite lists ~100k contracts, ~40 MB as JSON).
   */
  searchInstruments(query: string, opts: { venue?: VenueId; limit?: number } = {}): { instruments: Instrument[]; total: number } {
    return this.registry.search(query, { limit: opts.limit ?? INSTRUMENT_SEARCH_LIMIT, ...(opts.venue !== undefined ? { venue: opts.venue } : {}) });
  }

  status(): Status {
    return {
      venues: [...this.connection.values(), ...this.accountVenues.refusedLines()].map((line) => ({ ...line })),
      engineTime: this.opts.clock.now(),
      mode: this.opts.mode,
    };
  }

  /** Names of the accounts connected as venues now (their adapters wired in, whatever their connection state). */
  accountVenueIds(): string[] {
    return this.accountVenues.ids();
  }

  /** Resolves once every account change received so far has been applied (connects started and returned). */
  async accountsSettled(): Promise<void> {
    await this.liveVenues?.settled();
  }

  /** Parses, checks and places an order. Invalid input throws INVALID_INPUT; a risk reject throws its reason. */
  submit(ticket: OrderTicket, source: Source): Order {
    return unwrap(this.oms.submit(orderRequest(this.registry, ticket), source));
  }

  /**
   * The trader's choice to slice an order above the freeze quantity: it goes as several orders
   * (`<id>.1`, `<id>.2`, ... under one group), all or none past risk. At or under the freeze
   * quantity it is one order, as submit() would place it.
   */
  submitSliced(ticket: OrderTicket, source: Source): Order[] {
    const req = orderRequest(this.registry, ticket);
    const slices = unwrap(sliceSizes(this.registry, req));
    if (slices.length === 1) return [unwrap(this.oms.submit(req, source))];
    return unwrap(this.oms.submitSliced(req, slices, source));
  }

  submitBracket(ticket: BracketTicket, source: Source): { entry: Order; takeProfit: Order; stopLoss: Order } {
    return unwrap(this.oms.submitBracket(bracketRequest(this.registry, ticket), source));
  }

  submitOco(ticket: OcoTicket, source: Source): { legs: Order[] } {
    return unwrap(this.oms.submitOco(ocoRequest(this.registry, ticket), source));
  }

  amend(clientOrderId: string, ticket: AmendTicket, source: Source): Order {
    const order = this.oms.get(clientOrderId);
    if (!order) throw new SqError('UNKNOWN_ORDER', `no order ${clientOrderId}`);
    return unwrap(this.oms.amend(clientOrderId, orderChange(this.registry, order.venue, order.symbol, ticket), source));
  }

  history(clientOrderId: string): { order: Order; versions: OrderVersion[]; audit: AuditEntry[] } {
    return unwrap(this.oms.history(clientOrderId));
  }

  audit(query: AuditQuery): AuditEntry[] {
    return this.oms.audit(query);
  }

  /** The audit trail as CSV, prices and sizes in the instruments' decimals. */
  auditCsv(query: AuditQuery): { filename: string; csv: string } {
    const csv = auditCsv(this.oms.audit(query), (venue, symbol) => this.registry.decimals(venue, symbol));
    const stamp = new Date(this.opts.clock.now()).toISOString().replace(/[:.]/g, '-');
    return { filename: `audit-${query.clientOrderId ?? 'all'}-${stamp}.csv`, csv };
  }

  cancel(clientOrderId: string, source: Source): boolean {
    const result = this.oms.cancel(clientOrderId, source);
    if (!result.ok) throw new SqError(result.error.code, result.error.message);
    return true;
  }

  cancelAll(filter: { venue?: VenueId; symbol?: Symbol }, source: Source): number {
    return this.oms.cancelAll(filter, source);
  }

  /** Working orders, then the most recent others, newest first. */
  orders(limit = DEFAULT_LIST_LIMIT): Order[] {
    return this.oms.recentOrders(limit);
  }

  fills(limit = DEFAULT_LIST_LIMIT): Fill[] {
    return this.oms.fills(limit);
  }

  /** Every connected account's balances as its venue last reported them. */
  balances(): BalancesView[] {
    return this.holdings.balances();
  }

  /** Our positions, and beside them any the venue holds that ours does not (opened outside the terminal). */
  positions(): PositionView[] {
    return this.holdings.positions();
  }

  /**
   * Converts (part of) a venue position to another product (Kite: MIS <-> NRML, MIS <-> CNC), checked
   * against the venue's report first; the venue's refusal comes back in its own words. Resolves with
   * the position as the venue reports it after the conversion.
   */
  async convertPosition(ticket: ConvertTicket): Promise<PositionView> {
    const adapter = this.accountVenues.adapter(ticket.venue);
    if (!adapter) throw new SqError('VENUE_UNAVAILABLE', `${ticket.venue} is not connected`);
    if (!convertsPositions(adapter)) throw new SqError('INVALID_INPUT', `${ticket.venue} does not convert positions between products`);
    const inst = this.registry.get(ticket.venue, ticket.symbol);
    if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${ticket.venue}:${ticket.symbol}`);
    const request = conversionRequest(ticket, inst, this.holdings.venuePosition(ticket.venue, ticket.symbol));
    this.opts.logger.info({ venue: ticket.venue, ...request }, 'converting a position');
    await adapter.convertPosition(request);
    return this.holdings.position(ticket.venue, ticket.symbol);
  }

  /** Which instruments' books, candles and trades views are looking at; others are not published. */
  watch(requests: WatchRequest[]): void {
    // Views close after the engine when a host shuts down: nothing is left to subscribe (its stores are closed).
    if (this.stopped) return;
    this.watched = requests.map((r) => ({ ...r }));
    this.interest.changed();
    this.catalog.changed();
    const keys = new Map(requests.map((r) => [bookKey(r.venue, r.symbol), r.depth]));
    for (const key of this.books.keys()) if (!keys.has(key)) this.publisher.unsubscribe(key);
    for (const [key, depth] of keys) this.publisher.subscribe(key, depth);
    this.feed.watch(keys.keys());
    this.analytics?.watch(keys.keys());
    this.signals.refreshFocus();
  }

  // ---- the options desk (optionsDesk.ts) ----

  /** Underlyings with options, per venue, with their expiries not yet past. */
  optionUnderlyings(venue?: VenueId): OptionUnderlyingView[] {
    return this.options.optionUnderlyings(venue);
  }

  /** One expiry's chain with IV and Greeks; `viewer` streams its instruments while it keeps asking (CHAIN_VIEW_TTL_MS). */
  optionChain(req: ChainRequest, viewer: string): OptionChainView {
    return this.options.optionChain(req, viewer);
  }

  closeOptionChain(viewer: string): void {
    this.options.closeOptionChain(viewer);
  }

  optionStrategy(req: StrategyRequest): StrategyQuoteView {
    return this.options.optionStrategy(req);
  }

  /** Sends a strategy leg by leg; stops at the first leg that does not fill. */
  sendOptionStrategy(req: StrategySendRequest, source: Source): Promise<StrategySendResult> {
    return this.options.sendOptionStrategy(req, source);
  }

  /** An underlying's volatility surface; every expiry it covers streams while `viewer` keeps asking. */
  optionSurface(req: SurfaceRequest, viewer: string): OptionSurfaceView {
    return this.options.optionSurface(req, viewer);
  }

  closeOptionSurface(viewer: string): void {
    this.options.closeOptionSurface(viewer);
  }

  optionGreeks(venue: VenueId, symbol: Symbol): OptionGreeksView | undefined {
    return this.options.optionGreeks(venue, symbol);
  }

  portfolioGreeks(): PortfolioGreeksView {
    return this.options.portfolioGreeks();
  }

  /** `seconds` absent: no candle history (a view whose charts stream their own timeframes). */
  marketSnapshot(venue: VenueId, symbol: Symbol, seconds: number | undefined, depth: number): MarketSnapshot {
    if (!this.registry.get(venue, symbol)) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${venue}:${symbol}`);
    const key = bookKey(venue, symbol);
    const top = this.books.reader.readTop(key, depth);
    return {
      book: top && { venue, symbol, seq: top.seq, stale: top.stale, bids: top.bids, asks: top.asks },
      candles: seconds === undefined ? [] : this.feed.candlesOf(key, seconds),
      trades: this.feed.tapeOf(key, 100),
      analytics: this.analytics?.view(key),
    };
  }

  /**
   * Watchlist lines for several instruments, read from the books and candles now. `viewer` (a view's
   * session) shows them: they stream on venues that stream only what is asked for until it stops asking.
   */
  quotes(refs: readonly { venue: VenueId; symbol: Symbol }[], viewer: string): QuoteView[] {
    for (const r of refs) if (!this.registry.get(r.venue, r.symbol)) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${r.venue}:${r.symbol}`);
    if (this.quoteViewers.show(viewer, refs)) this.interest.changed();
    const sources = {
      top: (key: string) => {
        const top = this.books.reader.readTop(key, 1);
        return top && { bid: top.bids[0]?.[0], ask: top.asks[0]?.[0], stale: top.stale };
      },
      lastTrade: (key: string) => this.feed.tapeOf(key, 1)[0]?.price,
      bars: (key: string, seconds: number, limit: number) => this.feed.candlesOf(key, seconds, limit),
    };
    return refs.map((r) => quoteOf(sources, bookKey(r.venue, r.symbol), r.venue, r.symbol, this.opts.clock.now()));
  }

  /** The viewer no longer shows a watchlist (its view closed): its instruments stop streaming (unless something else needs them). */
  closeQuotes(viewer: string): void {
    if (this.quoteViewers.close(viewer)) this.interest.changed();
  }

  /** Read-only: how many views hold a chain, a surface or a watchlist now (each costs work per tick until it ends). */
  viewerCounts(): { chains: number; surfaces: number; quotes: number } {
    return { ...this.options.viewerCounts(), quotes: this.quoteViewers.size };
  }

  // ---- the kill switch and risk limits (riskDesk.ts) ----

  killState(): KillState {
    return this.riskDesk.killState();
  }

  /** Kite: whether the kill switch deletes the active GTTs too; kept in the settings store. */
  setDeleteGttsOnKill(on: boolean): KillState {
    return this.riskDesk.setDeleteGttsOnKill(on);
  }

  engageKillSwitch(source: Source, reason?: string): KillState {
    return this.riskDesk.engageKillSwitch(source, reason);
  }

  resetKillSwitch(source: Source): KillState {
    return this.riskDesk.resetKillSwitch(source);
  }

  setFlattenOnEngage(on: boolean, source: Source): KillState {
    return this.riskDesk.setFlattenOnEngage(on, source);
  }

  riskState(): RiskState {
    return this.riskDesk.riskState();
  }

  /** Replaces the limits; a bad value is refused with its reason and nothing changes. */
  setRiskLimits(limits: RiskLimitsConfig): RiskState {
    return this.riskDesk.setRiskLimits(limits);
  }

  resetBreaker(venue: VenueId, symbol?: Symbol): RiskState {
    return this.riskDesk.resetBreaker(venue, symbol);
  }

  // ---- execution algos (algoDesk.ts) ----

  /** Starts an execution algo (prices in ticks, quantities in lots); resolves once the parent is journaled. */
  startAlgo(spec: ParentSpec, source: Source): Promise<ParentView> {
    return this.algos.startAlgo(spec, source);
  }

  /** Pause, resume, amend and cancel take effect at once and resolve once journaled (a crash keeps them). */
  pauseAlgo(id: string, source: Source): Promise<ParentView> {
    return this.algos.pauseAlgo(id, source);
  }

  resumeAlgo(id: string): Promise<ParentView> {
    return this.algos.resumeAlgo(id);
  }

  amendAlgo(id: string, change: ParentAmend): Promise<ParentView> {
    return this.algos.amendAlgo(id, change);
  }

  cancelAlgo(id: string, source: Source): Promise<ParentView> {
    return this.algos.cancelAlgo(id, source);
  }

  listAlgos(): ParentView[] {
    return this.algos.listAlgos();
  }

  previewAlgo(spec: ParentSpec): AlgoPreview {
    return this.algos.previewAlgo(spec);
  }

  algoTca(id: string): Promise<TcaReport> {
    return this.algos.algoTca(id);
  }

  algoTcaCsv(kind: 'parents' | 'children', id?: string): Promise<{ filename: string; csv: string }> {
    return this.algos.algoTcaCsv(kind, id);
  }

  /** Algos as a view sends them (decimal strings, a duration); answers the view a view gets. */
  startAlgoTicket(ticket: AlgoTicket, source: Source): Promise<ParentView> {
    return this.algos.startAlgoTicket(ticket, source);
  }

  previewAlgoTicket(ticket: AlgoTicket): AlgoPreview {
    return this.algos.previewAlgoTicket(ticket);
  }

  amendAlgoTicket(id: string, ticket: AlgoAmendTicket): Promise<ParentView> {
    return this.algos.amendAlgoTicket(id, ticket);
  }

  algoViews(): ParentView[] {
    return this.algos.algoViews();
  }

  /** Resolves once the book worker has applied every market event fed so far (a settled picture to read). */
  booksApplied(): Promise<void> {
    return this.books.whenApplied();
  }

  /** The consolidated book of `symbol` over `venues` (first venue's units): which venue holds each level. */
  consolidatedBook(venues: VenueId[], symbol: Symbol, depth = 20): ConsolidatedBook & { venues: VenueId[] } {
    return this.algos.consolidatedBook(venues, symbol, depth);
  }

  /** Stops the market, flushes every store and releases the worker; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // No algo decides while the venues go away (a child sent now would be refused and count as a reject).
    this.algos.dispose();
    if (this.markTimer !== undefined) this.opts.clock.clearTimer(this.markTimer);
    this.options.stop();
    this.publisher.stop();
    this.catalog.stop();
    this.feed.stop();
    this.analytics?.stop();
    this.signals.stop();
    this.alerts.stop();
    // Accounts first, while the OMS still listens: answers already on their way are journaled.
    await this.liveVenues?.stop();
    await Promise.all(this.venues.map((venue) => venue.disconnect()));
    saveCandleArchive(this.opts.dataDir, this.feed.archive());
    for (const off of this.detach.splice(0)) off();
    await this.algos.close();
    await this.oms.close();
    await this.books.close();
    this.accounts.stop();
    this.store.close();
    this.opts.logger.info({}, 'terminal stopped');
  }

  private onVenueEvent(e: VenueEvent): void {
    this.algos.onVenueEvent(e);
    if (e.type === 'bookSnapshot' || e.type === 'bookDelta') {
      const fed = this.books.onVenueEvent(e);
      // Logged when the feed starts failing and when it recovers, not once per event.
      if (fed.ok === this.bookFeedFailing) {
        this.bookFeedFailing = !fed.ok;
        if (fed.ok) this.opts.logger.info({}, 'book events applied again');
        else this.opts.logger.warn(fed.error, 'book events not applied');
      }
    } else if (e.type === 'trade') {
      this.feed.onTrade(e);
      const key = bookKey(e.venue, e.symbol);
      this.analytics?.onTrade(key, e.price, e.qty, e.aggressor, e.ts);
      this.alerts.onTrade(key, e.price);
    } else if (e.type === 'markPrice') {
      this.holdings.onMarkPrice(e);
    } else if (e.type === 'venuePositions') {
      this.holdings.onVenuePositions(e);
      this.catalog.changed();
    } else if (e.type === 'balances') {
      this.holdings.onBalances(e);
      this.catalog.changed();
    } else if (e.type === 'connection') {
      const line: VenueStatus = { ...this.connection.get(e.venue), venue: e.venue, state: e.state };
      if (e.reason !== undefined) line.reason = e.reason;
      else delete line.reason;
      this.connection.set(e.venue, line);
      this.events.emit('status', this.status());
    }
  }

  /** What the trader deals with: on screen, starred, with working orders, with positions (ours or the venue's). */
  private *relevantInstruments(): Generator<{ venue: VenueId; symbol: Symbol }> {
    yield* this.watched;
    for (const [venue, symbols] of Object.entries(this.preferences.watchlists())) for (const symbol of symbols) yield { venue, symbol };
    yield* this.oms.openOrders();
    for (const p of this.portfolio.positions()) if (p.qty !== 0) yield p;
    yield* this.holdings.venueHeld();
  }

  // ---- accounts as venues (liveVenues) ----

  private allVenues(): VenueAdapter[] {
    return [...this.venues, ...this.accountVenues.adapters()];
  }

  private venueById(id: VenueId): VenueAdapter | undefined {
    return this.venues.find((v) => v.id === id) ?? this.accountVenues.adapter(id);
  }

  /** An account's first connect added instruments: the views get the whole list; fills skipped at start are booked. */
  private instrumentsAdded(): void {
    this.catalog.listChanged();
    this.options.instrumentsChanged();
    this.interest.changed();
    if (this.portfolioIncomplete) this.rebuildPortfolio();
    this.signals.instrumentsChanged();
  }

  /**
   * The positions from every stored fill again, now that more instruments are known, and risk's view
   * of them with it. Synchronous: no fill can land between the read and the rebuild.
   */
  private rebuildPortfolio(): void {
    const rebuilt = this.portfolio.rebuild(this.oms.fills());
    this.portfolioIncomplete = !rebuilt.ok;
    for (const p of this.portfolio.positions()) this.riskParts.tracker.setPosition(p.venue, p.symbol, p.qty);
    this.opts.logger.info({ complete: rebuilt.ok }, 'positions rebuilt from the stored fills');
  }

  /** Marks move every second: the daily loss is checked again, open positions and balances' values re-sent. */
  private remark(): void {
    this.riskDesk.remark();
    this.holdings.remark();
  }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
