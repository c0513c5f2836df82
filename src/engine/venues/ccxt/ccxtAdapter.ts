/**
 * An account at any venue ccxt supports (`ccxt:<exchangeId>`) as a VenueAdapter: the account's name
 * is the venue id the trader sees. Connecting builds the ccxt pro client (credentials, sandbox for a
 * testnet account, the account's URL overrides), loads only the market types the account trades,
 * turns the markets into instruments, and checks the key by reading the balances. Trading goes
 * through CcxtOrders; the account streams (watchOrders, watchMyTrades, watchBalance and, for
 * derivatives, watchPositions) run as watch loops that report a lost socket as `disconnected` and its
 * return as `connected`, so that the terminal reconciles. Market data comes from a VenueMarketFeed the
 * wiring layer builds (marketdata's CcxtMarketFeed, above venues). Connecting never throws: a failure
 * is a `connection` event with the venue's own words.
 */
import type { Balances as CcxtBalances, Exchange, Order as CcxtOrder, Position as CcxtPosition, Trade as CcxtTrade } from 'ccxt';
import { ListenerSet, SqError, type BackoffPolicy, type Clock, type Logger, type Symbol, type VenueEvent, type VenuePosition } from '../../core';
import type { Instrument } from '../../instruments';
import type { Account } from '../../secrets';
import type { FeeSchedule, VenueAdapter, VenueAmend, VenueFill, VenueMarketFeed, VenueOrderRequest, VenueOrderState } from '../types';
import { MarketFeedLink } from '../marketFeedLink';
import { balancesOf, positionOf } from './accountWire';
import { ccxtExchangeId, createCcxtExchange, type CcxtConnectionSettings, type CcxtCredentials, type CcxtMarketType, type ContractKind } from './ccxtExchange';
import { ccxtInstruments, PRECISION_MODE, type CcxtMarketLike } from './ccxtInstruments';
import { CcxtOrders } from './ccxtOrders';
import { DEFAULT_LOST_ACK_POLICY, type LostAckPolicy } from './lostAck';
import { venueWords } from './venueErrors';
import { quietPendingFutures, WatchLoops } from './watchLoops';

export interface CcxtAdapterOptions {
  account: Pick<Account, 'name' | 'venue' | 'environment' | 'apiKey' | 'secret' | 'password' | 'restUrl' | 'streamUrl'>;
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1): the jitter of every reconnect backoff. */
  random: () => number;
  /** The market types the account trades; only these are loaded. Default spot. */
  marketTypes?: readonly CcxtMarketType[];
  /** Of swaps and futures, only linear or only inverse ones (default both). */
  contractKinds?: readonly ContractKind[];
  /** The ccxt symbols the account trades (e.g. ["BTC/USDT"]); default every active market of its types. */
  symbols?: readonly string[];
  /** Default: the venue's own maker/taker rates of the first instrument, as ccxt knows them. */
  fees?: FeeSchedule;
  /** Builds the market data feed once the instruments are known; none: trading only. */
  marketFeed?: (instruments: readonly Instrument[]) => VenueMarketFeed;
  lostAck?: Partial<LostAckPolicy>;
  backoff?: BackoffPolicy;
  /** Extra ccxt `options` for the exchange (e.g. to switch off a call a proxy does not serve). */
  exchangeOptions?: Record<string, unknown>;
}

/** The settings a market feed needs to build its own (credential-free) ccxt client for this account. */
export function ccxtSettingsOf(options: Pick<CcxtAdapterOptions, 'account' | 'marketTypes' | 'contractKinds' | 'exchangeOptions'>): CcxtConnectionSettings {
  const exchangeId = ccxtExchangeId(options.account.venue);
  if (exchangeId === undefined) throw new SqError('INVALID_INPUT', `${options.account.venue} is not a ccxt venue (ccxt:<exchange id>)`);
  // ccxt's account streams (orders, fills, balance) follow one market type: a second type's fills would
  // be heard only at the next reconcile. Refused, with the way out, until each type gets its own streams.
  const types = options.marketTypes ?? [];
  if (types.length > 1) throw new SqError('INVALID_INPUT', `a ccxt account streams the orders and fills of one market type only: make one account per type (here ${types.join(', ')})`);
  return {
    exchangeId,
    environment: options.account.environment,
    restUrl: options.account.restUrl,
    streamUrl: options.account.streamUrl,
    marketTypes: options.marketTypes,
    contractKinds: options.contractKinds,
    exchangeOptions: options.exchangeOptions,
  };
}

const DERIVATIVES: readonly CcxtMarketType[] = ['swap', 'future', 'option'];

export class CcxtAdapter implements VenueAdapter {
  readonly id: string;
  private feeSchedule: FeeSchedule;
  private readonly listeners = new ListenerSet<[VenueEvent]>((e, event) =>
    this.options.logger.error({ venue: this.id, event: event.type, error: e.message }, 'a venue event listener threw'),
  );
  private readonly options: Omit<CcxtAdapterOptions, 'account'>;
  private readonly settings: CcxtConnectionSettings | SqError;
  /** Handed to each ccxt client this adapter builds (a reconnect after disconnect builds a new one); never logged. */
  private readonly credentials: CcxtCredentials;
  private connecting: Promise<void> | undefined;
  private exchange: Exchange | undefined;
  private loaded: Instrument[] = [];
  private orders: CcxtOrders | undefined;
  private loops: WatchLoops | undefined;
  private readonly market = new MarketFeedLink((e) => this.emit(e));
  private lastRoundTrip: number | undefined;

  constructor(options: CcxtAdapterOptions) {
    const { account, ...rest } = options;
    this.options = rest;
    this.id = account.name;
    this.feeSchedule = options.fees ?? { makerBps: 10, takerBps: 10 };
    this.credentials = { apiKey: account.apiKey, secret: account.secret, ...(account.password !== undefined ? { password: account.password } : {}) };
    try {
      this.settings = ccxtSettingsOf(options);
    } catch (e) {
      this.settings = e as SqError;
    }
  }

  get fees(): FeeSchedule {
    return this.feeSchedule;
  }

  instruments(): Instrument[] {
    return [...this.loaded];
  }

  roundTripMs(): number | undefined {
    return this.lastRoundTrip;
  }

  async connect(): Promise<void> {
    if (this.orders) return;
    // A second call while connecting waits for the first instead of building a second client.
    this.connecting ??= this.connectOnce().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectOnce(): Promise<void> {
    const { clock, logger } = this.options;
    this.emit({ type: 'connection', venue: this.id, state: 'connecting' });
    const fail = async (reason: string) => {
      const ex = this.exchange;
      this.exchange = undefined;
      if (ex) await this.closeExchange(ex);
      this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason });
    };
    if (this.settings instanceof SqError) return fail(this.settings.message);
    let ex: Exchange;
    try {
      ex = createCcxtExchange(this.settings, this.credentials);
    } catch (e) {
      return fail((e as Error).message);
    }
    this.exchange = ex;
    // ccxt pro needs an http agent to dial plain ws:// URLs (a loopback or a local proxy).
    if (this.settings.streamUrl?.startsWith('ws://')) await ex.loadHttpProxyAgent();
    const types = this.settings.marketTypes ?? ['spot'];
    let markets: CcxtMarketLike[];
    try {
      markets = Object.values(await ex.loadMarkets()) as unknown as CcxtMarketLike[];
    } catch (e) {
      return fail(`markets: ${venueWords(ex.id, e)}`);
    }
    const all = ccxtInstruments(this.id, markets, ex.precisionMode ?? PRECISION_MODE.TICK_SIZE, types, this.settings.contractKinds);
    const wanted = this.options.symbols ? new Set(this.options.symbols) : undefined;
    const instruments = wanted ? all.instruments.filter((i) => wanted.has(i.venueSymbol)) : all.instruments;
    const missing = [...(wanted ?? [])].filter((sym) => !instruments.some((i) => i.venueSymbol === sym));
    if (missing.length > 0) return fail(`markets: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a tradable ${types.join('/')} market at ${ex.id}`);
    if (all.skipped.length > 0) logger.warn({ venue: this.id, skipped: all.skipped }, 'ccxt markets left out: their precision cannot be expressed as integer ticks and lots');
    if (instruments.length === 0) return fail(`markets: ${ex.id} lists no ${types.join('/')} market this connector can trade`);
    if (!this.options.fees) this.feeSchedule = this.venueFees(ex, instruments[0]!);
    // The key is checked by what it must be able to do: read the account.
    const started = clock.now();
    let balance: CcxtBalances;
    try {
      balance = await ex.fetchBalance();
    } catch (e) {
      return fail(`balance: ${venueWords(ex.id, e)}`);
    }
    this.lastRoundTrip = clock.now() - started;
    this.loaded = instruments;
    const byVenueSymbol = new Map(instruments.map((i) => [i.venueSymbol, i]));
    const spotSymbols = new Set(markets.filter((m) => (m.type ?? 'spot') === 'spot' && byVenueSymbol.has(m.symbol)).map((m) => m.symbol));
    const orders = new CcxtOrders({
      venue: this.id,
      exchange: ex,
      clock,
      logger,
      instruments,
      spotSymbols,
      lostAck: { ...DEFAULT_LOST_ACK_POLICY, ...this.options.lostAck },
      emit: (e) => this.emit(e),
      roundTrip: (ms) => (this.lastRoundTrip = ms),
    });
    this.orders = orders;
    this.emit({ type: 'connection', venue: this.id, state: 'connected' });
    this.emit({ type: 'balances', venue: this.id, ts: balance.timestamp ?? clock.now(), balances: balancesOf(balance), complete: true });
    this.startAccountStreams(ex, orders, types, byVenueSymbol);
    this.market.start(this.options.marketFeed, instruments);
  }

  async disconnect(): Promise<void> {
    this.market.stop();
    this.loops?.stopAll();
    this.loops = undefined;
    const orders = this.orders;
    this.orders = undefined;
    orders?.close();
    // Answers already on their way are still reported: they are the venue's word about real orders.
    await orders?.idle();
    const ex = this.exchange;
    this.exchange = undefined;
    if (ex) await this.closeExchange(ex);
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

  /** Reads every balance again (fetchBalance) and reports them as a complete `balances` event. */
  async refreshBalances(): Promise<void> {
    this.connected();
    const ex = this.exchange!;
    const started = this.options.clock.now();
    let balance: CcxtBalances;
    try {
      balance = await ex.fetchBalance();
    } catch (e) {
      throw new SqError('VENUE_UNAVAILABLE', `${this.id} balance: ${venueWords(ex.id, e)}`);
    }
    this.lastRoundTrip = this.options.clock.now() - started;
    this.emit({ type: 'balances', venue: this.id, ts: balance.timestamp ?? this.options.clock.now(), balances: balancesOf(balance), complete: true });
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

  // ---- parts ----

  private startAccountStreams(ex: Exchange, orders: CcxtOrders, types: readonly CcxtMarketType[], byVenueSymbol: ReadonlyMap<string, Instrument>): void {
    const { clock, logger, random } = this.options;
    const loops = new WatchLoops({
      exchange: ex,
      clock,
      random,
      logger,
      backoff: this.options.backoff,
      venue: this.id,
      down: (reason) => this.emit({ type: 'connection', venue: this.id, state: 'disconnected', reason }),
      up: () => {
        this.emit({ type: 'connection', venue: this.id, state: 'connected' });
        // What changed while the sockets were down is read again; orders and fills are the terminal's reconcile.
        this.refreshBalances().catch((e: unknown) => logger.warn({ venue: this.id, reason: (e as Error).message }, 'balances could not be read after reconnecting'));
      },
    });
    this.loops = loops;
    if (ex.has['watchOrders'] === true) loops.start<CcxtOrder[]>({ name: 'watchOrders', watch: () => ex.watchOrders(), handle: (list) => list.forEach((o) => orders.onOrderUpdate(o)) });
    if (ex.has['watchMyTrades'] === true) loops.start<CcxtTrade[]>({ name: 'watchMyTrades', watch: () => ex.watchMyTrades(), handle: (list) => list.forEach((t) => orders.onTrade(t)) });
    if (ex.has['watchBalance'] === true) {
      loops.start<CcxtBalances>({
        name: 'watchBalance',
        watch: () => ex.watchBalance(),
        handle: (b) => this.emit({ type: 'balances', venue: this.id, ts: b.timestamp ?? clock.now(), balances: balancesOf(b), complete: false }),
      });
    }
    if (ex.has['watchPositions'] === true && types.some((t) => DERIVATIVES.includes(t))) {
      loops.start<CcxtPosition[]>({
        name: 'watchPositions',
        watch: () => ex.watchPositions(),
        handle: (list) => {
          const positions: VenuePosition[] = [];
          for (const p of list) {
            const inst = p.symbol === undefined ? undefined : byVenueSymbol.get(p.symbol);
            const pos = inst ? positionOf(inst, p) : undefined;
            if (pos) positions.push(pos);
            else if (inst) logger.warn({ venue: this.id, symbol: p.symbol, contracts: p.contracts }, 'a position whose size is not a whole number of lots: dropped');
          }
          if (positions.length > 0) this.emit({ type: 'venuePositions', venue: this.id, ts: clock.now(), positions, complete: false });
        },
      });
    }
  }

  private venueFees(ex: Exchange, inst: Instrument): FeeSchedule {
    const m = ex.markets?.[inst.venueSymbol] as { maker?: number; taker?: number } | undefined;
    const bps = (rate: number | undefined) => (rate === undefined || !Number.isFinite(rate) ? 10 : Math.round(rate * 10_000 * 100) / 100);
    return { makerBps: bps(m?.maker), takerBps: bps(m?.taker) };
  }

  private async closeExchange(ex: Exchange): Promise<void> {
    quietPendingFutures(ex);
    try {
      await ex.close();
    } catch (e) {
      this.options.logger.warn({ venue: this.id, reason: (e as Error).message }, 'closing the ccxt client failed');
    }
  }

  /** Asked before connect (or after disconnect): the promise rejects, it never throws at the caller. */
  private connected(): CcxtOrders {
    if (!this.orders) throw new SqError('VENUE_UNAVAILABLE', `${this.id} is not connected`);
    return this.orders;
  }

  private emit(event: VenueEvent): void {
    this.listeners.emit(event);
  }
}
