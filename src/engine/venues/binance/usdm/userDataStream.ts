/**
 * The account's USD-M user data stream, kept alive: a listen key from POST /fapi/v1/listenKey, the
 * socket `<streamUrl>/ws/<listenKey>`, and a keepalive (PUT /fapi/v1/listenKey) on the injected clock
 * well inside the key's 60 minutes (Binance asks for one every 30 to 60 minutes).
 *
 * The stream is lost when the venue says `listenKeyExpired`, when a keepalive finds the key gone
 * (-1125), when the socket closes, or when it shows no sign of life between two heartbeat checks (a
 * half-open TCP connection never closes by itself). Each loss is reported (`disconnected`, with why),
 * and a new key and socket are tried after a jittered exponential backoff on the clock until one
 * opens (`connected`): whatever happened in between is for the owner to reconcile. After a 418 the
 * stream stays down and says why.
 */
import { WebSocket, type RawData } from 'ws';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy, type Clock, type Logger, type TimerId } from '../../../core';
import type { SignedRestClient } from '../signedRest';

export interface UserDataStreamOptions {
  rest: SignedRestClient;
  /** e.g. wss://fstream.binance.com (the account's streamUrl replaces it). */
  streamUrl: string;
  clock: Clock;
  logger: Logger;
  random: () => number;
  reconnect?: BackoffPolicy;
  /** Between keepalives; default 30 minutes. */
  keepaliveMs?: number;
  /** How often the socket is checked for life; 0 turns the check off. Default 60 s. */
  heartbeatMs?: number;
  /** A socket not open after this long is given up on; default 10 s. */
  openTimeoutMs?: number;
  onMessage(message: unknown): void;
  onState(state: 'connected' | 'disconnected', reason?: string): void;
}

const LISTEN_KEY_PATH = '/fapi/v1/listenKey';
const LISTEN_KEY_DOES_NOT_EXIST = -1125;

export class UserDataStream {
  private ws: WebSocket | undefined;
  private timers: TimerId[] = [];
  private reconnectTimer: TimerId | undefined;
  private attempt = 0;
  private running = false;
  /** Bumped on every (re)open and stop: callbacks of an older socket or request are ignored. */
  private generation = 0;
  private heard = false;
  private live = false;
  private haltedBy: string | undefined;
  /** Ends the wait for a socket that is opening, when it is closed (stop, halt) before it opened. */
  private abortOpening: ((why: string) => void) | undefined;

  constructor(private readonly options: UserDataStreamOptions) {}

  get connected(): boolean {
    return this.live;
  }

  /** Opens the stream; resolves once the first attempt has either opened or failed (then retried in the background). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    await this.open();
  }

  /** Closes the socket, stops every timer and gives the listen key back to the venue. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.closeSocket();
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.live = false;
    if (this.haltedBy === undefined) {
      const r = await this.options.rest.publicRequest('DELETE', LISTEN_KEY_PATH);
      if (!r.ok) this.options.logger.info({ reason: r.error.reason }, 'the listen key could not be closed (it expires by itself within 60 minutes)');
    }
  }

  /** Stops for good after a 418: nothing more is sent. */
  halt(reason: string): void {
    this.haltedBy = reason;
    const wasLive = this.live;
    this.generation++;
    this.closeSocket();
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.live = false;
    if (wasLive) this.options.onState('disconnected', reason);
  }

  private async open(): Promise<void> {
    const { rest, clock, logger } = this.options;
    const gen = ++this.generation;
    const r = await rest.publicRequest<{ listenKey?: unknown }>('POST', LISTEN_KEY_PATH);
    if (gen !== this.generation) return;
    if (!r.ok) {
      if (r.error.kind === 'banned') return this.halt(r.error.reason);
      return this.failed(`listen key: ${r.error.reason}`, r.error.kind === 'rateLimited' ? r.error.waitMs : 0);
    }
    const key = r.body?.listenKey;
    if (typeof key !== 'string' || key === '') return this.failed('listen key: the venue answered without one', 0);

    const ws = new WebSocket(`${this.options.streamUrl.replace(/\/+$/, '')}/ws/${encodeURIComponent(key)}`);
    this.ws = ws;
    const opened = await new Promise<string | undefined>((resolve) => {
      const timer = clock.setTimeout(() => resolve(`no answer within ${this.options.openTimeoutMs ?? 10_000} ms`), this.options.openTimeoutMs ?? 10_000);
      const done = (why: string | undefined) => {
        clock.clearTimer(timer);
        resolve(why);
      };
      ws.once('open', () => done(undefined));
      ws.once('error', (e) => done(e.message));
      ws.once('close', (code) => done(`closed with ${code} before it opened`));
      this.abortOpening = () => done('closed before it opened');
    });
    this.abortOpening = undefined;
    if (gen !== this.generation) return void ws.terminate();
    if (opened !== undefined) return this.failed(`user data stream: ${opened}`, 0);

    ws.on('message', (data) => this.message(gen, data));
    ws.on('ping', () => (this.heard = true));
    ws.on('pong', () => (this.heard = true));
    ws.on('close', (code) => this.lost(gen, `user data stream closed (${code})`));
    ws.on('error', (e) => this.lost(gen, `user data stream failed: ${e.message}`));
    this.heard = true;
    this.attempt = 0;
    this.live = true;
    this.timers.push(clock.setInterval(() => void this.keepalive(gen), this.options.keepaliveMs ?? 30 * 60_000));
    const heartbeat = this.options.heartbeatMs ?? 60_000;
    if (heartbeat > 0) this.timers.push(clock.setInterval(() => this.checkLife(gen), heartbeat));
    logger.info({}, 'Binance USD-M user data stream open');
    this.options.onState('connected');
  }

  private message(gen: number, data: RawData): void {
    if (gen !== this.generation) return;
    this.heard = true;
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return this.options.logger.warn({ bytes: data.toString().length }, 'malformed user data message dropped');
    }
    if ((msg as { e?: unknown })?.e === 'listenKeyExpired') return this.lost(gen, 'the listen key expired (listenKeyExpired)');
    try {
      this.options.onMessage(msg);
    } catch (e) {
      this.options.logger.error({ error: (e as Error).message }, 'a user data message could not be handled: dropped');
    }
  }

  private async keepalive(gen: number): Promise<void> {
    const r = await this.options.rest.publicRequest('PUT', LISTEN_KEY_PATH);
    if (gen !== this.generation || r.ok) return;
    if (r.error.kind === 'banned') return this.halt(r.error.reason);
    if (r.error.kind === 'venue' && r.error.code === LISTEN_KEY_DOES_NOT_EXIST) return this.lost(gen, `listen key keepalive: ${r.error.reason}`);
    // Anything else (no answer, a 429) is tried again at the next keepalive, well inside the key's hour.
    this.options.logger.warn({ reason: r.error.reason }, 'listen key keepalive failed; trying again at the next one');
  }

  private checkLife(gen: number): void {
    if (gen !== this.generation) return;
    if (!this.heard) return this.lost(gen, 'user data stream silent: no message or pong between two checks');
    this.heard = false;
    try {
      this.ws?.ping();
    } catch {
      // a closing socket: its close event reports the loss
    }
  }

  private lost(gen: number, reason: string): void {
    if (gen !== this.generation || !this.running) return;
    this.generation++;
    this.closeSocket();
    this.live = false;
    this.options.logger.warn({ reason }, 'Binance USD-M user data stream lost; reconnecting');
    this.options.onState('disconnected', reason);
    this.schedule(0);
  }

  private failed(reason: string, atLeastMs: number): void {
    if (!this.running) return;
    this.closeSocket();
    this.options.logger.warn({ reason, attempt: this.attempt }, 'Binance USD-M user data stream could not open; trying again');
    this.options.onState('disconnected', reason);
    this.schedule(atLeastMs);
  }

  private schedule(atLeastMs: number): void {
    if (!this.running || this.haltedBy !== undefined) return;
    const delay = Math.max(atLeastMs, backoffDelayMs(this.attempt++, this.options.reconnect ?? DEFAULT_RECONNECT_BACKOFF, this.options.random));
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.open();
    }, delay);
  }

  private closeSocket(): void {
    for (const t of this.timers.splice(0)) this.options.clock.clearTimer(t);
    this.abortOpening?.('closed before it opened');
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
    }
  }
}
