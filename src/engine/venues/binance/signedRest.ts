/**
 * A signed REST client for one Binance account (spot paths; the base URL is the account's). It adds
 * `timestamp` (the injected clock plus the server-time offset learned from /api/v3/time, learned
 * again whenever the venue answers -1021) and `recvWindow`, signs the exact query string, sends the
 * API key in X-MBX-APIKEY, and records the weight headers. After a 429 it sends nothing until
 * Retry-After has passed on the clock (a client that keeps sending gets banned); after a 418 it sends
 * nothing at all and every call says why.
 *
 * Nothing throws: every outcome is a value. A request whose answer never came (socket error, timeout,
 * HTTP 5xx, -1007) is `unknown`: the venue may have acted on it, so the caller must find out what
 * happened instead of sending it again. The API secret lives only inside the signer.
 */
import type { Clock, Logger } from '../../core';
import { RateLimitTracker, retryAfterMs, type RateLimitUse } from './rateLimitTracker';
import { signerFor, type RequestSigner, type SignatureKind } from './requestSigner';

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT';
export type RestParams = Readonly<Record<string, string | number | boolean | undefined>>;

export type RestFailure =
  /** Binance answered with its own error: `code` and `msg` exactly as it sent them. */
  | { kind: 'venue'; status: number; code: number; msg: string; reason: string }
  /** 429 now or earlier: nothing was sent (or the venue refused it); ask again after `waitMs`. */
  | { kind: 'rateLimited'; waitMs: number; reason: string }
  /** 418: the IP is banned; nothing is sent any more. */
  | { kind: 'banned'; reason: string }
  /** No answer (socket error, timeout), 5xx or -1007: the venue may or may not have acted. */
  | { kind: 'unknown'; reason: string }
  /** The request never left (no usable key, server time unknown). */
  | { kind: 'notSent'; reason: string };

export type RestResult<T = unknown> = { ok: true; status: number; body: T } | { ok: false; error: RestFailure };

export interface SignedRestOptions {
  restUrl: string;
  apiKey: string;
  /** An HMAC secret, or an Ed25519 private key in PEM. Used only to sign. */
  secret: string;
  clock: Clock;
  logger: Logger;
  /** Abort a request after this long on the clock (default 10 s). */
  timeoutMs?: number;
  recvWindowMs?: number;
  /** Where the venue tells its time: spot's /api/v3/time unless set (USD-M: /fapi/v1/time). */
  timePath?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021;
const SEND_STATUS_UNKNOWN = -1007;

export class SignedRestClient {
  readonly limits = new RateLimitTracker();
  readonly recvWindowMs: number;
  private readonly signer: RequestSigner | undefined;
  private readonly keyProblem: string | undefined;
  private offsetMs: number | undefined;
  private pausedUntil = 0;
  private ban: string | undefined;
  /** The last answered request's round trip on the clock (for the status bar). */
  private roundTrip: { ms: number; at: number } | undefined;
  /** Requests that need the venue's time while it is being learned share one /api/v3/time. */
  private syncing: Promise<RestResult<{ serverTime: number }>> | undefined;

  private readonly options: Omit<SignedRestOptions, 'secret'>;

  constructor(options: SignedRestOptions) {
    // The secret is not kept: from here on only the signer's closure holds it.
    const { secret, ...rest } = options;
    this.options = rest;
    const made = signerFor(secret);
    if (made.ok) this.signer = made.signer;
    else this.keyProblem = made.reason;
    this.recvWindowMs = options.recvWindowMs ?? 5000;
  }

  get signatureKind(): SignatureKind | undefined {
    return this.signer?.kind;
  }

  get banned(): string | undefined {
    return this.ban;
  }

  /** Our clock minus the venue's, as last learned (undefined before the first /api/v3/time). */
  get serverTimeOffsetMs(): number | undefined {
    return this.offsetMs;
  }

  rateLimitUse(): RateLimitUse {
    return this.limits.snapshot();
  }

  /** How long the last request that got an answer took, request to answer, in ms (undefined before the first). */
  get lastRoundTripMs(): number | undefined {
    return this.roundTrip?.ms;
  }

  /** The last round trip and when it ended (our clock). */
  get lastRoundTrip(): { ms: number; at: number } | undefined {
    return this.roundTrip;
  }

  /** The venue refused a timestamp elsewhere (the WebSocket API's -1021): learn its clock again before the next signature. */
  forgetServerTime(): void {
    this.offsetMs = undefined;
  }

  /**
   * Signed parameters for a WebSocket API request (e.g. `userDataStream.subscribe.signature`): the API
   * key, recvWindow and timestamp added, the signature over the parameters sorted by name, as Binance's
   * WebSocket API documents ("SIGNED request security"). The signature travels in JSON, so it is not
   * URL-encoded. Learns the server time first if it is not known.
   */
  async wsApiSignedParams(params: RestParams = {}): Promise<{ ok: true; params: Record<string, string | number | boolean> } | { ok: false; reason: string }> {
    if (!this.signer) return { ok: false, reason: `cannot sign: ${this.keyProblem ?? 'no key'}` };
    if (this.offsetMs === undefined) {
      this.syncing ??= this.syncServerTime().finally(() => (this.syncing = undefined));
      const synced = await this.syncing;
      if (!synced.ok) return { ok: false, reason: `server time unknown: ${synced.error.reason}` };
    }
    const all: Record<string, string | number | boolean> = { apiKey: this.options.apiKey, recvWindow: this.recvWindowMs, timestamp: this.options.clock.now() + (this.offsetMs ?? 0) };
    for (const [k, v] of Object.entries(params)) if (v !== undefined) all[k] = v;
    const payload = Object.keys(all)
      .sort()
      .map((k) => `${k}=${String(all[k])}`)
      .join('&');
    return { ok: true, params: { ...all, signature: decodeURIComponent(this.signer.sign(payload)) } };
  }

  /** Learns the venue's clock from GET /api/v3/time (or the timePath option), assuming the answer was written halfway through the round trip. */
  async syncServerTime(): Promise<RestResult<{ serverTime: number }>> {
    const sentAt = this.options.clock.now();
    const timePath = this.options.timePath ?? '/api/v3/time';
    const r = await this.send<{ serverTime: number }>('GET', timePath, '');
    if (!r.ok) return r;
    if (typeof r.body?.serverTime !== 'number') return { ok: false, error: { kind: 'unknown', reason: `GET ${timePath} answered without a serverTime` } };
    const receivedAt = this.options.clock.now();
    this.offsetMs = r.body.serverTime - Math.round((sentAt + receivedAt) / 2);
    this.options.logger.info({ offsetMs: this.offsetMs }, 'learned Binance server time offset');
    return r;
  }

  /** A public or API-key request (no signature). */
  async publicRequest<T = unknown>(method: HttpMethod, path: string, params: RestParams = {}): Promise<RestResult<T>> {
    return this.send<T>(method, path, encode(params));
  }

  /**
   * A SIGNED request. On -1021 (our timestamp outside recvWindow) the venue refused it without acting,
   * so the server time is learned again and the request sent once more with a fresh timestamp.
   */
  async signed<T = unknown>(method: HttpMethod, path: string, params: RestParams = {}): Promise<RestResult<T>> {
    const first = await this.signedOnce<T>(method, path, params);
    if (first.ok || first.error.kind !== 'venue' || first.error.code !== TIMESTAMP_OUTSIDE_RECV_WINDOW) return first;
    this.options.logger.warn({ path, code: first.error.code, msg: first.error.msg }, 'Binance refused our timestamp; learning its time again');
    this.offsetMs = undefined;
    return this.signedOnce<T>(method, path, params);
  }

  private async signedOnce<T>(method: HttpMethod, path: string, params: RestParams): Promise<RestResult<T>> {
    if (!this.signer) return { ok: false, error: { kind: 'notSent', reason: `cannot sign: ${this.keyProblem ?? 'no key'}` } };
    if (this.offsetMs === undefined) {
      this.syncing ??= this.syncServerTime().finally(() => (this.syncing = undefined));
      const synced = await this.syncing;
      if (!synced.ok) return { ok: false, error: synced.error.kind === 'unknown' ? { kind: 'notSent', reason: `server time unknown: ${synced.error.reason}` } : synced.error };
    }
    const timestamp = this.options.clock.now() + (this.offsetMs ?? 0);
    const payload = encode({ ...params, recvWindow: this.recvWindowMs, timestamp });
    return this.send<T>(method, path, `${payload}&signature=${this.signer.sign(payload)}`);
  }

  private async send<T>(method: HttpMethod, path: string, query: string): Promise<RestResult<T>> {
    const { clock, logger } = this.options;
    if (this.ban !== undefined) return { ok: false, error: { kind: 'banned', reason: this.ban } };
    const wait = this.pausedUntil - clock.now();
    if (wait > 0) return { ok: false, error: { kind: 'rateLimited', waitMs: wait, reason: `not sent: waiting out Binance's 429 for ${Math.ceil(wait / 1000)} s more` } };

    const abort = new AbortController();
    const timer = clock.setTimeout(() => abort.abort(), this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let res: Response;
    let text: string;
    const sentAt = clock.now();
    try {
      res = await fetch(this.options.restUrl + path + (query === '' ? '' : `?${query}`), {
        method,
        headers: { 'X-MBX-APIKEY': this.options.apiKey },
        signal: abort.signal,
      });
      text = await res.text();
    } catch (e) {
      const reason = abort.signal.aborted ? `no answer from Binance to ${method} ${path} within ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `${method} ${path} failed before an answer: ${transportError(e)}`;
      logger.warn({ method, path }, reason);
      return { ok: false, error: { kind: 'unknown', reason } };
    } finally {
      clock.clearTimer(timer);
    }
    this.roundTrip = { ms: clock.now() - sentAt, at: clock.now() };
    this.limits.read(res.headers, clock.now());
    const body = parseJson(text);
    if (res.status === 200) {
      return body.ok ? { ok: true, status: 200, body: body.value as T } : { ok: false, error: { kind: 'unknown', reason: `${method} ${path}: the answer is not JSON` } };
    }
    const said = venueWords(body.ok ? body.value : undefined);
    const retryAfter = res.headers.get('retry-after');
    if (res.status === 418) {
      this.ban = `Binance banned this IP: HTTP 418${said ? ` ${said.code} ${said.msg}` : ''}${retryAfter ? `; Retry-After ${retryAfter} s` : ''}. Nothing more is sent.`;
      logger.error({ method, path, retryAfter }, this.ban);
      return { ok: false, error: { kind: 'banned', reason: this.ban } };
    }
    if (res.status === 429) {
      const waitMs = retryAfterMs(retryAfter);
      this.pausedUntil = Math.max(this.pausedUntil, clock.now() + waitMs);
      const reason = `Binance rate limit hit (HTTP 429${said ? ` ${said.code} ${said.msg}` : ''}): waiting ${waitMs / 1000} s (Retry-After) before sending again`;
      logger.warn({ method, path, retryAfter }, reason);
      return { ok: false, error: { kind: 'rateLimited', waitMs, reason } };
    }
    if (res.status >= 500 || said?.code === SEND_STATUS_UNKNOWN) {
      return { ok: false, error: { kind: 'unknown', reason: `${method} ${path}: HTTP ${res.status}${said ? ` ${said.code} ${said.msg}` : ''} (execution status unknown)` } };
    }
    if (said) return { ok: false, error: { kind: 'venue', status: res.status, code: said.code, msg: said.msg, reason: said.msg } };
    return { ok: false, error: { kind: 'venue', status: res.status, code: 0, msg: `HTTP ${res.status}`, reason: `${method} ${path}: HTTP ${res.status} without Binance's error body` } };
  }
}

/** key=value pairs joined with '&', in the given order: the signature covers exactly this text. */
function encode(params: RestParams): string {
  return Object.entries(params)
    .filter((kv): kv is [string, string | number | boolean] => kv[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function venueWords(body: unknown): { code: number; msg: string } | undefined {
  const b = body as { code?: unknown; msg?: unknown } | undefined;
  return b && typeof b.code === 'number' && typeof b.msg === 'string' ? { code: b.code, msg: b.msg } : undefined;
}

/** fetch says only "fetch failed"; the network's own reason (ECONNREFUSED, ENOTFOUND, a TLS error) is its cause. */
function transportError(e: unknown): string {
  const error = e as Error & { cause?: { code?: unknown; message?: unknown } };
  const cause = error.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail !== undefined && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
}
