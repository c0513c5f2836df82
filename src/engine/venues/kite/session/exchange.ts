import { KiteConnect } from 'kiteconnect';
import { SqError, type Clock } from '../../../core';
import { kiteRestRoot } from './endpoints';
import { kiteSessionExpiry } from './expiry';

export interface KiteLoginExchange {
  apiKey: string;
  apiSecret: string;
  requestToken: string;
  /** The account's --rest-url; absent: https://api.kite.trade. */
  restUrl?: string;
  clock: Clock;
}

/** What a completed login yields: the access token (a secret: to the vault only) and when it expires. */
export interface KiteSessionGrant {
  accessToken: string;
  expiresAt: number;
  /** Kite's user id of the trader who logged in (shown, not secret). */
  userId?: string;
}

const ACCESS_TOKEN = /^[\x21-\x7e]{1,512}$/;
const USER_ID = /^[A-Za-z0-9]{1,32}$/;
const MAX_MESSAGE = 300;

/**
 * Exchanges a login's request token for an access token: POST /session/token with api_key,
 * request_token and checksum = SHA-256(api_key + request_token + api_secret), through the official
 * `kiteconnect` client (`generateSession`, its `root` set to the account's REST URL) so the request is
 * exactly the one Kite documents and supports. The expiry is computed here from the clock at the moment
 * Kite answered (see kiteSessionExpiry). Kite's refusal comes back in its own words and error type
 * ("Token is invalid or has expired." TokenException); no message carries the secret or a token.
 */
export async function exchangeRequestToken(login: KiteLoginExchange): Promise<KiteSessionGrant> {
  const kite = new KiteConnect({ api_key: login.apiKey, root: kiteRestRoot(login.restUrl) });
  let answer: unknown;
  try {
    answer = await kite.generateSession(login.requestToken, login.apiSecret);
  } catch (error) {
    throw loginRefusal(error, login);
  }
  const data = (answer ?? {}) as { access_token?: unknown; user_id?: unknown };
  if (typeof data.access_token !== 'string' || !ACCESS_TOKEN.test(data.access_token)) {
    throw new SqError('VENUE_REJECTED', 'Kite answered the login without an access token: log in again');
  }
  const grant: KiteSessionGrant = { accessToken: data.access_token, expiresAt: kiteSessionExpiry(login.clock.now()) };
  if (typeof data.user_id === 'string' && USER_ID.test(data.user_id)) grant.userId = data.user_id;
  return grant;
}

/** Kite's error envelope as kiteconnect rejects with it, or a network failure, as an SqError without secrets. */
function loginRefusal(error: unknown, login: KiteLoginExchange): SqError {
  const e = (error ?? {}) as { error_type?: unknown; message?: unknown };
  const message = scrub(typeof e.message === 'string' ? e.message : String(error), login);
  const type = typeof e.error_type === 'string' && /^[A-Za-z]{1,40}$/.test(e.error_type) ? e.error_type : undefined;
  if (type === 'NetworkException' || type === 'GeneralException' || type === undefined) {
    return new SqError('VENUE_UNAVAILABLE', `Kite could not complete the login: ${message}`);
  }
  return new SqError('UNAUTHORIZED', `Kite refused the login: ${message} (${type})`);
}

/** A message shortened and cleared of anything the login sent that is secret or single-use. */
function scrub(message: string, login: KiteLoginExchange): string {
  let text = message;
  for (const secret of [login.apiSecret, login.requestToken]) if (secret.length > 0) text = text.split(secret).join('…');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
