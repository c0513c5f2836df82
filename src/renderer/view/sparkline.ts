/**
 * The geometry of a sparkline: an SVG path through the samples, scaled to fill a w x h box (y grows
 * downwards). A NaN sample (no value yet) breaks the line, so a gap is never drawn as a slope.
 */
export interface Sparkline {
  /** SVG path data; empty when there is nothing to draw. */
  d: string;
  /** The newest finite sample's point, for a dot that marks "now". */
  last?: { x: number; y: number };
  /** y of the value 0 when the series crosses or touches zero and `zeroLine` was asked for. */
  zeroY?: number;
}

export interface SparklineOptions {
  /** Samples the full width stands for: fewer samples are drawn right-aligned, as a chart fills in from the right. */
  capacity?: number;
  /** Inset from the box edges so the stroke is not clipped. */
  pad?: number;
  /** Signed measures (imbalance, OFI): include 0 in the scale and return its y for a baseline. */
  zeroLine?: boolean;
  /** A fixed scale [lo, hi] instead of the samples' own (scores in [-1, 1]); samples outside it are clamped. */
  range?: readonly [number, number];
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function sparklinePath(values: readonly number[], w: number, h: number, opts: SparklineOptions = {}): Sparkline {
  const pad = opts.pad ?? 1;
  const capacity = Math.max(opts.capacity ?? values.length, values.length);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return { d: '' };
  const fixed = opts.range !== undefined && opts.range[1] > opts.range[0];
  if (fixed) [lo, hi] = opts.range!;
  if (opts.zeroLine) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const innerW = Math.max(0, w - 2 * pad);
  const innerH = Math.max(0, h - 2 * pad);
  // A flat series is drawn through the middle rather than along an edge.
  const yOf = hi > lo ? (v: number) => pad + ((hi - (fixed ? Math.max(lo, Math.min(hi, v)) : v)) / (hi - lo)) * innerH : () => pad + innerH / 2;
  const step = capacity > 1 ? innerW / (capacity - 1) : 0;
  const offset = capacity - values.length;
  const xOf = (i: number) => (capacity > 1 ? pad + (offset + i) * step : pad + innerW);

  let d = '';
  let penDown = false;
  let last: { x: number; y: number } | undefined;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      penDown = false;
      return;
    }
    const x = round(xOf(i));
    const y = round(yOf(v));
    d += `${penDown ? 'L' : d ? ' M' : 'M'}${x} ${y}`;
    penDown = true;
    last = { x, y };
  });
  const out: Sparkline = { d };
  if (last) out.last = last;
  if (opts.zeroLine && hi > lo) out.zeroY = round(yOf(0));
  return out;
}
