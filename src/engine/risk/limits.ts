import { formatScaled, type Lots, type QuoteUnits } from '../core';
import { quoteDecimals, type Instrument } from '../instruments';
import type { LimitSpec, RiskLimitsConfig } from './limitConfig';

export { isLimitText, type LimitSpec, type RiskLimitsConfig } from './limitConfig';

/** One instrument's limits in its own integers; an absent field means no limit. */
export interface ResolvedLimits {
  maxOrderQty?: Lots;
  maxOrderNotional?: QuoteUnits;
  maxLongPosition?: Lots;
  maxShortPosition?: Lots;
  /** The price collar in parts per million of the reference price (2.5% -> 25,000). */
  priceCollarPpm?: number;
  priceCollarReference?: 'mid' | 'last';
  maxOpenOrders?: number;
  selfTradePrevention?: boolean;
  duplicateWindowMs?: number;
}

const LIMIT_TEXT = /^(\d+)(?:\.(\d+))?$/;

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

/** The instrument's spec: each field of its override wins over the default's. */
export function effectiveSpec(config: RiskLimitsConfig, key: string): LimitSpec {
  return { ...config.defaults, ...stripUndefined(config.instruments[key] ?? {}) };
}

/** The instrument's limits in lots, QuoteUnits and ppm. */
export function resolveLimits(inst: Instrument, config: RiskLimitsConfig, key: string): ResolvedLimits {
  const spec = effectiveSpec(config, key);
  const out: ResolvedLimits = {};
  // A quantity limit that is not a whole number of lots rounds down to the lot below.
  const lots = (text: string): Lots => Math.floor(scaleDown(text, inst.qtyDecimals) / inst.lotSize);
  if (spec.maxOrderQty !== undefined) out.maxOrderQty = lots(spec.maxOrderQty);
  if (spec.maxOrderNotional !== undefined) out.maxOrderNotional = scaleDown(spec.maxOrderNotional, quoteDecimals(inst));
  if (spec.maxLongPosition !== undefined) out.maxLongPosition = lots(spec.maxLongPosition);
  if (spec.maxShortPosition !== undefined) out.maxShortPosition = lots(spec.maxShortPosition);
  if (spec.priceCollarPct !== undefined) {
    out.priceCollarPpm = scaleDown(spec.priceCollarPct, 4);
    out.priceCollarReference = spec.priceCollarReference ?? 'mid';
  }
  if (spec.maxOpenOrders !== undefined) out.maxOpenOrders = spec.maxOpenOrders;
  if (spec.selfTradePrevention !== undefined) out.selfTradePrevention = spec.selfTradePrevention;
  if (spec.duplicateWindowMs !== undefined) out.duplicateWindowMs = spec.duplicateWindowMs;
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
  `${trimDecimal(formatScaled(Math.ceil(units), quoteDecimals(inst)))} ${inst.quote}`;

/** A price in ticks as a decimal; a mid can sit on half a tick, which is shown exactly. */
export function describePrice(inst: Instrument, ticks: number): string {
  if (Number.isInteger(ticks)) return trimDecimal(formatScaled(ticks * inst.tickSize, inst.priceDecimals));
  return trimDecimal(formatScaled(Math.round(ticks * inst.tickSize * 10), inst.priceDecimals + 1));
}

/** An amount of a currency held at `decimals` (the common scale of that currency's instruments). */
export const describeAmount = (units: number, decimals: number, currency: string): string =>
  `${trimDecimal(formatScaled(Math.ceil(units), decimals))} ${currency}`;

/** Parts per million as a percentage: 25,000 -> "2.5%". */
export const describePpm = (ppm: number): string => `${trimDecimal(formatScaled(ppm, 4))}%`;
