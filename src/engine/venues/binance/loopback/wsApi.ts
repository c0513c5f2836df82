/**
 * Binance spot's WebSocket API (`/ws-api/v3`), for its user data stream: Binance is retiring spot listen
 * keys, and clients (ccxt pro among them) subscribe here instead. Requests are
 * `{"id", "method", "params"}`, answers `{"id", "status", "result" | "error", "rateLimits"}`, and the
 * account's events arrive as `{"subscriptionId", "event"}` (the recorded *_wrapped.json files).
 * - `userDataStream.subscribe.signature`: signed like a REST request, except that the payload is the
 *   params sorted by name (`apiKey=...&timestamp=...`); answers `{subscriptionId}`.
 * - `session.logon` (Ed25519 keys only) then `userDataStream.subscribe`: the same without a signature
 *   per subscription.
 * - `userDataStream.unsubscribe`, `ping`, `time`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { verifySigned, type KeyRegistry } from './auth';
import { errors, isVenueError, type VenueError } from './binanceErrors';
import type { RateLimiter } from './rateLimiter';

interface Session {
  readonly ws: WebSocket;
  readonly connectedSince: number;
  /** The account a `session.logon` authenticated, if any. */
  account?: string;
  apiKey?: string;
  authorizedSince?: number;
  /** subscriptionId -> account. */
  readonly subscriptions: Map<number, string>;
}

type Params = Record<string, unknown>;

const MAX_MESSAGE_BYTES = 64 * 1024;
/** Request weights (Binance: 2 for a user data stream subscription, 1 for the rest here). */
const WEIGHTS: Record<string, number> = { 'userDataStream.subscribe.signature': 2, 'userDataStream.subscribe': 2 };

/** The signed payload of a WebSocket API request: every parameter but `signature`, sorted by name. */
export function wsApiPayload(params: Params): string {
  return Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
}

const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

export class WsApi {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly sessions = new Set<Session>();
  /** Binance numbers subscriptions per connection from 0; one counter per venue keeps them unique in tests. */
  private nextSubscription = 0;

  constructor(
    private readonly keys: KeyRegistry,
    private readonly limiter: RateLimiter,
    private readonly now: () => number,
    /** Told of every user data subscription as it is made. */
    private readonly onSubscribe: (account: string) => void = () => {},
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session: Session = { ws, connectedSince: this.now(), subscriptions: new Map() };
      this.sessions.add(session);
      ws.on('message', (data) => this.onMessage(session, data));
      ws.on('close', () => this.sessions.delete(session));
      ws.on('error', () => this.sessions.delete(session));
    });
  }

  /** Sends an account's user data event to every subscription of that account. */
  push(account: string, event: object): void {
    for (const s of this.sessions) {
      if (s.ws.readyState !== WebSocket.OPEN) continue;
      for (const [subscriptionId, owner] of s.subscriptions) if (owner === account) s.ws.send(JSON.stringify({ subscriptionId, event }));
    }
  }

  dropAll(): void {
    for (const s of [...this.sessions]) {
      s.ws.terminate();
      this.sessions.delete(s);
    }
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onMessage(s: Session, data: RawData): void {
    let req: { id?: unknown; method?: unknown; params?: unknown };
    try {
      req = JSON.parse(data.toString());
    } catch {
      return this.answer(s, null, 400, undefined, errors.invalidJson());
    }
    const id = typeof req.id === 'string' || typeof req.id === 'number' ? req.id : null;
    const method = typeof req.method === 'string' ? req.method : '';
    const params = (typeof req.params === 'object' && req.params !== null ? req.params : {}) as Params;
    const admission = this.limiter.admit(this.now(), WEIGHTS[method] ?? 1, false);
    if (admission.refused) return this.answer(s, id, admission.refused.status, undefined, admission.refused);
    const result = this.run(s, method, params);
    if (isVenueError(result)) this.answer(s, id, result.status, undefined, result);
    else this.answer(s, id, 200, result);
  }

  private run(s: Session, method: string, params: Params): object | VenueError {
    const now = this.now();
    switch (method) {
      case 'ping':
        return {};
      case 'time':
        return { serverTime: now };
      case 'userDataStream.subscribe.signature': {
        const caller = this.verify(params, now);
        return isVenueError(caller) ? caller : this.subscribe(s, caller.account);
      }
      case 'session.logon': {
        const caller = this.verify(params, now);
        if (isVenueError(caller)) return caller;
        if (!this.keys.isEd25519(text(params.apiKey)!)) return errors.hmacKeyNotSupported();
        s.account = caller.account;
        s.apiKey = text(params.apiKey);
        s.authorizedSince = now;
        return { apiKey: s.apiKey, authorizedSince: now, connectedSince: s.connectedSince, returnRateLimits: true, serverTime: now, userDataStream: s.subscriptions.size > 0 };
      }
      case 'userDataStream.subscribe':
        return s.account === undefined ? errors.rejectedApiKey() : this.subscribe(s, s.account);
      case 'userDataStream.unsubscribe': {
        const which = text(params.subscriptionId);
        if (which === undefined) s.subscriptions.clear();
        else if (!s.subscriptions.delete(Number(which))) return errors.subscriptionMissing();
        return {};
      }
      default:
        return errors.unknownMethod(method);
    }
  }

  private verify(params: Params, now: number) {
    return verifySigned(
      {
        apiKey: text(params.apiKey),
        payload: wsApiPayload(params),
        signature: text(params.signature),
        timestamp: text(params.timestamp),
        recvWindow: text(params.recvWindow),
      },
      this.keys,
      now,
    );
  }

  private subscribe(s: Session, account: string): { subscriptionId: number } {
    const subscriptionId = this.nextSubscription++;
    s.subscriptions.set(subscriptionId, account);
    this.onSubscribe(account);
    return { subscriptionId };
  }

  private answer(s: Session, id: string | number | null, status: number, result: object | undefined, error?: VenueError): void {
    const rateLimits = [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: this.limiter.limits.weightPerMinute, count: this.limiter.used }];
    const body = error ? { id, status, error: { code: error.code, msg: error.msg }, rateLimits } : { id, status, result, rateLimits };
    if (s.ws.readyState === WebSocket.OPEN) s.ws.send(JSON.stringify(body));
  }
}
