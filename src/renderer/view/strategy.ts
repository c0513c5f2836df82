import type { StrategyLegOutcome, StrategyLegView, StrategyPresetName, StrategyQuoteView, StrategySummaryView } from '../../contract/api';
import { decimalText, numberText } from './numbers';

/*
 * The strategy builder's view logic: the presets the picker offers, what a preset asks the engine for,
 * the payoff chart's geometry, and the texts of the summary, the confirmation and the outcomes.
 */

/** How often the builder re-prices its legs while on screen. */
export const STRATEGY_POLL_MS = 1_000;

export interface PresetChoice {
  name: StrategyPresetName;
  direction: 'long' | 'short';
  right: 'call' | 'put';
  /** Strikes from ATM (strangle, vertical, butterfly wings; the condor's inner strikes). */
  width: number;
  /** The condor's wings, strikes beyond the inner ones. */
  wing: number;
  lots: number;
  /** The calendar's far expiry. */
  farExpiry?: number;
}

export const PRESETS: readonly { name: StrategyPresetName; label: string; usesRight: boolean; usesWidth: boolean }[] = [
  { name: 'straddle', label: 'Straddle', usesRight: false, usesWidth: false },
  { name: 'strangle', label: 'Strangle', usesRight: false, usesWidth: true },
  { name: 'vertical', label: 'Vertical spread', usesRight: true, usesWidth: true },
  { name: 'butterfly', label: 'Butterfly', usesRight: true, usesWidth: true },
  { name: 'ironCondor', label: 'Iron condor', usesRight: false, usesWidth: true },
  { name: 'calendar', label: 'Calendar', usesRight: true, usesWidth: false },
];

/** The bridge's preset input for a choice and expiry, or why it cannot be asked for. */
export function presetInput(c: PresetChoice, expiry: number | undefined): { ok: true; preset: Record<string, unknown> } | { ok: false; error: string } {
  if (!Number.isInteger(c.lots) || c.lots < 1) return { ok: false, error: 'lots must be a whole number of at least 1' };
  if (!Number.isInteger(c.width) || c.width < 1) return { ok: false, error: 'width must be a whole number of strikes, at least 1' };
  const common = { direction: c.direction, lots: c.lots, ...(expiry !== undefined ? { expiry } : {}) };
  switch (c.name) {
    case 'straddle':
      return { ok: true, preset: { name: 'straddle', ...common } };
    case 'strangle':
      return { ok: true, preset: { name: 'strangle', width: c.width, ...common } };
    case 'vertical':
    case 'butterfly':
      return { ok: true, preset: { name: c.name, right: c.right, width: c.width, ...common } };
    case 'ironCondor':
      if (!Number.isInteger(c.wing) || c.wing < 1) return { ok: false, error: 'wing must be a whole number of strikes, at least 1' };
      return { ok: true, preset: { name: 'ironCondor', inner: c.width, wing: c.wing, ...common } };
    case 'calendar':
      if (c.farExpiry === undefined || (expiry !== undefined && c.farExpiry <= expiry)) return { ok: false, error: 'a calendar needs a far expiry after the chosen one' };
      return { ok: true, preset: { name: 'calendar', right: c.right, farExpiry: c.farExpiry, ...common } };
  }
}

/** The legs as the builder keeps them (what it asks the engine to price). */
export interface LegSpec {
  symbol: string;
  side: 'buy' | 'sell';
  lots: number;
}

export function legSpecs(legs: readonly StrategyLegView[]): LegSpec[] {
  return legs.map((l) => ({ symbol: l.symbol, side: l.side, lots: l.lots }));
}

/** Adds a leg from the chain: the same option and side adds a lot to the existing leg. */
export function addLeg(legs: readonly LegSpec[], leg: LegSpec): LegSpec[] {
  const i = legs.findIndex((l) => l.symbol === leg.symbol && l.side === leg.side);
  if (i < 0) return [...legs, leg];
  return legs.map((l, j) => (j === i ? { ...l, lots: l.lots + leg.lots } : l));
}

/** The legs to send as the trader sees them priced now, or why they cannot be sent. */
export function sendableLegs(quote: StrategyQuoteView | undefined): { ok: true; legs: { symbol: string; side: 'buy' | 'sell'; lots: number; price: string }[] } | { ok: false; error: string } {
  if (!quote || quote.legs.length === 0) return { ok: false, error: 'no legs' };
  if (quote.problems.length > 0) return { ok: false, error: quote.problems.join('; ') };
  const legs = [];
  for (const l of quote.legs) {
    if (l.price === undefined) return { ok: false, error: `${l.displayName}: no price` };
    legs.push({ symbol: l.symbol, side: l.side, lots: l.lots, price: l.price });
  }
  return { ok: true, legs };
}

const money = (x: number, currency: string): string => `${decimalText(x, 2)} ${currency}`.trim();

export function boundText(b: number | 'unlimited', currency: string): string {
  return b === 'unlimited' ? 'Unlimited' : money(b, currency);
}

export function premiumText(p: StrategySummaryView['premium'], currency: string): string {
  if (p.kind === 'even') return `0 ${currency}`.trim();
  return `${money(p.amount, currency)} ${p.kind === 'debit' ? 'debit (paid)' : 'credit (received)'}`;
}

export function breakevensText(b: readonly number[]): string {
  return b.length === 0 ? 'none' : b.map((x) => numberText(String(Number(x.toFixed(2))))).join(' · ');
}

/** Net Greeks as label, value and unit (the engine's conventions: theta per calendar day, vega per vol point). */
export function greeksRows(s: StrategySummaryView, underlying: string, currency: string): { label: string; value: string; unit: string }[] {
  const g = s.greeks;
  const n = decimalText;
  return [
    { label: 'Delta', value: n(g.delta, 4), unit: `${underlying} (${n(g.deltaLots, 2)} lots, ${money(g.deltaNotional, currency)})` },
    { label: 'Gamma', value: n(g.gamma, 6), unit: 'delta per 1 price unit' },
    { label: 'Vega', value: n(g.vega, 2), unit: `${currency} per vol point` },
    { label: 'Theta', value: n(g.theta, 2), unit: `${currency} per day` },
  ];
}

/** One line per leg for the confirmation, in the order the engine will send them (buys first). */
export function confirmLines(legs: readonly { symbol: string; side: 'buy' | 'sell'; lots: number; price: string }[], names: ReadonlyMap<string, string>): string[] {
  const ordered = [...legs.filter((l) => l.side === 'buy'), ...legs.filter((l) => l.side === 'sell')];
  return ordered.map((l, i) => `${i + 1}. ${l.side === 'buy' ? 'Buy' : 'Sell'} ${l.lots} × ${names.get(l.symbol) ?? l.symbol} limit ${l.price} IOC`);
}

export function outcomeText(o: StrategyLegOutcome): string {
  const what = `${o.side === 'buy' ? 'Buy' : 'Sell'} ${o.lots} × ${o.symbol} @ ${o.price}`;
  const status = o.status === 'not_sent' ? 'not sent' : o.status === 'refused' ? 'refused' : o.status.replace('_', ' ');
  const filled = o.status !== 'not_sent' && o.status !== 'refused' && o.status !== 'filled' ? ` (${o.filledLots} filled)` : '';
  return `${what}: ${status}${filled}${o.reason ? ` — ${o.reason}` : ''}`;
}

export interface PayoffChart {
  width: number;
  height: number;
  /** SVG path data. */
  expiryPath: string;
  todayPath: string;
  zeroY: number;
  spotX: number | undefined;
  breakevenXs: number[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** The plot area inside the axes' labels. */
  plot: { left: number; top: number; right: number; bottom: number };
}

/** Pixel geometry of the payoff chart: x = underlying price, y = P&L; both curves on one scale with zero in view. */
export function payoffChart(s: StrategySummaryView, spot: number | undefined, width: number, height: number): PayoffChart {
  const plot = { left: 64, top: 8, right: width - 8, bottom: height - 20 };
  const pts = [...s.atExpiry, ...s.today];
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = 0;
  let yMax = 0;
  for (const p of pts) {
    if (p.spot < xMin) xMin = p.spot;
    if (p.spot > xMax) xMax = p.spot;
    if (p.pnl < yMin) yMin = p.pnl;
    if (p.pnl > yMax) yMax = p.pnl;
  }
  if (!(xMax > xMin)) xMax = xMin + 1;
  if (!(yMax > yMin)) yMax = yMin + 1;
  const pad = (yMax - yMin) * 0.06;
  yMin -= pad;
  yMax += pad;
  const x = (v: number) => plot.left + ((v - xMin) / (xMax - xMin)) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - ((v - yMin) / (yMax - yMin)) * (plot.bottom - plot.top);
  const path = (ps: readonly { spot: number; pnl: number }[]) => ps.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.spot).toFixed(1)},${y(p.pnl).toFixed(1)}`).join('');
  const ticks = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const short = (v: number) => (Math.abs(v) >= 10_000 ? `${decimalText(v / 1000, Math.abs(v) >= 100_000 ? 0 : 1)}k` : decimalText(v, Math.abs(v) >= 100 ? 0 : 2));
  return {
    width,
    height,
    plot,
    expiryPath: path(s.atExpiry),
    todayPath: path(s.today),
    zeroY: y(0),
    spotX: spot !== undefined && spot >= xMin && spot <= xMax ? x(spot) : undefined,
    breakevenXs: s.breakevens.filter((b) => b >= xMin && b <= xMax).map(x),
    xTicks: ticks(xMin, xMax, 5).map((v) => ({ x: x(v), label: short(v) })),
    yTicks: ticks(yMin, yMax, 5).map((v) => ({ y: y(v), label: short(v) })),
  };
}
