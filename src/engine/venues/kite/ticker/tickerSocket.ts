import type { IncomingMessage } from 'node:http';
import { WebSocket, type RawData } from 'ws';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy, type Clock, type Logger, type TimerId, type VenueId } from '../../../core';
import { KITE_SESSION_EXPIRED } from '../session';

export const DEFAULT_KITE_STREAM_URL = 'wss://ws.kite.trade';

/** Said to the trader (and the account layer, which asks for a login) when Kite refuses the access token. */

export interface KiteCredentials {
  apiKey: string;
  accessToken: string;
}

export interface KiteTickerSocketOptions {
  venue: VenueId;
  /** The account's stream URL (`--stream-url`); default wss://ws.kite.trade. */
  streamUrl?: string;
  /** Read at every (re)connect, so a new login's token is used; undefined = no session now. */
  credentials(): KiteCredentials | undefined;
  clock: Clock;
  /** Uniform in [0, 1): the jitter of the reconnect backoff. */
  random: () => number;
  logger: Logger;
  backoff?: BackoffPolicy;
  /**
   * Kite sends a one-byte heartbeat every second when there are no ticks: a socket that brought no frame
   * for this long (default 5 s) is dead (a half-open TCP connection never closes by itself) and is
   * replaced. Also bounds a handshake that never completes.
   */
  silenceMs?: number;
}

export interface KiteTickerSocketHandlers {
  /** The socket is open and the subscriptions went out on it. */
  opened(): void;
  binary(bytes: Buffer): void;
  text(text: string): void;
  /** The socket went down; a new one opens in `delayMs` unless `stop` comes first. */
  down(reason: string, delayMs: number): void;
  /**
   * Kite refused the access token (HTTP 403 at the handshake, or a close naming a TokenException), or
   * there is none: no retry until `start` again. `reason` is KITE_SESSION_EXPIRED; the detail is logged.
   */
  expired(reason: string): void;
}

export type KiteTickerState = 'stopped' | 'connecting' | 'connected' | 'waitingToReconnect' | 'expired';

/**
 * One KiteTicker WebSocket (`<streamUrl>?api_key=..&access_token=..`): subscribes the wanted
 * instrument tokens in `full` mode, drops a socket silent for longer than Kite's heartbeat allows,
 * reconnects after an exponential, jittered backoff on the injected clock and subscribes everything
 * again on the new socket. A 403 at the handshake means the access token is no longer valid (Kite's
 * tokens last one trading day): retrying cannot help, so the socket stops and says the session
 * expired; `start` after a new login connects again. The access token is in the URL, so the URL is
 * never logged.
 *
 * (marketdata's StreamSocket does the same for Binance and Bybit, but it sits above venues, and Kite
 * needs the handshake's status to tell an expired session from a network fault.)
 */
export class KiteTickerSocket {
  private readonly baseUrl: string;
  private readonly backoff: BackoffPolicy;
  private readonly silenceMs: number;
  private ws: WebSocket | undefined;
  private status: KiteTickerState = 'stopped';
  private reconnectTimer: TimerId | undefined;
  private watchdog: TimerId | undefined;
  private heard = false;
  private attempt = 0;
  /** Tokens wanted now, and those subscribed on the open socket. */
  private wanted: ReadonlySet<number> = new Set();
  private readonly subscribed = new Set<number>();
  private flushQueued = false;

  constructor(
    private readonly options: KiteTickerSocketOptions,
    private readonly handlers: KiteTickerSocketHandlers,
  ) {
    this.baseUrl = options.streamUrl ?? DEFAULT_KITE_STREAM_URL;
    // A wrong URL is a configuration error: said now, not found later inside a reconnect timer.
    if (!/^wss?:\/\/[^/?#]/.test(this.baseUrl)) throw new RangeError(`Kite stream URL must be ws:// or wss://, got ${this.baseUrl}`);
    this.backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
    this.silenceMs = options.silenceMs ?? 5_000;
  }

  get state(): KiteTickerState {
    return this.status;
  }

  /** Connects (again after a stop or an expired session), with the credentials of now. */
  start(): void {
    if (this.status === 'connecting' || this.status === 'connected' || this.status === 'waitingToReconnect') return;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.cancelReconnect();
    if (this.ws) this.release(this.ws);
    this.status = 'stopped';
  }

  /** The whole set of tokens to stream now; changes go out together at the end of this turn of the event loop. */
  want(tokens: ReadonlySet<number>): void {
    this.wanted = new Set(tokens);
    this.queueFlush();
  }

  private open(): void {
    const credentials = this.options.credentials();
    if (!credentials) return this.expire('no access token');
    const url = new URL(this.baseUrl);
    url.searchParams.set('api_key', credentials.apiKey);
    url.searchParams.set('access_token', credentials.accessToken);
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { headers: { 'X-Kite-Version': '3' } });
    } catch (e) {
      return this.goDown(undefined, `ticker socket could not be opened: ${(e as Error).message}`);
    }
    this.ws = ws;
    this.status = 'connecting';
    this.heard = false;
    // Started before the handshake, so a handshake that never completes is dropped too.
    this.watchdog = this.options.clock.setInterval(() => this.checkSilence(ws), this.silenceMs);
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.heard = true;
      this.status = 'connected';
      this.subscribed.clear();
      this.flush();
      this.handlers.opened();
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.ws !== ws) return;
      this.heard = true;
      const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (isBinary) this.handlers.binary(bytes);
      else this.handlers.text(bytes.toString('utf8'));
    });
    ws.on('ping', () => (this.heard = true));
    ws.on('unexpected-response', (_req: unknown, res: IncomingMessage) => {
      if (this.ws !== ws) return;
      const status = res.statusCode ?? 0;
      res.resume();
      // 403 is how Kite refuses an invalid or expired access token; anything else may pass.
      if (status === 403) return this.expire('ticker handshake refused: HTTP 403');
      this.goDown(ws, `ticker handshake refused: HTTP ${status}`);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      const why = `ticker socket closed (code ${code}${reason.length ? `: ${reason.toString()}` : ''})`;
      // Kite's word for a token it no longer takes: reconnecting would only meet a 403.
      if (this.ws === ws && /TokenException/i.test(reason.toString())) return this.expire(why);
      this.goDown(ws, why);
    });
    ws.on('error', (e: Error) => this.goDown(ws, `ticker socket error: ${e.message}`));
  }

  private checkSilence(ws: WebSocket): void {
    if (this.ws !== ws) return;
    if (this.status === 'connecting') return this.goDown(ws, `ticker handshake not answered within ${this.silenceMs} ms`);
    if (!this.heard) return this.goDown(ws, `no frame from the ticker for ${this.silenceMs} ms (Kite sends a heartbeat every second)`);
    // Alive for a whole interval: the next drop starts the backoff over (not on open: a server that
    // accepts and drops at once must see the backoff grow).
    if (this.status === 'connected') this.attempt = 0;
    this.heard = false;
  }

  private goDown(ws: WebSocket | undefined, reason: string): void {
    if (ws !== undefined && this.ws !== ws) return;
    if (ws) this.release(ws);
    const delay = backoffDelayMs(this.attempt++, this.backoff, this.options.random);
    this.status = 'waitingToReconnect';
    this.options.logger.warn({ venue: this.options.venue, reason, delayMs: delay }, 'Kite ticker down: reconnecting');
    this.handlers.down(reason, delay);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.open();
    }, delay);
  }

  /** `detail` goes to the log; the owner hears the one sentence the trader and the account layer act on. */
  private expire(detail: string): void {
    if (this.ws) this.release(this.ws);
    this.cancelReconnect();
    this.status = 'expired';
    this.options.logger.error({ venue: this.options.venue, reason: detail }, `Kite ticker stopped: ${KITE_SESSION_EXPIRED}`);
    this.handlers.expired(KITE_SESSION_EXPIRED);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  /** Forgets a socket: its later events are ignored, and an error from it cannot crash the process. */
  private release(ws: WebSocket): void {
    this.ws = undefined;
    this.subscribed.clear();
    if (this.watchdog !== undefined) this.options.clock.clearTimer(this.watchdog);
    this.watchdog = undefined;
    ws.removeAllListeners();
    ws.on('error', () => {});
    ws.terminate();
  }

  private queueFlush(): void {
    if (this.flushQueued || this.status !== 'connected') return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      if (this.status === 'connected') this.flush();
    });
  }

  /** Brings the open socket's subscriptions to the wanted set: new tokens subscribed in full mode, the others unsubscribed. */
  private flush(): void {
    const ws = this.ws;
    if (!ws) return;
    const add = [...this.wanted].filter((t) => !this.subscribed.has(t));
    const remove = [...this.subscribed].filter((t) => !this.wanted.has(t));
    if (remove.length) {
      ws.send(JSON.stringify({ a: 'unsubscribe', v: remove }));
      for (const t of remove) this.subscribed.delete(t);
    }
    if (add.length) {
      ws.send(JSON.stringify({ a: 'subscribe', v: add }));
      ws.send(JSON.stringify({ a: 'mode', v: ['full', add] }));
      for (const t of add) this.subscribed.add(t);
    }
  }
}
