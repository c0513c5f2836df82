import { FEATURE_COUNT, type OrderFlowFeatures } from './features';

/**
 * Feature rows sampled at regular times, with the mid at each time. Row i is
 * features[i*FEATURE_COUNT .. (i+1)*FEATURE_COUNT); times are ascending ms; mids in ticks (NaN: no
 * two-sided book at that time).
 */
export interface OrderFlowDataset {
  readonly n: number;
  readonly sampleMs: number;
  readonly times: Float64Array;
  readonly mids: Float64Array;
  readonly features: Float64Array;
}

/** Collects OrderFlowFeatures snapshots into a dataset; the caller decides when a sample is due. */
export class DatasetRecorder {
  private times: number[] = [];
  private mids: number[] = [];
  private rows: number[] = [];
  private readonly row = new Float64Array(FEATURE_COUNT);

  constructor(
    private readonly features: OrderFlowFeatures,
    readonly sampleMs: number,
  ) {}

  record(ts: number): void {
    const mid = this.features.snapshot(this.row);
    this.times.push(ts);
    this.mids.push(mid ?? NaN);
    for (let k = 0; k < FEATURE_COUNT; k++) this.rows.push(this.row[k]!);
  }

  get length(): number {
    return this.times.length;
  }

  dataset(): OrderFlowDataset {
    return {
      n: this.times.length,
      sampleMs: this.sampleMs,
      times: Float64Array.from(this.times),
      mids: Float64Array.from(this.mids),
      features: Float64Array.from(this.rows),
    };
  }
}

/**
 * The label of each sample: the mid move (ticks) from its time t to t + horizonMs, the later mid being
 * the one "as of" t + horizonMs (the last sample at or before it, so a label never looks past
 * t + horizonMs: walk-forward's embargo relies on it). NaN when that sample is missing (end of data, or
 * a gap of a sample period or more) or either mid is unknown. Flat (0) moves are kept here; the model
 * and the hit rate skip them, the IC keeps them (see walkForward.ts).
 */
export function midMoves(data: OrderFlowDataset, horizonMs: number): Float64Array {
  if (!(horizonMs > 0)) throw new RangeError(`horizonMs must be positive, got ${horizonMs}`);
  const out = new Float64Array(data.n).fill(NaN);
  const last = data.n > 0 ? data.times[data.n - 1]! : -Infinity;
  let j = 0;
  for (let i = 0; i < data.n; i++) {
    const target = data.times[i]! + horizonMs;
    if (target > last) break;
    if (j < i) j = i;
    while (j + 1 < data.n && data.times[j + 1]! <= target) j++;
    if (target - data.times[j]! >= data.sampleMs) continue;
    out[i] = data.mids[j]! - data.mids[i]!;
  }
  return out;
}
