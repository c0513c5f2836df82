import { type Clock, EventBus, type Logger, type Result, Rng, type Source, SqError, type Symbol, type TimerId, type VenueId } from '../core';
import { bookKey, BookPublisher, BookService, type BookWorkerEntry } from '../book';
import { type Instrument, InstrumentRegistry } from '../instruments';
import { loadCandleArchive, saveCandleArchive } from '../marketdata';
import { auditCsv, type AuditEntry, type AuditQuery, enforceKillSwitch, type Fill, type Order, OrderManager, type OrderVersion } from '../oms';
import { Portfolio, type PositionRow } from '../portfolio';
import { KillSwitch, type LimitSpec, type RiskLimitsConfig, type RiskManager } from '../risk';
import { openStore, type Store } from '../storage';
import { type FsyncPolicy, type Journal, openJournal } from '../storage';
import { type ConnectionState, createSimVenue, type SimVenue, type VenueAdapter, type VenueEvent } from '../venues';
import type { AccountView, DeviceKeyStore } from '../secrets';
import { type AccountsState, AccountsService } from './accountsService';
import { AnalyticsFeed } from './analyticsFeed';
import { routeBookResyncs } from './bookResync';
import { MarketFeed } from './marketFeed';
import { type AmendTicket, type BracketTicket, bracketRequest, type OcoTicket, ocoRequest, orderChange, orderRequest, type OrderTicket } from './orderTickets';
import { bindRisk, bindVenueRisk, createRisk, type RiskParts } from './riskWiring';
import { LiveVenues } from './liveVenues/liveVenues';
import { adapterForAccount, quoteAssetOf, type AccountAdapter } from './liveVenues/venueFactory';
import { MarketInterest } from './marketInterest';
import { valueBalances } from './balanceValue';
import type { AnalyticsView } from './analyticsView';
import { BalanceBook } from './balanceBook';
import type { BalancesView, BookView, Candle, KillState, MarketSnapshot, PositionView, RiskState, Status, Trade, VenueStatus } from './views';

export interface TerminalOptions {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  mode: Status['mode'];
  /** Seed of the simulated market. */
  seed?: number;
  /** Ids of the simulated venues to run (default one, SIM); e.g. SIM-A and SIM-B to trade two at once. */
  simVenues?: string[];
  /** Simulated history generated at first start so charts are not empty. */
  warmUpMs?: number;
  bookWorker?: BookWorkerEntry;
  /** better-sqlite3's native addon for the host's runtime (Electron's build); default node_modules'. */
  sqliteBinding?: string;
  riskDefaults?: LimitSpec;
  /** How the order journal reaches the disk; default fsync on every commit (group commit). */
  journalFsync?: FsyncPolicy;
  /** The vault of venue accounts: the host's passphrase (SQ_VAULT_PASSPHRASE), the OS keychain; scryptN for tests only. */
  vault?: { passphrase?: string; deviceKeyStore?: DeviceKeyStore; scryptN?: number };
}

export type TerminalEvents = {
  book: BookView;
  candle: { venue: string; symbol: string; seconds: number; candle: Candle };
  trades: { venue: string; symbol: string; trades: Trade[] };
  analytics: AnalyticsView;
  order: Order;
  fill: Fill;
  audit: AuditEntry;
  position: PositionView;
  kill: KillState;
  risk: RiskState;
  status: Status;
  accounts: AccountsState;
  /** One account's balances, after every report from its venue. */
  balances: BalancesView;
  /** The tradable instruments changed (an account connected or went away). */
  instruments: Instrument[];
};

export type { AmendTicket, BracketTicket, OcoTicket, OrderTicket } from './orderTickets';

export interface WatchRequest {
  venue: VenueId;
  symbol: Symbol;
  depth: number;
}

/** Orders the latest N per page; working orders are always included. */
const DEFAULT_LIST_LIMIT = 500;
const POSITION_MARK_MS = 1_000;
const DEFAULT_RISK: LimitSpec = { maxOrderNotional: '1000000' };

/** An account connected as a venue, and what was wired for it. */
interface AccountVenue {
  adapter: AccountAdapter;
  account: AccountView;
  detach: (() => void)[];
  /** Connected at least once: its instruments are registered. */
  everConnected: boolean;
  /** A 'disconnected' came since the last 'connected' (trading or market stream): the next 'connected' is a reconnect. */
  dropped: boolean;
  /** A reconcile is running; `again`: another (re)connect came meanwhile, so one more follows. */
  reconciling: boolean;
  again: boolean;
  /** First-connect attempts that failed, and the timer of the next one. */
  attempts: number;
  retry?: TimerId;
}

/** A first connect that failed is tried again after 5 s, doubling up to 5 minutes. */
const CONNECT_RETRY_MS = 5_000;
const CONNECT_RETRY_MAX_MS = 300_000;

/**
 * The whole engine, wired: venues -> book worker -> risk -> OMS -> portfolio, plus candles and the
 * kill switch. Views talk to it through the bridge only; it never waits on them.
 */
export class Terminal {
  readonly events: EventBus<TerminalEvents>;
  /** The vault of venue accounts and its state for the views. */
  readonly accounts: AccountsService;
  private readonly registry = new InstrumentRegistry();
  private readonly connection = new Map<VenueId, VenueStatus>();
  /** Accounts connected as venues (liveVenues), by venue id (the account's name). */
  private readonly accountVenues = new Map<VenueId, AccountVenue>();
  /** Accounts refused a connection (name clash, no connector), shown in the status with why. */
  private readonly refusedAccounts = new Map<string, VenueStatus>();
  private readonly interest: MarketInterest;
  private watched: WatchRequest[] = [];
  private liveVenues: LiveVenues | undefined;
  /** The start-up rebuild skipped fills whose instruments were unknown then (accounts connect later). */
  private portfolioIncomplete = false;
  private readonly balanceBook = new BalanceBook();
  private readonly detach: (() => void)[] = [];
  private readonly publisher: BookPublisher;
  private readonly feed: MarketFeed;
  private readonly portfolio: Portfolio;
  private readonly killSwitch: KillSwitch;
  private readonly oms: OrderManager;
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
    this.killSwitch.events.on('kill', () => this.events.emit('kill', this.killState()));
    this.killSwitch.events.on('cancelOutcome', () => this.events.emit('kill', this.killState()));
    this.killSwitch.events.on('flattenOnEngage', () => this.events.emit('kill', this.killState()));
    const risk = createRisk({
      clock,
      store,
      registry: this.registry,
      books,
      killSwitch: this.killSwitch,
      logger,
      defaults: opts.riskDefaults ?? DEFAULT_RISK,
      pnlOf: (i) => this.pnlOf(i.venue, i.symbol),
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
      onJournalFailure: (error) => this.onJournalFailure(error),
    });
    this.oms.events.on('order', (order) => this.events.emit('order', order));
    this.oms.events.on('audit', (entry) => this.events.emit('audit', entry));
    this.oms.events.on('fill', (fill) => {
      this.events.emit('fill', fill);
      this.portfolio.applyFill(fill);
      this.risk.evaluateDailyLoss();
    });

    this.portfolio = new Portfolio(this.registry);
    this.portfolio.events.on('position', (p) => {
      const row = this.positionRows().find((r) => r.venue === p.venue && r.symbol === p.symbol);
      if (row) this.events.emit('position', this.positionView(row));
    });
    this.interest = new MarketInterest(
      {
        watched: () => this.watched,
        workingOrders: () => this.oms.openOrders(),
        positions: () => this.portfolio.positions(),
      },
      () => this.allVenues(),
    );
    // Orders and positions change which symbols a venue must stream (watchMarket).
    this.oms.events.on('order', () => this.interest.changed());
    this.portfolio.events.on('position', () => this.interest.changed());
  }

  static async start(opts: TerminalOptions): Promise<Terminal> {
    const store = openStore(opts.dataDir, { nativeBinding: opts.sqliteBinding });
    const opened = openJournal(opts.dataDir, { clock: opts.clock, fsync: opts.journalFsync });
    if (!opened.ok) {
      store.close();
      // Never trade on a journal we cannot trust: the trader must look at it first.
      throw new SqError('JOURNAL_CORRUPT', `the order journal cannot be opened: ${opened.error.message}`);
    }
    const { journal, recovery } = opened.value;
    if (recovery.truncated) opts.logger.warn(recovery.truncated, 'order journal: a torn tail was cut off at open');
    // Several simulated venues get different markets from the one seed.
    const venues = (opts.simVenues ?? ['SIM']).map((id, i) =>
      createSimVenue({
        id,
        clock: opts.clock,
        seed: opts.seed === undefined ? undefined : opts.seed + i,
        dataDir: opts.dataDir,
        onListenerError: (error) => opts.logger.error({ venue: id, err: String(error) }, 'venue listener threw'),
      }),
    );
    const books = new BookService({ clock: opts.clock, ...(opts.bookWorker ? { worker: opts.bookWorker } : {}) });
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
    const deps = { oms: this.oms, portfolio: this.portfolio, killSwitch: this.killSwitch, venues: this.venues, logger, books: this.books, clock: this.opts.clock };
    this.detach.push(bindRisk(this.riskParts, deps));
    const history = loadCandleArchive(this.opts.dataDir);
    if (history.problem) logger.warn({ problem: history.problem }, 'chart history not restored');
    if (history.archive) this.feed.restore(history.archive);
    // A fresh market gets simulated history; a resumed one continues where it stopped, with its
    // resting orders, and the chart shows the history saved at the last shutdown.
    for (const venue of this.venues) if (warmUpMs > 0 && !venue.resumed) venue.warmUp(warmUpMs);
    this.analytics = this.startAnalytics();
    await Promise.all(this.venues.map((venue) => venue.connect()));
    for (const report of await this.oms.reconcile()) logger.info(report, 'reconciled with venue');
    // An engaged switch survives a restart: anything still working at the venue is canceled again,
    // before any bracket or OCO step interrupted by the crash is finished (and those go through risk).
    enforceKillSwitch(this.killSwitch, this.oms, logger);
    this.oms.resumeContingent();
    // The vault last: no SIM venue needs it, and its unlock (scrypt, slow by design) must not delay
    // the recovery and kill-switch enforcement above. Its accounts connect as venues from here on.
    this.liveVenues = new LiveVenues(
      this.accounts,
      (account) => adapterForAccount(account, { clock: this.opts.clock, logger, random: accountRandom(this.opts.seed, this.opts.clock.now()) }),
      {
        simVenueIds: () => this.venues.map((v) => v.id),
        attach: (adapter, account) => this.attachAccount(adapter, account),
        detach: (id, why) => this.detachAccount(id, why),
        refuse: (account, reason) => this.refuseAccount(account, reason),
        forget: (id) => {
          if (this.refusedAccounts.delete(id)) this.events.emit('status', this.status());
        },
      },
      logger,
    );
    const live = this.liveVenues;
    this.detach.push(this.accounts.onAccounts((state) => live.onAccounts(state)));
    await this.accounts.start();
    this.markTimer = this.opts.clock.setInterval(() => {
      this.remarkPositions();
      this.refreshLatency();
    }, POSITION_MARK_MS);
    logger.info({ working, instruments: this.registry.all().length, killSwitch: this.killSwitch.status() }, 'terminal started');
  }

  instruments(): Instrument[] {
    return this.registry.all();
  }

  status(): Status {
    return {
      venues: [...this.connection.values(), ...this.refusedAccounts.values()].map((line) => ({ ...line })),
      engineTime: this.opts.clock.now(),
      mode: this.opts.mode,
    };
  }

  /** Names of the accounts connected as venues now (their adapters wired in, whatever their connection state). */
  accountVenueIds(): string[] {
    return [...this.accountVenues.keys()];
  }

  /** Resolves once every account change received so far has been applied (connects started and returned). */
  async accountsSettled(): Promise<void> {
    await this.liveVenues?.settled();
  }

  /** Parses, checks and places an order. Invalid input throws INVALID_INPUT; a risk reject throws its reason. */
  submit(ticket: OrderTicket, source: Source): Order {
    return unwrap(this.oms.submit(orderRequest(this.registry, ticket), source));
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
    return this.balanceBook.views().map((view) => this.valued(view));
  }

  positions(): PositionView[] {
    return this.positionRows().map((row) => this.positionView(row));
  }

  /** Which instruments' books, candles and trades views are looking at; others are not published. */
  watch(requests: WatchRequest[]): void {
    this.watched = requests.map((r) => ({ ...r }));
    this.interest.changed();
    const keys = new Map(requests.map((r) => [bookKey(r.venue, r.symbol), r.depth]));
    for (const key of this.books.keys()) if (!keys.has(key)) this.publisher.unsubscribe(key);
    for (const [key, depth] of keys) this.publisher.subscribe(key, depth);
    this.feed.watch(keys.keys());
    this.analytics?.watch(keys.keys());
  }

  marketSnapshot(venue: VenueId, symbol: Symbol, seconds: number, depth: number): MarketSnapshot {
    if (!this.registry.get(venue, symbol)) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${venue}:${symbol}`);
    const key = bookKey(venue, symbol);
    const top = this.books.reader.readTop(key, depth);
    return {
      book: top && { venue, symbol, seq: top.seq, stale: top.stale, bids: top.bids, asks: top.asks },
      candles: this.feed.candlesOf(key, seconds),
      trades: this.feed.tapeOf(key, 100),
      analytics: this.analytics?.view(key),
    };
  }

  killState(): KillState {
    const status = this.killSwitch.status();
    return {
      engaged: status.state === 'engaged',
      since: status.since,
      source: status.source,
      reason: status.reason,
      history: this.killSwitch.history().slice(-50),
      lastCancel: this.killSwitch.lastCancelOutcome(),
      flattenOnEngage: this.killSwitch.flattenOnEngage(),
    };
  }

  engageKillSwitch(source: Source, reason = 'engaged by the trader'): KillState {
    this.killSwitch.engage(source, reason);
    return this.killState();
  }

  resetKillSwitch(source: Source): KillState {
    this.killSwitch.reset(source, 'reset by the trader');
    return this.killState();
  }

  setFlattenOnEngage(on: boolean, source: Source): KillState {
    this.killSwitch.setFlattenOnEngage(on, source);
    return this.killState();
  }

  riskState(): RiskState {
    return {
      limits: this.risk.limits(),
      utilisation: this.risk.utilisation(),
      breakers: this.risk.breakers.views(),
      breakerLog: this.risk.breakerTransitions().slice(-100),
      loadProblem: this.risk.loadProblem,
    };
  }

  /** Replaces the limits; a bad value is refused with its reason and nothing changes. */
  setRiskLimits(limits: RiskLimitsConfig): RiskState {
    const set = this.risk.setLimits(limits);
    if (!set.ok) throw new SqError(set.error.code, set.error.message);
    return this.riskState();
  }

  resetBreaker(venue: VenueId, symbol?: Symbol): RiskState {
    const reset = this.risk.resetBreaker(venue, symbol);
    if (!reset.ok) throw new SqError(reset.error.code, reset.error.message);
    return this.riskState();
  }

  /** Stops the market, flushes every store and releases the worker; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.markTimer !== undefined) this.opts.clock.clearTimer(this.markTimer);
    this.publisher.stop();
    this.feed.stop();
    this.analytics?.stop();
    // Accounts first, while the OMS still listens: answers already on their way are journaled.
    await this.liveVenues?.stop();
    await Promise.all(this.venues.map((venue) => venue.disconnect()));
    saveCandleArchive(this.opts.dataDir, this.feed.archive());
    for (const off of this.detach.splice(0)) off();
    await this.oms.close();
    await this.books.close();
    this.accounts.stop();
    this.store.close();
    this.opts.logger.info({}, 'terminal stopped');
  }

  /**
   * Nothing more can be made durable: trading stops. The cancels still go out (the OMS sends them
   * without the journal); if the switch was already engaged, its cancels are sent again, since those
   * waiting on the journal when it failed never left.
   */
  private onJournalFailure(error: Error): void {
    if (this.killSwitch.isEngaged()) enforceKillSwitch(this.killSwitch, this.oms, this.opts.logger);
    else this.killSwitch.engage('system', `order journal failed: ${error.message}`);
  }

  private onVenueEvent(e: VenueEvent): void {
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
      this.analytics?.onTrade(bookKey(e.venue, e.symbol), e.price, e.qty, e.aggressor, e.ts);
    } else if (e.type === 'balances') {
      this.events.emit('balances', this.valued(this.balanceBook.apply(e)));
    } else if (e.type === 'connection') {
      const line: VenueStatus = { ...this.connection.get(e.venue), venue: e.venue, state: e.state };
      if (e.reason !== undefined) line.reason = e.reason;
      else delete line.reason;
      this.connection.set(e.venue, line);
      this.events.emit('status', this.status());
    }
  }

  // ---- accounts as venues (liveVenues) ----

  private allVenues(): VenueAdapter[] {
    return [...this.venues, ...[...this.accountVenues.values()].map((a) => a.adapter)];
  }

  private venueById(id: VenueId): VenueAdapter | undefined {
    return this.venues.find((v) => v.id === id) ?? this.accountVenues.get(id)?.adapter;
  }

  /**
   * Wires an account's adapter in and starts connecting it: OMS, risk (breakers), the terminal's event handling
   * (books, trades, balances, status), stale marking from its feed. Instruments, analytics, reconcile
   * and the kill switch follow its 'connected' (onAccountConnection).
   */
  private async attachAccount(adapter: AccountAdapter, account: AccountView): Promise<void> {
    const id = adapter.id;
    if (this.stopped) return;
    if (this.venueById(id)) return this.refuseAccount(account, `a venue named ${id} is already running`);
    const added = this.oms.addVenue(adapter);
    if (!added.ok) return this.refuseAccount(account, added.error.message);
    this.refusedAccounts.delete(id);
    const entry: AccountVenue = { adapter, account, detach: [], everConnected: false, dropped: false, reconciling: false, again: false, attempts: 0 };
    this.accountVenues.set(id, entry);
    this.connection.set(id, { venue: id, state: 'disconnected', account: badgeOf(account) });
    entry.detach.push(
      adapter.onEvent((e) => this.onVenueEvent(e)),
      adapter.onEvent((e) => {
        if (e.type === 'connection') this.onAccountConnection(entry, e.state);
      }),
      bindVenueRisk(this.riskParts, this.oms, adapter),
    );
    if (adapter.onStale) {
      entry.detach.push(
        adapter.onStale((symbol, reason) => {
          // No book yet (none was ever snapshotted): nothing to mark; its first snapshot will be fresh.
          if (this.books.keys().includes(bookKey(id, symbol))) this.books.markStale(bookKey(id, symbol), reason);
        }),
      );
    }
    this.events.emit('status', this.status());
    this.opts.logger.info({ account: id, venue: account.venue, environment: account.environment }, 'account venue connecting');
    this.connectAccount(entry);
  }

  /**
   * Not awaited: a venue that does not answer must not hold up the other accounts' changes (or stop()).
   * A first connect that fails (venue unreachable, key refused) is tried again after a growing delay,
   * the reason shown meanwhile; once connected, the adapter and its feed reconnect by themselves.
   */
  private connectAccount(entry: AccountVenue): void {
    const { adapter } = entry;
    const id = adapter.id;
    const after = (): void => {
      // Disabled or removed while it was connecting: what connect() opened is closed again.
      if (this.accountVenues.get(id) !== entry || this.stopped) return void adapter.disconnect();
      if (entry.everConnected) return;
      const delay = Math.min(CONNECT_RETRY_MAX_MS, CONNECT_RETRY_MS * 2 ** entry.attempts++);
      this.opts.logger.warn({ account: id, reason: this.connection.get(id)?.reason, retryInMs: delay }, 'account venue not connected: trying again');
      entry.retry = this.opts.clock.setTimeout(() => {
        entry.retry = undefined;
        if (this.accountVenues.get(id) === entry && !this.stopped) this.connectAccount(entry);
      }, delay);
    };
    adapter.connect().then(after, (error: unknown) => {
      // Adapters report failures as events; a throw is a bug, contained to this account.
      this.opts.logger.error({ account: id, err: String(error) }, 'account venue connect threw');
      if (this.accountVenues.get(id) === entry) this.onVenueEvent({ type: 'connection', venue: id, state: 'disconnected', reason: `connect failed: ${String(error)}` });
      after();
    });
  }

  /**
   * After the first connect: its instruments join the registry (the `instruments` event carries the
   * whole list) and analytics. After every (re)connect (first, or 'connected' after 'disconnected'):
   * its orders and fills are reconciled with the venue, an engaged kill switch is enforced on it, and
   * any bracket or OCO step left unfinished on it is finished.
   */
  private onAccountConnection(entry: AccountVenue, state: ConnectionState): void {
    if (state === 'disconnected') entry.dropped = true;
    if (state !== 'connected' || this.accountVenues.get(entry.adapter.id) !== entry) return;
    const reconnected = entry.dropped;
    entry.dropped = false;
    const first = !entry.everConnected;
    if (first) {
      entry.everConnected = true;
      const instruments = entry.adapter.instruments();
      for (const inst of instruments) this.registry.add(inst);
      this.analytics?.add(instruments.map((i) => ({ venue: i.venue, symbol: i.symbol, recentVolume: 0, historyMs: 0 })));
      this.events.emit('instruments', this.registry.all());
      if (this.portfolioIncomplete) this.rebuildPortfolio();
      this.interest.forget(entry.adapter.id);
      this.interest.changed();
    }
    if (first || reconnected) void this.reconcileAccount(entry);
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

  /** One reconcile at a time per account; a (re)connect during one runs another after it. */
  private async reconcileAccount(entry: AccountVenue): Promise<void> {
    if (entry.reconciling) {
      entry.again = true;
      return;
    }
    entry.reconciling = true;
    try {
      do {
        entry.again = false;
        for (const report of await this.oms.reconcile(entry.adapter.id)) this.opts.logger.info(report, 'reconciled with account venue');
        if (this.accountVenues.get(entry.adapter.id) !== entry || this.stopped) return;
        enforceKillSwitch(this.killSwitch, this.oms, this.opts.logger);
        this.oms.resumeContingent(entry.adapter.id);
      } while (entry.again);
    } catch (error) {
      this.opts.logger.error({ account: entry.adapter.id, err: String(error) }, 'account reconcile failed');
    } finally {
      entry.reconciling = false;
    }
  }

  /**
   * Disconnects an account's venue and unwires it. Its working orders stay in the OMS as they are (the
   * venue still has them); they are reconciled when the account connects again. Its instruments stay
   * registered: its orders, fills and positions are still shown in its decimals.
   */
  private async detachAccount(id: VenueId, why: string): Promise<void> {
    const entry = this.accountVenues.get(id);
    if (!entry) return;
    if (entry.retry !== undefined) this.opts.clock.clearTimer(entry.retry);
    this.accountVenues.delete(id);
    // Unwired first: a disconnect the trader asked for is not a venue error for the breakers.
    for (const off of entry.detach.splice(0)) off();
    try {
      await entry.adapter.disconnect(); // answers on their way are still journaled: the OMS listens until it returns
    } catch (error) {
      this.opts.logger.error({ account: id, err: String(error) }, 'account venue disconnect threw');
    }
    // Its books are frozen from here on: stale until the account streams them again.
    for (const key of this.books.keys()) if (splitKey(key)[0] === id) this.books.markStale(key, `${id} is not connected`);
    const left = this.oms.removeVenue(id);
    this.analytics?.removeVenue(id);
    this.balanceBook.forget(id);
    this.interest.forget(id);
    this.connection.delete(id);
    this.opts.logger.info({ account: id, why, workingOrdersLeft: left.length }, 'account venue disconnected');
    this.events.emit('status', this.status());
  }

  private refuseAccount(account: AccountView, reason: string): void {
    this.refusedAccounts.set(account.name, { venue: account.name, state: 'disconnected', reason, account: badgeOf(account) });
    this.events.emit('status', this.status());
  }

  /** Each account's round trip as its adapter last measured it; the status is published when one changed. */
  private refreshLatency(): void {
    let changed = false;
    for (const [id, entry] of this.accountVenues) {
      const line = this.connection.get(id);
      if (!line) continue;
      const ms = entry.adapter.roundTripMs?.();
      if (ms === line.latencyMs) continue;
      if (ms === undefined) delete line.latencyMs;
      else line.latencyMs = ms;
      changed = true;
    }
    if (changed) this.events.emit('status', this.status());
  }

  /** Balances with each asset valued in the account's quote asset at the mid of its market there. */
  private valued(view: BalancesView): BalancesView {
    const entry = this.accountVenues.get(view.venue);
    const quote = entry && quoteAssetOf(entry.account.venue);
    if (!quote) return view;
    const markets = new Map(this.registry.all().filter((i) => i.venue === view.venue && i.quote === quote).map((i) => [i.base, i]));
    return valueBalances(view, quote, (asset) => {
      const inst = markets.get(asset);
      const top = inst && this.books.reader.readTop(bookKey(inst.venue, inst.symbol), 1);
      const bid = top?.bids[0]?.[0];
      const ask = top?.asks[0]?.[0];
      if (!inst || !top || top.stale || bid === undefined || ask === undefined) return undefined;
      return { bid, ask, tickSize: inst.tickSize, priceDecimals: inst.priceDecimals };
    });
  }

  /** Estimators for every instrument, VPIN's buckets sized from the volume in the chart history. */
  private startAnalytics(): AnalyticsFeed {
    const now = this.opts.clock.now();
    const instruments = this.registry.all().map((inst) => {
      const bars = this.feed.candlesOf(bookKey(inst.venue, inst.symbol), 60, 1_000_000);
      const first = bars[0];
      return {
        venue: inst.venue,
        symbol: inst.symbol,
        recentVolume: bars.reduce((sum, b) => sum + b.volume, 0),
        historyMs: first ? Math.max(0, now - first.time * 1000) : 0,
      };
    });
    return new AnalyticsFeed(this.opts.clock, this.books.reader, instruments, (view) => this.events.emit('analytics', view));
  }

  /** Mid rounded to a whole tick: P&L stays in integer QuoteUnits. */
  private mark(venue: VenueId, symbol: Symbol): number | undefined {
    const mid = this.books.reader.mid(bookKey(venue, symbol));
    return mid === undefined ? undefined : Math.round(mid);
  }

  private positionRows(): PositionRow[] {
    return this.portfolio.positions((venue, symbol) => this.mark(venue, symbol));
  }

  private positionView(row: PositionRow): PositionView {
    return {
      venue: row.venue,
      symbol: row.symbol,
      qty: row.qty,
      avgPrice: row.avgPrice,
      realisedPnl: row.realisedPnl,
      unrealisedPnl: row.unrealisedPnl,
      fees: row.fees,
      mark: this.mark(row.venue, row.symbol),
    };
  }

  /** Realised P&L less fees plus unrealised at the mark: what the daily loss limit watches. */
  private pnlOf(venue: VenueId, symbol: Symbol): number {
    const row = this.positionRows().find((r) => r.venue === venue && r.symbol === symbol);
    return row ? row.realisedPnl - row.fees + (row.unrealisedPnl ?? 0) : 0;
  }

  /** Open positions' unrealised P&L moves with the market, so it is re-published every second. */
  private remarkPositions(): void {
    this.risk.evaluateDailyLoss();
    this.events.emit('risk', this.riskState());
    for (const row of this.positionRows()) {
      if (row.qty !== 0) this.events.emit('position', this.positionView(row));
    }
  }
}

function badgeOf(account: AccountView): NonNullable<VenueStatus['account']> {
  const { rest, stream, wsApi } = account.customEndpoints;
  return { venue: account.venue, environment: account.environment, customEndpoints: rest || stream || wsApi };
}

/** The jitter of the accounts' reconnect backoff: from the terminal's seed (tests), else from the start time (hosts differ). */
function accountRandom(seed: number | undefined, now: number): () => number {
  const rng = new Rng(seed === undefined ? now % 0x1_0000_0000 : seed ^ 0x5eed);
  return () => rng.next();
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new SqError(result.error.code, result.error.message);
  return result.value;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
