/**
 * Which links the terminal may hand to the OS browser. The renderer shows no third-party content, so a
 * link can only come from our own UI; the list still decides, so that a bug or an injected string
 * cannot send the trader to a look-alike login page or make the OS open a file or another app.
 */

/**
 * The venues' API documentation. Exact host names: a subdomain is not allowed by implication, so
 * `developers.binance.com.evil.com` or `evil.developers.binance.com` are refused. Keep it short.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'developers.binance.com',
  'bybit-exchange.github.io',
  'docs.tardis.dev',
]);

/** Longer than any documentation link; a longer one is refused rather than handed to the OS. */
const MAX_URL_LENGTH = 2048;

/**
 * The URL to open in the OS browser, normalised by the URL parser (that string, never the raw one, is
 * what gets opened), or undefined when it is not allowed: anything but https, credentials in the URL
 * (`https://developers.binance.com@evil.com` is a link to evil.com), a non-default port, or a host not
 * exactly on the list.
 */
export function allowedExternalLink(raw: string, hosts: ReadonlySet<string> = EXTERNAL_LINK_HOSTS): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  if (url.port !== '') return undefined;
  if (!hosts.has(url.hostname)) return undefined;
  return url.href;
}

/**
 * A news headline's link (the Sentiment panel's titles): any host, since news comes from anywhere, but only
 * a link the engine stored from a source (`isStored`), so the renderer cannot be made to open an arbitrary
 * URL, and only http(s) without credentials or a non-default port. Returns the string to open, as stored.
 */
export function allowedHeadlineLink(raw: string, isStored: (url: string) => boolean): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  // Chromium hands over the parsed form; the feed's text may differ only by that normalisation.
  if (isStored(raw)) return raw;
  return isStored(url.href) ? url.href : undefined;
}
