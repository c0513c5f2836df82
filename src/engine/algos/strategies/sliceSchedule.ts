import { farTouch, type ChildIntent, type DecisionInput, type IntentSlot } from '../algorithm';

/**
 * A schedule of slices: slice i is due at `times[i]` and brings the parent's cumulative target to
 * `cumulative[i]` of its quantity (the last is 1). Fractions, not lots, so an amended quantity rescales
 * what is still to come. Shared by TWAP, VWAP and Implementation Shortfall, which differ only in how
 * they lay the slices out.
 */
export class SliceSchedule {
  constructor(
    readonly times: Float64Array,
    readonly cumulative: Float64Array,
  ) {
    if (times.length === 0 || times.length !== cumulative.length) throw new RangeError('a schedule needs one fraction per slice time');
  }

  /** The cumulative fraction due at `now` (0 before the first slice). */
  dueFraction(now: number): number {
    const t = this.times;
    if (now < t[0]!) return 0;
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid]! <= now) lo = mid;
      else hi = mid - 1;
    }
    return this.cumulative[lo]!;
  }

  /** Lots per slice for a parent of `total` (what the ticket's preview shows). */
  sliceQtys(total: number): number[] {
    const out: number[] = [];
    let before = 0;
    for (let i = 0; i < this.cumulative.length; i++) {
      const upTo = Math.round(this.cumulative[i]! * total);
      out.push(upTo - before);
      before = upTo;
    }
    return out;
  }
}

/**
 * The child a slice schedule wants now: whatever brings done + working up to the target due, as an
 * IOC at the far touch (the runtime caps it at the limit; what it cannot take is behind schedule and
 * is caught up by the next slice). Written into the algorithm's `slot` (no allocation per decision).
 */
export function scheduledChild(schedule: SliceSchedule, input: DecisionInput, slot: IntentSlot): ChildIntent | undefined {
  const target = Math.round(schedule.dueFraction(input.now) * input.total);
  const qty = target - input.done - input.open;
  if (qty <= 0) return undefined;
  const price = farTouch(input.quote, input.side);
  if (!Number.isFinite(price)) return undefined;
  return slot.set(qty, price, 'IOC');
}

/** Cumulative fractions from per-slice weights (any positive scale). */
export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    out[i] = acc / sum;
  }
  out[out.length - 1] = 1;
  return out;
}
