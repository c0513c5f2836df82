import { backoffDelayMs, type BackoffPolicy, type Clock, type Logger, type Result, type Symbol, type TimerId, type VenueEvent } from '../../core';
import type { BookScale, SyncOutcome } from '../sync';
import type { DepthFrameScanner } from './depthFrameScanner';
import { scannedDepthSync, type ScannedDepthSync } from './scannedDepthSync';
import type { SnapshotAnswer } from './depthSnapshotClient';
import type { BinanceMarketKind } from './endpoints';

export interface FeedSymbol {
  /** Our canonical symbol (BTC-USDT). */
  symbol: Symbol;
  /** Binance's (BTCUSDT). */
  venueSymbol: string;
  /** The instrument's scale (scaleOf(instrument)): events are in its ticks and lots. */
  scale: BookScale;
}

/** What a book needs from the feed that owns it. */
export interface SymbolBookDeps {
  venue: string;
  market: BinanceMarketKind;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Backoff between snapshot attempts that failed (network, 5xx, unreadable). */
  retry: BackoffPolicy;
  fetchSnapshot(venueSymbol: string): Promise<SnapshotAnswer>;
  emit(event: VenueEvent): void;
  /** The book can no longer be trusted (gap, unreadable message, socket down) until its next snapshot. */
  stale(symbol: Symbol, reason: string): void;
  /** A 418: the whole feed must stop. */
  banned(reason: string): void;
}

/**
 * One symbol's book on the live feed: its diff stream goes through the Binance normaliser, and a REST
 * snapshot is fetched whenever the normaliser has none to build on (start, gap, reconnect, a request).
 * At most one snapshot is in flight (or waiting to be retried) per book; an answer that arrives after
 * the socket it belonged to went down is thrown away, since the diffs that would bridge it are lost.
 */
export class SymbolBook {
  readonly sync: ScannedDepthSync;
  /** The fetch in flight; replaced (and the old answer ignored) when the connection is lost. */
  private inFlight: object | undefined;
  private retryTimer: TimerId | undefined;
  /** Consecutive snapshot attempts that did not make the book live (failed, unreadable, not bridging). */
  private failures = 0;
  /** A snapshot is being applied: a gap found now means the snapshot does not bridge the buffered diffs. */
  private applying = false;

  constructor(
    readonly spec: FeedSymbol,
    private readonly deps: SymbolBookDeps,
  ) {
    const options = { venue: deps.venue, symbol: spec.symbol, venueSymbol: spec.venueSymbol, scale: spec.scale };
    this.sync = scannedDepthSync(deps.market, options);
  }

  /** A depthUpdate from the stream (already unwrapped from the combined-stream envelope). */
  onDepth(message: unknown): void {
    const wasLive = this.sync.state === 'live';
    this.handle(this.sync.push(message), 'depth message', wasLive);
  }

  /** A depthUpdate the frame scanner has just read (the hot path: levels already in ticks and lots). */
  onScanned(frame: DepthFrameScanner): void {
    const { venueSymbol } = this.spec;
    const delta = this.sync.continueScanned(venueSymbol, frame.U, frame.u, frame.pu, frame.levels);
    if (delta) return this.deps.emit(delta);
    const wasLive = this.sync.state === 'live';
    this.handle(this.sync.pushScanned(venueSymbol, frame.U, frame.u, frame.pu, frame.levels), 'depth message', wasLive);
  }

  /** Fetches a fresh snapshot unless one is already on its way. */
  requestSnapshot(why: string): void {
    if (this.inFlight || this.retryTimer !== undefined) return;
    const token = {};
    this.inFlight = token;
    this.deps.logger.info({ venue: this.deps.venue, symbol: this.spec.symbol, why }, 'fetching depth snapshot');
    void this.deps.fetchSnapshot(this.spec.venueSymbol).then((answer) => {
      if (this.inFlight !== token) return; // the connection it was for is gone
      this.inFlight = undefined;
      this.onAnswer(answer);
    });
  }

  /** The socket went down: diffs are being lost, so the book is stale and any pending fetch is moot. */
  disconnected(reason: string): void {
    this.cancel();
    const wasLive = this.sync.state === 'live';
    this.sync.invalidate();
    if (wasLive) this.deps.stale(this.spec.symbol, reason);
  }

  /** Forgets pending fetches and retries (stop, disconnect, ban). */
  cancel(): void {
    this.inFlight = undefined;
    if (this.retryTimer !== undefined) this.deps.clock.clearTimer(this.retryTimer);
    this.retryTimer = undefined;
  }

  private onAnswer(answer: SnapshotAnswer): void {
    const log = { venue: this.deps.venue, symbol: this.spec.symbol };
    switch (answer.kind) {
      case 'snapshot': {
        this.applying = true;
        try {
          this.handle(this.sync.push(answer.body), 'depth snapshot', false);
        } finally {
          this.applying = false;
        }
        if (!this.sync.needsSnapshot) {
          this.failures = 0;
          return;
        }
        // Unreadable, or it does not bridge the stream. The first time, becameStale has already asked
        // again (Binance: "go back to step 3"); after that the attempts are spaced, since every depth
        // request spends request weight the order endpoints share.
        const waitMs = this.nextFailureDelay();
        if (!this.inFlight) this.deps.logger.warn({ ...log, waitMs, attempts: this.failures }, 'depth snapshot did not make the book live: retrying after a pause');
        return this.retryLater(waitMs, 'snapshot did not apply');
      }
      case 'rateLimited':
        this.deps.logger.warn({ ...log, waitMs: answer.waitMs, reason: answer.reason }, 'depth snapshot rate limited: waiting before asking again');
        return this.retryLater(answer.waitMs, 'rate limit wait over');
      case 'banned':
        return this.deps.banned(answer.reason);
      case 'failed': {
        const waitMs = this.nextFailureDelay();
        this.deps.logger.warn({ ...log, waitMs, reason: answer.reason }, 'depth snapshot failed: retrying');
        return this.retryLater(waitMs, 'retry after failure');
      }
    }
  }

  private nextFailureDelay(): number {
    return backoffDelayMs(this.failures++, this.deps.retry, this.deps.random);
  }

  private retryLater(ms: number, why: string): void {
    if (this.retryTimer !== undefined || this.inFlight) return;
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.sync.needsSnapshot) this.requestSnapshot(why);
    }, ms);
  }

  private handle(result: Result<SyncOutcome[]>, what: string, wasLive: boolean): void {
    if (!result.ok) {
      this.deps.logger.warn({ venue: this.deps.venue, symbol: this.spec.symbol, error: result.error.message }, `malformed ${what} dropped`);
      // A dropped diff may have carried a change: a live book is now stale and needs a snapshot.
      // (A book already waiting for one keeps waiting: its fetch is on the way.)
      if (wasLive && this.sync.needsSnapshot) this.becameStale(`unreadable ${what}: ${result.error.message}`);
      return;
    }
    for (const outcome of result.value) {
      if (outcome.kind === 'apply') this.deps.emit(outcome.event);
      else if (outcome.kind === 'gap') this.becameStale(outcome.gap.reason);
    }
  }

  private becameStale(reason: string): void {
    this.deps.stale(this.spec.symbol, reason);
    // A snapshot that does not bridge for the second time in a row waits for onAnswer's backoff.
    if (this.applying && this.failures > 0) return;
    this.requestSnapshot(reason);
  }
}
