import type { AnalyticsValues, AnalyticsView, Instrument } from '../../contract/api';
import { formatQty, formatScaled } from '../../contract/format';
import { decimalText, numberText, percentText as percent, signedDecimalText } from './numbers';
import { createRing, type Ring, ringPush } from './ring';

/**
 * The analytics panel's view logic: which measures it shows, how each is written, and the short
 * history behind each sparkline. The engine computes the measures; these are statistics, not money,
 * so floats are fine here, but prices still go through the contract's exact formatter.
 */

/** Series kept for sparklines: one per row of the panel. */
export const seriesKeys = ['spread', 'mid', 'microprice', 'imbalance', 'ofi', 'vpin', 'kyleLambda', 'pin', 'realisedVol'] as const;
export type SeriesKey = (typeof seriesKeys)[number];
export type History = Record<SeriesKey, Ring>;

/** ~30 s at the engine's 4 updates a second. */
export const HISTORY_SAMPLES = 120;

export function emptyHistory(capacity = HISTORY_SAMPLES): History {
  const ring = createRing(capacity);
  return Object.fromEntries(seriesKeys.map((k) => [k, ring])) as History;
}

/** Adds one update to every series; a measure the engine could not compute yet becomes a gap. */
export function appendHistory(history: History, values: AnalyticsValues): History {
  const next = {} as History;
  for (const k of seriesKeys) next[k] = ringPush(history[k], values[k]);
  return next;
}

/** A view of the focused instrument that is newer than the last one shown (the snapshot and an event can carry the same update). */
export function isNewer(view: AnalyticsView, last: AnalyticsView | null): boolean {
  return !last || last.venue !== view.venue || last.symbol !== view.symbol || view.ts > last.ts;
}

/**
 * A price in ticks that may fall between ticks (a mid, a microprice), with one decimal more than the
 * instrument's prices so a half tick shows: BTC mid 952368.5 ticks of 0.1 -> "95236.85".
 */
export function fractionalPriceText(inst: Instrument, ticks: number): string {
  return numberText(formatScaled(Math.round(ticks * inst.tickSize * 10), inst.priceDecimals + 1));
}

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** A spread in ticks: "1 tick", "3 ticks". */
export function ticksText(ticks: number): string {
  const n = trimZeros(ticks.toFixed(2));
  return `${numberText(n)} ${n === '1' ? 'tick' : 'ticks'}`;
}

/** A signed number with an explicit plus, so the sign of a flow reads at a glance. */
export function signedText(x: number, decimals: number): string {
  return signedDecimalText(x, decimals);
}

/** A value to `digits` significant digits, in plain notation over the range a trader reads, e.g. 0.00123, 48.2, 1230. */
export function sigText(x: number, digits = 3): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e7) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
    return numberText(trimZeros(x.toFixed(Math.min(decimals, 8))));
  }
  return numberText(x.toExponential(digits - 1));
}

/** A fraction as a percentage: 0.482 -> "48.2%". */
export function percentText(x: number, decimals = 1): string {
  return percent(x, decimals);
}

/** A flow in lots (OFI) as a signed quantity in the base currency: "+0.1234". */
export function signedQtyText(inst: Instrument, lots: number): string {
  const r = Math.round(lots);
  const s = numberText(formatQty(inst, r));
  return r > 0 ? `+${s}` : s;
}

/**
 * Kyle's lambda arrives as ticks of mid per lot of net buying; a trader reads it as price per unit of
 * the base: how far 1 BTC of net buying moves the mid, in USDT.
 */
export function lambdaPerUnit(inst: Instrument, ticksPerLot: number): number {
  const tickValue = inst.tickSize / 10 ** inst.priceDecimals;
  const lotValue = inst.lotSize / 10 ** inst.qtyDecimals;
  return (ticksPerLot * tickValue) / lotValue;
}

/** Spread in basis points of the mid. */
export function spreadBps(spreadTicks: number, midTicks: number): number | undefined {
  return midTicks > 0 ? (spreadTicks / midTicks) * 10_000 : undefined;
}
