/**
 * A Binance spot account's user data stream over the WebSocket API (`/ws-api/v3`), where Binance moved
 * it from listen keys: one socket, one signed `userDataStream.subscribe.signature` request (HMAC or
 * Ed25519, signed by the account's SignedRestClient: the secret never comes here), then the account's
 * events arrive as `{subscriptionId, event}`.
 *
 * A socket that dies silently (a half-open TCP connection) is found by the heartbeat: every
 * `heartbeatMs` the WebSocket API's `ping` is asked; if nothing at all was heard from the venue between
 * two beats, the socket is taken for dead. Once subscribed, a lost socket is reopened after a jittered,
 * growing delay on the clock and subscribed again; the owner is told it went down (with the reason) and
 * came back, so that it can reconcile what happened meanwhile (events of the gap are not replayed).
 * The first subscription is the owner's to retry: `start` says whether it worked. After a 418 (the IP
 * banned) nothing more is tried: reconnecting would only lengthen the ban.
 */
import { type RawData, WebSocket } from 'ws';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy, type Clock, type Logger, type TimerId } from '../../core';
import type { SignedRestClient } from './signedRest';

export const BINANCE_SPOT_WS_API_URL = 'wss://ws-api.binance.com:443/ws-api/v3';

export interface SpotAccountStreamOptions {
  url: string;
  rest: SignedRestClient;
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1): the reconnect jitter. */
  random: () => number;
  backoff?: BackoffPolicy | undefined;
  /** Between two heartbeats (default 15 s): a dead socket is found within two of them. */
  heartbeatMs?: number | undefined;
  /** How long opening the socket and subscribing may take in all (default 10 s). */
  subscribeTimeoutMs?: number | undefined;
  /** One account event (`executionReport`, `outboundAccountPosition`, ...), as Binance wrote it. */
  onEvent(event: unknown): void;
  /** Subscribed again after a loss (not called for the first subscription: `start` answers that). */
  onUp(): void;
  /**
   * The subscription was lost; a reconnect is scheduled (the reason says when), or none will be (a
   * ban). Told again when a reconnect fails for another reason (a refused key reads better than "closed").
   */
  onDown(reason: string): void;
}

type State = 'idle' | 'starting' | 'up' | 'waiting' | 'reconnecting' | 'stopped';

const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_SUBSCRIBE_TIMEOUT_MS = 10_000;
const TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021;

interface Answer {
  id?: unknown;
  status?: unknown;
  result?: { subscriptionId?: unknown };
  error?: { code?: unknown; msg?: unknown };
  subscriptionId?: unknown;
  event?: unknown;
}

export class SpotAccountStream {
  private state: State = 'idle';
  private ws: WebSocket | undefined;
  private subscriptionId: number | undefined;
  private failures = 0;
  private nextId = 1;
  private heard = false;
  private pingSent: { id: string; at: number } | undefined;
  private rtt: { ms: number; at: number } | undefined;
  private heartbeatTimer: TimerId | undefined;
  private subscribeTimer: TimerId | undefined;
  private reconnectTimer: TimerId | undefined;
  private started: ((result: { ok: true } | { ok: false; reason: string }) => void) | undefined;
  /** The cause last told to the owner, so that a changed cause is told and a repeated one is not. */
  private toldCause: string | undefined;

  constructor(private readonly options: SpotAccountStreamOptions) {}

  /** The last ws-api ping's round trip and when it was measured (our clock). */
  get lastPing(): { ms: number; at: number } | undefined {
    return this.rtt;
  }

  get subscribed(): boolean {
    return this.state === 'up';
  }

  /** Opens the socket and subscribes once: resolves when subscribed, or with the reason it could not. */
  start(): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (this.state !== 'idle') return Promise.resolve({ ok: false, reason: `the account stream is ${this.state}` });
    this.state = 'starting';
    return new Promise((resolve) => {
      this.started = resolve;
      this.open();
    });
  }

  /** Closes the socket and cancels every timer; nothing more is reported. */
  stop(): void {
    const was = this.state;
    this.state = 'stopped';
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.ws) this.release(this.ws);
    if (was === 'starting') this.finishStart({ ok: false, reason: 'stopped before the subscription was made' });
  }

  private open(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.options.url);
    } catch (e) {
      return this.lost(undefined, `the account stream could not be opened: ${(e as Error).message}`);
    }
    this.ws = ws;
    this.subscriptionId = undefined;
    // One bound on the handshake and the subscription together: a venue that accepts the TCP connection
    // and then says nothing must not hold a connect (or a reconnect) forever.
    this.subscribeTimer = this.options.clock.setTimeout(() => this.lost(ws, `account stream not subscribed within ${this.subscribeTimeoutMs} ms`), this.subscribeTimeoutMs);
    ws.on('open', () => void this.subscribe(ws));
    ws.on('message', (data: RawData) => {
      if (this.ws !== ws) return;
      this.heard = true;
      this.onFrame(ws, data);
    });
    ws.on('ping', () => (this.heard = true)); // ws answers the venue's pings itself
    ws.on('pong', () => (this.heard = true));
    ws.on('close', (code: number, reason: Buffer) => this.lost(ws, `account stream closed (code ${code}${reason.length ? `: ${reason.toString()}` : ''})`));
    ws.on('error', (e: Error) => this.lost(ws, `account stream error: ${e.message}`));
  }

  private async subscribe(ws: WebSocket): Promise<void> {
    const signed = await this.options.rest.wsApiSignedParams();
    if (this.ws !== ws) return;
    const banned = this.options.rest.banned;
    if (banned !== undefined) return this.halt(ws, banned);
    if (!signed.ok) return this.lost(ws, `account stream subscription not sent: ${signed.reason}`);
    const id = `subscribe-${this.nextId++}`;
    this.send(ws, { id, method: 'userDataStream.subscribe.signature', params: signed.params });
  }

  private onFrame(ws: WebSocket, data: RawData): void {
    let msg: Answer;
    try {
      msg = JSON.parse(data.toString()) as Answer;
    } catch {
      return this.options.logger.warn({ frame: data.toString().slice(0, 120) }, 'unparseable account stream message dropped');
    }
    if (typeof msg !== 'object' || msg === null) return this.options.logger.warn({ frame: data.toString().slice(0, 120) }, 'account stream message that is not an object dropped');
    if ('subscriptionId' in msg && 'event' in msg) return this.onAccountEvent(ws, msg);
    if (typeof msg.id === 'string' && msg.id.startsWith('subscribe-')) return this.onSubscribed(ws, msg);
    if (typeof msg.id === 'string' && msg.id === this.pingSent?.id) {
      this.rtt = { ms: this.options.clock.now() - this.pingSent.at, at: this.options.clock.now() };
      this.pingSent = undefined;
      return;
    }
    if (msg.error) this.options.logger.warn({ id: msg.id, error: msg.error }, 'account stream request refused');
  }

  private onSubscribed(ws: WebSocket, msg: Answer): void {
    if (this.subscribeTimer !== undefined) this.options.clock.clearTimer(this.subscribeTimer);
    this.subscribeTimer = undefined;
    const id = msg.result?.subscriptionId;
    if (msg.status !== 200 || typeof id !== 'number') {
      const code = typeof msg.error?.code === 'number' ? msg.error.code : undefined;
      const words = typeof msg.error?.msg === 'string' ? msg.error.msg : `status ${String(msg.status)}`;
      // Our timestamp was refused: learn the venue's clock again before the next try.
      if (code === TIMESTAMP_OUTSIDE_RECV_WINDOW) this.options.rest.forgetServerTime();
      const refused = `account stream subscription refused: ${words}${code !== undefined ? ` (${code})` : ''}`;
      return msg.status === 418 ? this.halt(ws, `Binance banned this IP (HTTP 418): ${refused}`) : this.lost(ws, refused);
    }
    this.subscriptionId = id;
    const was = this.state;
    this.state = 'up';
    this.toldCause = undefined;
    this.heard = true;
    this.heartbeatTimer = this.options.clock.setInterval(() => this.beat(ws), this.heartbeatMs);
    if (was === 'starting') this.finishStart({ ok: true });
    else this.options.onUp();
  }

  private onAccountEvent(ws: WebSocket, msg: Answer): void {
    if (msg.subscriptionId !== this.subscriptionId) return; // an old subscription's: not this socket's business now
    const event = msg.event as { e?: unknown } | undefined;
    if (event?.e === 'eventStreamTerminated') return this.lost(ws, 'Binance ended the account stream subscription (eventStreamTerminated)');
    if (event?.e === 'serverShutdown') return this.lost(ws, 'Binance is shutting the WebSocket API server down (serverShutdown)');
    this.options.onEvent(msg.event);
  }

  private beat(ws: WebSocket): void {
    if (this.ws !== ws) return;
    if (!this.heard) return this.lost(ws, `account stream silent for ${this.heartbeatMs} ms (no answer to ping)`);
    // Alive for a whole beat: the next loss starts the backoff over. (Not on subscribing: a venue that
    // accepts and drops at once must see the backoff grow.)
    this.failures = 0;
    this.heard = false;
    const id = `ping-${this.nextId++}`;
    this.pingSent = { id, at: this.options.clock.now() };
    this.send(ws, { id, method: 'ping' });
  }

  /** The socket `ws` is gone (or never worked): report it, and reconnect unless this was the first try. */
  private lost(ws: WebSocket | undefined, reason: string): void {
    if (ws !== undefined && this.ws !== ws) return;
    if (ws) this.release(ws);
    if (this.state === 'stopped' || this.state === 'idle') return;
    if (this.state === 'starting') {
      this.state = 'idle';
      return this.finishStart({ ok: false, reason });
    }
    const delay = backoffDelayMs(this.failures++, this.options.backoff ?? DEFAULT_RECONNECT_BACKOFF, this.options.random);
    this.state = 'waiting';
    this.options.logger.warn({ reason, delayMs: delay }, 'account stream lost: reconnecting');
    // Told when it goes down, and again when a reconnect fails for another cause (the delay aside).
    if (reason !== this.toldCause) {
      this.toldCause = reason;
      this.options.onDown(`${reason}; reconnecting in ${delay} ms`);
    }
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.state !== 'waiting') return;
      this.state = 'reconnecting';
      this.open();
    }, delay);
  }

  /** Nothing more may be tried (a ban): the stream stops for good and says why. */
  private halt(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.release(ws);
    const was = this.state;
    this.state = 'stopped';
    this.options.logger.error({ reason }, 'account stream stopped: not reconnecting');
    if (was === 'starting') return this.finishStart({ ok: false, reason });
    this.options.onDown(`${reason}; not reconnecting`);
  }

  private finishStart(result: { ok: true } | { ok: false; reason: string }): void {
    const resolve = this.started;
    this.started = undefined;
    resolve?.(result);
  }

  private send(ws: WebSocket, body: object): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(body));
  }

  /** Forgets a socket: its later events are ignored, and an error from it cannot crash the process. */
  private release(ws: WebSocket): void {
    if (this.ws === ws) this.ws = undefined;
    this.subscriptionId = undefined;
    this.pingSent = undefined;
    for (const t of [this.heartbeatTimer, this.subscribeTimer]) if (t !== undefined) this.options.clock.clearTimer(t);
    this.heartbeatTimer = undefined;
    this.subscribeTimer = undefined;
    ws.removeAllListeners();
    ws.on('error', () => {});
    ws.terminate();
  }

  private get heartbeatMs(): number {
    return this.options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  }

  private get subscribeTimeoutMs(): number {
    return this.options.subscribeTimeoutMs ?? DEFAULT_SUBSCRIBE_TIMEOUT_MS;
  }
}
