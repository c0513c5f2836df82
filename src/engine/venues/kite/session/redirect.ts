/** What a pasted redirect (or a bare request token) yields: the token, or why there is none. */
export type RequestTokenResult = { ok: true; requestToken: string } | { ok: false; reason: string };

/** Kite's request tokens are 32 letters and digits; anything else is not one (and is never echoed). */
const REQUEST_TOKEN = /^[A-Za-z0-9]{6,128}$/;
const SHOWN_STATUS = /^[a-z_]{1,24}$/;

/**
 * The request token in what the trader pasted or the login window navigated to: either the token itself
 * or the URL Kite redirected to (`...?action=login&type=login&status=success&request_token=...`). A
 * redirect that is not `status=success` (the trader cancelled, Kite refused) is no login, whatever else
 * it carries. Errors name what is wrong, never the pasted text (it may hold a token).
 */
export function requestTokenFrom(pasted: string): RequestTokenResult {
  const text = pasted.trim();
  if (text === '') return { ok: false, reason: 'nothing was given: paste the URL Kite redirected to, or its request_token' };
  if (REQUEST_TOKEN.test(text)) return { ok: true, requestToken: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'this is neither the URL Kite redirected to nor a request token (letters and digits)' };
  }
  const status = url.searchParams.get('status');
  const token = url.searchParams.get('request_token');
  if (status !== 'success') {
    if (status === null) return { ok: false, reason: 'the redirect URL has no status=success: it is not a completed Kite login' };
    const shown = SHOWN_STATUS.test(status) ? ` (status=${status})` : '';
    return { ok: false, reason: `Kite did not complete the login${shown}: log in again` };
  }
  if (token === null || token === '') return { ok: false, reason: 'the redirect URL carries no request_token: log in again' };
  if (!REQUEST_TOKEN.test(token)) return { ok: false, reason: "the redirect URL's request_token is not one Kite issues (letters and digits)" };
  return { ok: true, requestToken: token };
}
