/**
 * The JSON sources' documented response shapes, validated with zod (a shape that changed is one
 * clear source error, never a half-read item), and their conversion to headlines and readings.
 * Unknown extra fields are allowed: APIs add fields without notice.
 */
import { z } from 'zod';
import { safeLink, type HeadlineLimits } from './feedXml';
import { SourceError } from './http';
import { plainText } from './text';
import type { ParsedHeadline, ParsedReading } from './types';

/** JSON.parse with a SourceError; a body that is not JSON says so. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SourceError(`${what} response is not JSON`);
  }
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue ? issue.path.slice(0, 6).join('.') : '';
  throw new SourceError(`${what} response has an unexpected shape${where ? ` at ${where}` : ''}: ${(issue?.message ?? 'invalid').slice(0, 100)}`);
}

// ---- Reddit: GET /r/<sub>/new.json (a Listing of t3 "link" things) ----
const RedditListing = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    children: z.array(
      z.object({
        kind: z.string(),
        data: z.object({
          name: z.string(),
          title: z.string(),
          permalink: z.string(),
          url: z.string().optional(),
          created_utc: z.number(),
        }),
      }),
    ),
  }),
});

export function redditHeadlines(text: string, origin: string, limits: HeadlineLimits): ParsedHeadline[] {
  const listing = validated(RedditListing, parseJson(text, 'Reddit'), 'Reddit');
  const out: ParsedHeadline[] = [];
  for (const c of listing.data.children.slice(0, limits.maxItems)) {
    if (c.kind !== 't3') continue;
    const title = plainText(c.data.title, limits.maxTitleChars);
    if (!title) continue;
    let link: string | undefined;
    try {
      link = safeLink(new URL(c.data.permalink, origin).toString(), limits.maxLinkChars);
    } catch {
      link = undefined;
    }
    out.push({ guid: c.data.name, title, ...(link ? { link } : {}), publishedAt: Math.round(c.data.created_utc * 1000) });
  }
  return out;
}

// ---- CryptoPanic: GET /api/v1/posts/?auth_token=... ----
const CryptoPanicPage = z.object({
  results: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      published_at: z.string(),
      url: z.string().optional(),
      kind: z.string().optional(),
      currencies: z.array(z.object({ code: z.string() })).nullish(),
    }),
  ),
});

export function cryptoPanicHeadlines(text: string, limits: HeadlineLimits): ParsedHeadline[] {
  const page = validated(CryptoPanicPage, parseJson(text, 'CryptoPanic'), 'CryptoPanic');
  const out: ParsedHeadline[] = [];
  for (const p of page.results.slice(0, limits.maxItems)) {
    const title = plainText(p.title, limits.maxTitleChars);
    if (!title) continue;
    const link = p.url === undefined ? undefined : safeLink(p.url, limits.maxLinkChars);
    const t = Date.parse(p.published_at);
    const currencies = (p.currencies ?? []).map((c) => c.code.toUpperCase()).filter((c) => /^[A-Z0-9]{1,12}$/.test(c));
    out.push({
      guid: String(p.id),
      title,
      ...(link ? { link } : {}),
      ...(Number.isFinite(t) ? { publishedAt: t } : {}),
      ...(currencies.length ? { currencies } : {}),
    });
  }
  return out;
}

// ---- alternative.me Fear & Greed: GET /fng/ ----
const FearGreed = z.object({
  data: z
    .array(
      z.object({
        value: z.string().regex(/^\d{1,3}$/),
        value_classification: z.string().max(40),
        timestamp: z.string().regex(/^\d{1,13}$/),
      }),
    )
    .min(1),
  metadata: z.object({ error: z.string().nullable() }).optional(),
});

export function fearGreedReadings(text: string, maxItems: number): ParsedReading[] {
  const body = validated(FearGreed, parseJson(text, 'Fear & Greed'), 'Fear & Greed');
  if (body.metadata?.error) throw new SourceError(`Fear & Greed reports an error: ${body.metadata.error.slice(0, 100)}`);
  return body.data.slice(0, maxItems).map((d) => {
    const value = Number(d.value);
    if (value > 100) throw new SourceError(`Fear & Greed value ${value} is outside 0..100`);
    return { metric: 'fearGreed', value, label: plainText(d.value_classification, 40), ts: Number(d.timestamp) * 1000 };
  });
}

// ---- Binance USD-M positioning ----
const decimalText = z.string().regex(/^-?\d{1,20}(\.\d{1,20})?$/);
const PremiumIndex = z.object({ symbol: z.string(), lastFundingRate: decimalText, markPrice: decimalText, time: z.number() });
const OpenInterest = z.object({ symbol: z.string(), openInterest: decimalText, time: z.number() });
const LongShort = z.array(
  z.object({
    symbol: z.string(),
    longShortRatio: decimalText,
    longAccount: decimalText,
    shortAccount: decimalText,
    // Binance documents the timestamp as a string; accept the number too.
    timestamp: z.union([z.string().regex(/^\d{1,13}$/), z.number()]),
  }),
);

function sameSymbol(got: string, want: string, what: string): void {
  if (got !== want) throw new SourceError(`Binance ${what} answered for ${got.slice(0, 20)}, asked for ${want}`);
}

export function fundingReadings(text: string, venueSymbol: string, instrument: string): ParsedReading[] {
  const p = validated(PremiumIndex, parseJson(text, 'Binance premiumIndex'), 'Binance premiumIndex');
  sameSymbol(p.symbol, venueSymbol, 'premiumIndex');
  return [{ metric: 'fundingRate', instrument, value: Number(p.lastFundingRate), ts: p.time }];
}

export function openInterestReadings(text: string, venueSymbol: string, instrument: string): ParsedReading[] {
  const p = validated(OpenInterest, parseJson(text, 'Binance openInterest'), 'Binance openInterest');
  sameSymbol(p.symbol, venueSymbol, 'openInterest');
  return [{ metric: 'openInterest', instrument, value: Number(p.openInterest), ts: p.time }];
}

/** The newest point of the ratio history (Binance lists oldest first). */
export function longShortReadings(text: string, venueSymbol: string, instrument: string): ParsedReading[] {
  const rows = validated(LongShort, parseJson(text, 'Binance globalLongShortAccountRatio'), 'Binance globalLongShortAccountRatio');
  if (rows.length === 0) return [];
  const last = rows.reduce((a, b) => (Number(b.timestamp) > Number(a.timestamp) ? b : a));
  sameSymbol(last.symbol, venueSymbol, 'globalLongShortAccountRatio');
  const ts = Number(last.timestamp);
  return [
    { metric: 'longShortRatio', instrument, value: Number(last.longShortRatio), ts },
    { metric: 'longAccount', instrument, value: Number(last.longAccount), ts },
  ];
}
