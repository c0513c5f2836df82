/**
 * A Binance spot account as a VenueAdapter: the account's name is the venue id the trader sees.
 * Connecting learns the venue's clock, loads the symbols (exchangeInfo) and checks the key can trade
 * (GET /api/v3/account); trading goes through BinanceSpotOrders over the signed REST client; market
 * data comes from a VenueMarketFeed the wiring layer builds for the loaded instruments (Binance's
 * BinanceMarketFeed lives in marketdata, above venues). Connecting never throws: a failure is a
 * `connection` event with the venue's own words, like every other venue answer.
 */
import { SqError, type Clock, type Logger, type Symbol, type VenueEvent } from '../../core';
import type { Account } from '../../secrets';
import type { Instrument } from '../../instruments';
import type { FeeSchedule, VenueAdapter, VenueAmend, VenueFill, VenueMarketFeed, VenueOrderRequest, VenueOrderState } from '../types';
import { SignedRestClient } from './signedRest';
import { spotInstruments, type WireSymbol } from './spotInstruments';
import { BinanceSpotOrders } from './spotOrders';
import type { LostAckPolicy } from './lostAckResolver';

export const BINANCE_SPOT_REST_URL = 'https://api.binance.com';
const PING_EVERY_MS = 5_000;

export interface BinanceSpotAdapterOptions {
  account: Pick<Account, 'name' | 'apiKey' | 'secret' | 'restUrl'>;
  clock: Clock;
  logger: Logger;
  /** Binance's standard spot fees (0.1 %) unless the account has others. */
  fees?: FeeSchedule;
  /**
   * The venue symbols this account trades (e.g. ["BTCUSDT"]); default every symbol trading on spot.
   * Worth setting: Binance has no all-symbol trade history, so fillsSince asks once per symbol
   * (weight 20 each) and thousands of symbols would exhaust the request weight (it then fails with the 429).
   */
  symbols?: readonly string[];
  /** Builds the market data feed for the symbols watchMarket asks for (called again when they change); none: trading only. */
  marketFeed?: (instruments: readonly Instrument[]) => VenueMarketFeed;
  lostAck?: Partial<LostAckPolicy>;
}

interface AccountInfo {
  canTrade?: boolean;
}

export class BinanceSpotAdapter implements VenueAdapter {
  readonly id: string;
  readonly fees: FeeSchedule;
  private readonly rest: SignedRestClient;
  private readonly listeners = new Set<(event: VenueEvent) => void>();
  private readonly staleListeners = new Set<(symbol: Symbol, reason: string) => void>();
  private loaded: Instrument[] = [];
  private orders: BinanceSpotOrders | undefined;
  private feed: VenueMarketFeed | undefined;
  private unsubscribeFeed: (() => void)[] = [];
  /** What watchMarket asked for, and the set the feed streams now ('' none). */
  private watched: readonly Symbol[] = [];
  private streaming = '';
  /** The symbols the feed streams now. */
  private streamed: Symbol[] = [];
  private lastRoundTrip: number | undefined;
  private pinging = false;
  private pingedAt = -Infinity;

  /** Everything but the account: the secret goes to the signer and is kept nowhere else. */
  private readonly options: Omit<BinanceSpotAdapterOptions, 'account'>;

  constructor(options: BinanceSpotAdapterOptions) {
    const { account, ...rest } = options;
    const { clock, logger } = rest;
    this.options = rest;
    this.id = account.name;
    this.fees = options.fees ?? { makerBps: 10, takerBps: 10 };
    this.rest = new SignedRestClient({ restUrl: account.restUrl ?? BINANCE_SPOT_REST_URL, apiKey: account.apiKey, secret: account.secret, clock, logger });
  }

  instruments(): Instrument[] {
    return [...this.loaded];
  }

  /** The venue's weight and order-count headers as last read. */
  rateLimitUse() {
    return this.rest.rateLimitUse();
  }

  async connect(): Promise<void> {
    if (this.orders) return;
    this.emit({ type: 'connection', venue: this.id, state: 'connecting' });
    const fail = (reason: string) => this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason });
    const info = await this.rest.publicRequest<{ symbols?: WireSymbol[] }>('GET', '/api/v3/exchangeInfo');
    if (!info.ok) return fail(`exchangeInfo: ${info.error.reason}`);
    const all = spotInstruments(this.id, info.body);
    const wanted = this.options.symbols ? new Set(this.options.symbols) : undefined;
    const instruments = wanted ? all.instruments.filter((i) => wanted.has(i.venueSymbol)) : all.instruments;
    const missing = [...(wanted ?? [])].filter((sym) => !instruments.some((i) => i.venueSymbol === sym));
    if (missing.length > 0) return fail(`exchangeInfo: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not trading on Binance spot`);
    const skipped = all.skipped;
    if (skipped.length > 0) this.options.logger.warn({ venue: this.id, skipped }, 'Binance symbols left out: their filters could not be read');
    const account = await this.rest.signed<AccountInfo>('GET', '/api/v3/account', { omitZeroBalances: true });
    if (!account.ok) return fail(`account: ${account.error.reason}`);
    if (account.body.canTrade === false) return fail('account: this API key may not trade (enable "Spot & Margin Trading" for it at Binance)');
    this.loaded = instruments;
    this.orders = new BinanceSpotOrders({
      venue: this.id,
      rest: this.rest,
      clock: this.options.clock,
      logger: this.options.logger,
      instruments,
      emit: (e) => this.emit(e),
      lostAck: this.options.lostAck,
    });
    this.emit({ type: 'connection', venue: this.id, state: 'connected' });
    this.streamMarket();
  }

  /** Only these symbols' books and trades are streamed (Binance lists thousands); applied now, or at connect. */
  watchMarket(symbols: readonly Symbol[]): void {
    this.watched = [...new Set(symbols)].sort();
    if (this.orders) this.streamMarket();
  }

  /**
   * The last round trip of GET /api/v3/ping on the clock. Reading it starts a new ping when the last is
   * older than PING_EVERY_MS (weight 1: 12 a minute against 6,000), so a status bar asking every second
   * keeps it fresh and a venue nobody looks at is not pinged.
   */
  roundTripMs(): number | undefined {
    const now = this.options.clock.now();
    if (this.orders && !this.pinging && now - this.pingedAt >= PING_EVERY_MS) {
      this.pinging = true;
      this.pingedAt = now;
      void this.rest.publicRequest('GET', '/api/v3/ping').then((r) => {
        this.pinging = false;
        this.lastRoundTrip = r.ok ? this.options.clock.now() - now : undefined;
      });
    }
    return this.lastRoundTrip;
  }

  /**
   * The market feed for the watched symbols. A feed that can change its set in place (`watch`) is
   * told the new set; one that cannot is replaced by a feed for the new set (its books resync from
   * fresh snapshots, which a change of what is on screen can afford).
   */
  private streamMarket(): void {
    const build = this.options.marketFeed;
    if (!build) return;
    const wanted = this.loaded.filter((i) => this.watched.includes(i.symbol));
    const key = wanted.map((i) => i.symbol).join(',');
    if (key === this.streaming) return;
    this.streaming = key;
    if (this.feed?.watch && wanted.length > 0) {
      this.staleUnless(wanted.map((i) => i.symbol));
      this.streamed = wanted.map((i) => i.symbol);
      return this.feed.watch(this.streamed);
    }
    this.stopFeed();
    if (wanted.length === 0) return;
    const feed = build(wanted);
    this.feed = feed;
    this.streamed = wanted.map((i) => i.symbol);
    this.unsubscribeFeed = [
      feed.onEvent((e) => this.emit(e)),
      feed.onStale((symbol, reason) => {
        for (const l of this.staleListeners) l(symbol, reason);
      }),
    ];
    feed.start();
  }

  private stopFeed(): void {
    for (const off of this.unsubscribeFeed.splice(0)) off();
    this.feed?.stop();
    this.feed = undefined;
    this.staleUnless([]);
  }

  /** Books no longer streamed are frozen: stale until a feed snapshots them again. */
  private staleUnless(kept: readonly Symbol[]): void {
    const dropped = this.streamed.filter((symbol) => !kept.includes(symbol));
    this.streamed = [...kept];
    for (const symbol of dropped) for (const l of this.staleListeners) l(symbol, 'market data for it is no longer streamed');
  }

  async disconnect(): Promise<void> {
    this.stopFeed();
    this.streaming = '';
    const orders = this.orders;
    this.orders = undefined;
    // Answers already on their way are still reported: they are the venue's word about real orders.
    await orders?.idle();
    this.emit({ type: 'connection', venue: this.id, state: 'disconnected' });
  }

  submit(order: VenueOrderRequest): void {
    if (this.orders) return this.orders.submit(order);
    this.emit({ type: 'orderRejected', venue: this.id, clientOrderId: order.clientOrderId, reason: `${this.id} is not connected`, ts: this.options.clock.now() });
  }

  cancel(symbol: Symbol, clientOrderId: string): void {
    if (this.orders) return this.orders.cancel(symbol, clientOrderId);
    this.emit({ type: 'cancelRejected', venue: this.id, clientOrderId, reason: `${this.id} is not connected`, ts: this.options.clock.now() });
  }

  amend(_symbol: Symbol, clientOrderId: string, _change: VenueAmend): void {
    // Binance spot amends only by reducing quantity (keepPriority); until that is built, say so.
    this.emit({ type: 'amendRejected', venue: this.id, clientOrderId, reason: 'amending is not supported on Binance spot by this connector: cancel and place again', ts: this.options.clock.now() });
  }

  async openOrders(): Promise<VenueOrderState[]> {
    return this.connected().openOrders();
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    return this.connected().queryOrder(symbol, clientOrderId);
  }

  async fillsSince(sinceTs: number): Promise<VenueFill[]> {
    return this.connected().fillsSince(sinceTs);
  }

  requestBookSnapshot(symbol: Symbol): void {
    this.feed?.requestBookSnapshot(symbol);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The market feed's word that a book cannot be trusted until its next snapshot (for BookService.markStale). */
  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    this.staleListeners.add(listener);
    return () => this.staleListeners.delete(listener);
  }

  /** Asked before connect (or after disconnect): the promise rejects, it never throws at the caller. */
  private connected(): BinanceSpotOrders {
    if (!this.orders) throw new SqError('VENUE_UNAVAILABLE', `${this.id} is not connected`);
    return this.orders;
  }

  private emit(event: VenueEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.options.logger.error({ venue: this.id, event: event.type, error: (e as Error).message }, 'a venue event listener threw');
      }
    }
  }
}
