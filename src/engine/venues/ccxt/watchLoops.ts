/**
 * Runs ccxt pro watch loops (watchOrders, watchMyTrades, watchBalance, watchOrderBook, ...) and says
 * when the venue's sockets are lost and back, once per outage for all the loops together.
 *
 * ccxt pro reconnects a socket when the next watch call is made after it broke; a loop whose watch
 * throws waits a jittered, growing backoff on the injected clock before asking again, so a venue that
 * is down is not hammered. The first failure of an outage is reported as `down(reason)`; `up()` follows
 * when the sockets of the watches asked again are open (not when data next arrives: an account with no
 * orders may stay silent for hours, and the terminal reconciles as soon as it hears `up`).
 */
import ccxt, { type Exchange } from 'ccxt';
import type { Clock, Logger, TimerId } from '../../core';
import { DEFAULT_BACKOFF, jitteredDelayMs, type BackoffPolicy } from './jitteredBackoff';
import { venueWords } from './venueErrors';

export interface WatchLoop<T> {
  /** For logs and reasons, e.g. "watchOrders" or "watchOrderBook BTC/USDT". */
  name: string;
  watch(): Promise<T>;
  handle(update: T): void;
  /** Told each time this loop's watch fails (before the backoff), e.g. to mark its book stale. */
  failed?(reason: string): void;
}

export interface WatchLoopsOptions {
  exchange: Exchange;
  clock: Clock;
  random: () => number;
  logger: Logger;
  backoff?: BackoffPolicy | undefined;
  /** Context for log lines (the venue id). */
  venue: string;
  down(reason: string): void;
  up(): void;
}

interface WsClientLike {
  connected?: Promise<unknown>;
  isConnected?: boolean;
  futures?: Record<string, Promise<unknown>>;
}

/** ccxt pro's open socket clients (not in its public types). */
export function wsClients(exchange: Exchange): WsClientLike[] {
  return Object.values((exchange as unknown as { clients?: Record<string, WsClientLike> }).clients ?? {});
}

/** Marks every promise ccxt still holds as handled: close() rejects them and nothing else awaits them. */
export function quietPendingFutures(exchange: Exchange): void {
  for (const c of wsClients(exchange)) {
    for (const f of Object.values(c.futures ?? {})) f.catch(() => {});
    c.connected?.catch(() => {});
  }
}

export class WatchLoops {
  private readonly running = new Map<string, { stop: boolean; timer: TimerId | undefined; wake: (() => void) | undefined }>();
  private readonly backoff: BackoffPolicy;
  private isDown = false;
  /** Bumped at each failure: an "up" found for an older outage is not reported. */
  private outage = 0;
  private stopped = false;

  constructor(private readonly options: WatchLoopsOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get down(): boolean {
    return this.isDown;
  }

  start<T>(loop: WatchLoop<T>): void {
    if (this.stopped || this.running.has(loop.name)) return;
    const state = { stop: false, timer: undefined as TimerId | undefined, wake: undefined as (() => void) | undefined };
    this.running.set(loop.name, state);
    void this.run(loop, state);
  }

  /** Stops one loop (a symbol no longer watched); its pending watch is left to ccxt (unwatch or close). */
  stopLoop(name: string): void {
    const state = this.running.get(name);
    if (!state) return;
    state.stop = true;
    this.wake(state);
    this.running.delete(name);
  }

  has(name: string): boolean {
    return this.running.has(name);
  }

  stopAll(): void {
    this.stopped = true;
    for (const name of [...this.running.keys()]) this.stopLoop(name);
  }

  private wake(state: { timer: TimerId | undefined; wake: (() => void) | undefined }): void {
    if (state.timer !== undefined) this.options.clock.clearTimer(state.timer);
    state.timer = undefined;
    state.wake?.();
    state.wake = undefined;
  }

  private async run<T>(loop: WatchLoop<T>, state: { stop: boolean; timer: TimerId | undefined; wake: (() => void) | undefined }): Promise<void> {
    const { logger, venue, clock, random } = this.options;
    let attempt = 0;
    let unsubscribed = 0;
    while (!state.stop) {
      let pending: Promise<T>;
      try {
        pending = loop.watch();
      } catch (e) {
        pending = Promise.reject(e);
      }
      if (this.isDown) this.reportUpWhenOpen(this.outage);
      let update: T;
      try {
        update = await pending;
      } catch (e) {
        if (state.stop) return;
        // Our own unwatch of this subscription ended the pending watch (a symbol dropped and asked for
        // again at once): not an outage, the watch is simply asked again.
        if (e instanceof ccxt.UnsubscribeError && unsubscribed++ < 3) continue;
        if (e instanceof ccxt.NotSupported) {
          logger.warn({ venue, loop: loop.name, reason: venueWords(this.options.exchange.id, e) }, 'the venue does not offer this stream through ccxt: not watched');
          this.running.delete(loop.name);
          return;
        }
        const reason = venueWords(this.options.exchange.id, e);
        try {
          loop.failed?.(reason);
        } catch (err) {
          logger.error({ venue, loop: loop.name, error: (err as Error).message }, 'a stream failure could not be handled');
        }
        this.failed(loop.name, reason);
        const delay = jitteredDelayMs(attempt++, this.backoff, random);
        await new Promise<void>((resolve) => {
          state.wake = resolve;
          state.timer = clock.setTimeout(() => {
            state.timer = undefined;
            state.wake = undefined;
            resolve();
          }, delay);
        });
        continue;
      }
      if (state.stop) return;
      attempt = 0;
      unsubscribed = 0;
      this.markUp();
      try {
        loop.handle(update);
      } catch (e) {
        logger.error({ venue, loop: loop.name, error: (e as Error).message }, 'a stream update could not be handled: dropped');
      }
    }
  }

  private failed(name: string, reason: string): void {
    this.outage++;
    if (this.isDown) return;
    this.isDown = true;
    this.options.logger.warn({ venue: this.options.venue, loop: name, reason }, 'venue stream lost: reconnecting with backoff');
    this.options.down(`${name}: ${reason}`);
  }

  private markUp(): void {
    if (!this.isDown || this.stopped) return;
    this.isDown = false;
    this.options.up();
  }

  /** Reports `up` once every socket the new watch calls opened is connected, unless another failure came first. */
  private reportUpWhenOpen(outage: number): void {
    const clients = wsClients(this.options.exchange);
    if (clients.length === 0) return;
    void Promise.all(clients.map((c) => c.connected ?? Promise.resolve()))
      .then(() => {
        if (outage === this.outage) this.markUp();
      })
      .catch(() => {});
  }
}
