import { Rng } from '../../core';
import { IntentSlot, type Algorithm, type ChildIntent, type DecisionInput } from '../algorithm';
import { cumulativeOf, scheduledChild, SliceSchedule } from './sliceSchedule';

export interface TwapParams {
  slices: number;
  /** Each slice's size varies by up to ± this fraction of the even size (0..0.9). */
  sizeJitter?: number;
  /** Each slice's time falls anywhere in the first this-fraction of its interval (0..1). */
  timeJitter?: number;
}

/**
 * TWAP: the window [start, end) is cut into `slices` equal intervals of length dt = (end - start) / n.
 * Slice i is due at start + dt * (i + timeJitter * u_i), u_i uniform in [0, 1), so inside its own
 * interval; its size is the even share total / n times (1 + sizeJitter * (2 v_i - 1)), renormalised so
 * the slices add up to the total. Randomised so the footprint is not a metronome others can read; the
 * draws come from the parent's seed, so a restart rebuilds the same schedule.
 * Each slice goes as an IOC at the far touch (capped at the limit by the runtime); what a slice could
 * not take is added to the next (catch-up), and at the window's end the parent stops short rather than
 * chase. Limits: at most one child working; one decision per event is a binary search over the slices.
 */
export class Twap implements Algorithm {
  readonly schedule: SliceSchedule;
  private readonly slot = new IntentSlot();

  constructor(params: TwapParams, startAt: number, endAt: number, seed: number) {
    const n = params.slices;
    const sizeJitter = params.sizeJitter ?? 0;
    const timeJitter = params.timeJitter ?? 0;
    const rng = new Rng(seed);
    const dt = (endAt - startAt) / n;
    const times = new Float64Array(n);
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = Math.floor(startAt + dt * (i + timeJitter * rng.next()));
      weights[i] = 1 + sizeJitter * (2 * rng.next() - 1);
    }
    this.schedule = new SliceSchedule(times, cumulativeOf(weights));
  }

  decide(input: DecisionInput): ChildIntent | undefined {
    return scheduledChild(this.schedule, input, this.slot);
  }
}
