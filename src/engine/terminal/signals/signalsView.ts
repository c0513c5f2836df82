/**
 * What the views see of the signals desk (issue 16): sources and their health, headlines with scores,
 * per-instrument sentiment and positioning, the aggregator's composite with its components, the
 * order-flow model's honest record, weights and alert rules. Instruments are canonical symbols
 * ("BTC-USDT"): news is about an asset, not a venue's book of it.
 */
import type { AlertRule, ComponentName, OrderFlowModelStats, SentimentScore, SignalAlert, SignalSnapshot, SignalWeights, SourceKind, SourceStatus } from '../../signals';

/** A configured source as the Sources list shows it: its status plus what the trader set (never a secret). */
export interface SignalSourceView extends SourceStatus {
  /** The simulated news wire (labelled "simulated" wherever its items appear). */
  simulated: boolean;
  /** Where it reads from: the feed URL, "r/<sub>", the API host (no token), or the account it follows. */
  target: string;
  /** Added by the engine (the SIM wire, an account's positioning) rather than by the trader: cannot be removed, only paused. */
  automatic: boolean;
  enabled: boolean;
}

/** How the trader adds a source. A CryptoPanic token goes to the vault (the vault must be unlocked). */
export type SignalSourceTicket =
  | { kind: 'rss'; url: string; label?: string; intervalSec?: number }
  | { kind: 'reddit'; subreddit: string; label?: string; intervalSec?: number }
  | { kind: 'cryptopanic'; token: string; currencies?: string[]; intervalSec?: number }
  | { kind: 'fearGreed'; intervalSec?: number };

export interface HeadlineView {
  id: number;
  source: string;
  sourceLabel: string;
  simulated: boolean;
  title: string;
  link?: string;
  ts: number;
  /** False when the feed gave no time and `ts` is when we first saw it. */
  timeFromItem: boolean;
  instruments: string[];
  score?: SentimentScore;
}

/** One source's mean compound score per bucket, oldest first (a sparkline). */
export interface SourceSeriesView {
  source: string;
  label: string;
  simulated: boolean;
  bucketMs: number;
  points: { ts: number; mean: number; count: number }[];
}

/** A positioning figure with its source and time. */
export interface PositioningFigure {
  value: number;
  ts: number;
  source: string;
  label?: string;
}

export interface PositioningView {
  fundingRate?: PositioningFigure;
  openInterest?: PositioningFigure;
  longShortRatio?: PositioningFigure;
  fearGreed?: PositioningFigure;
  /** Kite: put OI / call OI over the underlying's option chain (nearest expiry with OI). */
  putCallRatio?: PositioningFigure;
}

/** The order-flow model of one instrument: training progress until it has a walk-forward record, then that record. */
export type OrderFlowModelView =
  | { state: 'collecting'; instrument: string; venue: string; samples: number; samplesNeeded: number; horizonMs: number }
  | {
      state: 'trained';
      instrument: string;
      venue: string;
      trainedAt: number;
      /** Where its training data came from. */
      data: 'live' | 'simulated';
      samples: number;
      stats: OrderFlowModelStats;
      /** The latest live prediction (absent while the book is not two-sided). */
      pUp?: number;
      signal?: number;
    }
  | { state: 'unavailable'; instrument: string; reason: string };

export interface SentimentView {
  instrument: string;
  ts: number;
  signal: SignalSnapshot;
  series: SourceSeriesView[];
  headlines: HeadlineView[];
  positioning: PositioningView;
  orderFlow: OrderFlowModelView;
}

/** The composite over time for the chart overlay, and the headlines to mark on it. */
export interface SignalOverlayView {
  instrument: string;
  points: { ts: number; composite: number }[];
  headlines: { ts: number; compound: number; title: string; source: string }[];
}

export interface SignalSettingsView {
  weights: SignalWeights;
  components: readonly ComponentName[];
  alerts: AlertRule[];
}

/** An alert that fired, as toasts and OS notifications show it. */
export interface SignalAlertView extends SignalAlert {
  /** One line for a notification: "BTC-USDT composite crossed above 0.500 (now 0.620)". */
  message: string;
}

export type { AlertRule, SignalSnapshot, SignalWeights, SourceKind };
