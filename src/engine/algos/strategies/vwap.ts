import { IntentSlot, type Algorithm, type ChildIntent, type DecisionInput } from '../algorithm';
import { cumulativeOf, scheduledChild, SliceSchedule } from './sliceSchedule';

const DAY_MS = 86_400_000;

/**
 * VWAP: follows a volume profile. The window is cut into as many equal buckets as the profile has
 * weights; at the start of bucket i the target becomes the cumulative share of the weights up to and
 * including i, so the parent trades in proportion to the volume the market is expected to trade in
 * each part of the window. Children as TWAP's (IOC at the far touch, capped at the limit, catch-up).
 * Limits: the profile is an expectation, not the day's real volume (POV follows that); a bucket's
 * share goes at its start, so buckets should be short against the window.
 */
export class Vwap implements Algorithm {
  readonly schedule: SliceSchedule;
  private readonly slot = new IntentSlot();

  constructor(profile: readonly number[], startAt: number, endAt: number) {
    const n = profile.length;
    const dt = (endAt - startAt) / n;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = Math.floor(startAt + dt * i);
    this.schedule = new SliceSchedule(times, cumulativeOf(profile));
  }

  decide(input: DecisionInput): ChildIntent | undefined {
    return scheduledChild(this.schedule, input, this.slot);
  }
}

/**
 * A profile from recorded trades (any days): each print's volume is added to the bucket its time of
 * day falls in, for `buckets` equal buckets over the window's time of day. Buckets nothing traded in
 * get a small floor so the schedule never skips a stretch of the window entirely. Empty when nothing
 * was recorded in the window's hours (there is no profile to follow).
 */
export function profileFromTrades(trades: Iterable<{ ts: number; qty: number }>, startAt: number, endAt: number, buckets: number): number[] {
  const span = endAt - startAt;
  if (span <= 0 || span > DAY_MS || buckets < 1) throw new RangeError('a volume profile needs a window of up to a day and at least one bucket');
  const from = ((startAt % DAY_MS) + DAY_MS) % DAY_MS;
  const out = new Array<number>(buckets).fill(0);
  for (const t of trades) {
    const offset = (((t.ts % DAY_MS) + DAY_MS) % DAY_MS - from + DAY_MS) % DAY_MS;
    if (offset >= span) continue;
    out[Math.min(buckets - 1, Math.floor((offset / span) * buckets))]! += t.qty;
  }
  const total = out.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return [];
  const floor = total / buckets / 100;
  return out.map((v) => Math.max(v, floor));
}
