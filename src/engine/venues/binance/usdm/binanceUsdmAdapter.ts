/**
 * A Binance USD-M futures account as a VenueAdapter: the account's name is the venue id the trader
 * sees. Connecting learns the venue's clock (/fapi/v1/time), loads the perpetuals (exchangeInfo),
 * reads the account (GET /fapi/v2/account: every balance and position, `complete`, and whether the key
 * may trade) and opens the user data stream; the adapter is `connected` while that stream is open,
 * because fills arrive on it: each loss is a `disconnected` with why and each reopening a `connected`,
 * on which the terminal reconciles what was missed. Trading goes through UsdmOrders over the signed
 * REST client shared with spot; market data comes from a VenueMarketFeed the wiring layer builds
 * (BinanceMarketFeed lives in marketdata, above venues). Connecting never throws: a failure is a
 * `connection` event with the venue's own words. After a 418 nothing more is sent, and it says why.
 */
import { ListenerSet, SqError, type BackoffPolicy, type Clock, type Logger, type Symbol, type VenueEvent } from '../../../core';
import type { Account } from '../../../secrets';
import type { Instrument } from '../../../instruments';
import type { FeeSchedule, VenueAdapter, VenueAmend, VenueFill, VenueMarketFeed, VenueOrderRequest, VenueOrderState } from '../../types';
import { MarketFeedLink } from '../../marketFeedLink';
import type { LostAckPolicy } from '../lostAckResolver';
import type { RateLimitUse } from '../rateLimitTracker';
import { SignedRestClient } from '../signedRest';
import { accountBalances, accountPositions, updateBalances, updatePositions, type UsdmAccountUpdate, type UsdmWireAccount } from './usdmAccountWire';
import { usdmInstruments, type UsdmWireSymbol } from './usdmInstruments';
import { UsdmOrders, type OrderTradeUpdate } from './usdmOrders';
import { UserDataStream } from './userDataStream';

export const BINANCE_USDM_REST_URL = 'https://fapi.binance.com';
export const BINANCE_USDM_STREAM_URL = 'wss://fstream.binance.com';

export interface BinanceUsdmAdapterOptions {
  account: Pick<Account, 'name' | 'apiKey' | 'secret' | 'restUrl' | 'streamUrl'>;
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1): the jitter of the user stream's reconnects (e.g. a seeded Rng's next). Default Math.random. */
  random?: () => number;
  /** Binance's standard USD-M fees (0.02 % maker, 0.05 % taker) unless the account has others. */
  fees?: FeeSchedule;
  /**
   * The venue symbols this account trades (e.g. ["BTCUSDT"]); default every perpetual trading.
   * Worth setting: fillsSince asks userTrades once per symbol and 7-day window (weight 5 each).
   */
  symbols?: readonly string[];
  /** Builds the market data feed once the instruments are known; none: trading only. */
  marketFeed?: (instruments: readonly Instrument[]) => VenueMarketFeed;
  lostAck?: Partial<LostAckPolicy>;
  /** The user stream: keepalive period (default 30 min), heartbeat check (default 60 s, 0 = off), reconnect backoff. */
  userStream?: { keepaliveMs?: number; heartbeatMs?: number; reconnect?: BackoffPolicy };
}

export class BinanceUsdmAdapter implements VenueAdapter {
  readonly id: string;
  readonly fees: FeeSchedule;
  private readonly rest: SignedRestClient;
  private readonly streamUrl: string;
  private readonly listeners = new ListenerSet<[VenueEvent]>((e, event) =>
    this.options.logger.error({ venue: this.id, event: event.type, error: e.message }, 'a venue event listener threw'),
  );
  private loaded: Instrument[] = [];
  private bySymbol: ReadonlyMap<string, Instrument> = new Map();
  private orders: UsdmOrders | undefined;
  private stream: UserDataStream | undefined;
  private readonly market = new MarketFeedLink((e) => this.emit(e));
  private lastRoundTrip: number | undefined;
  private ban: string | undefined;

  /** Everything but the account: the secret goes to the signer and is kept nowhere else. */
  private readonly options: Omit<BinanceUsdmAdapterOptions, 'account'>;

  constructor(options: BinanceUsdmAdapterOptions) {
    const { account, ...rest } = options;
    const { clock, logger } = rest;
    this.options = rest;
    this.id = account.name;
    this.fees = options.fees ?? { makerBps: 2, takerBps: 5 };
    this.streamUrl = account.streamUrl ?? BINANCE_USDM_STREAM_URL;
    this.rest = new SignedRestClient({ restUrl: account.restUrl ?? BINANCE_USDM_REST_URL, apiKey: account.apiKey, secret: account.secret, clock, logger, timePath: '/fapi/v1/time' });
  }

  instruments(): Instrument[] {
    return [...this.loaded];
  }

  /** The venue's weight and order-count headers as last read. */
  rateLimitUse(): RateLimitUse {
    return this.rest.rateLimitUse();
  }

  roundTripMs(): number | undefined {
    return this.lastRoundTrip;
  }

  async connect(): Promise<void> {
    if (this.orders) return;
    const { clock, logger } = this.options;
    this.emit({ type: 'connection', venue: this.id, state: 'connecting' });
    const fail = (reason: string) => this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason });
    if (this.ban) return fail(this.ban);
    const synced = await this.timed(() => this.rest.syncServerTime());
    if (!synced.ok) return fail(`server time: ${synced.error.reason}`);
    const info = await this.timed(() => this.rest.publicRequest<{ symbols?: UsdmWireSymbol[] }>('GET', '/fapi/v1/exchangeInfo'));
    if (!info.ok) return fail(`exchangeInfo: ${info.error.reason}`);
    const all = usdmInstruments(this.id, info.body);
    const wanted = this.options.symbols ? new Set(this.options.symbols) : undefined;
    const instruments = wanted ? all.instruments.filter((i) => wanted.has(i.venueSymbol)) : all.instruments;
    const missing = [...(wanted ?? [])].filter((sym) => !instruments.some((i) => i.venueSymbol === sym));
    if (missing.length > 0) return fail(`exchangeInfo: ${missing.join(', ')} ${missing.length === 1 ? 'is not a perpetual' : 'are not perpetuals'} trading on Binance USD-M`);
    if (all.skipped.length > 0) logger.warn({ venue: this.id, skipped: all.skipped }, 'Binance USD-M symbols left out: their filters could not be read');
    const account = await this.timed(() => this.rest.signed<UsdmWireAccount>('GET', '/fapi/v2/account'));
    if (!account.ok) return fail(`account: ${account.error.reason}`);
    if (account.body.canTrade === false) return fail('account: this API key may not trade (enable "Enable Futures" for it at Binance)');
    // Hedge mode needs positionSide on every order and keeps two legs per symbol: refused rather than half-handled.
    if (account.body.positions?.some((p) => p.positionSide !== undefined && p.positionSide !== 'BOTH')) {
      return fail('account: the account is in hedge mode (dual-side positions), which this connector does not support: switch it to one-way mode at Binance');
    }

    this.loaded = instruments;
    this.bySymbol = new Map(instruments.map((i) => [i.venueSymbol, i]));
    this.orders = new UsdmOrders({
      venue: this.id,
      rest: this.rest,
      clock,
      logger,
      instruments,
      emit: (e) => this.emit(e),
      roundTrip: (ms) => (this.lastRoundTrip = ms),
      banned: (reason) => this.halt(reason),
      lostAck: this.options.lostAck,
    });
    const ts = clock.now();
    this.emit({ type: 'balances', venue: this.id, ts, balances: accountBalances(account.body), complete: true });
    this.emit({ type: 'venuePositions', venue: this.id, ts, positions: accountPositions(account.body, this.bySymbol, logger), complete: true });

    this.stream = new UserDataStream({
      rest: this.rest,
      streamUrl: this.streamUrl,
      clock,
      logger,
      random: this.options.random ?? Math.random,
      ...(this.options.userStream?.keepaliveMs !== undefined ? { keepaliveMs: this.options.userStream.keepaliveMs } : {}),
      ...(this.options.userStream?.heartbeatMs !== undefined ? { heartbeatMs: this.options.userStream.heartbeatMs } : {}),
      ...(this.options.userStream?.reconnect !== undefined ? { reconnect: this.options.userStream.reconnect } : {}),
      onMessage: (m) => this.userMessage(m),
      onState: (state, reason) => this.emit({ type: 'connection', venue: this.id, state, ...(reason !== undefined ? { reason } : {}) }),
    });
    await this.stream.start();

    if (!this.ban) this.market.start(this.options.marketFeed, instruments);
  }

  async disconnect(): Promise<void> {
    this.market.stop();
    const stream = this.stream;
    this.stream = undefined;
    await stream?.stop();
    const orders = this.orders;
    this.orders = undefined;
    // Answers already on their way are still reported: they are the venue's word about real orders.
    await orders?.idle();
    this.emit({ type: 'connection', venue: this.id, state: 'disconnected' });
  }

  submit(order: VenueOrderRequest): void {
    if (this.orders) return this.orders.submit(order);
    this.emit({ type: 'orderRejected', venue: this.id, clientOrderId: order.clientOrderId, reason: this.ban ?? `${this.id} is not connected`, ts: this.options.clock.now() });
  }

  cancel(symbol: Symbol, clientOrderId: string): void {
    if (this.orders) return this.orders.cancel(symbol, clientOrderId);
    this.emit({ type: 'cancelRejected', venue: this.id, clientOrderId, reason: this.ban ?? `${this.id} is not connected`, ts: this.options.clock.now() });
  }

  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend): void {
    if (this.orders) return this.orders.amend(symbol, clientOrderId, change);
    this.emit({ type: 'amendRejected', venue: this.id, clientOrderId, reason: this.ban ?? `${this.id} is not connected`, ts: this.options.clock.now() });
  }

  async openOrders(): Promise<VenueOrderState[]> {
    return this.connected().openOrders();
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    return this.connected().queryOrder(symbol, clientOrderId);
  }

  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    return this.connected().fillsSince(sinceTs, symbols);
  }

  requestBookSnapshot(symbol: Symbol): void {
    this.market.requestBookSnapshot(symbol);
  }

  watchMarket(symbols: readonly Symbol[]): void {
    this.market.watch(symbols);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** The market feed's word that a book cannot be trusted until its next snapshot (for BookService.markStale). */
  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    return this.market.onStale(listener);
  }

  /** Resolves when every trading request started so far has been answered and reported (shutdown, tests). */
  async idle(): Promise<void> {
    await this.orders?.idle();
  }

  // ---- the user data stream ----

  private userMessage(m: unknown): void {
    const e = (m as { e?: unknown })?.e;
    if (e === 'ORDER_TRADE_UPDATE') return this.orders?.report(m as OrderTradeUpdate);
    if (e === 'ACCOUNT_UPDATE') {
      const u = m as UsdmAccountUpdate;
      if (typeof u.a !== 'object' || u.a === null) return this.options.logger.warn({ venue: this.id }, 'malformed ACCOUNT_UPDATE dropped');
      const ts = typeof u.T === 'number' ? u.T : this.options.clock.now();
      const balances = updateBalances(u);
      const positions = updatePositions(u, this.bySymbol, this.options.logger);
      if (balances.length > 0) this.emit({ type: 'balances', venue: this.id, ts, balances, complete: false });
      if (positions.length > 0) this.emit({ type: 'venuePositions', venue: this.id, ts, positions, complete: false });
      return;
    }
    // TRADE_LITE repeats ORDER_TRADE_UPDATE's executions; margin calls and config changes are not acted on here.
    if (e !== 'TRADE_LITE') this.options.logger.debug({ venue: this.id, event: e }, 'user data event not acted on');
  }

  // ---- helpers ----

  /** 418: the venue banned this IP. Nothing more is sent (the REST client refuses too) and the account says why. */
  private halt(reason: string): void {
    if (this.ban) return;
    this.ban = reason;
    this.options.logger.error({ venue: this.id }, reason);
    this.market.stop(`market data stopped: ${reason}`);
    const wasLive = this.stream?.connected === true;
    this.stream?.halt(reason);
    if (!wasLive) this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason });
  }

  private async timed<T extends { ok: boolean; error?: { kind: string; reason: string } }>(request: () => Promise<T>): Promise<T> {
    const sentAt = this.options.clock.now();
    const r = await request();
    if (r.ok || r.error?.kind === 'venue') this.lastRoundTrip = this.options.clock.now() - sentAt;
    if (r.error?.kind === 'banned') this.halt(r.error.reason);
    return r;
  }

  /** Asked before connect (or after disconnect): the promise rejects, it never throws at the caller. */
  private connected(): UsdmOrders {
    if (!this.orders) throw new SqError('VENUE_UNAVAILABLE', this.ban ?? `${this.id} is not connected`);
    return this.orders;
  }

  private emit(event: VenueEvent): void {
    this.listeners.emit(event);
  }
}
