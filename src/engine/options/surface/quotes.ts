/**
 * One expiry's market quotes, checked and turned into what the SVI fit works on: log-forward-moneyness
 * k = ln(K / F) and total implied variance w = iv² · T, each with a positive weight.
 *
 * A single bad quote (NaN, non-positive strike, crossed bid/ask IVs...) is set aside with its reason
 * rather than failing the whole smile: one stale strike should not blank a chain. Mixing expiries in
 * one slice is a caller's mistake and fails the whole slice.
 */
export interface SmileQuote {
  strike: number;
  forward: number;
  /** Years to expiry (ACT/365), the same for every quote of one slice. */
  years: number;
  /** Implied vol of the mid price; if absent, the mid of `bidIv` and `askIv` is used. */
  iv?: number;
  bidIv?: number;
  askIv?: number;
  /** Relative confidence in this quote, such as its vega or 1/spread; 1 when absent. */
  weight?: number;
}

export interface RejectedQuote {
  index: number;
  reason: string;
}

export interface SmilePoint {
  k: number;
  /** Total implied variance iv² · T. */
  w: number;
  iv: number;
  weight: number;
}

export type PreparedQuotes =
  | { ok: true; years: number; forward: number; points: SmilePoint[]; rejected: RejectedQuote[] }
  | { ok: false; reason: string; rejected: RejectedQuote[] };

export const MIN_QUOTES = 5;
/** Quotes of one expiry may carry years computed at slightly different instants; a second apart is one expiry. */
const YEARS_TOLERANCE = 1 / (365 * 24 * 3600);

const positive = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The implied-vol solver's own ceiling; above it a "vol" is a broken quote, and its square may overflow. */
const MAX_IV = 100;

function quoteIv(q: SmileQuote): number | string {
  const iv = midIv(q);
  return typeof iv === 'number' && iv > MAX_IV ? 'implied vol above 10000%' : iv;
}

function midIv(q: SmileQuote): number | string {
  if (q.iv !== undefined) return positive(q.iv) ? q.iv : 'implied vol must be a positive number';
  if (q.bidIv === undefined || q.askIv === undefined) return 'needs an implied vol, or both bid and ask implied vols';
  if (!positive(q.bidIv) || !positive(q.askIv)) return 'bid and ask implied vols must be positive numbers';
  if (q.bidIv > q.askIv) return 'bid implied vol above ask implied vol';
  return 0.5 * (q.bidIv + q.askIv);
}

function quoteProblem(q: SmileQuote): string | undefined {
  if (!positive(q.strike)) return 'strike must be a positive number';
  if (!positive(q.forward)) return 'forward must be a positive number';
  if (!positive(q.years)) return 'years to expiry must be a positive number';
  if (q.weight !== undefined && !positive(q.weight)) return 'weight must be a positive number';
  return undefined;
}

export function prepareQuotes(quotes: readonly SmileQuote[]): PreparedQuotes {
  const rejected: RejectedQuote[] = [];
  const kept: { q: SmileQuote; iv: number }[] = [];
  quotes.forEach((q, index) => {
    const problem = quoteProblem(q);
    const iv = problem === undefined ? quoteIv(q) : problem;
    if (typeof iv === 'string') rejected.push({ index, reason: iv });
    else kept.push({ q, iv });
  });
  if (kept.length < MIN_QUOTES) {
    return { ok: false, reason: `${kept.length} usable quotes, at least ${MIN_QUOTES} are needed to fit a smile`, rejected };
  }
  const years = kept[0]!.q.years; // at least MIN_QUOTES are kept
  if (kept.some(({ q }) => Math.abs(q.years - years) > YEARS_TOLERANCE)) {
    return { ok: false, reason: 'quotes of different expiries in one smile', rejected };
  }
  const points = kept.map(({ q, iv }) => ({
    k: Math.log(q.strike / q.forward),
    w: iv * iv * years,
    iv,
    weight: q.weight ?? 1,
  }));
  const forward = kept.reduce((sum, { q }) => sum + q.forward, 0) / kept.length;
  return { ok: true, years, forward, points, rejected };
}
