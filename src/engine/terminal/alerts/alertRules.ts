import type { Symbol, VenueId } from '../../core';

/**
 * The alert rules a trader sets on an instrument, as the engine keeps them: prices in ticks, times in
 * ms. See README "Alerts" for the semantics; in short:
 * - `price`: `crosses` fires when the price moves from one side of the level to the other (from below
 *   to at-or-above, or from above to at-or-below), never on the first price seen; `above` / `below`
 *   fire when the price is at or beyond the level, at once if it already is.
 * - `move`: the price moved by at least `percent` within `windowMs` (up, down or either).
 * - `analytics`: a named value of the instrument's analytics at or beyond a threshold.
 * `repeat: 'once'` disarms the rule when it fires until the trader re-arms it; `every` fires on each new
 * crossing / entry / move, but not twice within `cooldownMs` (an event inside the cool-down is dropped).
 */
export type AlertRepeat = 'once' | 'every';
/** The price a price or move rule watches: the last trade, or the mid of the live book (sampled at 20 Hz). */
export type AlertPriceSource = 'last' | 'mid';
export type PriceCondition = 'crosses' | 'above' | 'below';
export type MoveDirection = 'up' | 'down' | 'either';
/** The analytics values an alert may watch (mid and microprice are prices: use a price alert). */
export const ALERT_METRICS = ['spread', 'imbalance', 'ofi', 'vpin', 'kyleLambda', 'pin', 'realisedVol'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export interface PriceAlertSpec {
  kind: 'price';
  condition: PriceCondition;
  source: AlertPriceSource;
  /** The level in ticks. */
  level: number;
  /** The level as the instrument writes it (what the trader typed, normalised). */
  levelText: string;
}

export interface MoveAlertSpec {
  kind: 'move';
  source: AlertPriceSource;
  direction: MoveDirection;
  /** The move in hundredths of a percent (2.5 % = 250): compared exactly in integers. */
  basisPoints: number;
  percentText: string;
  windowMs: number;
}

export interface AnalyticsAlertSpec {
  kind: 'analytics';
  metric: AlertMetric;
  condition: 'above' | 'below';
  /** In the metric's own units (spread in ticks, VPIN in 0..1, ...). */
  value: number;
}

export type AlertSpec = PriceAlertSpec | MoveAlertSpec | AnalyticsAlertSpec;

/** One rule as kept in the data directory and shown to the views. */
export interface AlertRuleView {
  id: string;
  venue: VenueId;
  symbol: Symbol;
  spec: AlertSpec;
  repeat: AlertRepeat;
  cooldownMs: number;
  /** Play a sound with the OS notification (the view decides which). */
  sound: boolean;
  note?: string;
  /** False once a `once` rule fired, until it is re-armed. */
  armed: boolean;
  createdAt: number;
  lastFiredAt?: number;
  firedCount: number;
  /** How the rule reads, e.g. "SIM BTC-USDT last crosses 50000.00". */
  description: string;
}

/** One firing, as kept in the log (newest first). */
export interface AlertFiredView {
  alertId: string;
  venue: VenueId;
  symbol: Symbol;
  ts: number;
  /** What happened, e.g. "last 50000.10 crossed 50000.00". */
  text: string;
  /** The rule's description when it fired. */
  description: string;
  sound: boolean;
  note?: string;
}

export interface AlertsState {
  rules: AlertRuleView[];
  /** Why stored rules could not all be restored at start (they are named), if so. */
  loadProblem?: string;
}

/** What a view sends to add a rule: prices and percentages as decimal strings, times in seconds. */
export type AlertTicket = {
  venue: VenueId;
  symbol: Symbol;
  repeat?: AlertRepeat;
  cooldownSec?: number;
  sound?: boolean;
  note?: string;
} & (
  | { kind: 'price'; condition: PriceCondition; price: string; source?: AlertPriceSource }
  | { kind: 'move'; percent: string; windowSec: number; direction?: MoveDirection; source?: AlertPriceSource }
  | { kind: 'analytics'; metric: AlertMetric; condition: 'above' | 'below'; value: number }
);

/** Bounds that keep the settings rows small whatever a client sends (the bridge schema has the same). */
export const MAX_ALERT_RULES = 1_000;
export const MAX_ALERT_LOG = 500;
export const DEFAULT_COOLDOWN_SEC = 60;
export const MAX_COOLDOWN_SEC = 86_400;
export const MIN_MOVE_WINDOW_SEC = 1;
export const MAX_MOVE_WINDOW_SEC = 86_400;
export const MAX_NOTE_LENGTH = 200;

/**
 * Writes one plainly written number ("50000.00", "-0.5") as the trader reads numbers (the Settings
 * screen's format, see noticeText.ts); the identity writes the plain form, as kept in the data directory.
 */
export type NumberText = (plain: string) => string;
const plain: NumberText = (text) => text;

/**
 * "SIM BTC-USDT last crosses 50000.00", "SIM BTC-USDT mid moves 2 % either way within 5 min", ...; with
 * `num` the numbers read in the trader's format ("50.000,00"), symbols and venue untouched.
 */
export function describeRule(venue: VenueId, symbol: Symbol, spec: AlertSpec, num: NumberText = plain): string {
  const on = `${venue} ${symbol}`;
  if (spec.kind === 'price') return `${on} ${spec.source} ${spec.condition === 'crosses' ? 'crosses' : `at or ${spec.condition}`} ${num(spec.levelText)}`;
  if (spec.kind === 'move') {
    const way = spec.direction === 'either' ? 'either way' : spec.direction;
    return `${on} ${spec.source} moves ${num(spec.percentText)} % ${way} within ${durationText(spec.windowMs, num)}`;
  }
  return `${on} ${spec.metric} at or ${spec.condition} ${num(String(spec.value))}`;
}

export function durationText(ms: number, num: NumberText = plain): string {
  const s = ms / 1000;
  if (s % 3600 === 0) return `${num(String(s / 3600))} h`;
  if (s % 60 === 0) return `${num(String(s / 60))} min`;
  return `${num(String(s))} s`;
}
