/**
 * What the signal sources produce and how they report themselves: headlines (news, social) and
 * readings (index values, positioning figures), each source's status, and the injected pieces
 * (fetch, scorer) that keep the sources testable and free of the layers above them.
 */
import type { SentimentScore } from '../sentiment';


/** Scores one text. The terminal passes the lexicon scorer (signals/sentiment) later; absent = items stay unscored. */
export type ScoreText = (text: string) => SentimentScore;

/** The subset of WHATWG fetch the sources use; production passes globalThis.fetch, tests the same against loopback. */
export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

export type SourceKind = 'rss' | 'reddit' | 'cryptopanic' | 'fearGreed' | 'binancePositioning' | 'simWire';

/** A headline as a source parsed it, before tagging and storage. */
export interface ParsedHeadline {
  /** The feed's own id (RSS guid, Atom id, Reddit fullname, CryptoPanic id); absent when the feed gives none. */
  guid?: string;
  title: string;
  link?: string;
  /** Published time (ms since epoch) when the item states one that parses. */
  publishedAt?: number;
  /** Instruments the feed itself names (CryptoPanic's currencies), as base codes such as "BTC". */
  currencies?: string[];
}

/** A number a source measured: Fear & Greed, funding rate, open interest, long/short ratio. */
export interface ParsedReading {
  /** e.g. 'fearGreed', 'fundingRate', 'openInterest', 'longShortRatio', 'longAccount'. */
  metric: string;
  /** The instrument it is about (our canonical symbol), absent for market-wide figures. */
  instrument?: string;
  value: number;
  /** Text that goes with the value (Fear & Greed's "Extreme Fear"). */
  label?: string;
  /** When the source says the value was taken (ms since epoch). */
  ts: number;
}

export interface ParsedBatch {
  headlines: ParsedHeadline[];
  readings: ParsedReading[];
}

/** A stored headline. `ts` is the item's own time, else when we first saw it (`timeFromItem` tells which). */
export interface SignalItem {
  id: number;
  source: string;
  guid?: string;
  title: string;
  link?: string;
  ts: number;
  timeFromItem: boolean;
  firstSeen: number;
  instruments: string[];
  score?: SentimentScore;
}

export interface SignalReading extends ParsedReading {
  source: string;
}

export type SourceState = 'idle' | 'connecting' | 'connected' | 'error' | 'stopped';

/** One source's health as the panel shows it. */
export interface SourceStatus {
  id: string;
  kind: SourceKind;
  label: string;
  state: SourceState;
  /** Why the last poll failed (never containing a secret); cleared by the next success. */
  error?: string;
  /** Polls failed in a row (the backoff step) and failed in total since start. */
  errorsInRow: number;
  errorCount: number;
  lastPollAt?: number;
  lastSuccessAt?: number;
  /** The newest item time (or reading time) seen from this source. */
  lastItemAt?: number;
  /** When the next poll is due. */
  nextPollAt?: number;
  intervalMs: number;
  itemsStored: number;
}
