/**
 * Shared set-up of the loopback Kite venue's own tests: a venue on a simulated clock standing on a
 * Monday at 10:00 IST (market open), logged in through the real login redirect and checksum, a small
 * REST client that sends Kite's headers, and a close that always runs.
 */
import { afterEach } from 'vitest';
import { SimulatedClock } from '../../../core';
import type { KiteLoopbackConfig } from './config';
import { startKiteLoopback, type KiteLoopback } from './server';
import { checksumOf } from './sessions';
import { waitFor as pollUntil } from '../../../core/testSupport';

export const APP = { apiKey: 'kitetestkey0001', apiSecret: 'kitetestsecret00000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/callback' };

/** Monday 7 December 2026, 10:00 IST. */
export const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);
/** The same Monday, 16:00 IST: markets closed. */
export const MONDAY_16_IST = Date.UTC(2026, 11, 7, 10, 30);

/** Limits high enough that only the rate-limit tests meet them (the simulated clock stands still). */
const ROOMY = { ordersPerSecond: 1000, ordersPerMinute: 10_000, quotesPerSecond: 1000, otherPerSecond: 1000 };

const running: KiteLoopback[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((v) => v.close()));
});

export interface Started {
  venue: KiteLoopback;
  clock: SimulatedClock;
}

export async function startVenue(extra: Partial<KiteLoopbackConfig> = {}, at = MONDAY_10_IST): Promise<Started> {
  const clock = new SimulatedClock(at);
  const venue = await startKiteLoopback({ app: APP, clock, limits: ROOMY, ...extra });
  running.push(venue);
  return { venue, clock };
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A REST client with Kite's headers; `auth` false sends none. */
export class KiteClient {
  accessToken: string | undefined;
  constructor(
    private readonly venue: KiteLoopback,
    readonly apiKey = APP.apiKey,
  ) {}

  async call(method: string, path: string, form?: Record<string, string | number>, headers: Record<string, string> = {}): Promise<Answer> {
    const h: Record<string, string> = { 'X-Kite-Version': '3', ...headers };
    if (this.accessToken && !('Authorization' in headers)) h.Authorization = `token ${this.apiKey}:${this.accessToken}`;
    let body: string | undefined;
    let url = `${this.venue.restUrl}${path}`;
    if (form) {
      const text = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString();
      if (method === 'GET' || method === 'DELETE') url += (url.includes('?') ? '&' : '?') + text;
      else {
        body = text;
        h['Content-Type'] = 'application/x-www-form-urlencoded';
      }
    }
    const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
    const type = res.headers.get('content-type') ?? '';
    const raw = await res.text();
    return { status: res.status, body: type.startsWith('application/json') ? JSON.parse(raw) : raw, headers: res.headers };
  }

  /** The whole login: the login page's redirect, then POST /session/token with the checksum. */
  async login(secret = APP.apiSecret): Promise<Answer> {
    const requestToken = await this.requestToken();
    const r = await this.call('POST', '/session/token', { api_key: this.apiKey, request_token: requestToken, checksum: checksumOf(this.apiKey, requestToken, secret) });
    if (r.status === 200) this.accessToken = r.body.data.access_token;
    return r;
  }

  async requestToken(): Promise<string> {
    const res = await fetch(`${this.venue.loginUrl}?v=3&api_key=${this.apiKey}`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '');
    return location.searchParams.get('request_token') ?? '';
  }
}

export async function loggedIn(extra: Partial<KiteLoopbackConfig> = {}, at = MONDAY_10_IST): Promise<Started & { client: KiteClient }> {
  const s = await startVenue(extra, at);
  const client = new KiteClient(s.venue);
  const r = await client.login();
  if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return { ...s, client };
}

/** A LIMIT order's form (tradingsymbol and exchange given by the caller). */
export const limitOrder = (exchange: string, tradingsymbol: string, side: 'BUY' | 'SELL', quantity: number, price: string, extra: Record<string, string | number> = {}) => ({
  exchange,
  tradingsymbol,
  transaction_type: side,
  order_type: 'LIMIT',
  quantity,
  price,
  product: exchange === 'NFO' ? 'NRML' : 'CNC',
  validity: 'DAY',
  ...extra,
});

/** Waits in real time, the venue clock standing still, until `done` holds; fails naming `what` after `maxPolls`. */
export const waitFor = (done: () => unknown, what: string, maxPolls = 500): Promise<void> => pollUntil(done, what, maxPolls, 10);
