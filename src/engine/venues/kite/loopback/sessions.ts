/**
 * Kite Connect's login and sessions as the loopback venue keeps them: the login page hands out a
 * one-time request_token (the loopback approves at once: it plays the user), POST /session/token
 * trades it for an access_token when checksum = hex SHA-256(api_key + request_token + api_secret),
 * every authenticated call presents `Authorization: token api_key:access_token`, and an access token
 * lapses at 06:00 IST the next day, on logout, or when a test expires it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KiteAppConfig, KiteUserConfig } from './config';
import { errors, type KiteError } from './kiteErrors';
import { nextSixAmIst } from './marketHours';

/** Kite's request_token is good for a few minutes only. */
export const REQUEST_TOKEN_VALIDITY_MS = 5 * 60_000;

export interface KiteSession {
  readonly apiKey: string;
  readonly accessToken: string;
  readonly publicToken: string;
  readonly enctoken: string;
  readonly loginTime: number;
  readonly expiresAt: number;
}

const token = (bytes: number) => randomBytes(bytes).toString('hex').slice(0, bytes);

export const checksumOf = (apiKey: string, requestToken: string, apiSecret: string): string =>
  createHash('sha256').update(apiKey + requestToken + apiSecret).digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class KiteSessions {
  private readonly requestTokens = new Map<string, number>();
  private readonly sessions = new Map<string, KiteSession>();
  /** Tokens a test expired: they answer "session expired" rather than "incorrect". */
  private readonly expired = new Set<string>();
  private readonly listeners: ((accessToken: string) => void)[] = [];

  constructor(
    readonly app: KiteAppConfig,
    readonly user: KiteUserConfig,
    private readonly now: () => number,
  ) {}

  /** Called when an access token stops being valid (logout, expiry): the ticker closes its sockets. */
  onInvalidated(fn: (accessToken: string) => void): void {
    this.listeners.push(fn);
  }

  /** The login page: a fresh request_token for a known api_key. */
  login(apiKey: string | undefined): string | KiteError {
    if (apiKey !== this.app.apiKey) return errors.badApiKey();
    const requestToken = token(32);
    this.requestTokens.set(requestToken, this.now());
    return requestToken;
  }

  /** POST /session/token: a request_token is used once, within its validity, with the right checksum. */
  exchange(apiKey: string | undefined, requestToken: string | undefined, checksum: string | undefined): KiteSession | KiteError {
    if (apiKey === undefined) return errors.missing('api_key');
    if (requestToken === undefined) return errors.missing('request_token');
    if (checksum === undefined) return errors.missing('checksum');
    if (apiKey !== this.app.apiKey) return errors.badApiKey();
    const issued = this.requestTokens.get(requestToken);
    if (issued === undefined || this.now() - issued > REQUEST_TOKEN_VALIDITY_MS) return errors.badRequestToken();
    if (!sameText(checksum.toLowerCase(), checksumOf(apiKey, requestToken, this.app.apiSecret))) return errors.badChecksum();
    this.requestTokens.delete(requestToken);
    const now = this.now();
    const session: KiteSession = {
      apiKey,
      accessToken: token(32),
      publicToken: token(32),
      enctoken: token(32),
      loginTime: now,
      expiresAt: nextSixAmIst(now),
    };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** The session an `Authorization: token api_key:access_token` header names. */
  authenticate(header: string | undefined): KiteSession | KiteError {
    const m = /^token ([^:\s]+):(\S+)$/.exec(header ?? '');
    if (!m) return errors.badToken();
    return this.byToken(m[1]!, m[2]!);
  }

  /** The session of an api_key and access_token pair (the ticker's query string). */
  byToken(apiKey: string, accessToken: string): KiteSession | KiteError {
    if (this.expired.has(accessToken)) return errors.sessionExpired();
    const s = this.sessions.get(accessToken);
    if (!s || s.apiKey !== apiKey) return errors.badToken();
    if (this.now() >= s.expiresAt) {
      this.invalidate(accessToken);
      return errors.sessionExpired();
    }
    return s;
  }

  /** DELETE /session/token: the named access token stops working. */
  logout(apiKey: string | undefined, accessToken: string | undefined): true | KiteError {
    if (apiKey !== this.app.apiKey || accessToken === undefined || !this.sessions.has(accessToken)) return errors.badToken();
    this.invalidate(accessToken);
    return true;
  }

  /** The fault "access token expiry mid-session": every live token is invalidated now. */
  expireAll(): number {
    const tokens = [...this.sessions.keys()];
    for (const t of tokens) this.invalidate(t);
    return tokens.length;
  }

  get liveSessions(): number {
    return this.sessions.size;
  }

  /** Every access token issued so far, live or invalidated (a test checks none of them leaked anywhere). */
  issuedAccessTokens(): string[] {
    return [...this.sessions.keys(), ...this.expired];
  }

  private invalidate(accessToken: string): void {
    this.sessions.delete(accessToken);
    this.expired.add(accessToken);
    for (const fn of this.listeners) fn(accessToken);
  }
}
