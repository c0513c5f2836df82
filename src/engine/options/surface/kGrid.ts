/**
 * The log-moneyness grid the arbitrage checks scan. The default reaches ±5 standard deviations of the
 * at-the-money total variance (and at least ±1.5), where any listed strike lives.
 */
export interface KRange {
  kMin: number;
  kMax: number;
  /** Number of grid points, both ends included. */
  points: number;
}

export function defaultKRange(atmTotalVariance: number, points = 401): KRange {
  const half = Math.max(1.5, 5 * Math.sqrt(Math.max(0, atmTotalVariance)));
  return { kMin: -half, kMax: half, points };
}

/** Empty when the range is not a finite, increasing interval; callers treat that as a failed check. */
export function kGrid(range: KRange): number[] {
  if (!(Number.isFinite(range.kMin) && Number.isFinite(range.kMax) && range.kMax > range.kMin)) return [];
  if (!Number.isFinite(range.points)) return [];
  const n = Math.max(2, Math.floor(range.points));
  const step = (range.kMax - range.kMin) / (n - 1);
  return Array.from({ length: n }, (_, i) => range.kMin + i * step);
}

export const BAD_RANGE_MESSAGE = 'no arbitrage check: the k range must be finite and increasing';

/** "k=-0.42" style, short enough for a status line. */
export function formatK(k: number): string {
  return `k=${(Math.abs(k) < 5e-5 ? 0 : k).toFixed(4)}`;
}

export interface KInterval {
  kFrom: number;
  kTo: number;
}

/** A run of grid points, with the grid indices it spans (both included). */
export interface GridRun extends KInterval {
  first: number;
  last: number;
}

/** The maximal runs of consecutive grid points whose value is `bad`. */
export function badRuns(ks: readonly number[], values: readonly number[], bad: (v: number) => boolean): GridRun[] {
  const out: GridRun[] = [];
  let start = -1;
  ks.forEach((k, i) => {
    const isBad = bad(values[i] ?? Number.NaN);
    if (isBad && start < 0) start = i;
    if (isBad && (i === ks.length - 1 || !bad(values[i + 1] ?? Number.NaN))) {
      out.push({ kFrom: ks[start] ?? k, kTo: k, first: start, last: i });
      start = -1;
    }
  });
  return out;
}
