import { sviTotalVariance, sviVol } from '../svi';
import { kGrid, type KRange } from './kGrid';
import type { SurfaceSlice } from './slice';

/**
 * One expiry's fitted smile as points for a chart. The default range is ±2.5 standard deviations of the
 * at-the-money total variance (at least ±0.05), where a chain's listed strikes mostly are.
 */
export interface SmileChartPoint {
  /** ln(strike / forward). */
  k: number;
  strike: number;
  vol: number;
}

export function smileRange(slice: SurfaceSlice, points = 61): KRange {
  const half = Math.max(0.05, 2.5 * Math.sqrt(Math.max(0, sviTotalVariance(slice.params, 0))));
  return { kMin: -half, kMax: half, points };
}

export function smilePoints(slice: SurfaceSlice, range: KRange = smileRange(slice)): SmileChartPoint[] {
  return kGrid(range).map((k) => ({ k, strike: slice.forward * Math.exp(k), vol: sviVol(slice.params, k, slice.years) }));
}
