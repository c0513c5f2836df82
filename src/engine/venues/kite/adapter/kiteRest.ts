/**
 * Kite Connect v3 REST, paced to Kite's rate limits, every failure classified by what it means for
 * the request.
 *
 * Why fetch and not the `kiteconnect` package's KiteConnect: KiteConnect's axios interceptor drops
 * the HTTP status of a failed call and reports a 429, a 502/503 from Kite's gateway and a timeout
 * alike (NetworkException). For an order the difference is money: a 429 is Kite refusing before
 * acting (safe to send again after a backoff), the others may have been acted on (never resent).
 * The wire is what KiteConnect sends (form-encoded bodies, `X-Kite-Version: 3`,
 * `Authorization: token api_key:access_token`, the `{status, data}` / `{status, error_type, message}`
 * envelope). The access token is sent in that header only and never logged.
 */
import { backoffDelayMs, type BackoffPolicy, type Clock, type Logger } from '../../../core';
import { KitePacer, type KiteCallClass } from './kitePacer';
import { KITE_SESSION_EXPIRED } from '../session';

export const KITE_REST_URL = 'https://api.kite.trade';

export type KiteFailure =
  /** Kite refused the request in its own words (InputException, OrderException, ...): it had no effect. */
  | { kind: 'refused'; errorType: string; message: string; status: number }
  /** TokenException: the day's access token is no longer valid. Nothing was done. */
  | { kind: 'sessionExpired'; message: string }
  /** 429 still, after every backoff: nothing was done. */
  | { kind: 'rateLimited'; message: string }
  /** No usable answer (a timeout, a dropped connection, a gateway error): the request may have taken effect. */
  | { kind: 'unknown'; message: string };

export class KiteCallError extends Error {
  constructor(readonly failure: KiteFailure) {
    super(failure.message);
  }
}

/** Error types with which Kite refuses a request without acting on it. */
const REFUSALS = new Set(['InputException', 'OrderException', 'MarginException', 'HoldingException', 'UserException', 'PermissionException']);

export interface KiteRestOptions {
  restUrl?: string;
  apiKey: string;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Per request; a call not answered by then has an unknown outcome. */
  timeoutMs?: number;
  /** Backoff after a 429, per consecutive 429. */
  rateLimitBackoff?: BackoffPolicy;
  /** 429s in a row before the call is given up as rate limited. */
  maxRateLimitRetries?: number;
  pacer?: KitePacer;
}

type Params = Record<string, string | number | boolean | undefined>;

export class KiteRest {
  private accessToken: string | undefined;
  private expired: string | undefined;
  private readonly pacer: KitePacer;
  private readonly base: string;
  private onExpired: (message: string) => void = () => {};

  constructor(private readonly options: KiteRestOptions) {
    this.pacer = options.pacer ?? new KitePacer(options.clock);
    this.base = (options.restUrl ?? KITE_REST_URL).replace(/\/+$/, '');
  }

  /** A new day's token (after a login): the session is live again. */
  setAccessToken(token: string | undefined): void {
    this.accessToken = token;
    this.expired = token ? undefined : KITE_SESSION_EXPIRED;
  }

  /** Called once when Kite first says the token is no longer valid. */
  onSessionExpired(listener: (message: string) => void): void {
    this.onExpired = listener;
  }

  sessionExpired(): string | undefined {
    return this.expired;
  }

  get<T>(path: string, params?: Params, cls: KiteCallClass = 'other'): Promise<T> {
    return this.call<T>('GET', path, params, cls);
  }

  post<T>(path: string, params: Params, cls: KiteCallClass = 'other'): Promise<T> {
    return this.call<T>('POST', path, params, cls);
  }

  put<T>(path: string, params: Params, cls: KiteCallClass = 'other'): Promise<T> {
    return this.call<T>('PUT', path, params, cls);
  }

  delete<T>(path: string, params?: Params, cls: KiteCallClass = 'other'): Promise<T> {
    return this.call<T>('DELETE', path, params, cls);
  }

  /** A CSV answer (GET /instruments): the body as text, paced like every other read. */
  async getText(path: string): Promise<string> {
    return this.call<string>('GET', path, undefined, 'other', true);
  }

  /** One call: paced, retried after a 429 with backoff (Kite did not act on it), never otherwise. */
  async call<T>(method: string, path: string, params: Params | undefined, cls: KiteCallClass, text = false): Promise<T> {
    const { random } = this.options;
    const retries = this.options.maxRateLimitRetries ?? 5;
    const backoff = this.options.rateLimitBackoff ?? { initialMs: 500, maxMs: 10_000 };
    for (let attempt = 0; ; attempt++) {
      if (this.expired !== undefined) throw new KiteCallError({ kind: 'sessionExpired', message: this.expired });
      await this.pacer.slot(cls);
      if (this.expired !== undefined) throw new KiteCallError({ kind: 'sessionExpired', message: this.expired });
      const r = await this.once<T>(method, path, params, text);
      if (r.ok) return r.value;
      if (r.failure.kind === 'rateLimited' && attempt < retries) {
        const wait = backoffDelayMs(attempt, backoff, random);
        this.options.logger.warn({ method, path, attempt, waitMs: wait }, 'Kite said too many requests (429): backing off');
        this.pacer.pause(cls, wait);
        continue;
      }
      if (r.failure.kind === 'sessionExpired') this.expire(r.failure.message);
      throw new KiteCallError(r.failure);
    }
  }

  private expire(kiteWords: string): void {
    if (this.expired !== undefined) return;
    this.expired = KITE_SESSION_EXPIRED;
    this.options.logger.warn({ kite: kiteWords }, KITE_SESSION_EXPIRED);
    this.onExpired(kiteWords);
  }

  private async once<T>(method: string, path: string, params: Params | undefined, text = false): Promise<{ ok: true; value: T } | { ok: false; failure: KiteFailure }> {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) form.append(k, String(v));
    const query = method === 'GET' || method === 'DELETE' ? form.toString() : '';
    const url = `${this.base}${path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { 'X-Kite-Version': '3' };
    if (this.accessToken) headers['Authorization'] = `token ${this.options.apiKey}:${this.accessToken}`;
    let body: string | undefined;
    if (method === 'POST' || method === 'PUT') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = form.toString();
    }
    let res: Response;
    let raw: string;
    try {
      res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 7_000) });
      raw = await res.text();
    } catch (e) {
      return { ok: false, failure: { kind: 'unknown', message: `no answer from Kite to ${method} ${path}: ${(e as Error).message}` } };
    }
    if (text && res.ok && !(res.headers.get('content-type') ?? '').includes('json')) return { ok: true, value: raw as T };
    let json: { status?: string; data?: unknown; error_type?: string; message?: string } | undefined;
    try {
      json = JSON.parse(raw) as typeof json;
    } catch {
      json = undefined;
    }
    if (res.ok && json?.status === 'success') return { ok: true, value: json.data as T };
    const message = typeof json?.message === 'string' && json.message !== '' ? json.message : `${res.status} ${res.statusText}`.trim();
    if (res.status === 429) return { ok: false, failure: { kind: 'rateLimited', message } };
    if (json?.error_type === 'TokenException') return { ok: false, failure: { kind: 'sessionExpired', message } };
    if (json?.error_type !== undefined && REFUSALS.has(json.error_type) && res.status < 502) {
      return { ok: false, failure: { kind: 'refused', errorType: json.error_type, message, status: res.status } };
    }
    return { ok: false, failure: { kind: 'unknown', message: `Kite answered ${method} ${path} with ${res.status}: ${message}` } };
  }
}

/** The failure of a call, whatever was thrown. */
export function failureOf(e: unknown): KiteFailure {
  return e instanceof KiteCallError ? e.failure : { kind: 'unknown', message: (e as Error)?.message ?? String(e) };
}
