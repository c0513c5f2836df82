import type { Clock, VenueId } from '../../core';
import { buildSurface, fitSmile, MIN_QUOTES, type SmileQuote, sliceFromFit, smileMetrics, smilePoints, smileRange, type SurfaceSlice } from '../../options';
import type { ChainSideView, OptionChainView } from './chainView';
import type { ChainRequest } from './optionChains';
import type { OptionSurfaceView, SmileFitView, SmileMarketPointView, SurfaceSliceView } from './surfaceView';

/** A surface is refitted at most this often (engine time): a view polls every second, a fit costs a few ms per expiry. */
export const SURFACE_REFIT_MS = 1_000;
/**
 * The nearest expiries only: Kite lists a dozen NIFTY expiries of ~100 strikes each, and every one the
 * surface covers must stream while it is on screen.
 */
export const SURFACE_MAX_EXPIRIES = 8;
/** A spread narrower than 0.1 vol point is trusted no more than that: one tick can make an IV spread look like zero. */
const MIN_IV_SPREAD = 0.001;
const CURVE_POINTS = 81;
/** Surfaces of this many (venue, underlying, rate) are kept; past it the cache starts over (a client cannot grow it without bound). */
const CACHE_LIMIT = 64;

export interface SurfaceRequest {
  venue: VenueId;
  underlying: string;
  /** Overrides the venue's rate setting (as for the chain). */
  rate?: number;
}

export interface OptionSurfacesDeps {
  clock: Clock;
  /** One expiry's chain (the nearest live one when `expiry` is absent), as the chain service reads it now. */
  chain(req: ChainRequest): OptionChainView | undefined;
}

/**
 * The volatility surface per (venue, underlying): each expiry's smile fitted (raw SVI) to the chain's
 * mid implied vols, weighted by 1 / (ask IV − bid IV) so a tight quote counts more than a wide one;
 * the slices joined into a surface with its butterfly and calendar checks. Reads the chain service
 * only; the fit is kept for SURFACE_REFIT_MS of engine time.
 */
export class OptionSurfaces {
  private readonly cache = new Map<string, OptionSurfaceView>();

  constructor(private readonly deps: OptionSurfacesDeps) {}

  /** The surface now (or as fitted within SURFACE_REFIT_MS); undefined when the venue has no such underlying. */
  surface(req: SurfaceRequest): OptionSurfaceView | undefined {
    const key = `${req.venue}\u0000${req.underlying}\u0000${req.rate ?? ''}`;
    const now = this.deps.clock.now();
    const cached = this.cache.get(key);
    if (cached && now >= cached.fittedAt && now - cached.fittedAt < SURFACE_REFIT_MS) return cached;
    const view = this.fit(req, now);
    if (!view) {
      this.cache.delete(key);
      return undefined;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, view);
    return view;
  }

  /** The expiries a surface covers (what must stream while it is shown). */
  expiriesOf(req: SurfaceRequest): number[] {
    return this.deps.chain(req)?.expiries.slice(0, SURFACE_MAX_EXPIRIES) ?? [];
  }

  private fit(req: SurfaceRequest, now: number): OptionSurfaceView | undefined {
    const nearest = this.deps.chain(req);
    if (!nearest) return undefined;
    const expiries = nearest.expiries.slice(0, SURFACE_MAX_EXPIRIES);
    const labels = expiryLabels(expiries);
    const chains = expiries.map((expiry) => (expiry === nearest.expiry ? nearest : this.deps.chain({ ...req, expiry })));
    const fitted: SurfaceSlice[] = [];
    const slices = expiries.map((expiry, i) => {
      const chain = chains[i];
      const label = labels[i]!;
      if (!chain) return emptySlice(expiry, label, 0, 'the expiry is no longer listed');
      const { view, slice } = fitChain(chain, label);
      if (slice) fitted.push(slice);
      return view;
    });
    const out: OptionSurfaceView = { venue: req.venue, underlying: req.underlying, slices, expiriesListed: nearest.expiries.length, arbitrage: [], fittedAt: now, weighting: '1 / (ask IV - bid IV)' };
    const built = buildSurface(req.underlying, fitted);
    if (!built.ok) {
      out.problem = built.reason;
      return out;
    }
    const byLabel = new Map(slices.map((s) => [s.label, s]));
    // Arbitrage wholly past a slice's quoted strikes is in the fit's extrapolated wing, not in any quote: said so.
    const wing = (label: string, kFrom: number, kTo: number): string => {
      const ks = byLabel.get(label)?.points.map((p) => p.k) ?? [];
      return ks.length > 0 && (kFrom > Math.max(...ks) || kTo < Math.min(...ks)) ? ' (beyond the quoted strikes: the fit extrapolated)' : '';
    };
    built.surface.slices.forEach((s, i) => {
      const check = built.surface.butterfly[i];
      const messages = (check?.messages ?? []).map((m, j) => {
        const f = check!.failures[j];
        return f ? `${m}${wing(s.label, f.kFrom, f.kTo)}` : m;
      });
      const view = byLabel.get(s.label);
      if (view) view.butterfly = messages;
      for (const m of messages) out.arbitrage.push(`${s.label}: ${m}`);
    });
    const calendar = built.surface.calendar;
    calendar.messages.forEach((m, i) => {
      const f = calendar.failures[i];
      // Beyond the quotes of both expiries compared: neither market says it.
      const message = f && wing(f.earlier, f.kFrom, f.kTo) !== '' && wing(f.later, f.kFrom, f.kTo) !== '' ? `${m}${wing(f.earlier, f.kFrom, f.kTo)}` : m;
      if (f) {
        byLabel.get(f.earlier)?.calendar.push(message);
        byLabel.get(f.later)?.calendar.push(message);
      }
      out.arbitrage.push(message);
    });
    return out;
  }
}

/** Expiry dates as the UI names them; with the time of day when two expiries share a date. */
function expiryLabels(expiries: readonly number[]): string[] {
  const dates = expiries.map((e) => new Date(e).toISOString().slice(0, 10));
  if (new Set(dates).size === dates.length) return dates;
  return expiries.map((e) => `${new Date(e).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}

function emptySlice(expiry: number, label: string, years: number, problem: string): SurfaceSliceView {
  return { expiry, label, years, points: [], curve: [], butterfly: [], calendar: [], problem };
}

/** A side whose bid and ask both have an IV, and whose mark is their mid. */
function twoSided(side: ChainSideView | undefined): side is ChainSideView & { bidIv: number; askIv: number; iv: number } {
  return side !== undefined && side.markFrom === 'mid' && side.bidIv !== undefined && side.askIv !== undefined && side.iv !== undefined;
}

/**
 * The market points of one chain: per strike the out-of-the-money option (calls at and above the
 * forward, puts below), whose price is mostly time value and so carries the IV best; the other one
 * when it has no two-sided quote. Strikes with neither two-sided are left out.
 */
export function marketPoints(chain: OptionChainView, forward: number): SmileMarketPointView[] {
  const points: SmileMarketPointView[] = [];
  for (const row of chain.rows) {
    const preferCall = row.strike >= forward;
    const first = preferCall ? row.call : row.put;
    const second = preferCall ? row.put : row.call;
    const side = twoSided(first) ? first : twoSided(second) ? second : undefined;
    if (!side) continue;
    points.push({
      strike: row.strike,
      k: Math.log(row.strike / forward),
      side: side === row.call ? 'call' : 'put',
      bidIv: side.bidIv,
      askIv: side.askIv,
      iv: side.iv,
    });
  }
  return points;
}

function fitChain(chain: OptionChainView, label: string): { view: SurfaceSliceView; slice?: SurfaceSlice } {
  const { expiry, years, forward } = chain;
  if (forward === undefined) return { view: emptySlice(expiry, label, years, chain.problem ?? 'no forward to fit the smile against') };
  const points = marketPoints(chain, forward);
  const view: SurfaceSliceView = { expiry, label, years, forward, points, curve: [], butterfly: [], calendar: [] };
  if (points.length < MIN_QUOTES) {
    view.problem = `${points.length} of ${chain.rows.length} strikes have a two-sided quote with implied vols; at least ${MIN_QUOTES} are needed to fit a smile`;
    return { view };
  }
  const quotes: SmileQuote[] = points.map((p) => ({
    strike: p.strike,
    forward,
    years,
    iv: p.iv,
    bidIv: p.bidIv,
    askIv: p.askIv,
    weight: 1 / Math.max(MIN_IV_SPREAD, p.askIv - p.bidIv),
  }));
  const fit = fitSmile(quotes);
  if (!fit.ok) {
    view.problem = fit.reason;
    return { view };
  }
  const slice = sliceFromFit(label, fit);
  const fitView: SmileFitView = { params: slice.params, rmseVolPoints: fit.rmseVolPoints, maxErrorVolPoints: fit.maxErrorVolPoints, quotesUsed: fit.quotesUsed };
  const ks = points.map((p) => p.k);
  const metrics = smileMetrics(slice);
  const quoted = quotedRange(ks);
  if (!metrics.ok) fitView.metricsProblem = metrics.reason;
  else if (!quoted.covers(0)) fitView.metricsProblem = `the forward lies outside the quoted strikes (${quoted.text}): ATM vol would be extrapolated`;
  else {
    fitView.atmVol = metrics.atmVol;
    // A 25-delta strike past the quoted strikes is the fit's extrapolation (a short expiry's few strikes, or a
    // wing the fit bent), not the market's: RR and BF are withheld rather than shown as if measured.
    const outside = [metrics.put25, metrics.call25].find((d) => !quoted.covers(d.k));
    if (outside) fitView.metricsProblem = `a 25-delta strike (${formatK(outside.k)}) lies outside the quoted strikes (${quoted.text}): RR and BF would be extrapolated`;
    else {
      fitView.riskReversal25 = metrics.riskReversal25;
      fitView.butterfly25 = metrics.butterfly25;
    }
  }
  view.fit = fitView;
  const range = smileRange(slice, CURVE_POINTS);
  view.curve = smilePoints(slice, { kMin: Math.min(range.kMin, ...ks), kMax: Math.max(range.kMax, ...ks), points: CURVE_POINTS });
  return { view, slice };
}

const formatK = (k: number): string => `k=${k.toFixed(4)}`;

/**
 * The quoted strikes' span in k, widened by half the widest gap between neighbours (a point between the
 * outermost strike and the next one not listed is still read off the market's shape).
 */
function quotedRange(ks: readonly number[]): { covers(k: number): boolean; text: string } {
  const sorted = [...ks].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
  const slack = gap / 2;
  return { covers: (k) => k >= lo - slack && k <= hi + slack, text: `${formatK(lo)} to ${formatK(hi)}` };
}
