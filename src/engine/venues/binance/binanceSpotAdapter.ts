/**
 * A Binance spot account as a VenueAdapter: the account's name is the venue id the trader sees.
 * Connecting learns the venue's clock, loads the symbols (exchangeInfo) and checks the key can trade
 * (GET /api/v3/account); trading goes through BinanceSpotOrders over the signed REST client; market
 * data comes from a VenueMarketFeed the wiring layer builds for the loaded instruments (Binance's
 * BinanceMarketFeed lives in marketdata, above venues). Connecting never throws: a failure is a
 * `connection` event with the venue's own words, like every other venue answer.
 *
 * The account's own events (fills of resting orders, cancels and expiries by the venue, balances) come
 * over the WebSocket API's user data stream (SpotAccountStream): connecting subscribes to it and
 * fails without it. When it is lost later the adapter says `disconnected` with the reason, and
 * `connected` once it is subscribed again, with a fresh `balances` snapshot: the events of the gap
 * are not replayed, so whoever listens reconciles orders and fills on that `connected`.
 */
import { ListenerSet, Rng, SqError, type BackoffPolicy, type Clock, type Logger, type Symbol, type VenueBalance, type VenueEvent } from '../../core';
import type { Account } from '../../secrets';
import type { Instrument } from '../../instruments';
import type { FeeSchedule, VenueAdapter, VenueAmend, VenueFill, VenueMarketFeed, VenueOrderRequest, VenueOrderState } from '../types';
import { MarketFeedLink } from '../marketFeedLink';
import { SignedRestClient } from './signedRest';
import { spotInstruments, type WireSymbol } from './spotInstruments';
import { BinanceSpotOrders } from './spotOrders';
import type { LostAckPolicy } from './lostAckResolver';
import { BINANCE_SPOT_WS_API_URL, SpotAccountStream } from './spotAccountStream';
import { SpotOrderReports } from './spotOrderReports';
import { InFlightRequests } from '../inFlightRequests';

export const BINANCE_SPOT_REST_URL = 'https://api.binance.com';

export interface BinanceSpotAdapterOptions {
  account: Pick<Account, 'name' | 'apiKey' | 'secret' | 'restUrl' | 'wsApiUrl'>;
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
  /** Builds the market data feed for the account's instruments (it streams those watchMarket names); none: trading only. */
  marketFeed?: (instruments: readonly Instrument[]) => VenueMarketFeed;
  lostAck?: Partial<LostAckPolicy>;
  /** The account stream's reconnect delays (default 0.5 s doubling to 30 s, jittered) and heartbeat (default 15 s). */
  reconnect?: BackoffPolicy;
  heartbeatMs?: number;
  /** Uniform in [0, 1): the reconnect jitter (default a generator seeded from the clock). */
  random?: () => number;
}

interface AccountInfo {
  canTrade?: boolean;
  /** When the account last changed (the venue's clock). */
  updateTime?: number;
  balances?: { asset?: unknown; free?: unknown; locked?: unknown }[];
}

/** Snapshots read in a row when each turns out older than a change the stream already told. */
const BALANCE_SNAPSHOT_TRIES = 3;

export class BinanceSpotAdapter implements VenueAdapter {
  readonly id: string;
  readonly fees: FeeSchedule;
  private readonly rest: SignedRestClient;
  private readonly listeners = new ListenerSet<[VenueEvent]>((e, event) =>
    this.options.logger.error({ venue: this.id, event: event.type, error: e.message }, 'a venue event listener threw'),
  );
  private loaded: Instrument[] = [];
  private orders: BinanceSpotOrders | undefined;
  private readonly market = new MarketFeedLink((e) => this.emit(e));
  private stream: SpotAccountStream | undefined;
  private readonly wsApiUrl: string;
  /** Balance snapshots fetched after a reconnect, still on their way (disconnect waits for them). */
  private readonly refreshing = new InFlightRequests((e) => this.options.logger.error({ venue: this.id, error: e.message }, 'Binance spot balance refresh failed unexpectedly'));
  /** The venue's time of the latest balance change the stream told (`u`): an older snapshot would undo it. */
  private lastBalanceChangeAt = 0;

  /** Everything but the account: the secret goes to the signer and is kept nowhere else. */
  private readonly options: Omit<BinanceSpotAdapterOptions, 'account'>;

  constructor(options: BinanceSpotAdapterOptions) {
    const { account, ...rest } = options;
    const { clock, logger } = rest;
    this.options = rest;
    this.id = account.name;
    this.fees = options.fees ?? { makerBps: 10, takerBps: 10 };
    this.rest = new SignedRestClient({ restUrl: account.restUrl ?? BINANCE_SPOT_REST_URL, apiKey: account.apiKey, secret: account.secret, clock, logger });
    this.wsApiUrl = account.wsApiUrl ?? BINANCE_SPOT_WS_API_URL;
  }

  instruments(): Instrument[] {
    return [...this.loaded];
  }

  /** The venue's weight and order-count headers as last read. */
  rateLimitUse() {
    return this.rest.rateLimitUse();
  }

  /** The most recent round trip measured: a REST request and its answer, or the account stream's ping. */
  roundTripMs(): number | undefined {
    const rest = this.rest.lastRoundTrip;
    const ping = this.stream?.lastPing;
    if (!rest || !ping) return (rest ?? ping)?.ms;
    return ping.at >= rest.at ? ping.ms : rest.ms;
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
    const { clock, logger } = this.options;
    const reports = new SpotOrderReports({ venue: this.id, clock, logger, instruments, emit: (e) => this.emit(e) });
    const stream = new SpotAccountStream({
      url: this.wsApiUrl,
      rest: this.rest,
      clock,
      logger,
      random: this.options.random ?? seededRandom(clock),
      backoff: this.options.reconnect,
      heartbeatMs: this.options.heartbeatMs,
      onEvent: (e) => this.onAccountEvent(reports, e),
      onDown: (reason) => this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason }),
      onUp: () => {
        this.emit({ type: 'connection', venue: this.id, state: 'connected' });
        this.refreshing.track(this.refreshBalances());
      },
    });
    // Subscribed before anything is traded: a fill of a resting order must never go unheard.
    const subscribed = await stream.start();
    if (!subscribed.ok) {
      stream.stop();
      return fail(subscribed.reason);
    }
    this.stream = stream;
    this.loaded = instruments;
    this.orders = new BinanceSpotOrders({ venue: this.id, rest: this.rest, clock, logger, instruments, emit: (e) => this.emit(e), lostAck: this.options.lostAck, reports });
    // Read again now that the stream is subscribed: a change between the first read and the
    // subscription would otherwise be missing until that asset next moves.
    await this.refreshBalances();
    this.emit({ type: 'connection', venue: this.id, state: 'connected' });
    this.market.start(this.options.marketFeed, instruments);
  }

  /** Only these symbols' books and trades are streamed (Binance lists thousands). */
  watchMarket(symbols: readonly Symbol[]): void {
    this.market.watch(symbols);
  }

  async disconnect(): Promise<void> {
    this.market.stop();
    this.stream?.stop();
    this.stream = undefined;
    this.lastBalanceChangeAt = 0;
    const orders = this.orders;
    this.orders = undefined;
    // Answers already on their way are still reported: they are the venue's word about real orders.
    await orders?.idle();
    await this.refreshing.idle();
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

  /** Lowers a working order's quantity in place (Binance's Order Amend Keep Priority); a price change is refused with why (see BinanceSpotOrders). */
  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend): void {
    if (this.orders) return this.orders.amend(symbol, clientOrderId, change);
    this.emit({ type: 'amendRejected', venue: this.id, clientOrderId, reason: `${this.id} is not connected`, ts: this.options.clock.now() });
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

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** The market feed's word that a book cannot be trusted until its next snapshot (for BookService.markStale). */
  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    return this.market.onStale(listener);
  }

  /** One event of the account stream: order reports to the OMS's events, balance changes as `balances`. */
  private onAccountEvent(reports: SpotOrderReports, raw: unknown): void {
    const e = raw as { e?: unknown; B?: unknown; u?: unknown; E?: unknown };
    if (e?.e === 'executionReport') return reports.executionReport(raw);
    if (e?.e === 'outboundAccountPosition') {
      const balances = Array.isArray(e.B) ? e.B.map((b: { a?: unknown; f?: unknown; l?: unknown }) => balanceOf(b?.a, b?.f, b?.l)) : [];
      if (balances.length === 0 || balances.some((b) => b === undefined)) {
        return this.options.logger.warn({ venue: this.id, event: JSON.stringify(raw)?.slice(0, 200) }, 'malformed outboundAccountPosition dropped');
      }
      const ts = typeof e.u === 'number' ? e.u : typeof e.E === 'number' ? e.E : this.options.clock.now();
      this.lastBalanceChangeAt = Math.max(this.lastBalanceChangeAt, ts);
      return this.emit({ type: 'balances', venue: this.id, ts, balances: balances as VenueBalance[], complete: false });
    }
    // balanceUpdate (deposits, transfers) is followed by outboundAccountPosition; the rest are not ours to act on.
    this.options.logger.debug({ venue: this.id, event: typeof e?.e === 'string' ? e.e : 'unnamed' }, 'account stream event not used');
  }

  /** Every balance the account holds, as GET /api/v3/account states it. */
  private emitBalances(account: AccountInfo, complete: true): void {
    const balances: VenueBalance[] = [];
    for (const b of account.balances ?? []) {
      const balance = balanceOf(b.asset, b.free, b.locked);
      if (balance) balances.push(balance);
      else this.options.logger.warn({ venue: this.id, asset: String(b.asset) }, 'unreadable balance left out of the snapshot');
    }
    this.emit({ type: 'balances', venue: this.id, ts: this.options.clock.now(), balances, complete });
  }

  /**
   * Every balance, read once the stream is subscribed (at connect, and after a reconnect: changes of
   * the gap were not streamed). A snapshot older than a change the stream has already told would undo
   * that change, so it is read again.
   */
  private async refreshBalances(): Promise<void> {
    for (let attempt = 1; attempt <= BALANCE_SNAPSHOT_TRIES; attempt++) {
      const account = await this.rest.signed<AccountInfo>('GET', '/api/v3/account', { omitZeroBalances: true });
      if (!this.stream) return;
      if (!account.ok) return this.options.logger.warn({ venue: this.id, reason: account.error.reason }, 'balances could not be read: the stream\'s changes are all there is until the next reconnect');
      const at = account.body.updateTime;
      if (typeof at !== 'number' || at >= this.lastBalanceChangeAt) return this.emitBalances(account.body, true);
      this.options.logger.info({ venue: this.id, updateTime: at, lastChange: this.lastBalanceChangeAt, attempt }, 'balance snapshot older than a change already told: reading it again');
    }
    this.options.logger.warn({ venue: this.id }, 'every balance snapshot was older than the stream\'s changes: none sent, the stream\'s changes stand');
  }

  /** Asked before connect (or after disconnect): the promise rejects, it never throws at the caller. */
  private connected(): BinanceSpotOrders {
    if (!this.orders) throw new SqError('VENUE_UNAVAILABLE', `${this.id} is not connected`);
    return this.orders;
  }

  private emit(event: VenueEvent): void {
    this.listeners.emit(event);
  }
}

const DECIMAL = /^\d+(\.\d+)?$/;

function balanceOf(asset: unknown, free: unknown, locked: unknown): VenueBalance | undefined {
  if (typeof asset !== 'string' || asset === '' || typeof free !== 'string' || typeof locked !== 'string') return undefined;
  return DECIMAL.test(free) && DECIMAL.test(locked) ? { asset, free, locked } : undefined;
}

/** Jitter needs no secrecy, only to differ between processes: a generator seeded from the clock. */
function seededRandom(clock: Clock): () => number {
  const rng = new Rng(clock.now() % 2 ** 32);
  return () => rng.next();
}
