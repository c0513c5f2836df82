import {
  err,
  EventBus,
  ok,
  silentLogger,
  SqError,
  type Clock,
  type Logger,
  type OrderRequest,
  type Result,
  type SqErrorInfo,
  type Symbol,
  type VenueId,
} from '../core';
import { instrumentKey, type InstrumentRegistry } from '../instruments';
import type { Store } from '../storage';
import type { BreakerSettings, BreakerTransitionRecord } from './circuitBreaker';
import { CircuitBreakers, type BreakerView } from './circuitBreakers';
import { compileLimits, type CompiledLimits } from './compiledLimits';
import { DailyLoss, type DailyLossStatus, type ScaledAmount } from './dailyLoss';
import type { TrackedOrder } from './exposureTracker';
import { FlattenPermits, type FlattenOrder } from './flattenPermits';
import type { KillSwitch } from './killSwitch';
import {
  accountSpecProblem,
  breakerSpecProblem,
  limitSpecProblem,
  optionLimitsProblem,
  type OptionLimits,
  migrateStoredBreakers,
  resetMinuteOfDay,
  validateConfig,
  venueSpecProblem,
  type AccountLimitSpec,
  type BreakerLimits,
  type BreakerSpec,
  type LimitSpec,
  type RiskLimitsConfig,
  type VenueLimitSpec,
} from './limitConfig';
import { describeAmount, resolveLimits, type ResolvedLimits } from './limits';
import { NO_OPTION_GREEKS, type OptionGreeksSource } from './optionGreeks';
import { optionUtilisation } from './optionUtilisation';
import { PreTradeChecks } from './preTrade';
import { rejectionMessage } from './rejectionMessage';
import { referencePriceContext, type ReferencePrice, type RiskContext } from './riskContext';
import { errorCodeOf, RiskCode } from './riskCodes';
import { buildUtilisation, type RiskUtilisation } from './utilisation';

export { type ReferencePrice } from './riskContext';

export interface RiskManagerOptions {
  instruments: InstrumentRegistry;
  killSwitch: KillSwitch;
  /**
   * Positions, working orders and prices, read on every check. Without it the account looks empty
   * and `referencePrice` values market orders: enough for the single-order limits only.
   */
  context?: RiskContext;
  referencePrice?: ReferencePrice;
  /**
   * Option Greeks (the terminal's option chain): options count in gross exposure by their delta-adjusted
   * notional and face the option Greek limits. Without it no option has Greeks, and an option order is
   * refused wherever such a limit applies (fail closed); orders on other instruments are unaffected.
   */
  optionGreeks?: OptionGreeksSource;
  /** Time for order rates, duplicates, breakers and the trading day; default the kill switch's clock. */
  clock?: Clock;
  /**
   * Where limits (settings key `risk.limits`) and the states of tripped circuit breakers
   * (`risk.breakers`) persist; without it, both last for the run only.
   */
  store?: Store;
  /** Per-instrument defaults used when the store holds no limits yet. */
  defaults?: LimitSpec;
  /** A whole start configuration used when the store holds none (its `defaults` lose to `defaults` above). */
  config?: RiskLimitsConfig;
  logger?: Logger;
}

export type RiskEvents = {
  /** The limits after every accepted change. */
  limits: RiskLimitsConfig;
  /** Every daily loss evaluation. */
  dailyLoss: DailyLossStatus[];
};

const SETTING_KEY = 'risk.limits';

/** The one `ok` a passing check returns: shared and frozen so that passing allocates nothing. */
const PASSED: Result<void> = Object.freeze({ ok: true as const, value: undefined });

/**
 * Pre-trade risk: every order the OMS is asked to send is checked here first against the limits
 * (per instrument, per venue, per quote currency, account-wide), the circuit breakers, the daily loss
 * limit and the kill switch. Every rejection carries a reason precise enough for a trader to fix the
 * order without looking anything up: which amount, which limit, on which instrument or venue.
 */
export class RiskManager {
  readonly killSwitch: KillSwitch;
  readonly breakers: CircuitBreakers;
  readonly events: EventBus<RiskEvents>;
  /** Why the stored limits could not be used at start, if they could not. */
  readonly loadProblem: string | undefined;
  private readonly instruments: InstrumentRegistry;
  private readonly context: RiskContext;
  private readonly clock: Clock;
  private readonly store: Store | undefined;
  private readonly logger: Logger;
  private readonly checks: PreTradeChecks;
  private readonly permits = new FlattenPermits();
  private readonly daily: DailyLoss;
  private readonly lastLoss = new Map<string, DailyLossStatus>();
  private config: RiskLimitsConfig;
  private readonly optionGreeks: OptionGreeksSource;

  constructor(options: RiskManagerOptions) {
    this.optionGreeks = options.optionGreeks ?? NO_OPTION_GREEKS;
    this.instruments = options.instruments;
    this.killSwitch = options.killSwitch;
    this.clock = options.clock ?? options.killSwitch.clock;
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    this.context = options.context ?? referencePriceContext(options.referencePrice ?? (() => undefined));
    this.events = new EventBus<RiskEvents>((event, error) => this.logger.error({ event, error: String(error) }, 'risk listener threw'));

    const start = validateConfig({ ...(options.config ?? { instruments: {} }), defaults: { ...options.config?.defaults, ...options.defaults } });
    // Start limits come from code, not from a person: a bad one is a bug to fix, not an input to refuse.
    if (!start.ok) throw new SqError(start.error.code, `start risk limits: ${start.error.message}`);
    const loaded = this.loadConfig(start.value);
    this.config = loaded.config;
    this.loadProblem = loaded.problem;

    this.breakers = new CircuitBreakers(this.clock, this.config.breakers, { store: this.store, logger: this.logger });
    this.daily = new DailyLoss(this.store, this.logger);
    this.checks = new PreTradeChecks(this.context, this.clock, this.killSwitch, this.permits, this.instruments, () => this.recompile(), this.optionGreeks);
    this.recompile();
  }

  /**
   * The pre-trade check the OMS calls. Passing allocates nothing; a rejection says why in words.
   * `laterSlice`: the 2nd or later child of one sliced order (same terms by design), not a repeat.
   */
  check(req: OrderRequest, laterSlice = false): Result<void> {
    const code = this.checks.evaluate(req, undefined, laterSlice);
    if (code === RiskCode.PASS) return PASSED;
    const info = this.describeRejection(code, req);
    return { ok: false, error: info };
  }

  /**
   * The check of an amend: `req` is the working order's terms with the change applied (qty the new
   * total, filled part included). The amended order must pass the limits a new one would, counted
   * with the order's present terms replaced, not added to (see PreTradeChecks.evaluate).
   */
  checkAmend(order: TrackedOrder, req: OrderRequest): Result<void> {
    const code = this.checks.evaluate(req, order);
    if (code === RiskCode.PASS) return PASSED;
    return { ok: false, error: this.describeRejection(code, req) };
  }

  /**
   * The same check returning only a RiskCode (0 = pass), for hot paths that want no objects at all;
   * describeRejection(code, req), called straight after, gives the reason.
   */
  checkCode(req: OrderRequest): RiskCode {
    return this.checks.evaluate(req);
  }

  describeRejection(code: RiskCode, req: OrderRequest): SqErrorInfo {
    const message = rejectionMessage(code, this.checks.detail, this.checks.time[0]!, req, {
      compiled: this.checks.compiled,
      dailyLoss: (currency) => this.lastLoss.get(currency),
    });
    return { code: errorCodeOf(code), message };
  }

  // ---- limits ------------------------------------------------------------------------------------

  limits(): RiskLimitsConfig {
    return structuredClone(this.config);
  }

  /** One instrument's limits in its own integers (lots, QuoteUnits, ppm). */
  limitsFor(venue: VenueId, symbol: Symbol): ResolvedLimits | undefined {
    const inst = this.instruments.get(venue, symbol);
    return inst && resolveLimits(inst, this.config, instrumentKey(venue, symbol));
  }

  /** Replaces everything; a bad value anywhere refuses the whole change and names the field. */
  setLimits(config: RiskLimitsConfig): Result<RiskLimitsConfig> {
    const valid = validateConfig(config);
    return valid.ok ? this.save(valid.value) : valid;
  }

  setDefaultLimits(spec: LimitSpec): Result<RiskLimitsConfig> {
    const bad = limitSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setLimits({ ...this.config, defaults: { ...spec } });
  }

  /** Overrides one instrument's limits; `undefined` removes the override (defaults apply again). */
  setInstrumentLimits(venue: VenueId, symbol: Symbol, spec: LimitSpec | undefined): Result<RiskLimitsConfig> {
    const key = instrumentKey(venue, symbol);
    if (!this.instruments.get(venue, symbol)) return err('UNKNOWN_INSTRUMENT', `unknown instrument ${key}`);
    const bad = spec && limitSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setLimits({ ...this.config, instruments: withEntry(this.config.instruments, key, spec) });
  }

  setVenueDefaults(spec: VenueLimitSpec): Result<RiskLimitsConfig> {
    const bad = venueSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setLimits({ ...this.config, venueDefaults: { ...spec } });
  }

  /** Overrides one venue's limits; `undefined` removes the override. */
  setVenueLimits(venue: VenueId, spec: VenueLimitSpec | undefined): Result<RiskLimitsConfig> {
    if (!this.instruments.all().some((i) => i.venue === venue)) return err('INVALID_INPUT', `unknown venue ${venue}`);
    const bad = spec && venueSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setLimits({ ...this.config, venues: withEntry(this.config.venues ?? {}, venue, spec) });
  }

  setAccountLimits(spec: AccountLimitSpec): Result<RiskLimitsConfig> {
    const bad = accountSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setLimits({ ...this.config, account: structuredClone(spec) });
  }

  /** The option Greek limits (defaults and per underlying) as a whole; `undefined` removes them. */
  setOptionLimits(limits: OptionLimits | undefined): Result<RiskLimitsConfig> {
    const bad = limits && optionLimitsProblem(limits);
    if (bad) return err('INVALID_INPUT', bad);
    const next: RiskLimitsConfig = { ...this.config, options: structuredClone(limits) };
    if (limits === undefined) delete next.options;
    return this.setLimits(next);
  }

  /** The breaker settings every venue and instrument has unless overridden. */
  setBreakerDefaults(spec: BreakerSpec): Result<RiskLimitsConfig> {
    const bad = breakerSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setBreakers({ ...this.config.breakers, defaults: { ...spec } });
  }

  /** Overrides the breaker settings of one venue (its breaker and its instruments'); `undefined` removes the override. */
  setVenueBreakers(venue: VenueId, spec: BreakerSpec | undefined): Result<RiskLimitsConfig> {
    if (!this.instruments.all().some((i) => i.venue === venue)) return err('INVALID_INPUT', `unknown venue ${venue}`);
    const bad = spec && breakerSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setBreakers({ ...this.config.breakers, venues: withEntry(this.config.breakers?.venues ?? {}, venue, spec && { ...spec }) });
  }

  /** Overrides the breaker settings of one instrument; `undefined` removes the override. */
  setInstrumentBreakers(venue: VenueId, symbol: Symbol, spec: BreakerSpec | undefined): Result<RiskLimitsConfig> {
    const key = instrumentKey(venue, symbol);
    if (!this.instruments.get(venue, symbol)) return err('UNKNOWN_INSTRUMENT', `unknown instrument ${key}`);
    const bad = spec && breakerSpecProblem(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.setBreakers({ ...this.config.breakers, instruments: withEntry(this.config.breakers?.instruments ?? {}, key, spec && { ...spec }) });
  }

  /** The breaker settings in effect for a venue's breaker (no symbol) or an instrument's, defaults filled in. */
  breakerSettingsFor(venue: VenueId, symbol?: Symbol): BreakerSettings {
    return this.breakers.settingsFor(venue, symbol);
  }

  // ---- monitoring --------------------------------------------------------------------------------

  /**
   * Today's P&L per quote currency against the daily loss limit. A breach engages the kill switch
   * (source 'risk') and refuses that currency's orders until the next daily reset. Call it after
   * every fill and on a timer (the wiring's mark timer): unrealised P&L moves with the market.
   */
  evaluateDailyLoss(): DailyLossStatus[] {
    const compiled = this.current();
    const totals = new Map<string, ScaledAmount>();
    const limits = new Map<string, ScaledAmount>();
    for (const c of compiled.currencies.values()) {
      let units = 0;
      for (const e of c.instruments) units += this.context.pnl(e.ref) * e.toCommon;
      totals.set(c.currency, { units, decimals: c.decimals });
      if (c.maxDailyLoss !== undefined) limits.set(c.currency, { units: c.maxDailyLoss, decimals: c.decimals });
    }
    const now = this.clock.now();
    const statuses = this.daily.evaluate(now, resetMinuteOfDay(this.config.account?.dailyResetUtc), totals, limits);
    for (const s of statuses) {
      this.lastLoss.set(s.currency, s);
      const c = compiled.currencies.get(s.currency);
      if (c) c.lossBreached = s.breached;
      if (s.breached && !this.killSwitch.isEngaged()) {
        const amount = (units: number): string => describeAmount(units, s.decimals, s.currency);
        this.killSwitch.engage(
          'risk',
          `daily loss ${amount(s.loss)} since ${new Date(s.dayStart).toISOString()} is above the max daily loss ${amount(s.limit ?? 0)}`,
        );
      }
    }
    this.events.emit('dailyLoss', statuses);
    return statuses;
  }

  /** How much of each limit is in use, for the risk panel. */
  utilisation(): RiskUtilisation {
    const compiled = this.current();
    const now = this.clock.now();
    this.checks.time[0] = now; // the buckets read the time from here
    return buildUtilisation({
      now,
      compiled,
      context: this.context,
      killSwitch: this.killSwitch.status(),
      grossExposure: (currency) => {
        const c = compiled.currencies.get(currency);
        return c ? this.checks.grossExposure(c, now) : 0;
      },
      dailyLoss: (currency) => this.lastLoss.get(currency),
      options: () => optionUtilisation(compiled, this.context, this.optionGreeks),
    });
  }

  /**
   * The reduce-only market orders that close every open position, each let through the engaged kill
   * switch once: under the clientOrderId `newId` gives it, with exactly its terms, within 30 s. For
   * "flatten on engage": the wiring sends them after the cancel-all has settled, so the positions it
   * closes are the final ones.
   */
  planFlatten(newId: () => string): FlattenOrder[] {
    const orders: FlattenOrder[] = [];
    for (const e of this.current().all) {
      const qty = this.context.exposure(e.ref).position;
      if (qty === 0) continue;
      orders.push({ clientOrderId: newId(), venue: e.venue, symbol: e.symbol, side: qty > 0 ? 'sell' : 'buy', type: 'market', reduceOnly: true, qty: Math.abs(qty) });
    }
    this.permits.grant(orders, this.clock.now());
    if (orders.length > 0) this.logger.warn({ orders }, `flatten planned: ${orders.length} closing market orders`);
    return orders;
  }

  /** Withdraws the permit of a flatten order that was not placed. */
  revokeFlatten(clientOrderId: string): void {
    this.permits.revoke(clientOrderId);
  }

  // ---- circuit breaker inputs (the wiring forwards OMS, venue and book events) -------------------

  onOrderAck(venue: VenueId, symbol: Symbol, latencyMs: number, clientOrderId?: string): void {
    this.breakers.onOrderAck(venue, symbol, latencyMs, clientOrderId);
  }

  onOrderReject(venue: VenueId, symbol: Symbol, reason: string, clientOrderId?: string): void {
    this.breakers.onOrderReject(venue, symbol, reason, clientOrderId);
  }

  onVenueError(venue: VenueId, reason: string, symbol?: Symbol): void {
    this.breakers.onVenueError(venue, reason, symbol);
  }

  onBookStale(venue: VenueId, symbol: Symbol, stale: boolean, reason?: string): void {
    this.breakers.onBookStale(venue, symbol, stale, reason);
  }

  resetBreaker(venue: VenueId, symbol?: Symbol): Result<BreakerView> {
    return this.breakers.reset(venue, symbol);
  }

  breakerTransitions(): BreakerTransitionRecord[] {
    return this.breakers.transitions();
  }

  /** Cancels the breakers' pending timers; call at shutdown. */
  dispose(): void {
    this.breakers.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------------

  /** Empty sections are dropped: "no overrides" reads the same however it was reached. */
  private setBreakers(breakers: BreakerLimits): Result<RiskLimitsConfig> {
    const tidy: BreakerLimits = {};
    if (breakers.defaults !== undefined && Object.keys(breakers.defaults).length > 0) tidy.defaults = breakers.defaults;
    if (breakers.venues !== undefined && Object.keys(breakers.venues).length > 0) tidy.venues = breakers.venues;
    if (breakers.instruments !== undefined && Object.keys(breakers.instruments).length > 0) tidy.instruments = breakers.instruments;
    const next: RiskLimitsConfig = { ...this.config, breakers: tidy };
    if (Object.keys(tidy).length === 0) delete next.breakers;
    return this.setLimits(next);
  }

  private save(config: RiskLimitsConfig): Result<RiskLimitsConfig> {
    this.store?.setSetting(SETTING_KEY, config);
    this.config = config;
    this.breakers.configure(config.breakers);
    this.recompile();
    this.logger.info({ limits: config }, 'risk limits changed');
    this.events.emit('limits', this.limits());
    // A lowered loss limit may already be breached: find out now, not at the next timer.
    if (config.account?.maxDailyLoss !== undefined) this.evaluateDailyLoss();
    return ok(this.limits());
  }

  /** The compiled limits, recompiled first if instruments were listed since (the check does this on a miss). */
  private current(): CompiledLimits {
    if (this.instruments.all().length !== this.checks.compiled.instrumentCount) this.recompile();
    return this.checks.compiled;
  }

  private recompile(): void {
    this.checks.time[0] = this.clock.now();
    this.checks.install(compileLimits(
      this.instruments.all(),
      this.config,
      this.breakers,
      this.checks.compiled as CompiledLimits | undefined,
      this.checks.time,
    ));
  }

  private loadConfig(start: RiskLimitsConfig): { config: RiskLimitsConfig; problem?: string } {
    const stored = this.store?.getSetting<unknown>(SETTING_KEY);
    if (stored === undefined) return { config: start };
    const saved = migrateStoredBreakers(stored);
    const valid = validateConfig(saved);
    if (valid.ok) return { config: valid.value };
    // The file is a trust boundary; the start limits are the trader's configured fallback.
    this.logger.error({ saved, problem: valid.error.message }, 'stored risk limits unreadable; using the start limits');
    return { config: start, problem: valid.error.message };
  }
}

function withEntry<T>(map: Record<string, T>, key: string, value: T | undefined): Record<string, T> {
  const next = { ...map };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
