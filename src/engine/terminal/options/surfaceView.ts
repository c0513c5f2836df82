import type { VenueId } from '../../core';
import type { SviParams } from '../../options';

/** One strike's market implied vols, from the option the smile is fitted to (out of the money where two-sided). */
export interface SmileMarketPointView {
  strike: number;
  /** ln(strike / forward). */
  k: number;
  side: 'call' | 'put';
  bidIv: number;
  askIv: number;
  /** IV of the mid price. */
  iv: number;
}

/** A point of the fitted smile, for the chart. */
export interface SmileCurvePointView {
  k: number;
  strike: number;
  vol: number;
}

/** What one expiry's fit gives: SVI parameters, its quality, and the desk's numbers. */
export interface SmileFitView {
  params: SviParams;
  /** Root mean square of fitted minus market mid IV, in vol points (1 = one percentage point). */
  rmseVolPoints: number;
  maxErrorVolPoints: number;
  quotesUsed: number;
  /** At the forward (k = 0), annualised (0.5 = 50%). */
  atmVol?: number;
  /** σ(25Δ call) − σ(25Δ put). */
  riskReversal25?: number;
  /** (σ(25Δ call) + σ(25Δ put)) / 2 − σATM. */
  butterfly25?: number;
  /** Why ATM vol / RR / BF are missing, when they are. */
  metricsProblem?: string;
}

export interface SurfaceSliceView {
  expiry: number;
  /** How the UI names the expiry, e.g. "2026-12-11". */
  label: string;
  years: number;
  forward?: number;
  /** The strikes with a two-sided quote (what the fit saw). */
  points: SmileMarketPointView[];
  /** Present when the smile was fitted. */
  fit?: SmileFitView;
  /** The fitted smile over the quoted strikes (and ±2.5 ATM standard deviations); empty without a fit. */
  curve: SmileCurvePointView[];
  /** Butterfly arbitrage of the fitted smile (empty when free of it). */
  butterfly: string[];
  /** Calendar arbitrage involving this expiry (empty when free of it). */
  calendar: string[];
  /** Why this expiry has no fit (too few two-sided quotes, no forward, ...). */
  problem?: string;
}

/** One underlying's volatility surface as fitted now, for the smile chart and the surface table. */
export interface OptionSurfaceView {
  venue: VenueId;
  underlying: string;
  /** Ascending by expiry; at most SURFACE_MAX_EXPIRIES (the nearest ones). */
  slices: SurfaceSliceView[];
  /** Every live expiry of the underlying (more than `slices` when the surface is capped). */
  expiriesListed: number;
  /** Butterfly and calendar arbitrage found over the fitted expiries, one line each. */
  arbitrage: string[];
  /** Why there is no surface over the expiries (no expiry fitted, a malformed slice). */
  problem?: string;
  /** Engine time the fit was made at (it is reused for SURFACE_REFIT_MS). */
  fittedAt: number;
  /** How mid IV was weighted in the fit. */
  weighting: '1 / (ask IV - bid IV)';
}
