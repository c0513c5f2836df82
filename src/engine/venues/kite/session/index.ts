/**
 * Kite Connect's daily login, the venue's side: the login URL, the request token in the redirect, its
 * exchange for an access token (POST /session/token) and when that token expires (06:00 IST).
 */
// The hosts themselves stay inside: the adapter and the ticker export their own defaults.
export { KITE_SESSION_EXPIRED, kiteLoginPage, kiteRestRoot } from './endpoints';
export { kiteLoginUrl } from './loginUrl';
export { requestTokenFrom, type RequestTokenResult } from './redirect';
export { formatIst, kiteSessionExpiry } from './expiry';
export { kiteChecksum } from './checksum';
export { exchangeRequestToken, type KiteLoginExchange, type KiteSessionGrant } from './exchange';
