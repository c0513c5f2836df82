/**
 * A Zerodha Kite account (Kite Connect v3) as a VenueAdapter: NSE, BSE, NFO and MCX instruments,
 * regular and AMO orders, positions, holdings and margins, GTTs, and Kite's part of the kill switch.
 *
 * The adapter owns no socket: order updates come from an injected source (the KiteTicker socket's
 * postback messages) and market data from an injected VenueMarketFeed; it talks to Kite's REST API
 * (KiteRest, paced to Kite's rate limits). The access token is the day's login, read at each
 * connect; when Kite says it is no longer valid (TokenException) the adapter goes down with "Kite
 * session expired: log in again", refuses every request with that reason and never retries an
 * order: a new login and connect() bring it back.
 */
import { ListenerSet, PRODUCTS, SqError, type BackoffPolicy, type Product, type Clock, type Logger, type Lots, type Symbol, type Ticks, type TimerId, type VenueEvent } from '../../../core';
import type { Instrument } from '../../../instruments';
import { DEFAULT_LOST_ACK_POLICY, type LostAckPolicy } from '../../ccxt/lostAck';
import { MarketFeedLink } from '../../marketFeedLink';
import type { FeeSchedule, VenueAdapter, VenueAmend, VenueFill, VenueMarketFeed, VenueOrderRequest, VenueOrderState } from '../../types';
import { kiteKillSwitch, type KiteKillOptions, type KiteKillReport } from './kiteKillSwitch';
import { KiteOrders, kiteWords, type KiteRules, type SettlePolicy } from './kiteOrders';
import type { KitePacer } from './kitePacer';
import { KitePortfolio, type ConvertPositionRequest, type Gtt, type GttRequest } from './kitePortfolio';
import { KITE_SESSION_EXPIRED } from '../session';
import { failureOf, KiteRest } from './kiteRest';
import type { KiteOrderWire } from './kiteWire';

/** Where Kite's order updates come from (the ticker socket's postback messages); the adapter only listens. */
export interface KiteOrderUpdateSource {
  onOrderUpdate(listener: (update: KiteOrderWire) => void): () => void;
}

export interface KiteAdapterOptions {
  /** The account: its name is the venue id; restUrl replaces https://api.kite.trade. */
  account: { name: string; apiKey: string; restUrl?: string };
  /** The day's access token (the vault's, after `account login`); read at each connect. None: not logged in. */
  accessToken: () => string | undefined | Promise<string | undefined>;
  /**
   * The account's instruments (the day's parsed instruments dump), Symbol EXCHANGE:TRADINGSYMBOL; read
   * at each connect. `rest` reads Kite's CSV (GET /instruments) with this account's session and pacing.
   */
  instruments: (rest: Pick<KiteRest, 'getText'>) => Promise<readonly Instrument[]>;
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1): the jitter of the 429 backoff. */
  random: () => number;
  /** Builds the market data feed once the instruments are known (the KiteTicker feed); none: trading only. */
  marketFeed?: (instruments: readonly Instrument[]) => VenueMarketFeed;
  /** Kite's order updates (the KiteTicker socket's); without one, orders are followed by queries alone. */
  orderUpdates?: KiteOrderUpdateSource;
  /**
   * Kite's order rules, checked before sending (product, order type and market protection, validity,
   * freeze limit, market hours and AMO windows): the market calendar, freeze limits and the trader's
   * market protection (venues/kite/rules); a function is asked again at each connect (the day's
   * files). Without them Kite's own checks answer, in its words, and MARKET orders go with Kite's auto
   * protection.
   */
  rules?: KiteRules | (() => KiteRules);
  /** The trader's setting: the kill switch deletes the account's active GTTs too (default false: they stay). */
  deleteGttsOnKill?: boolean;
  /** Told once when Kite ends the session (the account layer forgets the token and asks for a login). */
  onSessionExpired?: (reason: string) => void;
  /** Default 3 bps both (Kite's 0.03% intraday brokerage); an estimate only, Kite reports no fees per fill. */
  fees?: FeeSchedule;
  /** How often positions, margins and holdings are read again (default 15 s); fills also trigger a read. */
  portfolioRefreshMs?: number;
  lostAck?: Partial<LostAckPolicy>;
  settle?: Partial<SettlePolicy>;
  /** Per REST request (default 7 s, as KiteConnect). */
  timeoutMs?: number;
  rateLimitBackoff?: BackoffPolicy;
  /** Kite's rate limits by default; a test may pass its own pacer. */
  pacer?: KitePacer;
}

const hasOrderUpdates = (feed: VenueMarketFeed): feed is VenueMarketFeed & KiteOrderUpdateSource => typeof (feed as Partial<KiteOrderUpdateSource>).onOrderUpdate === 'function';
const hasSessionExpiry = (feed: VenueMarketFeed): feed is VenueMarketFeed & { onSessionExpired(listener: (reason: string) => void): () => void } =>
  typeof (feed as { onSessionExpired?: unknown }).onSessionExpired === 'function';

/** What a market feed states beside its events (KiteMarketFeed): an instrument's last price, a derivative's open interest. */
interface StatedFigures {
  lastPrice(symbol: Symbol): Ticks | undefined;
  openInterest(symbol: Symbol): Lots | undefined;
}
const hasStatedFigures = (feed: VenueMarketFeed): feed is VenueMarketFeed & StatedFigures =>
  typeof (feed as Partial<StatedFigures>).lastPrice === 'function' && typeof (feed as Partial<StatedFigures>).openInterest === 'function';

const DEFAULT_SETTLE: SettlePolicy = { intervalMs: 500, attempts: 20 };
/** Fills within this long of each other share one read of the portfolio. */
const FILL_REFRESH_DELAY_MS = 300;

export class KiteAdapter implements VenueAdapter {
  readonly id: string;
  readonly fees: FeeSchedule;
  /**
   * Every Kite order names a product (which ones fit an instrument is the rules' call): declared, or
   * the OMS refuses any order that names one ("has no NRML product") before it reaches the adapter.
   */
  readonly products: readonly Product[] = PRODUCTS;
  /** Kite queues after-market orders (its AMO variety). */
  readonly afterMarketOrders = true;
  private readonly listeners = new ListenerSet<[VenueEvent]>((e, event) => this.options.logger.error({ venue: this.id, event: event.type, error: e.message }, 'a venue event listener threw'));
  private readonly rest: KiteRest;
  private readonly market = new MarketFeedLink((e) => this.emit(e));
  /** The running feed's last prices and open interest; none while disconnected. */
  private stated: StatedFigures | undefined;
  private loaded: Instrument[] = [];
  private orders: KiteOrders | undefined;
  private portfolio: KitePortfolio | undefined;
  private connecting: Promise<void> | undefined;
  private detachUpdates: (() => void) | undefined;
  private refreshTimer: TimerId | undefined;
  private fillRefresh: TimerId | undefined;
  private lastRoundTrip: number | undefined;
  /** Why the adapter is down now (not connected, session expired); requests are refused with it. */
  private downReason = 'not connected';

  constructor(private readonly options: KiteAdapterOptions) {
    this.id = options.account.name;
    this.fees = options.fees ?? { makerBps: 3, takerBps: 3 };
    this.rest = new KiteRest({
      restUrl: options.account.restUrl,
      apiKey: options.account.apiKey,
      clock: options.clock,
      logger: options.logger,
      random: options.random,
      timeoutMs: options.timeoutMs,
      rateLimitBackoff: options.rateLimitBackoff,
      pacer: options.pacer,
    });
    this.rest.onSessionExpired((words) => this.sessionExpired(words));
  }

  instruments(): Instrument[] {
    return [...this.loaded];
  }

  roundTripMs(): number | undefined {
    return this.lastRoundTrip;
  }

  async connect(): Promise<void> {
    if (this.orders) return;
    this.connecting ??= this.connectOnce().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectOnce(): Promise<void> {
    const { clock, logger } = this.options;
    this.emit({ type: 'connection', venue: this.id, state: 'connecting' });
    const fail = (reason: string) => {
      this.downReason = reason;
      this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason });
    };
    let token: string | undefined;
    try {
      token = await this.options.accessToken();
    } catch (e) {
      return fail(`the Kite access token could not be read: ${(e as Error).message}`);
    }
    if (!token) return fail(`not logged in to Kite today: log in (sq account login ${this.id})`);
    this.rest.setAccessToken(token);
    let instruments: readonly Instrument[];
    try {
      instruments = await this.options.instruments(this.rest);
    } catch (e) {
      return fail(`instruments: ${(e as Error).message}`);
    }
    if (instruments.length === 0) return fail('instruments: the Kite instruments list is empty');
    const portfolio = new KitePortfolio({ venue: this.id, rest: this.rest, clock, logger, instruments, emit: (e) => this.emit(e) });
    // The token is checked by what the account must be able to do: read its margins.
    const started = clock.now();
    try {
      await this.rest.get('/user/margins');
    } catch (e) {
      const f = failureOf(e);
      return fail(f.kind === 'sessionExpired' ? KITE_SESSION_EXPIRED : `margins: ${kiteWords(f, 'request')}`);
    }
    this.lastRoundTrip = clock.now() - started;
    this.loaded = [...instruments];
    const orders = new KiteOrders({
      venue: this.id,
      rest: this.rest,
      clock,
      logger,
      instruments,
      lostAck: { ...DEFAULT_LOST_ACK_POLICY, ...this.options.lostAck },
      settle: { ...DEFAULT_SETTLE, ...this.options.settle },
      rules: typeof this.options.rules === 'function' ? this.options.rules() : this.options.rules,
      emit: (e) => this.emit(e),
      roundTrip: (ms) => (this.lastRoundTrip = ms),
      filled: () => this.portfolioAfterFill(),
    });
    this.orders = orders;
    this.portfolio = portfolio;
    this.downReason = '';
    // The market feed is the KiteTicker socket, which also carries the order updates and Kite's word
    // that the token has lapsed: both are taken from it unless a source of order updates was given.
    const feed = this.options.marketFeed?.(instruments);
    const updates = this.options.orderUpdates ?? (feed && hasOrderUpdates(feed) ? feed : undefined);
    const detach = [updates?.onOrderUpdate((u) => orders.onOrderUpdate(u))];
    if (feed && hasSessionExpiry(feed)) detach.push(feed.onSessionExpired((reason) => this.sessionExpired(reason)));
    this.detachUpdates = () => detach.forEach((off) => off?.());
    this.emit({ type: 'connection', venue: this.id, state: 'connected' });
    await this.readPortfolio();
    this.refreshTimer = clock.setInterval(() => void this.readPortfolio(), this.options.portfolioRefreshMs ?? 15_000);
    if (feed) this.market.start(() => feed, instruments);
    this.stated = feed && hasStatedFigures(feed) ? feed : undefined;
  }

  async disconnect(): Promise<void> {
    const orders = this.orders;
    this.stop('not connected');
    await orders?.idle();
    this.emit({ type: 'connection', venue: this.id, state: 'disconnected' });
  }

  submit(order: VenueOrderRequest): void {
    if (this.orders) return this.orders.submit(order);
    this.emit({ type: 'orderRejected', venue: this.id, clientOrderId: order.clientOrderId, reason: this.refusal(), ts: this.options.clock.now() });
  }

  cancel(symbol: Symbol, clientOrderId: string): void {
    if (this.orders) return this.orders.cancel(symbol, clientOrderId);
    this.emit({ type: 'cancelRejected', venue: this.id, clientOrderId, reason: this.refusal(), ts: this.options.clock.now() });
  }

  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend): void {
    if (this.orders) return this.orders.amend(symbol, clientOrderId, change);
    this.emit({ type: 'amendRejected', venue: this.id, clientOrderId, reason: this.refusal(), ts: this.options.clock.now() });
  }

  async openOrders(): Promise<VenueOrderState[]> {
    return this.live().orders.openOrders();
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    return this.live().orders.queryOrder(symbol, clientOrderId);
  }

  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    return this.live().orders.fillsSince(sinceTs, symbols);
  }

  requestBookSnapshot(symbol: Symbol): void {
    this.market.requestBookSnapshot(symbol);
  }

  /** An F&O instrument's open interest in lots: KiteTicker's full-mode OI is in units (shares), divided here by the lot size. */
  openInterest(symbol: Symbol): Lots | undefined {
    return this.stated?.openInterest(symbol);
  }

  /** A streamed instrument's last price in ticks from its latest tick (an index: its level, e.g. NSE:NIFTY 50). */
  lastPrice(symbol: Symbol): Ticks | undefined {
    return this.stated?.lastPrice(symbol);
  }

  watchMarket(symbols: readonly Symbol[]): void {
    this.market.watch(symbols);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    return this.market.onStale(listener);
  }

  /** Resolves when every request started so far has been answered and reported (tests, shutdown). */
  async idle(): Promise<void> {
    await this.orders?.idle();
  }

  // ---- Kite's own: portfolio, GTT, kill switch ----

  /** Positions, margins and holdings read again now, as `venuePositions` and `balances` events. */
  async refreshPortfolio(): Promise<void> {
    return this.live().portfolio.refresh();
  }

  /** Converts (part of) a position to another product: MIS <-> NRML (F&O, commodity) or MIS <-> CNC (equity). */
  async convertPosition(req: ConvertPositionRequest): Promise<void> {
    return this.live().portfolio.convertPosition(req);
  }

  async placeGtt(req: GttRequest): Promise<number> {
    return this.live().portfolio.placeGtt(req);
  }

  async listGtts(): Promise<Gtt[]> {
    return this.live().portfolio.listGtts();
  }

  async modifyGtt(id: number, req: GttRequest): Promise<void> {
    return this.live().portfolio.modifyGtt(id, req);
  }

  async deleteGtt(id: number): Promise<void> {
    return this.live().portfolio.deleteGtt(id);
  }

  /**
   * Kite's part of the kill switch: cancels every open order at Kite (ours or not), deletes the active
   * GTTs when the trader chose so (`deleteGtts`, default the account's setting), squares off MIS
   * positions with `flatten`; the report names every call that failed.
   */
  async killSwitch(options: { flatten: boolean; deleteGtts?: boolean }): Promise<KiteKillReport> {
    const kill: KiteKillOptions = { deleteGtts: options.deleteGtts ?? this.options.deleteGttsOnKill ?? false, squareOffIntraday: options.flatten };
    if (!this.orders || !this.portfolio) return { canceled: [], gttsDeleted: [], squaredOff: [], failed: [{ call: 'every call', reason: this.refusal() }] };
    return kiteKillSwitch({ venue: this.id, rest: this.rest, orders: this.orders, portfolio: this.portfolio, instruments: this.loaded, logger: this.options.logger }, kill);
  }

  // ---- parts ----

  private async readPortfolio(): Promise<void> {
    try {
      await this.portfolio?.refresh();
    } catch (e) {
      this.options.logger.warn({ venue: this.id, reason: (e as Error).message }, 'the Kite portfolio could not be read');
    }
  }

  private portfolioAfterFill(): void {
    if (this.fillRefresh !== undefined) return;
    this.fillRefresh = this.options.clock.setTimeout(() => {
      this.fillRefresh = undefined;
      void this.readPortfolio();
    }, FILL_REFRESH_DELAY_MS);
  }

  /** Kite said the token is no longer valid: down at once, every request refused with the reason, nothing retried. */
  private sessionExpired(kiteWords: string): void {
    if (!this.orders) return;
    this.stop(KITE_SESSION_EXPIRED);
    this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason: KITE_SESSION_EXPIRED });
    this.options.logger.warn({ venue: this.id, kite: kiteWords }, 'Kite session expired');
    this.options.onSessionExpired?.(KITE_SESSION_EXPIRED);
  }

  private stop(reason: string): void {
    this.downReason = reason;
    this.market.stop();
    this.stated = undefined;
    this.detachUpdates?.();
    this.detachUpdates = undefined;
    if (this.refreshTimer !== undefined) this.options.clock.clearTimer(this.refreshTimer);
    if (this.fillRefresh !== undefined) this.options.clock.clearTimer(this.fillRefresh);
    this.refreshTimer = this.fillRefresh = undefined;
    this.orders?.close();
    this.orders = undefined;
    this.portfolio = undefined;
  }

  private refusal(): string {
    return this.downReason === KITE_SESSION_EXPIRED ? KITE_SESSION_EXPIRED : `${this.id} is ${this.downReason || 'not connected'}`;
  }

  private live(): { orders: KiteOrders; portfolio: KitePortfolio } {
    if (!this.orders || !this.portfolio) throw new SqError('VENUE_UNAVAILABLE', this.refusal());
    return { orders: this.orders, portfolio: this.portfolio };
  }

  private emit(event: VenueEvent): void {
    this.listeners.emit(event);
  }
}
