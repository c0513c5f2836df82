/**
 * Runs ccxt pro watch loops (watchOrders, watchMyTrades, watchBalance, watchOrderBook, ...) and says
 * when the venue's sockets are lost and back, once per outage for all the loops together.
 *
 * ccxt pro reconnects a socket when the next watch call is made after it broke; a loop whose watch
 * throws waits a jittered, growing backoff on the injected clock before asking again, so a venue that
 * is down is not hammered. The first failure of an outage is reported as `down(reason)`; `up()` follows
 * once every failed loop works again: its re-asked watch's sockets are open (not only when data next
 * arrives: an account with no orders may stay silent for hours, and the terminal reconciles as soon as
 * it hears `up`), or it delivered an update.
 */
import ccxt, { type Exchange } from 'ccxt';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy, type Clock, type Logger, type TimerId } from '../../core';
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

interface LoopState {
  stop: boolean;
  timer: TimerId | undefined;
  wake: (() => void) | undefined;
  /** Failures so far: an "open" found for an older failure is not believed. */
  failures: number;
}

export class WatchLoops {
  private readonly running = new Map<string, LoopState>();
  private readonly backoff: BackoffPolicy;
  /** The loops whose last watch failed and that have not worked since: down while any is here. */
  private readonly failing = new Set<string>();
  private stopped = false;

  constructor(private readonly options: WatchLoopsOptions) {
    this.backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
  }

  get down(): boolean {
    return this.failing.size > 0;
  }

  start<T>(loop: WatchLoop<T>): void {
    if (this.stopped || this.running.has(loop.name)) return;
    const state: LoopState = { stop: false, timer: undefined, wake: undefined, failures: 0 };
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
    this.healthy(name);
  }

  has(name: string): boolean {
    return this.running.has(name);
  }

  stopAll(): void {
    this.stopped = true;
    for (const name of [...this.running.keys()]) this.stopLoop(name);
  }

  private wake(state: LoopState): void {
    if (state.timer !== undefined) this.options.clock.clearTimer(state.timer);
    state.timer = undefined;
    state.wake?.();
    state.wake = undefined;
  }

  private async run<T>(loop: WatchLoop<T>, state: LoopState): Promise<void> {
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
      if (this.failing.has(loop.name)) this.healthyWhenOpen(loop.name, state, state.failures);
      let update: T;
      try {
        update = await pending;
      } catch (e) {
        if (state.stop) return;
        // Our own unwatch of this subscription ended the pending watch (a symbol dropped and asked for
        // again at once): not an outage, the watch is simply asked again.
        if (e instanceof ccxt.UnsubscribeError && unsubscribed++ < 3) continue;
        // Asking again cannot help: the venue has no such stream through ccxt, or not without a symbol.
        if (e instanceof ccxt.NotSupported || e instanceof ccxt.ArgumentsRequired) {
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
        state.failures++;
        this.failed(loop.name, reason);
        const delay = backoffDelayMs(attempt++, this.backoff, random);
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
      this.healthy(loop.name);
      try {
        loop.handle(update);
      } catch (e) {
        logger.error({ venue, loop: loop.name, error: (e as Error).message }, 'a stream update could not be handled: dropped');
      }
    }
  }

  private failed(name: string, reason: string): void {
    const wasUp = this.failing.size === 0;
    this.failing.add(name);
    if (!wasUp) return;
    this.options.logger.warn({ venue: this.options.venue, loop: name, reason }, 'venue stream lost: reconnecting with backoff');
    this.options.down(`${name}: ${reason}`);
  }

  private healthy(name: string): void {
    if (!this.failing.delete(name) || this.failing.size > 0 || this.stopped) return;
    this.options.up();
  }

  /** The loop counts as working again once the sockets its new watch dialled are open, unless it failed again first. */
  private healthyWhenOpen(name: string, state: LoopState, failures: number): void {
    const clients = wsClients(this.options.exchange);
    if (clients.length === 0) return;
    void Promise.all(clients.map((c) => c.connected ?? Promise.resolve()))
      .then(() => {
        if (state.failures === failures && !state.stop) this.healthy(name);
      })
      .catch(() => {});
  }
}
