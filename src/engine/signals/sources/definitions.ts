/**
 * The sources a trader can configure, each as the requests one poll makes and how each answer is
 * read. `secrets` lists what must never appear in a log line or a status (the CryptoPanic token).
 */
import { parseFeedXml, type HeadlineLimits } from './feedXml';
import type { FetchedBody } from './http';
import { cryptoPanicHeadlines, fearGreedReadings, fundingReadings, longShortReadings, openInterestReadings, redditHeadlines } from './jsonFeeds';
import type { ParsedBatch, SourceKind } from './types';

export interface SourceRequest {
  url: string;
  headers?: Record<string, string>;
  read(body: FetchedBody): ParsedBatch;
}

export interface SourceLimits extends HeadlineLimits {
  /** A response larger than this is aborted. */
  maxBytes: number;
  timeoutMs: number;
}

export interface SourceDefinition {
  id: string;
  kind: SourceKind;
  label: string;
  intervalMs: number;
  /** At most this many HTTP requests per rolling minute (the provider's published limit, with margin). */
  maxRequestsPerMinute: number;
  limits: SourceLimits;
  secrets: string[];
  requests(): SourceRequest[];
  /**
   * A local source (the SIM venue's simulated news wire): its poll calls this instead of making
   * requests (requests() is then empty). What it returns is tagged, scored, deduplicated and stored
   * like any fetched batch; a throw is the source's error like a failed fetch.
   */
  generate?(now: number): ParsedBatch;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 15_000,
  maxItems: 200,
  maxTitleChars: 300,
  maxLinkChars: 2048,
};

interface Common {
  id: string;
  label?: string;
  intervalMs?: number;
  maxRequestsPerMinute?: number;
  limits?: Partial<SourceLimits>;
}

const headlines = (h: ParsedBatch['headlines']): ParsedBatch => ({ headlines: h, readings: [] });
const readings = (r: ParsedBatch['readings']): ParsedBatch => ({ headlines: [], readings: r });
const limitsOf = (c: Common): SourceLimits => ({ ...DEFAULT_SOURCE_LIMITS, ...c.limits });
const UA = { 'user-agent': 'ShrivenQuantTerminal/0.1 (sentiment sources)' };

function checkedUrl(text: string): string {
  const u = new URL(text);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`a source URL must be http(s), got ${u.protocol}`);
  return u.toString();
}

/** An RSS 2.0 or Atom feed at `url`. */
export function rssSource(c: Common & { url: string }): SourceDefinition {
  const url = checkedUrl(c.url);
  const limits = limitsOf(c);
  return {
    id: c.id, kind: 'rss', label: c.label ?? new URL(url).host, intervalMs: c.intervalMs ?? 120_000,
    maxRequestsPerMinute: c.maxRequestsPerMinute ?? 6, limits, secrets: [],
    requests: () => [{ url, headers: { ...UA, accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml' }, read: (b) => headlines(parseFeedXml(b.text, limits)) }],
  };
}

/** A subreddit's newest posts (`<baseUrl>/r/<sub>/new.json`); baseUrl https://www.reddit.com in production. */
export function redditSource(c: Common & { subreddit: string; baseUrl?: string }): SourceDefinition {
  if (!/^[A-Za-z0-9_]{2,21}$/.test(c.subreddit)) throw new Error(`"${c.subreddit}" is not a subreddit name`);
  const base = checkedUrl(c.baseUrl ?? 'https://www.reddit.com');
  const url = new URL(`/r/${c.subreddit}/new.json?limit=50&raw_json=1`, base).toString();
  const limits = limitsOf(c);
  return {
    id: c.id, kind: 'reddit', label: c.label ?? `r/${c.subreddit}`, intervalMs: c.intervalMs ?? 120_000,
    // Reddit allows unauthenticated clients about 10 requests a minute.
    maxRequestsPerMinute: c.maxRequestsPerMinute ?? 6, limits, secrets: [],
    requests: () => [{ url, headers: { ...UA, accept: 'application/json' }, read: (b) => headlines(redditHeadlines(b.text, base, limits)) }],
  };
}

/** CryptoPanic's posts API; `authToken` comes from the vault and is a secret. */
export function cryptoPanicSource(c: Common & { authToken: string; baseUrl?: string; currencies?: string[] }): SourceDefinition {
  if (!c.authToken) throw new Error('CryptoPanic needs an API token');
  const base = checkedUrl(c.baseUrl ?? 'https://cryptopanic.com');
  const url = new URL('/api/v1/posts/', base);
  url.searchParams.set('auth_token', c.authToken);
  url.searchParams.set('public', 'true');
  if (c.currencies?.length) url.searchParams.set('currencies', c.currencies.join(','));
  const limits = limitsOf(c);
  return {
    id: c.id, kind: 'cryptopanic', label: c.label ?? 'CryptoPanic', intervalMs: c.intervalMs ?? 300_000,
    maxRequestsPerMinute: c.maxRequestsPerMinute ?? 2, limits, secrets: [c.authToken, encodeURIComponent(c.authToken)],
    requests: () => [{ url: url.toString(), headers: { ...UA, accept: 'application/json' }, read: (b) => headlines(cryptoPanicHeadlines(b.text, limits)) }],
  };
}

/** alternative.me's crypto Fear & Greed index (daily; polled hourly). */
export function fearGreedSource(c: Common & { baseUrl?: string }): SourceDefinition {
  const base = checkedUrl(c.baseUrl ?? 'https://api.alternative.me');
  const url = new URL('/fng/?limit=1', base).toString();
  const limits = limitsOf(c);
  return {
    id: c.id, kind: 'fearGreed', label: c.label ?? 'Crypto Fear & Greed', intervalMs: c.intervalMs ?? 3_600_000,
    maxRequestsPerMinute: c.maxRequestsPerMinute ?? 2, limits, secrets: [],
    requests: () => [{ url, headers: { ...UA, accept: 'application/json' }, read: (b) => readings(fearGreedReadings(b.text, limits.maxItems)) }],
  };
}

/** Binance USD-M positioning per symbol: funding rate, open interest, global long/short account ratio. */
export function binancePositioningSource(
  c: Common & { baseUrl?: string; symbols: { venueSymbol: string; instrument: string }[]; period?: '5m' | '15m' | '30m' | '1h' | '2h' | '4h' | '6h' | '12h' | '1d' },
): SourceDefinition {
  const base = checkedUrl(c.baseUrl ?? 'https://fapi.binance.com');
  for (const s of c.symbols) if (!/^[A-Z0-9]{2,30}$/.test(s.venueSymbol)) throw new Error(`"${s.venueSymbol}" is not a Binance symbol`);
  const period = c.period ?? '5m';
  const limits = limitsOf(c);
  const at = (path: string, q: Record<string, string>) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
    return u.toString();
  };
  return {
    id: c.id, kind: 'binancePositioning', label: c.label ?? 'Binance USD-M positioning', intervalMs: c.intervalMs ?? 60_000,
    maxRequestsPerMinute: c.maxRequestsPerMinute ?? 60, limits, secrets: [],
    requests: () =>
      c.symbols.flatMap(({ venueSymbol: symbol, instrument }) => [
        { url: at('/fapi/v1/premiumIndex', { symbol }), read: (b: FetchedBody) => readings(fundingReadings(b.text, symbol, instrument)) },
        { url: at('/fapi/v1/openInterest', { symbol }), read: (b: FetchedBody) => readings(openInterestReadings(b.text, symbol, instrument)) },
        { url: at('/futures/data/globalLongShortAccountRatio', { symbol, period, limit: '1' }), read: (b: FetchedBody) => readings(longShortReadings(b.text, symbol, instrument)) },
      ]),
  };
}
