import { formatScaled, type Lots, type QuoteUnits } from '../core';
import { quoteDecimals, type Instrument } from '../instruments';

/**
 * Limits as a trader writes them: decimal strings in the instrument's own units, quantity in the
 * base asset ("2" = 2 BTC) and notional in the quote asset ("100000" = 100,000 USDT). Why strings
 * and not lots/QuoteUnits: a DEFAULT applies to every instrument, and a lot or a QuoteUnit is a
 * different amount on each one, so only a decimal amount means the same thing everywhere. Each
 * check converts it to the instrument's integers (resolveLimits).
 */
export interface LimitSpec {
  maxOrderQty?: string;
  maxOrderNotional?: string;
}

/** Defaults for every instrument plus per-instrument overrides keyed by instrumentKey ("SIM:BTC-USDT"). */
export interface RiskLimitsConfig {
  defaults: LimitSpec;
  instruments: Record<string, LimitSpec>;
}

/** Limits in one instrument's integers; an absent field means no limit. */
export interface ResolvedLimits {
  maxOrderQty?: Lots;
  maxOrderNotional?: QuoteUnits;
}

const LIMIT_TEXT = /^(\d+)(?:\.(\d+))?$/;

export const isLimitText = (text: string): boolean => LIMIT_TEXT.test(text);

/**
 * "2.5" at scale 1 -> 25. Digits beyond `scale` are dropped: a limit is a ceiling, so rounding it
 * down is the conservative direction. Caller has checked isLimitText.
 */
export function scaleDown(text: string, scale: number): number {
  const m = LIMIT_TEXT.exec(text);
  if (!m) throw new Error(`not a limit amount: ${text}`);
  const [, whole = '0', frac = ''] = m;
  const scaled = BigInt(whole + frac.slice(0, scale).padEnd(scale, '0'));
  const cap = BigInt(Number.MAX_SAFE_INTEGER);
  return Number(scaled > cap ? cap : scaled);
}

/** The instrument's limits: each field of the override wins over the default's. */
export function resolveLimits(inst: Instrument, config: RiskLimitsConfig, key: string): ResolvedLimits {
  const spec: LimitSpec = { ...config.defaults, ...stripUndefined(config.instruments[key] ?? {}) };
  const out: ResolvedLimits = {};
  // A quantity limit that is not a whole number of lots rounds down to the lot below.
  if (spec.maxOrderQty !== undefined) out.maxOrderQty = Math.floor(scaleDown(spec.maxOrderQty, inst.qtyDecimals) / inst.lotSize);
  if (spec.maxOrderNotional !== undefined) out.maxOrderNotional = scaleDown(spec.maxOrderNotional, quoteDecimals(inst));
  return out;
}

const stripUndefined = (spec: LimitSpec): LimitSpec =>
  Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as LimitSpec;

/** "5.00000" -> "5", "0.10" -> "0.1": amounts in reasons read as a person writes them. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export const describeQty = (inst: Instrument, lots: Lots): string =>
  `${trimDecimal(formatScaled(lots * inst.lotSize, inst.qtyDecimals))} ${inst.base}`;

export const describeQuote = (inst: Instrument, units: QuoteUnits): string =>
  `${trimDecimal(formatScaled(units, quoteDecimals(inst)))} ${inst.quote}`;
