import type { Symbol, VenueId } from '../core';
import { quoteDecimals, type Instrument } from '../instruments';
import type { CircuitBreaker } from './circuitBreaker';
import type { CircuitBreakers } from './circuitBreakers';
import { DuplicateGuard } from './duplicateGuard';
import type { GreekLimitSpec, RiskLimitsConfig, VenueLimitSpec } from './limitConfig';
import { resolveLimits, scaleDown } from './limits';
import { instrumentRef, type InstrumentRef } from './riskContext';
import { TokenBucket, type TimeCell } from './tokenBucket';

/*
 * The limits compiled for the hot path: every limit a plain number on a per-instrument object, with
 * Infinity for "no limit" so that every comparison runs the same way and none needs a branch on
 * whether the limit exists. Rebuilt whenever the configuration or the instrument list changes.
 */

/** Orders limits shared by a venue's instruments, or by every venue (the account). */
export class OrderFlowRisk {
  maxOpenOrders = Infinity;
  bucket: TokenBucket | undefined = undefined;
}

export class VenueRisk extends OrderFlowRisk {
  constructor(
    readonly venue: VenueId,
    readonly breaker: CircuitBreaker,
  ) {
    super();
  }
}

/**
 * One quote currency. Amounts of different instruments of the same currency can have different
 * QuoteUnits (10^-(priceDecimals + qtyDecimals)); they are added at the finest of those scales,
 * `decimals`, by multiplying each instrument's amounts by 10^(decimals - its own), which is exact.
 */
export const DEFAULT_MARK_MAX_AGE_MS = 1_000;

export const HELD_VERSION = 0;
export const HELD_UNTIL = 1;
export const HELD_SUM = 2;
export const HELD_UNMARKED = 3;
export const MARK = 0;
export const MARK_AT = 1;
export const PART = 2;
export const POSITION = 3;
export const WORKING = 4;

export class CurrencyRisk {
  readonly instruments: InstrumentRisk[] = [];
  maxGrossExposure = Infinity;
  maxDailyLoss: number | undefined = undefined;
  /** Set by the daily loss evaluation; refuses every order in the currency until the next trading day. */
  lossBreached = false;
  /** How old another instrument's cached mark may be for the exposure check. */
  markMaxAgeMs = DEFAULT_MARK_MAX_AGE_MS;
  /**
   * The exposure check's running sum (see PreTradeChecks.heldExposure), in one Float64Array so that
   * updating it allocates nothing: [HELD_VERSION] the RiskContext exposureVersion it was summed at,
   * [HELD_UNTIL] when its oldest mark gets too old, [HELD_SUM] the sum, [HELD_UNMARKED] how many
   * positions had no mark. Fresh (never valid) after every compile.
   */
  readonly held = new Float64Array([-1, -Infinity, 0, 0]);

  constructor(
    readonly currency: string,
    readonly decimals: number,
  ) {}
}

export class InstrumentRisk {
  readonly ref: InstrumentRef;
  readonly key: string;
  readonly venue: VenueId;
  readonly symbol: Symbol;
  /**
   * The exposure check's cache of this instrument: [MARK] its mark in ticks, [MARK_AT] when that was
   * read, [PART] what it adds to its currency's held sum (|position| at that mark + working orders),
   * and what that was made of: [POSITION] in lots, [WORKING] its working orders' value at common scale.
   */
  readonly mark = new Float64Array([NaN, -Infinity, 0, 0, 0]);
  // The numbers below start as numbers (the constructor sets them): a field declared bare starts undefined,
  // and V8 then keeps it as any value, checked on every read in the pre-trade checks.
  /** Multiplier from this instrument's QuoteUnits to its currency's common scale. */
  readonly toCommon: number = 0;
  /** Common-scale units per tick*lot: value = ticks * lots * unitFactor. */
  readonly unitFactor: number = 0;
  /** QuoteUnits per tick*lot (tickSize * lotSize): notional = ticks * lots * tickLot. */
  readonly tickLot: number = 0;
  /** The instrument's minimum order value, QuoteUnits. */
  readonly minNotional: number = 0;
  maxOrderQty = Infinity;
  maxOrderNotional = Infinity;
  maxLongPosition = Infinity;
  maxShortPosition = Infinity;
  /** Parts per million of the reference price. */
  collarPpm = Infinity;
  collarFromLast = false;
  maxOpenOrders = Infinity;
  selfTradePrevention = false;
  duplicateWindowMs = 0;
  /**
   * A call or a put: its position and working orders count in gross exposure by their delta-adjusted
   * notional, and its orders are checked against the option Greek limits. For an option, the exposure
   * cache's [MARK] holds that notional per lot at its currency's common scale, and [WORKING] its
   * working lots (a delta moves with the market, so working orders are valued with the mark).
   */
  readonly isOption: boolean;
  /** Units of the instrument's quantity (its base) per lot: lotSize × 10^-qtyDecimals. */
  readonly qtyPerLot: number = 0;
  /** Every option on the same underlying instrument, this one included (what portfolio Greeks sum over). */
  optionGroup: InstrumentRisk[] = [];

  constructor(
    readonly inst: Instrument,
    readonly venueRisk: VenueRisk,
    readonly currency: CurrencyRisk,
    readonly breaker: CircuitBreaker,
    readonly duplicates: DuplicateGuard,
  ) {
    this.ref = instrumentRef(inst.venue, inst.symbol);
    this.key = this.ref.key;
    this.venue = inst.venue;
    this.symbol = inst.symbol;
    this.toCommon = 10 ** (currency.decimals - quoteDecimals(inst));
    this.unitFactor = inst.tickSize * inst.lotSize * this.toCommon;
    this.tickLot = inst.tickSize * inst.lotSize;
    this.minNotional = inst.minNotional;
    const kind = inst.contract?.kind;
    this.isOption = kind === 'call' || kind === 'put';
    this.qtyPerLot = inst.lotSize / 10 ** inst.qtyDecimals;
  }
}

/** One underlying's option Greek limits as numbers; Infinity = no limit. */
export interface GreekLimits {
  maxDelta: number;
  maxVega: number;
}

export const NO_GREEK_LIMITS: GreekLimits = Object.freeze({ maxDelta: Infinity, maxVega: Infinity });

/** The option limits, resolved per underlying on first use. */
export class OptionGreekLimits {
  /** Whether any Greek limit is set anywhere: without one, option orders need no Greeks for them. */
  readonly limited: boolean;
  private readonly defaults: GreekLimits;
  private readonly byUnderlying = new Map<string, GreekLimits>();

  constructor(private readonly config: RiskLimitsConfig['options']) {
    this.defaults = greekLimits(config?.defaults, NO_GREEK_LIMITS);
    this.limited =
      this.defaults !== NO_GREEK_LIMITS || Object.values(config?.underlyings ?? {}).some((spec) => spec.maxDelta !== undefined || spec.maxVega !== undefined);
  }

  /** The underlyings the configuration names (their limits may be unset fields). */
  configuredUnderlyings(): Readonly<Record<string, unknown>> {
    return this.config?.underlyings ?? {};
  }

  for(underlying: string): GreekLimits {
    let limits = this.byUnderlying.get(underlying);
    if (limits === undefined) {
      limits = greekLimits(this.config?.underlyings?.[underlying], this.defaults);
      this.byUnderlying.set(underlying, limits);
    }
    return limits;
  }
}

function greekLimits(spec: GreekLimitSpec | undefined, base: GreekLimits): GreekLimits {
  if (spec?.maxDelta === undefined && spec?.maxVega === undefined) return base;
  // The texts were validated as plain decimals; Greeks are floats, so the limits are too.
  return {
    maxDelta: spec.maxDelta === undefined ? base.maxDelta : Number(spec.maxDelta),
    maxVega: spec.maxVega === undefined ? base.maxVega : Number(spec.maxVega),
  };
}

export interface CompiledLimits {
  byVenue: Map<VenueId, Map<Symbol, InstrumentRisk>>;
  all: InstrumentRisk[];
  venues: Map<VenueId, VenueRisk>;
  currencies: Map<string, CurrencyRisk>;
  account: OrderFlowRisk;
  options: OptionGreekLimits;
  /** How many instruments the registry had: a new one triggers a recompile. */
  instrumentCount: number;
}

/**
 * Compiles `config` for `instruments`. What carries over from `previous`: the tokens left in each
 * bucket (editing a limit must not hand out a fresh burst), each instrument's duplicate memory, and
 * the daily-loss verdict (only the next evaluation may lift it).
 */
export function compileLimits(
  instruments: readonly Instrument[],
  config: RiskLimitsConfig,
  breakers: CircuitBreakers,
  previous: CompiledLimits | undefined,
  time: TimeCell,
): CompiledLimits {
  const currencies = new Map<string, CurrencyRisk>();
  const decimals = new Map<string, number>();
  for (const inst of instruments) decimals.set(inst.quote, Math.max(decimals.get(inst.quote) ?? 0, quoteDecimals(inst)));
  for (const [currency, d] of decimals) {
    const c = new CurrencyRisk(currency, d);
    const exposure = config.account?.maxGrossExposure?.[currency];
    if (exposure !== undefined) c.maxGrossExposure = scaleDown(exposure, d);
    const loss = config.account?.maxDailyLoss?.[currency];
    if (loss !== undefined) c.maxDailyLoss = scaleDown(loss, d);
    c.lossBreached = previous?.currencies.get(currency)?.lossBreached ?? false;
    c.markMaxAgeMs = config.account?.exposureMarkMaxAgeMs ?? DEFAULT_MARK_MAX_AGE_MS;
    currencies.set(currency, c);
  }

  const venues = new Map<VenueId, VenueRisk>();
  for (const inst of instruments) {
    if (venues.has(inst.venue)) continue;
    const v = new VenueRisk(inst.venue, breakers.venue(inst.venue));
    applyFlow(v, { ...config.venueDefaults, ...config.venues?.[inst.venue] }, previous?.venues.get(inst.venue), time);
    venues.set(inst.venue, v);
  }
  const account = new OrderFlowRisk();
  applyFlow(account, config.account ?? {}, previous?.account, time);

  const byVenue = new Map<VenueId, Map<Symbol, InstrumentRisk>>();
  const all: InstrumentRisk[] = [];
  for (const inst of instruments) {
    const old = previous?.byVenue.get(inst.venue)?.get(inst.symbol);
    const currency = currencies.get(inst.quote)!;
    const e = new InstrumentRisk(
      inst,
      venues.get(inst.venue)!,
      currency,
      breakers.instrument(inst.venue, inst.symbol),
      old?.duplicates ?? new DuplicateGuard(time),
    );
    if (old) e.mark.set(old.mark);
    const r = resolveLimits(inst, config, e.key);
    e.maxOrderQty = r.maxOrderQty ?? Infinity;
    e.maxOrderNotional = r.maxOrderNotional ?? Infinity;
    e.maxLongPosition = r.maxLongPosition ?? Infinity;
    e.maxShortPosition = r.maxShortPosition ?? Infinity;
    e.collarPpm = r.priceCollarPpm ?? Infinity;
    e.collarFromLast = r.priceCollarReference === 'last';
    e.maxOpenOrders = r.maxOpenOrders ?? Infinity;
    e.selfTradePrevention = r.selfTradePrevention ?? false;
    e.duplicateWindowMs = r.duplicateWindowMs ?? 0;
    let symbols = byVenue.get(inst.venue);
    if (!symbols) byVenue.set(inst.venue, (symbols = new Map()));
    symbols.set(inst.symbol, e);
    currency.instruments.push(e);
    all.push(e);
  }
  groupOptions(all);
  return { byVenue, all, venues, currencies, account, options: new OptionGreekLimits(config.options), instrumentCount: instruments.length };
}

/**
 * Options grouped by venue and underlying name (the instrument's long name, "NIFTY" for every NIFTY
 * option whichever future each expiry is priced from; else the contract's underlying symbol, else the
 * base asset), so that an option order sums the Greeks of its group only, not of every option listed.
 * The sum still counts only the options the Greeks source puts on the order's underlying.
 */
function groupOptions(all: readonly InstrumentRisk[]): void {
  const groups = new Map<string, InstrumentRisk[]>();
  for (const e of all) {
    if (!e.isOption) continue;
    const inst = e.inst;
    const key = `${inst.venue}\u0000${inst.name ?? inst.contract?.underlying ?? inst.base}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(e);
    e.optionGroup = group;
  }
}

function applyFlow(target: OrderFlowRisk, spec: VenueLimitSpec, previous: OrderFlowRisk | undefined, time: TimeCell): void {
  target.maxOpenOrders = spec.maxOpenOrders ?? Infinity;
  if (spec.ordersPerSecond === undefined) return;
  target.bucket = new TokenBucket(spec.ordersPerSecond, spec.orderBurst ?? spec.ordersPerSecond, time);
  if (previous?.bucket) target.bucket.inheritFrom(previous.bucket);
}
