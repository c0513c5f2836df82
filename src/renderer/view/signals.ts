/**
 * Pure view logic of the signals panels (issue 16): the red … neutral … green scale of a value in [-1, 1], the
 * texts of components, positioning and the order-flow model's record, and the rows of the Signals grid.
 */
import type { Instrument, OrderFlowModelView, SignalSnapshot, SourceSeriesView, Watchlists } from '../../contract/api';
import { countText, decimalText, numberText, signedDecimalText } from './numbers';
import { type Sparkline, sparklinePath } from './sparkline';

/** The components in the engine's order (COMPONENT_NAMES), with what each one is and how its raw figure reads. */
export const COMPONENTS = [
  { name: 'sentimentLevel', label: 'Sentiment', title: 'Decayed mean compound score of the headlines about the instrument' },
  { name: 'sentimentMomentum', label: 'Sent. mom.', title: 'Short-term minus long-term decayed mean sentiment: is the news turning' },
  { name: 'fundingRate', label: 'Funding', title: 'Perpetual funding rate, contrarian: a crowd paying to be long maps bearish' },
  { name: 'longShortRatio', label: 'Long/short', title: 'Long/short account ratio, contrarian' },
  { name: 'openInterest', label: 'Open int.', title: 'Open interest change, confirming the price move it came with' },
  { name: 'fearGreed', label: 'Fear & Greed', title: 'Crypto Fear & Greed index, contrarian ("buy fear")' },
  { name: 'orderFlow', label: 'Order flow', title: "The order-flow model's prediction of the next mid move (2·P(up) − 1)" },
  { name: 'rsi', label: 'RSI', title: 'Relative strength index, contrarian: overbought maps bearish' },
  { name: 'macd', label: 'MACD', title: 'MACD histogram over the volatility of closes, trend-following' },
  { name: 'bollinger', label: 'Bollinger', title: 'Bollinger %B, contrarian: at the upper band −1, the lower +1' },
] as const;

export type ComponentKey = (typeof COMPONENTS)[number]['name'];
export const COMPONENT_KEYS: readonly ComponentKey[] = COMPONENTS.map((c) => c.name);

export function componentLabel(name: string): string {
  return name === 'composite' ? 'Composite' : (COMPONENTS.find((c) => c.name === name)?.label ?? name);
}

/** A headline's compound score at or beyond ±0.05 counts as positive/negative (VADER's own convention). */
export const NEUTRAL_BAND = 0.05;

export type Tone = 'pos' | 'neg' | 'neutral';

export function toneOf(value: number | undefined, band = NEUTRAL_BAND): Tone {
  if (value === undefined || !Number.isFinite(value)) return 'neutral';
  return value > band ? 'pos' : value < -band ? 'neg' : 'neutral';
}

const GREEN = [34, 192, 122] as const;
const RED = [240, 74, 93] as const;
/** The strongest fill a cell gets, so its number stays readable on it. */
const MAX_ALPHA = 0.6;

/**
 * The background of a cell holding a value in [-1, 1]: transparent at 0 (neutral), more green towards +1 and more
 * red towards −1; values outside are clamped, and no value (or not a number) gets no fill at all.
 */
export function signalColour(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const v = Math.max(-1, Math.min(1, value));
  const [r, g, b] = v >= 0 ? GREEN : RED;
  const alpha = Math.round(Math.abs(v) * MAX_ALPHA * 1000) / 1000;
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** A value in [-1, 1] as "+0.42" / "-0.42" / "0.00": the sign is always shown so a column lines up; none: "–". */
export function signedText(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return signedDecimalText(value, digits);
}

/** A threshold as the trader typed it: signed, at least two decimals, up to four ("+0.50", "-0.1752"). */
export function thresholdText(value: number): string {
  // Trimmed in the plain form, then written in the chosen format.
  const s = value.toFixed(4);
  const plain = (Number(s) === 0 ? (0).toFixed(4) : s).replace(/(\.\d\d\d*?)0+$/, '$1');
  return Number(s) > 0 ? `+${numberText(plain)}` : numberText(plain);
}

const pct = (x: number, digits: number): string => `${decimalText(x * 100, digits)} %`;

/** The raw figure a component was mapped from, with its units. */
export function rawText(name: string, raw: number | undefined): string {
  if (raw === undefined || !Number.isFinite(raw)) return '–';
  switch (name) {
    case 'sentimentLevel':
      return `${signedText(raw, 3)} compound`;
    case 'sentimentMomentum':
      return `${signedText(raw, 3)} Δ compound`;
    case 'fundingRate':
      return `${signedText(raw * 100, 4)} % / funding`;
    case 'longShortRatio':
      return `${decimalText(raw, 2)} long/short`;
    case 'openInterest':
      return `${signedText(raw * 100, 2)} % OI`;
    case 'fearGreed':
      return `${decimalText(raw, 0)} / 100`;
    case 'orderFlow':
      return `P(up) ${decimalText((raw + 1) / 2, 3)}`;
    case 'rsi':
      return `RSI ${decimalText(raw, 1)}`;
    case 'macd':
      return `histogram ${compactNumber(raw)}`;
    case 'bollinger':
      return `%B ${decimalText(raw, 2)}`;
    default:
      return compactNumber(raw);
  }
}

/** A figure of any size in a few characters: 1234567 → "1.23 M", 0.000123 → "0.000123". */
export function compactNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return `${decimalText(x / 1e9, 2)} B`;
  if (a >= 1e6) return `${decimalText(x / 1e6, 2)} M`;
  if (a >= 1e4) return `${decimalText(x / 1e3, 1)} k`;
  if (a >= 100) return decimalText(x, 0);
  if (a >= 1 || a === 0) return decimalText(x, 2);
  return numberText(x.toPrecision(3));
}

/** Funding rate (a fraction per funding interval) as a percentage: 0.0001 → "+0.0100 %". */
export function fundingText(rate: number): string {
  return `${signedText(rate * 100, 4)} %`;
}

/** How long ago `ts` was from `now`, coarsely: "12 s ago", "5 min ago", "3 h ago", "2 d ago"; in the future: "in 40 s". */
export function agoText(ts: number | undefined, now: number): string {
  if (ts === undefined) return '–';
  const d = now - ts;
  const a = Math.abs(d);
  const text = a < 60_000 ? `${Math.round(a / 1000)} s` : a < 3_600_000 ? `${Math.round(a / 60_000)} min` : a < 86_400_000 ? `${Math.round(a / 3_600_000)} h` : `${Math.round(a / 86_400_000)} d`;
  return d >= 0 ? `${text} ago` : `in ${text}`;
}

/** A horizon in ms as the trader reads it: 5000 → "5 s", 120000 → "2 min". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${numberText(String(+(ms / 1000).toFixed(1)))} s`;
  if (ms < 3_600_000) return `${numberText(String(+(ms / 60_000).toFixed(1)))} min`;
  return `${numberText(String(+(ms / 3_600_000).toFixed(1)))} h`;
}

/** The span the per-source sparklines cover. */
export const SERIES_SPAN_MS = 24 * 3_600_000;

/**
 * One source's bucket means laid out on the last `spanMs` up to `now`, one slot per bucket, NaN where the bucket
 * had no item (a gap, not a zero: no news is not neutral news). Points outside the span are left out.
 */
export function seriesSlots(series: Pick<SourceSeriesView, 'bucketMs' | 'points'>, now: number, spanMs = SERIES_SPAN_MS): number[] {
  const bucket = series.bucketMs > 0 ? series.bucketMs : spanMs;
  const n = Math.max(1, Math.ceil(spanMs / bucket));
  const slots: number[] = new Array<number>(n).fill(Number.NaN);
  const lastStart = Math.floor(now / bucket) * bucket;
  for (const p of series.points) {
    const back = Math.round((lastStart - Math.floor(p.ts / bucket) * bucket) / bucket);
    if (back < 0 || back >= n || p.count <= 0 || !Number.isFinite(p.mean)) continue;
    slots[n - 1 - back] = p.mean;
  }
  return slots;
}

/** The sparkline of a score series on the fixed scale [-1, 1], so two sources' lines compare at a glance. */
export function scoreSparkline(series: Pick<SourceSeriesView, 'bucketMs' | 'points'>, now: number, w: number, h: number): Sparkline {
  return sparklinePath(seriesSlots(series, now), w, h, { pad: 2, zeroLine: true, range: [-1, 1] });
}

/** A series' summary for its accessible name: "12 items, latest mean +0.31". */
export function seriesSummary(series: Pick<SourceSeriesView, 'points'>): string {
  const items = series.points.reduce((n, p) => n + p.count, 0);
  const last = series.points[series.points.length - 1];
  return `${items} item${items === 1 ? '' : 's'}${last ? `, latest mean ${signedText(last.mean)}` : ''}`;
}

// --- The order-flow model's record ---

export interface OrderFlowRecord {
  hitRate: string;
  baseRate: string;
  majority: string;
  ic: string;
  folds: string;
  testSamples: string;
  horizon: string;
  /** One honest line: whether the out-of-sample hit rate beats the majority call (or a coin) by two standard errors. */
  verdict: string;
  edge: boolean;
}

export function orderFlowRecord(view: Extract<OrderFlowModelView, { state: 'trained' }>): OrderFlowRecord {
  const s = view.stats;
  const bar = Math.max(s.majorityHitRate, 0.5);
  const edge = s.hitRate - 2 * s.hitRateSe > bar;
  // The bar is whichever is higher: always calling the training majority, or a coin.
  const barName = s.majorityHitRate > 0.5 ? 'the majority call' : 'a coin toss';
  return {
    hitRate: `${pct(s.hitRate, 1)} ± ${decimalText(s.hitRateSe * 100, 1)}`,
    baseRate: pct(s.baseRateUp, 1),
    majority: pct(s.majorityHitRate, 1),
    ic: signedText(s.ic, 3),
    folds: String(s.folds),
    testSamples: countText(s.testSamples),
    horizon: durationText(s.horizonMs),
    edge,
    verdict: edge ? `beats ${barName} (${pct(bar, 1)}) by more than two standard errors, out of sample` : `no edge shown: within two standard errors of ${barName} (${pct(bar, 1)})`,
  };
}

/** "1,234 / 5,000 samples (25 %)" and the fraction, for a model still collecting data. */
export function collectingText(samples: number, needed: number): { text: string; fraction: number } {
  const fraction = needed > 0 ? Math.max(0, Math.min(1, samples / needed)) : 0;
  return { text: `${countText(samples)} / ${countText(needed)} samples (${Math.floor(fraction * 100)} %)`, fraction };
}

// --- The Signals grid ---

/** An instrument in the grid: its canonical symbol and the venue a click focuses. */
export interface SignalInstrument {
  symbol: string;
  venue: string;
}

/**
 * The instruments the Signals grid shows: every watchlist's symbols (the focused venue's first, each in starring
 * order), each symbol once; with an empty watchlist, the focused venue's instruments without options (an option
 * has no news or positioning of its own). A symbol no longer listed is dropped: nothing to focus on a click.
 */
export function signalInstruments(watchlists: Watchlists, instruments: readonly Instrument[], focusVenue: string, max = 500): SignalInstrument[] {
  const listed = new Set(instruments.map((i) => `${i.venue}\u0000${i.symbol}`));
  const venues = Object.keys(watchlists).sort((a, b) => (a === focusVenue ? -1 : b === focusVenue ? 1 : a.localeCompare(b)));
  const out: SignalInstrument[] = [];
  const seen = new Set<string>();
  const add = (venue: string, symbol: string) => {
    if (seen.has(symbol) || out.length >= max) return;
    seen.add(symbol);
    out.push({ symbol, venue });
  };
  for (const venue of venues) for (const symbol of watchlists[venue] ?? []) if (listed.has(`${venue}\u0000${symbol}`)) add(venue, symbol);
  if (out.length > 0) return out;
  for (const i of instruments) {
    if (i.venue !== focusVenue) continue;
    if (i.contract?.kind === 'call' || i.contract?.kind === 'put') continue;
    add(i.venue, i.symbol);
  }
  return out;
}

export type SignalRow = { id: string; instrument: string; venue: string; composite?: number; fresh: number } & Partial<Record<ComponentKey, number>>;

/** One grid row per instrument, in the instruments' order; an instrument the engine did not answer for has only its name. */
export function signalRows(list: readonly SignalInstrument[], snapshots: readonly SignalSnapshot[]): SignalRow[] {
  const bySymbol = new Map(snapshots.map((s) => [s.instrument, s]));
  return list.map(({ symbol, venue }) => {
    const snap = bySymbol.get(symbol);
    const row: SignalRow = { id: symbol, instrument: symbol, venue, fresh: 0 };
    if (!snap) return row;
    if (snap.composite !== undefined) row.composite = snap.composite;
    for (const c of snap.components) {
      if (c.value !== undefined && (COMPONENT_KEYS as readonly string[]).includes(c.name)) row[c.name as ComponentKey] = c.value;
      if (c.fresh) row.fresh++;
    }
    return row;
  });
}

/**
 * Sort order of a signal column: numbers by value, a missing value always after every number whichever way the
 * column is sorted (AG Grid flips the comparator's result for descending, hence `descending`).
 */
export function compareSignal(a: number | undefined | null, b: number | undefined | null, descending = false): number {
  const am = a === undefined || a === null || Number.isNaN(a);
  const bm = b === undefined || b === null || Number.isNaN(b);
  if (am && bm) return 0;
  if (am) return descending ? -1 : 1;
  if (bm) return descending ? 1 : -1;
  return a - b;
}
