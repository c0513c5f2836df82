/**
 * The signals desk the Terminal owns (issue 16): the signal store and its sources (the trader's feeds,
 * the SIM news wire, Binance USD-M positioning), the lexicon scorer and the instrument tagger, the
 * aggregator fed headlines, readings, 1-minute closes and order-flow predictions, alerts, and the views
 * the bridge serves. One source's failure stays that source's status; nothing here can stop the engine.
 *
 * Default component weights (a weighted mean: only their ratios matter):
 *   sentimentLevel 1, sentimentMomentum 0.5, fundingRate 0.5, longShortRatio 0.5, openInterest 0.5,
 *   fearGreed 0.25, orderFlow 0.5, rsi 0.25, macd 0.25, bollinger 0.25.
 * News carries the most weight because it is what the panel is for; positioning and order flow half as
 * much each; the market-wide Fear & Greed and the three price technicals (which repeat one another) a quarter.
 */
import type { BookLevels } from '../../analytics';
import { type Clock, localiseNumber, type Logger, type NumberFormat, PLAIN_NUMBERS, type Side, SqError, type TimerId } from '../../core';
import type { Instrument } from '../../instruments';
import type { Bar } from '../../marketdata';
import {
  binancePositioningSource, createSentimentScorer, type FetchLike, InstrumentTagger, type MarketSample,
  openSignalStore, parseSignalWeights, SignalAggregator, type SignalAlert, type SignalSnapshot, SignalSources, SignalWeightsError, type SignalStore,
  simulateOrderFlow, simVenueRegimeReader, simWireSource, type SourceDefinition, type SourceStatus, COMPONENT_NAMES, SIM_WIRE_SOURCE_ID,
} from '../../signals';
import type { Store } from '../../storage';
import { CompositeHistory } from './compositeHistory';
import { OrderFlowModels } from './orderFlowModels';
import { OrderFlowRetention } from './orderFlowRetention';
import type { OptionIndex } from '../options';
import { putCallRatio } from './putCallRatio';
import { headlineView, HEADLINES_SHOWN, positioningOf, sourceSeries } from './sentimentParts';
import { SignalSettings, type StoredSource, type StoredTicket } from './signalSettings';
import type { OrderFlowModelView, SentimentView, SignalAlertView, SignalOverlayView, SignalSettingsView, SignalSourceTicket, SignalSourceView } from './signalsView';
import { StatusThrottle } from './statusThrottle';
import { definitionOf, labelOf, targetOf, withoutSecret, type SourceEndpoints } from './traderSources';

export const DEFAULT_SIGNAL_WEIGHTS = {
  sentimentLevel: 1, sentimentMomentum: 0.5, fundingRate: 0.5, longShortRatio: 0.5, openInterest: 0.5,
  fearGreed: 0.25, orderFlow: 0.5, rsi: 0.25, macd: 0.25, bollinger: 0.25,
} as const;

/** A simulated venue as its news wire reads it. */
type SimWireVenue = { id: string; marketRegime(symbol: string): MarketSample | undefined };

/** What the host may tune (tests shorten the wire; endpoints point providers at a loopback server). */
export interface SignalsOptions {
  /** The SIM news wire's poll interval (default 15 s). */
  simWireIntervalMs?: number;
  /** The SIM news wire's mean headline rate at normal volatility, per minute (default 2; e2e runs raise it). */
  simWireHeadlinesPerMinute?: number;
  endpoints?: SourceEndpoints;
  /**
   * Fit the SIM's BTC-USDT order-flow model at start on 20 simulated minutes (simulateOrderFlow). Off by
   * default: it holds the engine thread ~650 ms on the 2-core VM (measured), too long at every start.
   */
  trainSimulatedAtStart?: boolean;
  /** globalThis.fetch unless given. */
  fetch?: FetchLike;
}

export interface SignalsDeskDeps {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  settings: Store;
  sqliteBinding?: string;
  options: SignalsOptions;
  simVenues: readonly SimWireVenue[];
  instruments(): readonly Instrument[];
  /** The options grouped by underlying (the option chains' index, rebuilt when the instrument list changes). */
  optionIndex(): OptionIndex;
  /** The vault's named secrets: where a CryptoPanic source's token is kept. */
  secrets: SecretKeeper;
  /** Binance USD-M accounts connected now, with their REST base. */
  usdmAccounts(): { venue: string; restUrl: string }[];
  /** What the trader watches, stars, holds and focuses, most relevant first. */
  relevant(): { venue: string; symbol: string }[];
  openInterest(venue: string, symbol: string): number | undefined;
  /** 1-minute bars of an instrument, oldest first (the last one still forming). */
  minuteBars(venue: string, symbol: string, limit: number): Bar[];
  emitAlert(alert: SignalAlertView): void;
  emitSources(sources: SignalSourceView[]): void;
  /** The Settings screen's number format now, for an alert's message (plain when absent). */
  numberFormat?(): NumberFormat;
}

/**
 * The vault as the desk uses it (AccountsService in the terminal): its state, and named secrets, each
 * call refused (an SqError in the vault's words, never carrying a value) unless it is unlocked.
 */
export interface SecretKeeper {
  vault(): 'absent' | 'locked' | 'unlocked';
  set(name: string, value: string): void;
  /** undefined: the vault holds no secret under that name. */
  get(name: string): string | undefined;
  remove(name: string): boolean;
}

/** Where a CryptoPanic source's token is kept in the vault. */
export const cryptoPanicTokenName = (sourceId: string): string => `signals:cryptopanic:${sourceId}`;

/** Headlines of the last hours replayed into the aggregator at start, so a restart keeps the level. */
const REPLAY_MS = 12 * 3_600_000;
const REPLAY_ITEMS = 5_000;
const KEEP_ITEMS_MS = 30 * 86_400_000;
const DAY_MS = 86_400_000;
const AGGREGATOR_REFRESH_MS = 5_000;
/**
 * How long after a minute ends its bar is read: a trade of the minute's last instant reaches us over the
 * network a little later, and the bar is final only once it has.
 */
const BAR_SETTLE_MS = 2_000;
const STATUS_GAP_MS = 250;
const MAX_POSITIONING_SYMBOLS = 10;
const MAX_ORDER_FLOW_MODELS = 8;
/** How often models nothing wants any more are looked for (beside every change of what the views look at). */
const ORDER_FLOW_REVIEW_MS = 60_000;
const POSITIONING_ID = (venue: string) => `positioning-${venue.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`.slice(0, 64);
const DEFAULT_ALERT_HYSTERESIS = 0.05;

interface SourceMeta {
  kind: SourceStatus['kind'];
  label: string;
  target: string;
  automatic: boolean;
  simulated: boolean;
  enabled: boolean;
  /** Why it is not running although enabled (the vault is locked). */
  blocked?: string;
  intervalMs: number;
  /** Trader-added: its stored ticket. */
  stored?: StoredSource;
}

export class SignalsDesk {
  /** Strategies and algos subscribe to its bus (`aggregator.events.on('signal' | 'alert', ...)`). */
  readonly aggregator: SignalAggregator;
  private readonly store: SignalStore;
  private readonly sources: SignalSources;
  private readonly settings: SignalSettings;
  private readonly meta = new Map<string, SourceMeta>();
  private readonly running = new Set<string>();
  private readonly history = new CompositeHistory();
  private readonly orderFlow: OrderFlowModels;
  /** Drops a model nothing wants any more, after a grace period (flipping back keeps its training). */
  private readonly orderFlowRetention: OrderFlowRetention;
  /** Followed whatever the trader looks at: the SIM's BTC-USDT (its model is trained on the simulated market at start). */
  private readonly pinnedOrderFlow = new Set<string>();
  private readonly throttle: StatusThrottle;
  /** The venue each canonical symbol's closes come from (SIM first, else the first that quotes it), with its last closed bar. */
  private readonly closesFrom = new Map<string, { venue: string; lastBar: number }>();
  private readonly timers: TimerId[] = [];
  /** The read of the bars that closed at the next minute's end. */
  private barsTimer: TimerId | undefined;
  private nextAlert = 1;

  constructor(private readonly d: SignalsDeskDeps) {
    this.settings = new SignalSettings(d.settings, d.logger);
    this.store = openSignalStore(d.dataDir, d.sqliteBinding === undefined ? {} : { nativeBinding: d.sqliteBinding });
    const scorer = createSentimentScorer({ lexicon: 'finance' });
    this.sources = new SignalSources({
      clock: d.clock, store: this.store, tagger: new InstrumentTagger(d.instruments()), logger: d.logger,
      score: (text) => scorer.score(text), ...(d.options.fetch ? { fetch: d.options.fetch } : {}),
    });
    this.aggregator = new SignalAggregator({ clock: d.clock, weights: this.restoredWeights(), logger: d.logger });
    this.orderFlow = new OrderFlowModels({
      clock: d.clock, logger: d.logger,
      bucketVolume: (venue, symbol) => {
        const bars = d.minuteBars(venue, symbol, 60);
        return bars.length ? Math.round(bars.reduce((s, b) => s + b.volume, 0) / bars.length) : 1_000;
      },
      predicted: (symbol, signal, ts) => this.aggregator.addOrderFlow(symbol, { signal }, ts),
    });
    this.orderFlowRetention = new OrderFlowRetention(d.clock);
    this.throttle = new StatusThrottle(d.clock, STATUS_GAP_MS, () => d.emitSources(this.sourceViews()));
  }

  start(): void {
    const { clock, logger } = this.d;
    this.prune();
    this.sources.onItems((items) => this.aggregator.addItems(items));
    this.sources.onReadings((readings) => readings.forEach((r) => this.aggregator.addReading(r)));
    this.sources.onStatus(() => this.throttle.changed());
    this.aggregator.events.on('signal', (s) => this.history.record(s.instrument, s.ts, s.composite));
    this.aggregator.events.on('alert', (a) => this.d.emitAlert(alertView(a, this.d.numberFormat?.() ?? PLAIN_NUMBERS)));
    for (const rule of this.settings.alerts()) {
      try {
        this.aggregator.addAlert(rule);
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'a stored signal alert is invalid; ignored');
      }
    }
    // The stored level: headlines of the last hours, then readings, before any new poll.
    this.aggregator.addItems(this.store.itemsSince(clock.now() - REPLAY_MS, REPLAY_ITEMS));
    for (const metric of ['fundingRate', 'openInterest', 'longShortRatio']) {
      for (const i of this.canonicalSymbols()) for (const r of this.store.latestReadings({ metric, instrument: i, limit: 1 })) this.aggregator.addReading(r);
    }
    for (const r of this.store.latestReadings({ metric: 'fearGreed', limit: 1 })) this.aggregator.addReading(r);

    const paused = new Set(this.settings.pausedAutomatic());
    for (const venue of this.d.simVenues) {
      const id = this.simWireId(venue);
      const def = this.simWire(id, venue);
      this.meta.set(id, { kind: 'simWire', label: def.label, target: venue.id, automatic: true, simulated: true, enabled: !paused.has(id), intervalMs: def.intervalMs });
      if (!paused.has(id)) this.run(id, () => def);
    }
    for (const s of this.settings.sources()) this.register(s);

    this.bars(true);
    for (const v of this.d.simVenues) {
      this.pinnedOrderFlow.add('BTC-USDT');
      this.followOrderFlow(v.id, 'BTC-USDT');
    }
    this.refreshFocus();
    this.orderFlow.start();
    this.aggregator.start(AGGREGATOR_REFRESH_MS);
    this.readBarsAtMinuteEnd();
    this.timers.push(clock.setInterval(() => this.prune(), DAY_MS));
    // Interest also ends without a view changing (a position closed, an order filled): looked at every minute.
    this.timers.push(clock.setInterval(() => this.dropUnwantedOrderFlow(), ORDER_FLOW_REVIEW_MS));
    if (this.d.options.trainSimulatedAtStart && this.d.simVenues[0]) void this.trainOnSimulated(this.d.simVenues[0].id);
  }

  stop(): void {
    for (const t of this.timers.splice(0)) this.d.clock.clearTimer(t);
    if (this.barsTimer !== undefined) this.d.clock.clearTimer(this.barsTimer);
    this.barsTimer = undefined;
    this.throttle.stop();
    this.orderFlow.stop();
    this.aggregator.stop();
    // A poll still in flight delivers nothing once its source is stopped, so the store can close now.
    this.sources.stop();
    this.store.close();
  }

  // ---- what the terminal tells it ----

  /** Instruments were added (an account connected): new tagger, and positioning for USD-M accounts. */
  instrumentsChanged(): void {
    this.sources.setTagger(new InstrumentTagger(this.d.instruments()));
    this.refreshPositioning();
  }

  /** The trader's focus, watchlists or positions changed: positioning symbols and order-flow models follow. */
  refreshFocus(): void {
    // Models past their grace go first: their room is for what the trader looks at now.
    this.dropUnwantedOrderFlow();
    for (const inst of this.relevantInstruments()) {
      if (!inst.contract && !this.orderFlow.followed(inst.symbol)) this.followOrderFlow(inst.venue, inst.symbol);
    }
    this.refreshPositioning();
  }

  /**
   * The vault locked or unlocked (or its accounts changed): CryptoPanic sources pause while it is locked
   * (the key that opens their token is gone) and resume, their token read from the vault again, once it
   * is unlocked.
   */
  vaultChanged(): void {
    const unlocked = this.vaultUnlocked();
    for (const [id, m] of this.meta) {
      if (m.kind !== 'cryptopanic') continue;
      if (!unlocked) {
        this.halt(id);
        m.blocked = CRYPTOPANIC_LOCKED;
      } else if (!this.running.has(id) && m.stored) this.register(m.stored);
    }
    this.throttle.changed();
  }

  /** The analytics' 20 Hz book picture and every trade, for the order-flow features. */
  onBook(venue: string, symbol: string, bids: BookLevels, asks: BookLevels, ts: number): void {
    this.orderFlow.onBook(venue, symbol, bids, asks, ts);
  }

  onTrade(venue: string, symbol: string, price: number, qty: number, aggressor: Side, ts: number): void {
    this.orderFlow.onTrade(venue, symbol, price, qty, aggressor, ts);
  }

  // ---- sources ----

  sourceViews(): SignalSourceView[] {
    return [...this.meta].map(([id, m]) => this.viewOf(id, m));
  }

  /**
   * Adds a trader's source. A CryptoPanic token is kept in the vault (under cryptoPanicTokenName(id)),
   * written there before the source is stored, and only then; the settings keep the ticket without it.
   * The source reads it from the vault each time it starts (at unlock after a restart or a lock).
   */
  addSource(ticket: SignalSourceTicket): SignalSourceView[] {
    if (ticket.kind === 'cryptopanic' && !this.vaultUnlocked()) throw new SqError('VAULT_LOCKED', CRYPTOPANIC_LOCKED);
    const stored = withoutSecret(ticket);
    const id = this.newId(stored.kind);
    const entry: StoredSource = { id, enabled: true, ticket: stored };
    const token = ticket.kind === 'cryptopanic' ? ticket.token : undefined;
    try {
      definitionOf(id, stored, this.endpoints(), token); // validates
    } catch (error) {
      throw new SqError('INVALID_INPUT', `source refused: ${scrub((error as Error).message, token)}`);
    }
    // The vault first: a token it refuses (locked meanwhile, its file changed) adds no source.
    if (token !== undefined) this.d.secrets.set(cryptoPanicTokenName(id), token);
    try {
      this.settings.setSources([...this.settings.sources(), entry]);
    } catch (error) {
      if (token !== undefined) this.forgetToken(id);
      throw error;
    }
    this.register(entry);
    this.throttle.changed();
    return this.sourceViews();
  }

  /**
   * Removes a trader's source; a CryptoPanic source's token is deleted from the vault first, so removing
   * one needs the vault unlocked (a token is never left behind unseen). Its stored items stay.
   */
  removeSource(id: string): SignalSourceView[] {
    const m = this.known(id);
    if (m.automatic) throw new SqError('INVALID_INPUT', `${m.label} is added by the engine: it can be paused, not removed`);
    if (m.kind === 'cryptopanic') {
      const vault = this.d.secrets.vault();
      if (vault === 'locked') throw new SqError('VAULT_LOCKED', 'unlock the vault to remove a CryptoPanic source: its token is kept there and is deleted with it');
      if (vault === 'unlocked') this.d.secrets.remove(cryptoPanicTokenName(id));
    }
    this.halt(id);
    this.meta.delete(id);
    this.settings.setSources(this.settings.sources().filter((s) => s.id !== id));
    this.throttle.changed();
    return this.sourceViews();
  }

  setSourceEnabled(id: string, enabled: boolean): SignalSourceView[] {
    const m = this.known(id);
    if (m.automatic) {
      const paused = new Set(this.settings.pausedAutomatic());
      if (enabled) paused.delete(id);
      else paused.add(id);
      this.settings.setPausedAutomatic([...paused]);
    } else {
      this.settings.setSources(this.settings.sources().map((s) => (s.id === id ? { ...s, enabled } : s)));
      m.stored = { ...m.stored!, enabled };
    }
    m.enabled = enabled;
    if (!enabled) this.halt(id);
    else if (m.stored) this.register(m.stored);
    else this.resumeAutomatic(id);
    this.throttle.changed();
    return this.sourceViews();
  }

  async pollSource(id: string): Promise<SignalSourceView> {
    const m = this.known(id);
    if (this.running.has(id)) await this.sources.pollNow(id);
    return this.viewOf(id, m);
  }

  // ---- views ----

  sentiment(instrument: string): SentimentView {
    const now = this.d.clock.now();
    const label = (source: string) => this.meta.get(source)?.label ?? source;
    const simulated = (source: string) => this.isSimulated(source);
    return {
      instrument,
      ts: now,
      signal: this.aggregator.snapshot(instrument),
      series: sourceSeries(this.store, instrument, now, label, simulated),
      headlines: this.store.latestForInstrument(instrument, HEADLINES_SHOWN).map((i) => headlineView(i, label, simulated)),
      positioning: positioningOf(this.store, instrument, putCallRatio(instrument, { options: this.d.optionIndex(), openInterest: this.d.openInterest, now })),
      orderFlow: this.orderFlow.view(instrument),
    };
  }

  /** True when `url` is exactly the link of a stored headline: the desktop app opens such a link in the OS browser. */
  isHeadlineLink(url: string): boolean {
    return this.store.hasLink(url);
  }

  list(instruments: readonly string[]): SignalSnapshot[] {
    return instruments.map((i) => this.aggregator.snapshot(i));
  }

  overlay(instrument: string, since?: number): SignalOverlayView {
    const from = since ?? this.d.clock.now() - 24 * 3_600_000;
    const headlines = this.store
      .latestForInstrument(instrument, 500)
      .filter((i) => i.ts >= from && i.score !== undefined)
      .reverse()
      .map((i) => ({ ts: i.ts, compound: i.score!.compound, title: i.title, source: i.source }));
    return { instrument, points: this.history.since(instrument, from), headlines };
  }

  settingsView(): SignalSettingsView {
    return { weights: this.aggregator.weights(), components: COMPONENT_NAMES, alerts: this.aggregator.alerts() };
  }

  setWeights(weights: unknown): SignalSettingsView {
    try {
      const kept = this.aggregator.setWeights(weights);
      this.settings.setWeights(kept);
    } catch (error) {
      if (error instanceof SignalWeightsError) throw new SqError('INVALID_INPUT', error.message);
      throw error;
    }
    return this.settingsView();
  }

  addAlert(input: { id?: string; instrument: string; signal: string; direction: 'above' | 'below'; threshold: number; hysteresis?: number }): SignalSettingsView {
    const rule = { ...input, id: input.id ?? this.newAlertId(), hysteresis: input.hysteresis ?? DEFAULT_ALERT_HYSTERESIS };
    try {
      this.aggregator.addAlert(rule);
    } catch (error) {
      if (error instanceof RangeError) throw new SqError('INVALID_INPUT', error.message);
      throw error;
    }
    this.settings.setAlerts(this.aggregator.alerts());
    return this.settingsView();
  }

  removeAlert(id: string): SignalSettingsView {
    if (!this.aggregator.removeAlert(id)) throw new SqError('INVALID_INPUT', `no signal alert "${id}"`);
    this.settings.setAlerts(this.aggregator.alerts());
    return this.settingsView();
  }

  trainOrderFlow(instrument: string): OrderFlowModelView {
    return this.orderFlow.train(instrument);
  }

  // ---- internals ----

  private viewOf(id: string, m: SourceMeta): SignalSourceView {
    const common = { simulated: m.simulated, target: m.target, automatic: m.automatic, enabled: m.enabled };
    const live = this.running.has(id) ? this.sources.status(id) : undefined;
    if (live) return { ...live, ...common };
    const base: SourceStatus = { id, kind: m.kind, label: m.label, state: 'stopped', errorsInRow: 0, errorCount: 0, intervalMs: m.intervalMs, itemsStored: this.store.countForSource(id) };
    if (m.enabled && m.blocked) return { ...base, state: 'error', error: m.blocked, ...common };
    return { ...base, ...common };
  }

  /** Registers a trader's stored source, running it when enabled and able to. */
  private register(s: StoredSource): void {
    const t = s.ticket;
    const m: SourceMeta = {
      kind: t.kind, label: labelOf(t), target: targetOf(t, this.endpoints()), automatic: false, simulated: false, enabled: s.enabled,
      intervalMs: (t.intervalSec ?? 0) * 1000, stored: s,
    };
    this.meta.set(s.id, m);
    if (!s.enabled) return;
    if (t.kind === 'cryptopanic') {
      if (!this.vaultUnlocked()) {
        m.blocked = CRYPTOPANIC_LOCKED;
        return;
      }
      let token: string | undefined;
      try {
        token = this.d.secrets.get(cryptoPanicTokenName(s.id));
      } catch (error) {
        // Locked meanwhile (its file changed into one the key held cannot read): paused as on any lock.
        // Otherwise the vault's own words, which never carry a value.
        m.blocked = this.vaultUnlocked() ? `the CryptoPanic token cannot be read from the vault: ${(error as Error).message}` : CRYPTOPANIC_LOCKED;
        this.d.logger.warn({ source: s.id, reason: (error as Error).message }, 'CryptoPanic token not read from the vault');
        return;
      }
      if (token === undefined) {
        m.blocked = CRYPTOPANIC_NO_TOKEN;
        return;
      }
      delete m.blocked;
      this.run(s.id, () => definitionOf(s.id, t, this.endpoints(), token), token);
      return;
    }
    this.run(s.id, () => definitionOf(s.id, t, this.endpoints()));
  }

  /** Starts a source; `secret` (a CryptoPanic token) is scrubbed from any error its definition throws. */
  private run(id: string, def: () => ReturnType<typeof definitionOf>, secret?: string): void {
    if (this.running.has(id)) return;
    try {
      const d = def();
      const m = this.meta.get(id);
      if (m) m.intervalMs = d.intervalMs;
      this.sources.add(d);
      this.running.add(id);
    } catch (error) {
      const reason = scrub((error as Error).message, secret);
      const m = this.meta.get(id);
      if (m) m.blocked = reason;
      this.d.logger.warn({ source: id, reason }, 'signal source not started');
    }
  }

  private vaultUnlocked(): boolean {
    return this.d.secrets.vault() === 'unlocked';
  }

  /** Best effort, after a failed add: the token of a source that was not kept. */
  private forgetToken(id: string): void {
    try {
      this.d.secrets.remove(cryptoPanicTokenName(id));
    } catch (error) {
      this.d.logger.warn({ source: id, reason: (error as Error).message }, 'the CryptoPanic token of a source not added stays in the vault');
    }
  }

  private halt(id: string): void {
    if (this.running.delete(id)) this.sources.remove(id);
  }

  private resumeAutomatic(id: string): void {
    const venue = this.d.simVenues.find((v) => this.simWireId(v) === id);
    if (venue) {
      this.run(id, () => this.simWire(id, venue));
      return;
    }
    this.refreshPositioning();
  }

  /** One wire per SIM venue: "sim-wire" alone, "sim-wire-sim-a" beside others. */
  private simWireId(venue: SimWireVenue): string {
    return this.d.simVenues.length === 1 ? SIM_WIRE_SOURCE_ID : `${SIM_WIRE_SOURCE_ID}-${venue.id.toLowerCase()}`;
  }

  private simWire(id: string, venue: SimWireVenue): SourceDefinition {
    const { simWireIntervalMs: intervalMs, simWireHeadlinesPerMinute: headlinesPerMinute } = this.d.options;
    return simWireSource({ id, seed: hashSeed(venue.id), read: simVenueRegimeReader(venue), ...(intervalMs ? { intervalMs } : {}), ...(headlinesPerMinute ? { headlinesPerMinute } : {}) });
  }

  /**
   * One positioning source per connected Binance USD-M account, for its perpetuals the trader watches,
   * stars, holds or focuses (at most MAX_POSITIONING_SYMBOLS, most relevant first), at the account's REST base.
   */
  private refreshPositioning(): void {
    const paused = new Set(this.settings.pausedAutomatic());
    const accounts = this.d.usdmAccounts();
    const wanted = new Set(accounts.map((a) => POSITIONING_ID(a.venue)));
    for (const [id, m] of this.meta) {
      if (m.kind === 'binancePositioning' && !wanted.has(id)) {
        this.halt(id);
        this.meta.delete(id);
      }
    }
    const all = this.d.instruments();
    for (const a of accounts) {
      const id = POSITIONING_ID(a.venue);
      const perps = all.filter((i) => i.venue === a.venue && (!i.contract || i.contract.kind === 'future'));
      const bySymbol = new Map(perps.map((i) => [i.symbol, i]));
      const chosen = this.relevantInstruments().filter((i) => i.venue === a.venue && bySymbol.has(i.symbol)).slice(0, MAX_POSITIONING_SYMBOLS);
      const symbols = chosen.map((i) => ({ venueSymbol: i.venueSymbol, instrument: `${i.base}-${i.quote}` }));
      const key = symbols.map((s) => s.venueSymbol).join(',');
      const m = this.meta.get(id);
      if (m && m.target === `${a.venue}: ${key}` && (this.running.has(id) || !m.enabled)) continue;
      this.halt(id);
      const enabled = !paused.has(id);
      this.meta.set(id, { kind: 'binancePositioning', label: `${a.venue} positioning`, target: `${a.venue}: ${key}`, automatic: true, simulated: false, enabled, intervalMs: 60_000 });
      if (enabled && symbols.length) this.run(id, () => binancePositioningSource({ id, label: `${a.venue} positioning`, baseUrl: a.restUrl, symbols }));
    }
    this.throttle.changed();
  }

  private followOrderFlow(venue: string, symbol: string): void {
    if (this.orderFlow.followed(symbol)) return;
    if (this.orderFlow.symbols().length >= MAX_ORDER_FLOW_MODELS) return;
    this.orderFlow.follow(venue, symbol);
  }

  /**
   * Drops the order-flow models of instruments no view focuses or watches any more (nor starred, held or
   * ordered), once unwanted for ORDER_FLOW_GRACE_MS on the engine's clock: without it every instrument ever
   * focused kept its model until the cap, and a newly focused one got none.
   */
  private dropUnwantedOrderFlow(): void {
    const wanted = new Set(this.pinnedOrderFlow);
    for (const inst of this.relevantInstruments()) if (!inst.contract) wanted.add(inst.symbol);
    for (const symbol of this.orderFlowRetention.review(this.orderFlow.symbols(), wanted)) {
      this.orderFlow.unfollow(symbol);
      this.d.logger.info({ symbol }, 'order-flow model dropped: no view has looked at its instrument for the grace period');
    }
  }

  private async trainOnSimulated(venue: string): Promise<void> {
    try {
      const data = await simulateOrderFlow({ seed: hashSeed(venue), durationMs: 20 * 60_000, startMs: this.d.clock.now() });
      this.orderFlow.adopt('BTC-USDT', data);
    } catch (error) {
      this.d.logger.warn({ reason: (error as Error).message }, 'simulated order-flow training failed');
    }
  }

  /**
   * A bar closes when its minute ends, whether or not a trade follows: its close is read then (just after,
   * see BAR_SETTLE_MS), not polled for. The next read is armed first, so a failing read never stops them.
   */
  private readBarsAtMinuteEnd(): void {
    const sinceRead = (this.d.clock.now() - BAR_SETTLE_MS) % 60_000;
    this.barsTimer = this.d.clock.setTimeout(() => {
      this.readBarsAtMinuteEnd();
      this.bars(false);
    }, 60_000 - sinceRead);
  }

  /**
   * Closed 1-minute bars into the technicals: one venue per canonical symbol (a SIM venue first, else the
   * first venue that quotes it). Read from the terminal's candles as each minute ends: its candle events go
   * only to instruments on screen, and the signals are for every instrument followed.
   */
  private bars(initial: boolean): void {
    const now = this.d.clock.now();
    for (const { venue, symbol } of this.closeSources()) {
      const bars = this.d.minuteBars(venue, symbol, initial ? 200 : 3);
      const from = this.closesFrom.get(symbol);
      const lastClosedAt = Math.floor(now / 60_000) * 60;
      for (const b of bars) {
        // A bar is closed once its minute is over; the newest one is still forming.
        if (b.time >= lastClosedAt) continue;
        if (from && b.time <= from.lastBar) continue;
        this.aggregator.addClose(symbol, b.close, (b.time + 60) * 1000);
        this.closesFrom.set(symbol, { venue, lastBar: b.time });
      }
    }
  }

  private *closeSources(): Generator<{ venue: string; symbol: string }> {
    const seen = new Set<string>();
    for (const [symbol, { venue }] of this.closesFrom) {
      seen.add(symbol);
      yield { venue, symbol };
    }
    const simIds = new Set(this.d.simVenues.map((v) => v.id));
    const candidates = [...this.d.instruments().filter((i) => simIds.has(i.venue) && !i.contract), ...this.relevantInstruments().filter((i) => !i.contract)];
    for (const i of candidates) {
      if (seen.has(i.symbol)) continue;
      seen.add(i.symbol);
      this.closesFrom.set(i.symbol, { venue: i.venue, lastBar: -1 });
      yield { venue: i.venue, symbol: i.symbol };
    }
  }

  /** A SIM venue's wire (one per SIM venue: "sim-wire", or "sim-wire-<venue>" with several). */
  private isSimulated(source: string): boolean {
    return this.meta.get(source)?.simulated ?? (source === SIM_WIRE_SOURCE_ID || source.startsWith(`${SIM_WIRE_SOURCE_ID}-`));
  }

  /** The instruments of relevant(), most relevant first, each once (one pass over the registry). */
  private relevantInstruments(): Instrument[] {
    const wanted = new Map<string, number>();
    for (const r of this.d.relevant()) {
      const key = `${r.venue}\u0000${r.symbol}`;
      if (!wanted.has(key)) wanted.set(key, wanted.size);
    }
    if (wanted.size === 0) return [];
    const found: [number, Instrument][] = [];
    for (const i of this.d.instruments()) {
      const rank = wanted.get(`${i.venue}\u0000${i.symbol}`);
      if (rank !== undefined) found.push([rank, i]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  }

  private canonicalSymbols(): string[] {
    return [...new Set(this.d.instruments().filter((i) => !i.contract).map((i) => `${i.base}-${i.quote}`))].slice(0, 1_000);
  }

  private prune(): void {
    const deleted = this.store.prune(this.d.clock.now() - KEEP_ITEMS_MS);
    if (deleted) this.d.logger.info({ deleted }, 'signal store pruned (items older than 30 days)');
  }

  private restoredWeights(): unknown {
    const stored = this.settings.weights();
    if (stored === undefined) return DEFAULT_SIGNAL_WEIGHTS;
    try {
      return parseSignalWeights(stored);
    } catch {
      this.d.logger.warn({}, 'stored signal weights are invalid; the defaults apply');
      return DEFAULT_SIGNAL_WEIGHTS;
    }
  }

  private known(id: string): SourceMeta {
    const m = this.meta.get(id);
    if (!m) throw new SqError('INVALID_INPUT', `no signal source "${id}"`);
    return m;
  }

  private newId(kind: StoredTicket['kind']): string {
    const prefix = kind.toLowerCase();
    let n = 1;
    while (this.meta.has(`${prefix}-${n}`)) n++;
    return `${prefix}-${n}`;
  }

  private newAlertId(): string {
    const ids = new Set(this.aggregator.alerts().map((a) => a.id));
    while (ids.has(`alert-${this.nextAlert}`)) this.nextAlert++;
    return `alert-${this.nextAlert++}`;
  }

  private endpoints(): SourceEndpoints {
    return this.d.options.endpoints ?? {};
  }
}

export const CRYPTOPANIC_LOCKED = 'unlock the vault to use CryptoPanic';
/** Only when the unlocked vault truly holds no token for the source (deleted from the file by another writer, or a vault replaced). */
export const CRYPTOPANIC_NO_TOKEN = 'the vault holds no CryptoPanic token for this source: remove it and add it again with the token';

/** No token in an error text, whatever a definition's message holds. */
function scrub(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('***').split(encodeURIComponent(secret)).join('***');
}

/** The alert with its one-line message, its numbers in the trader's format as it is when it fired. */
function alertView(a: SignalAlert, format: NumberFormat): SignalAlertView {
  const what = a.signal === 'composite' ? 'composite' : a.signal;
  const num = (x: number): string => localiseNumber(signed(x), format);
  return { ...a, message: `${a.instrument} ${what} crossed ${a.direction} ${num(a.threshold)} (now ${num(a.value)})` };
}

/** A stable seed per venue id, so the wire's headlines do not change with the order venues are listed in. */
function hashSeed(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}


/** A signal value for a one-line message: three decimals (a threshold of -0.072 must not read -0.07), sign kept. */
function signed(x: number): string {
  const t = x.toFixed(3);
  return t === '-0.000' ? '0.000' : t;
}
