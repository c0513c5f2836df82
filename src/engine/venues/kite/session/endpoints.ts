/**
 * Why a kite account is not connected: its daily access token is gone (06:00 IST, a TokenException,
 * never logged in). The same words the Kite adapter and ticker go down with.
 */
export const KITE_SESSION_EXPIRED = 'Kite session expired: log in again';

/** Kite Connect's documented hosts; an account's --rest-url and --stream-url replace the first two. */
export const KITE_REST_URL = 'https://api.kite.trade';
export const KITE_STREAM_URL = 'wss://ws.kite.trade';
/** Kite's login page: on its own host (kite.zerodha.com), not the API's. */
export const KITE_LOGIN_URL = 'https://kite.zerodha.com/connect/login';

/** The REST root for an account: its --rest-url without trailing slashes, or Kite's. */
export function kiteRestRoot(restUrl: string | undefined): string {
  return restUrl === undefined ? KITE_REST_URL : restUrl.replace(/\/+$/, '');
}

/**
 * Where the trader logs in. Kite's real login page lives on kite.zerodha.com, apart from the API; an
 * account with its own --rest-url stands for a whole Kite of its own (the loopback test server, a
 * sandbox, a proxy), which serves the login page at `/connect/login` on that same origin and path
 * prefix. So: custom REST URL `http://127.0.0.1:9001` logs in at `http://127.0.0.1:9001/connect/login`.
 */
export function kiteLoginPage(restUrl: string | undefined): string {
  return restUrl === undefined ? KITE_LOGIN_URL : `${kiteRestRoot(restUrl)}/connect/login`;
}
