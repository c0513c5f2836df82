import { WebSocket, type RawData } from 'ws';
import { backoffDelayMs, type BackoffPolicy, type Clock, type Logger, type TimerId, type VenueId } from '../../core';

export interface StreamSocketDeps {
  venue: VenueId;
  /** Checked by the owner (a wrong URL is a configuration error, said before anything opens). */
  url: string;
  clock: Clock;
  /** Uniform in [0, 1): the jitter of every backoff. */
  random: () => number;
  logger: Logger;
  backoff: BackoffPolicy;
  heartbeat: {
    intervalMs: number;
    /**
     * `any`: every message or WebSocket ping/pong proves the socket alive (the owner pings with a
     * WebSocket ping frame), and a whole check heard from starts the backoff over. `pong`: only the
     * owner's `alive()` (its venue's pong message) does, and starts the backoff over at once.
     */
    proof: 'any' | 'pong';
    /** Asks the venue for a sign of life. */
    ping(ws: WebSocket): void;
    /** Why the socket is dropped when nothing proved it alive for a whole interval. */
    silent: string;
  };
  /** The socket is open: the owner subscribes on it with `send`. */
  opened(send: (text: string) => void): void;
  message(data: RawData): void;
  /** The socket is forgotten (down, dropped or closed): whatever was tied to it goes with it. */
  released(): void;
  /** The socket went down and a new one opens in `delayMs` (then `reopen`), unless `close` comes first. */
  down(reason: string, delayMs: number): void;
  /** The backoff after a drop is over: the owner opens again (or stays idle if it needs no stream). */
  reopen(): void;
  /** A socket could not even be created (nothing opened, nothing to reconnect). */
  openFailed(reason: string): void;
}

/**
 * One live feed's WebSocket lifecycle, the same for every venue: open, a heartbeat that drops a silent
 * socket (a half-open TCP connection never closes by itself, and a book frozen behind one would look
 * live), and a dropped socket reopened after an exponential, jittered backoff on the injected clock.
 * Events of a socket already given up are ignored, and an error from one cannot crash the process.
 * What the feed's state is, and what its books do on a drop, stays the owner's.
 */
export class StreamSocket {
  private ws: WebSocket | undefined;
  private reconnectTimer: TimerId | undefined;
  private heartbeatTimer: TimerId | undefined;
  /** Proof of life arrived since the last heartbeat check. */
  private heard = false;
  private attempt = 0;

  constructor(private readonly deps: StreamSocketDeps) {}

  /** Started anew by the owner: the next drop waits the shortest backoff again. */
  resetBackoff(): void {
    this.attempt = 0;
  }

  /** The venue answered a ping (proof `pong`): alive, and the next drop starts the backoff over. */
  alive(): void {
    this.heard = true;
    this.attempt = 0;
  }

  open(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.deps.url);
    } catch (e) {
      // The URL was checked by the owner; anything else here must not escape a timer callback.
      this.deps.logger.error({ venue: this.deps.venue, error: (e as Error).message }, 'market data stream could not be opened');
      return this.deps.openFailed(`stream could not be opened: ${(e as Error).message}`);
    }
    this.ws = ws;
    const { heartbeat } = this.deps;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.heard = true;
      this.heartbeatTimer = this.deps.clock.setInterval(() => this.checkHeartbeat(ws), heartbeat.intervalMs);
      this.deps.opened((text) => ws.send(text));
    });
    ws.on('message', (data: RawData) => {
      if (this.ws !== ws) return;
      if (heartbeat.proof === 'any') this.heard = true;
      this.deps.message(data);
    });
    if (heartbeat.proof === 'any') {
      ws.on('pong', () => (this.heard = true));
      ws.on('ping', () => (this.heard = true)); // ws answers the venue's pings itself
    }
    ws.on('close', (code: number, reason: Buffer) => this.down(ws, `stream closed (code ${code}${reason.length ? `: ${reason.toString()}` : ''})`));
    ws.on('error', (e: Error) => this.down(ws, `stream error: ${e.message}`));
  }

  /** The current socket (if any) is not working: dropped, and reopened after the backoff. */
  drop(reason: string): void {
    if (this.ws) this.down(this.ws, reason);
  }

  /** No more socket: the open one is closed and a pending reconnect cancelled. */
  close(): void {
    if (this.reconnectTimer !== undefined) this.deps.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.ws) this.release(this.ws);
  }

  private checkHeartbeat(ws: WebSocket): void {
    if (this.ws !== ws) return;
    if (!this.heard) return this.down(ws, this.deps.heartbeat.silent);
    // Alive for a whole check: the next drop starts the backoff over. (Not on open: a venue that
    // accepts and drops at once must see the backoff grow.)
    if (this.deps.heartbeat.proof === 'any') this.attempt = 0;
    this.heard = false;
    this.deps.heartbeat.ping(ws);
  }

  private down(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.release(ws);
    const delay = backoffDelayMs(this.attempt++, this.deps.backoff, this.deps.random);
    this.deps.down(reason, delay);
    this.reconnectTimer = this.deps.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.deps.reopen();
    }, delay);
  }

  /** Forgets a socket: its later events are ignored, and an error from it cannot crash the process. */
  private release(ws: WebSocket): void {
    this.ws = undefined;
    this.deps.released();
    if (this.heartbeatTimer !== undefined) this.deps.clock.clearTimer(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    ws.removeAllListeners();
    ws.on('error', () => {});
    ws.terminate();
  }
}
