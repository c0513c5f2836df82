/**
 * A minimal Binance REST client for tests of the loopback venue itself: it signs exactly as Binance
 * documents (HMAC-SHA256 hex, or Ed25519 base64 URL-encoded, over the query string plus the body) and
 * returns the raw answer (status, headers, JSON) so that a test can assert the venue's exact words.
 * The real connectors have their own signer; this one exists so the venue is tested independently.
 */
import { createHmac, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import WebSocket from 'ws';

export type ClientKey = { apiKey: string; hmacSecret: string } | { apiKey: string; ed25519PrivateKey: KeyObject | string };

export interface VenueAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A random key in Binance's format (64 letters and digits). */
export function newApiKey(): string {
  let out = '';
  while (out.length < 64) out += randomBytes(64).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  return out.slice(0, 64);
}

/** An Ed25519 key pair as Binance's key registration takes it: the public key in PEM. */
export function newEd25519Key(): { publicKeyPem: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

/** The signature parameter's value for `payload`, URL-encoded where Binance requires it (Ed25519's base64). */
export function signPayload(key: ClientKey, payload: string): string {
  if ('hmacSecret' in key) return createHmac('sha256', key.hmacSecret).update(payload).digest('hex');
  const pk = typeof key.ed25519PrivateKey === 'string' ? createPrivateKey(key.ed25519PrivateKey) : key.ed25519PrivateKey;
  return encodeURIComponent(sign(null, Buffer.from(payload), pk).toString('base64'));
}

export const encodeParams = (params: Record<string, string | number | boolean>): string =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

export interface RequestOptions {
  /** Adds timestamp (from `timestamp`) and signature. */
  signed?: boolean;
  /** Sends the parameters as a form body instead of the query string (POST/PUT). */
  form?: boolean;
  /** The request's timestamp; default Date.now(). */
  timestamp?: number;
  /** Replaces the computed signature (tests of -1022). */
  signature?: string;
  /** Sends no X-MBX-APIKEY header, or this one instead. */
  apiKeyHeader?: string | null;
}

export class LoopbackClient {
  constructor(
    readonly restUrl: string,
    readonly key: ClientKey,
  ) {}

  async request<T = any>(method: string, path: string, params: Record<string, string | number | boolean> = {}, opts: RequestOptions = {}): Promise<VenueAnswer<T>> {
    const all = opts.signed ? { ...params, timestamp: opts.timestamp ?? Date.now() } : params;
    let payload = encodeParams(all);
    if (opts.signed) payload += `&signature=${opts.signature ?? signPayload(this.key, payload)}`;
    const headers: Record<string, string> = {};
    const apiKey = opts.apiKeyHeader === undefined ? this.key.apiKey : opts.apiKeyHeader;
    if (apiKey !== null) headers['X-MBX-APIKEY'] = apiKey;
    let url = this.restUrl + path;
    let body: string | undefined;
    if (opts.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = payload;
    } else if (payload !== '') {
      url += `?${payload}`;
    }
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
  }

  get = <T = any>(path: string, params: Record<string, string | number | boolean> = {}, opts: RequestOptions = {}) => this.request<T>('GET', path, params, opts);
  signed = <T = any>(method: string, path: string, params: Record<string, string | number | boolean> = {}, opts: RequestOptions = {}) =>
    this.request<T>(method, path, params, { ...opts, signed: true });
}

/** A WebSocket client that keeps every message it receives, for stream tests. */
export class StreamReader {
  readonly messages: any[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];
  closed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      this.wake();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(url: string): Promise<StreamReader> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const reader = new StreamReader(ws);
      ws.once('open', () => resolve(reader));
      ws.once('error', reject);
    });
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.messages.length >= w.n || this.closed) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  /** Resolves once `n` messages have arrived in all (or the socket closed). */
  waitFor(n: number): Promise<any[]> {
    if (this.messages.length >= n || this.closed) return Promise.resolve(this.messages);
    return new Promise((resolve) => this.waiters.push({ n, resolve: () => resolve(this.messages) }));
  }

  /** Resolves when the socket has closed. */
  waitClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  /** Sends a JSON request (SUBSCRIBE ...) and resolves with the answer carrying its id. */
  async call(method: string, params: unknown, id: number | string): Promise<any> {
    const before = this.messages.length;
    this.ws.send(JSON.stringify({ method, params, id }));
    for (let n = before + 1; ; n++) {
      const msgs = await this.waitFor(n);
      if (this.closed && msgs.length < n) throw new Error('socket closed before the answer');
      const answer = msgs.slice(before).find((m) => m.id === id);
      if (answer) return answer;
    }
  }

  close(): void {
    this.ws.close();
  }
}
