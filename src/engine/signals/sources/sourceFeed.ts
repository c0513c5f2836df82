/**
 * One source's poll loop: on the injected Clock, every `intervalMs`, within its rate limit, backing
 * off (core's jittered backoff) after failures. A poll's failure is the source's alone: it sets the
 * status's error (scrubbed of the source's secrets), is logged, and the next poll is scheduled.
 */
import { backoffDelayMs, type BackoffPolicy, type Clock, type Logger } from '../../core';
import type { SourceDefinition } from './definitions';
import { fetchBody, SourceError } from './http';
import type { FetchLike, ParsedBatch, SourceStatus } from './types';

export interface SourceFeedDeps {
  clock: Clock;
  fetch: FetchLike;
  logger: Logger;
  random: () => number;
  backoff: BackoffPolicy;
  /** Called with each successful poll's batch; returns how many items were new and the newest time seen. */
  deliver(def: SourceDefinition, batch: ParsedBatch): { stored: number; newestAt?: number };
  onStatus(status: SourceStatus): void;
}

const MINUTE = 60_000;

/** Replaces every secret in `text` (the raw and URL-encoded forms) with a mark. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

export class SourceFeed {
  private status: SourceStatus;
  private timer: number | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private readonly requestTimes: number[] = [];

  constructor(
    readonly def: SourceDefinition,
    private readonly deps: SourceFeedDeps,
    itemsStored: number,
  ) {
    this.status = { id: def.id, kind: def.kind, label: def.label, state: 'idle', errorsInRow: 0, errorCount: 0, intervalMs: def.intervalMs, itemsStored };
  }

  snapshot(): SourceStatus {
    return { ...this.status };
  }

  /** Starts polling now (first poll immediately). */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.update({ state: 'stopped', nextPollAt: undefined });
  }

  /** Polls now unless a poll is running (then waits for that one) or the rate limit forbids it (then the poll waits its turn). */
  pollNow(): Promise<void> {
    if (this.polling) return this.polling;
    const wait = this.rateLimitWait();
    if (wait > 0) {
      this.schedule(wait);
      return Promise.resolve();
    }
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  /** Resolves when the poll in flight (if any) has finished. */
  idle(): Promise<void> {
    return this.polling ?? Promise.resolve();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    const delay = Math.max(ms, this.rateLimitWait());
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      // A local source's poll (SourceDefinition.generate) finishes synchronously and its promise
      // settles a microtask later: a timer due before then must poll after it, not be swallowed.
      if (this.polling) void this.polling.then(() => this.pollNow());
      else void this.pollNow();
    }, delay);
    this.update({ nextPollAt: this.deps.clock.now() + delay });
  }

  /** How long until this source may make one poll's requests within its per-minute limit. */
  private rateLimitWait(): number {
    const now = this.deps.clock.now();
    while (this.requestTimes.length && this.requestTimes[0]! <= now - MINUTE) this.requestTimes.shift();
    const need = this.def.requests().length;
    const room = this.def.maxRequestsPerMinute - this.requestTimes.length;
    if (room >= need) return 0;
    // The oldest requests must leave the window first.
    const mustLeave = Math.min(need - room, this.requestTimes.length);
    return this.requestTimes[mustLeave - 1]! + MINUTE - now;
  }

  private async poll(): Promise<void> {
    const { clock, logger } = this.deps;
    const def = this.def;
    this.update({ state: this.status.state === 'connected' ? 'connected' : 'connecting', lastPollAt: clock.now() });
    let retryAfter: number | undefined;
    try {
      const batch: ParsedBatch = def.generate ? def.generate(clock.now()) : { headlines: [], readings: [] };
      for (const req of def.requests()) {
        this.requestTimes.push(clock.now());
        const body = await fetchBody(this.deps.fetch, clock, req.url, def.limits, req.headers ?? {});
        const part = req.read(body);
        batch.headlines.push(...part.headlines);
        batch.readings.push(...part.readings);
      }
      if (this.stopped) return;
      const { stored, newestAt } = this.deps.deliver(def, batch);
      this.update({
        state: 'connected',
        error: undefined,
        errorsInRow: 0,
        lastSuccessAt: clock.now(),
        itemsStored: this.status.itemsStored + stored,
        ...(newestAt !== undefined && (this.status.lastItemAt === undefined || newestAt > this.status.lastItemAt) ? { lastItemAt: newestAt } : {}),
      });
      logger.debug({ source: def.id, headlines: batch.headlines.length, readings: batch.readings.length, stored }, 'signal source polled');
    } catch (err) {
      if (this.stopped) return;
      const reason = redact(err instanceof SourceError ? err.message : `unexpected failure: ${err instanceof Error ? err.message : String(err)}`, def.secrets);
      retryAfter = err instanceof SourceError ? err.retryAfterMs : undefined;
      this.update({ state: 'error', error: reason, errorsInRow: this.status.errorsInRow + 1, errorCount: this.status.errorCount + 1 });
      logger.warn({ source: def.id, kind: def.kind, error: reason, errorsInRow: this.status.errorsInRow }, 'signal source failed');
    }
    if (this.stopped) return;
    if (this.status.errorsInRow === 0) this.schedule(def.intervalMs);
    else {
      // After a failure: the backoff step (growing with the failures in a row), or longer if the server said so.
      this.schedule(Math.max(backoffDelayMs(this.status.errorsInRow - 1, this.deps.backoff, this.deps.random), retryAfter ?? 0));
    }
  }

  private update(patch: Partial<SourceStatus>): void {
    const next = { ...this.status, ...patch };
    for (const k of Object.keys(patch) as (keyof SourceStatus)[]) if (patch[k] === undefined) delete next[k];
    this.status = next;
    this.deps.onStatus(this.snapshot());
  }
}
