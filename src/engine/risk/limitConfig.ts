import { err, ok, type Result } from '../core';

/**
 * Limits as a trader writes them. Amounts are decimal strings in the instrument's own units, quantity
 * in the base asset ("2" = 2 BTC) and money in the quote asset ("100000" = 100,000 USDT). Why strings
 * and not lots/QuoteUnits: a DEFAULT applies to every instrument, and a lot or a QuoteUnit is a
 * different amount on each one, so only a decimal amount means the same thing everywhere. Counts and
 * durations mean the same thing everywhere, so they are plain integers. An absent field = no limit.
 */
export interface LimitSpec {
  /** Largest single order, base asset. */
  maxOrderQty?: string;
  /** Largest single order value, quote asset. */
  maxOrderNotional?: string;
  /** Worst-case long after the order: position + working buys + this buy, base asset. */
  maxLongPosition?: string;
  /** Worst-case short after the order: -position + working sells + this sell, base asset. */
  maxShortPosition?: string;
  /** Fat-finger band: a limit price further than this percentage from the reference is refused ("2.5" = 2.5%). */
  priceCollarPct?: string;
  /** What the collar is measured from: the book's mid (default) or the last trade. */
  priceCollarReference?: 'mid' | 'last';
  /** Working orders on this instrument, this order included. */
  maxOpenOrders?: number;
  /** Refuse an order that would trade against one of our own working orders. */
  selfTradePrevention?: boolean;
  /** Refuse the same side, price and quantity sent again within this many ms (a double click). 0 = off. */
  duplicateWindowMs?: number;
}

/** Per venue: every instrument of the venue together. */
export interface VenueLimitSpec {
  maxOpenOrders?: number;
  /** Token bucket: sustained orders per second... */
  ordersPerSecond?: number;
  /** ...and how many may go at once after a quiet spell (bucket size; default = ordersPerSecond). */
  orderBurst?: number;
}

/** The whole account, every venue together. Money limits are per quote currency: USDT and INR never add up. */
export interface AccountLimitSpec extends VenueLimitSpec {
  /** Sum of |position value| + working orders' value + this order, per quote currency ("USDT": "500000"). */
  maxGrossExposure?: Record<string, string>;
  /** Realised + unrealised loss since the daily reset, per quote currency; breaching it engages the kill switch. */
  maxDailyLoss?: Record<string, string>;
  /** When the trading day starts, UTC "HH:MM"; default "00:00". */
  dailyResetUtc?: string;
  /**
   * For the gross exposure check: how old the mark of a position in ANOTHER instrument may be before
   * the check reads its book again (default 1,000 ms; 0 = read every book on every check). The ordered
   * instrument is always valued at its live book.
   */
  exposureMarkMaxAgeMs?: number;
}

/** Circuit breaker triggers (an absent trigger is off) and recovery timing, for one scope (see BreakerLimits). */
export interface BreakerSpec {
  /** Trips when more than this percentage of the orders answered in the window were rejected... */
  maxRejectPct?: number;
  /** ...once the window holds at least this many answers (default 10)... */
  rejectMinSamples?: number;
  /** ...over this window (default 60,000 ms). */
  rejectWindowMs?: number;
  /** Trips when more than this many venue errors happen within errorWindowMs (default 10,000 ms). */
  maxErrors?: number;
  errorWindowMs?: number;
  /** An acknowledgement slower than this counts as slow; slowAcksToTrip in a row (default 3) trip. */
  maxAckLatencyMs?: number;
  slowAcksToTrip?: number;
  /** Trip an instrument's breaker while its market data is stale. */
  staleBook?: boolean;
  /** First OPEN period (default 1,000 ms); doubled on each failed probe up to maxBackoffMs (default 60,000 ms). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A probe order with no answer after this long (default 5,000 ms) counts as failed. */
  probeTimeoutMs?: number;
}

/**
 * Circuit breaker settings, scoped like the limits and resolved field by field: `defaults`, overridden
 * by `venues[venue]`, overridden by `instruments["venue:symbol"]`. A venue's breaker takes its venue's
 * settings; an instrument's breaker takes its venue's and then its own (a venue known to answer slowly
 * needs a higher latency threshold on every instrument it lists, not only on the venue as a whole).
 */
export interface BreakerLimits {
  defaults?: BreakerSpec;
  /** Keyed by venue ("SIM-A"). */
  venues?: Record<string, BreakerSpec>;
  /** Keyed by instrumentKey ("SIM-A:BTC-USDT"). */
  instruments?: Record<string, BreakerSpec>;
}

/**
 * Limits on an underlying's option Greeks, summed over every option position on it (positions, not
 * working orders) with the order's own effect added. Amounts are decimal strings like the others.
 */
export interface GreekLimitSpec {
  /** Largest |portfolio delta| on the underlying, in units of the underlying ("25" = 25 BTC, or 25 shares). */
  maxDelta?: string;
  /** Largest |portfolio vega| on the underlying, in the option's quote currency per 1 vol point. */
  maxVega?: string;
}

/**
 * Option limits: `defaults` for every underlying, overridden field by field per underlying, keyed by the
 * name the option Greeks source gives it: `venue:underlying` ("SIM:BTC-USDT", "zerodha:NIFTY"; the terminal's RiskOptionGreeks).
 */
export interface OptionLimits {
  defaults?: GreekLimitSpec;
  underlyings?: Record<string, GreekLimitSpec>;
}

/** Everything risk is configured with; what is persisted under the `risk.limits` setting. */
export interface RiskLimitsConfig {
  /** Applies to every instrument... */
  defaults: LimitSpec;
  /** ...unless overridden field by field here, keyed by instrumentKey ("SIM:BTC-USDT"). */
  instruments: Record<string, LimitSpec>;
  /** Applies to every venue unless overridden in `venues`. */
  venueDefaults?: VenueLimitSpec;
  venues?: Record<string, VenueLimitSpec>;
  account?: AccountLimitSpec;
  breakers?: BreakerLimits;
  options?: OptionLimits;
}

const AMOUNT = /^(\d+)(?:\.(\d+))?$/;
const UTC_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ONE_DAY_MS = 86_400_000;

export const isLimitText = (text: string): boolean => AMOUNT.test(text);

type Check = (value: unknown) => string | undefined;

const amount: Check = (v) =>
  typeof v === 'string' && isLimitText(v) ? undefined : `must be a non-negative decimal amount, got ${JSON.stringify(v)}`;
const percent: Check = (v) => {
  const bad = amount(v);
  if (bad) return `must be a non-negative decimal percentage, got ${JSON.stringify(v)}`;
  // Finer than 0.0001% cannot be represented (the collar works in parts per million).
  return /\.\d{5,}$/.test(v as string) ? `has more than 4 decimals, got ${JSON.stringify(v)}` : undefined;
};
const count: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : `must be a whole number >= 0, got ${JSON.stringify(v)}`;
const positive: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? undefined : `must be a whole number > 0, got ${JSON.stringify(v)}`;
const durationMs: Check = (v) =>
  count(v) ?? ((v as number) > ONE_DAY_MS ? `must be at most one day (${ONE_DAY_MS} ms), got ${v}` : undefined);
const positiveMs: Check = (v) => positive(v) ?? durationMs(v);
const pct100: Check = (v) => count(v) ?? ((v as number) > 100 ? `must be at most 100, got ${v}` : undefined);
const flag: Check = (v) => (typeof v === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(v)}`);
const reference: Check = (v) => (v === 'mid' || v === 'last' ? undefined : `must be "mid" or "last", got ${JSON.stringify(v)}`);
const utcTime: Check = (v) => (typeof v === 'string' && UTC_TIME.test(v) ? undefined : `must be a UTC time "HH:MM", got ${JSON.stringify(v)}`);
const perCurrency: Check = (v) => {
  if (!isPlainObject(v)) return `must be an object of quote currency -> amount, got ${JSON.stringify(v)}`;
  for (const [currency, value] of Object.entries(v)) {
    if (!/^[A-Z0-9]{2,12}$/.test(currency)) return `has a key that is not a currency code: ${JSON.stringify(currency)}`;
    const bad = amount(value);
    if (bad) return `for ${currency} ${bad}`;
  }
  return undefined;
};

const LIMIT_FIELDS: Record<keyof LimitSpec, Check> = {
  maxOrderQty: amount,
  maxOrderNotional: amount,
  maxLongPosition: amount,
  maxShortPosition: amount,
  priceCollarPct: percent,
  priceCollarReference: reference,
  maxOpenOrders: count,
  selfTradePrevention: flag,
  duplicateWindowMs: durationMs,
};
const VENUE_FIELDS: Record<keyof VenueLimitSpec, Check> = {
  maxOpenOrders: count,
  ordersPerSecond: positive,
  orderBurst: positive,
};
const ACCOUNT_FIELDS: Record<keyof AccountLimitSpec, Check> = {
  ...VENUE_FIELDS,
  maxGrossExposure: perCurrency,
  maxDailyLoss: perCurrency,
  dailyResetUtc: utcTime,
  exposureMarkMaxAgeMs: durationMs,
};
const BREAKER_FIELDS: Record<keyof BreakerSpec, Check> = {
  maxRejectPct: pct100,
  rejectMinSamples: positive,
  rejectWindowMs: positiveMs,
  maxErrors: count,
  errorWindowMs: positiveMs,
  maxAckLatencyMs: count,
  slowAcksToTrip: positive,
  staleBook: flag,
  initialBackoffMs: positiveMs,
  maxBackoffMs: positiveMs,
  probeTimeoutMs: positiveMs,
};

const GREEK_FIELDS: Record<keyof GreekLimitSpec, Check> = {
  maxDelta: amount,
  maxVega: amount,
};

/** The first thing wrong with the option limits, naming the field path. */
export function optionLimitsProblem(limits: unknown, where = 'options.'): string | undefined {
  if (!isPlainObject(limits)) return `${where.slice(0, -1)} must be an object, got ${JSON.stringify(limits)}`;
  for (const key of Object.keys(limits)) {
    if (key !== 'defaults' && key !== 'underlyings') return `${where}${key} is not a known option limits section (defaults, underlyings)`;
  }
  const o = limits as OptionLimits;
  return (
    (o.defaults === undefined ? undefined : firstProblem(o.defaults, GREEK_FIELDS, `${where}defaults.`)) ??
    mapProblem(o.underlyings ?? {}, `${where}underlyings`, (spec, at) => firstProblem(spec, GREEK_FIELDS, at))
  );
}

/**
 * The first thing wrong with `spec`, as a sentence naming the field, or undefined when it is valid.
 * Unknown fields are refused: a misspelt limit silently ignored is a limit that is not there.
 */
function firstProblem(spec: unknown, fields: Record<string, Check>, where: string): string | undefined {
  if (!isPlainObject(spec)) return `${where || 'limits'} must be an object, got ${JSON.stringify(spec)}`;
  for (const [field, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    const check = fields[field];
    if (!check) return `${where}${field} is not a known limit`;
    const bad = check(value);
    if (bad) return `${where}${field} ${bad}`;
  }
  return undefined;
}

export const limitSpecProblem = (spec: unknown, where = ''): string | undefined => firstProblem(spec, LIMIT_FIELDS, where);

export function venueSpecProblem(spec: unknown, where = ''): string | undefined {
  return firstProblem(spec, VENUE_FIELDS, where) ?? burstProblem(spec as VenueLimitSpec, where);
}

export function accountSpecProblem(spec: unknown, where = ''): string | undefined {
  return firstProblem(spec, ACCOUNT_FIELDS, where) ?? burstProblem(spec as AccountLimitSpec, where);
}

/** The fields of one breaker scope (whether its backoffs agree with the other scopes: breakerLimitsProblem). */
export const breakerSpecProblem = (spec: unknown, where = ''): string | undefined => firstProblem(spec, BREAKER_FIELDS, where);

const INSTRUMENT_KEY = /^[^:\s]+:\S+$/;

/**
 * The first thing wrong with scoped breaker settings: a bad field in any scope, a key that is not a
 * venue or "venue:symbol", or a scope whose settings IN EFFECT (after the broader scopes fill in what
 * it leaves out) would back off from more than the cap (initialBackoffMs above maxBackoffMs).
 */
export function breakerLimitsProblem(limits: unknown, where = 'breakers.'): string | undefined {
  if (!isPlainObject(limits)) return `${where.slice(0, -1)} must be an object, got ${JSON.stringify(limits)}`;
  for (const key of Object.keys(limits)) {
    if (key !== 'defaults' && key !== 'venues' && key !== 'instruments') return `${where}${key} is not a known breaker section (defaults, venues, instruments)`;
  }
  const b = limits as BreakerLimits;
  const fields =
    (b.defaults === undefined ? undefined : breakerSpecProblem(b.defaults, `${where}defaults.`)) ??
    mapProblem(b.venues ?? {}, `${where}venues`, breakerSpecProblem) ??
    mapProblem(b.instruments ?? {}, `${where}instruments`, breakerSpecProblem);
  if (fields) return fields;
  const badKey = Object.keys(b.instruments ?? {}).find((key) => !INSTRUMENT_KEY.test(key));
  if (badKey !== undefined) return `${where}instruments has a key that is not "venue:symbol": ${JSON.stringify(badKey)}`;

  // Backoffs in effect, most specific scope last; each scope is named where a trader would fix it.
  const scopes: { where: string; chain: (BreakerSpec | undefined)[] }[] = [{ where: `${where}defaults.`, chain: [b.defaults] }];
  for (const [venue, spec] of Object.entries(b.venues ?? {})) scopes.push({ where: `${where}venues[${JSON.stringify(venue)}].`, chain: [b.defaults, spec] });
  for (const [key, spec] of Object.entries(b.instruments ?? {})) {
    const venue = key.slice(0, key.indexOf(':'));
    scopes.push({ where: `${where}instruments[${JSON.stringify(key)}].`, chain: [b.defaults, b.venues?.[venue], spec] });
  }
  for (const scope of scopes) {
    const initial = lastDefined(scope.chain, 'initialBackoffMs') ?? DEFAULT_INITIAL_BACKOFF_MS;
    const max = lastDefined(scope.chain, 'maxBackoffMs') ?? DEFAULT_MAX_BACKOFF_MS;
    if (initial > max) return `${scope.where}initialBackoffMs ${initial} is above maxBackoffMs ${max} (the backoffs in effect there)`;
  }
  return undefined;
}

/** The breaker settings in effect for a venue's breaker (symbol undefined) or an instrument's. */
export function effectiveBreakerSpec(limits: BreakerLimits | undefined, venue: string, symbol?: string): BreakerSpec {
  return {
    ...stripUndefined(limits?.defaults),
    ...stripUndefined(limits?.venues?.[venue]),
    ...(symbol === undefined ? {} : stripUndefined(limits?.instruments?.[`${venue}:${symbol}`])),
  };
}

export const DEFAULT_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

function lastDefined(chain: (BreakerSpec | undefined)[], field: 'initialBackoffMs' | 'maxBackoffMs'): number | undefined {
  let found: number | undefined;
  for (const spec of chain) if (spec?.[field] !== undefined) found = spec[field];
  return found;
}

function stripUndefined(spec: BreakerSpec | undefined): BreakerSpec {
  return spec ? (Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as BreakerSpec) : {};
}

/**
 * Breaker settings as stored before they were scoped: one flat set for everything. Read from the store
 * as the defaults (what the flat set meant), so an upgrade keeps the trader's settings.
 */
export function migrateStoredBreakers(saved: unknown): unknown {
  if (!isPlainObject(saved) || !isPlainObject(saved.breakers)) return saved;
  const b = saved.breakers;
  const flat = Object.keys(b).some((key) => key in BREAKER_FIELDS);
  return flat ? { ...saved, breakers: { defaults: b } } : saved;
}

function burstProblem(spec: VenueLimitSpec, where: string): string | undefined {
  if (spec.orderBurst !== undefined && spec.ordersPerSecond === undefined) return `${where}orderBurst needs ordersPerSecond`;
  return undefined;
}

/** Checks a whole configuration (from the store, a file or the UI); the error names the field path. */
export function validateConfig(config: unknown): Result<RiskLimitsConfig> {
  if (!isPlainObject(config)) return err('INVALID_INPUT', `risk limits must be an object, got ${JSON.stringify(config)}`);
  const c = config as Partial<RiskLimitsConfig> & Record<string, unknown>;
  const known = new Set(['defaults', 'instruments', 'venueDefaults', 'venues', 'account', 'breakers', 'options']);
  for (const key of Object.keys(c)) if (!known.has(key)) return err('INVALID_INPUT', `${key} is not a known section of the risk limits`);
  const problem =
    limitSpecProblem(c.defaults ?? {}, 'defaults.') ??
    mapProblem(c.instruments ?? {}, 'instruments', limitSpecProblem) ??
    (c.venueDefaults === undefined ? undefined : venueSpecProblem(c.venueDefaults, 'venueDefaults.')) ??
    mapProblem(c.venues ?? {}, 'venues', venueSpecProblem) ??
    (c.account === undefined ? undefined : accountSpecProblem(c.account, 'account.')) ??
    (c.breakers === undefined ? undefined : breakerLimitsProblem(c.breakers)) ??
    (c.options === undefined ? undefined : optionLimitsProblem(c.options));
  if (problem) return err('INVALID_INPUT', problem);
  const out: RiskLimitsConfig = { defaults: { ...c.defaults }, instruments: clone(c.instruments ?? {}) };
  if (c.venueDefaults !== undefined) out.venueDefaults = { ...c.venueDefaults };
  if (c.venues !== undefined) out.venues = clone(c.venues);
  if (c.account !== undefined) out.account = structuredClone(c.account);
  if (c.breakers !== undefined) out.breakers = structuredClone(c.breakers);
  if (c.options !== undefined) out.options = structuredClone(c.options);
  return ok(out);
}

function mapProblem(map: unknown, name: string, each: (spec: unknown, where: string) => string | undefined): string | undefined {
  if (!isPlainObject(map)) return `${name} must be an object, got ${JSON.stringify(map)}`;
  for (const [key, spec] of Object.entries(map)) {
    const bad = each(spec, `${name}[${JSON.stringify(key)}].`);
    if (bad) return bad;
  }
  return undefined;
}

const clone = <T extends object>(map: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k, { ...v }]));

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "HH:MM" -> minutes after 00:00 UTC. Caller has validated. */
export function resetMinuteOfDay(text: string | undefined): number {
  const m = UTC_TIME.exec(text ?? '00:00');
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}
