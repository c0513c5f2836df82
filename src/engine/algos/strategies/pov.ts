import type { Lots, Ticks } from '../../core';
import { farTouch, IntentSlot, nearTouch, type Algorithm, type ChildIntent, type DecisionInput } from '../algorithm';

export interface PovParams {
  /** Target share of the traded volume, (0, 1). */
  rate: number;
  /** Below this share the algo crosses the spread to catch up; default rate / 2. */
  minRate?: number;
  /** Never above this share (done + working); default min(1, rate * 1.5). */
  maxRate?: number;
}

/**
 * POV (percentage of volume): keeps done + working at `rate` of the volume V traded since the start
 * (every print seen, ours included, as the venue's tape counts it). While done is at least minRate·V
 * it works passively, one GTC child at the near touch for the deficit floor(rate·V) − done − working,
 * re-placed when the touch moves; when done falls below minRate·V it crosses (IOC at the far touch) for
 * the deficit. done + working never exceeds floor(maxRate·V). Limits: it follows the volume, so it may
 * not finish by the window's end (the parent then completes short); the volume count starts over after
 * a restart (the tape before it is not replayed).
 */
export class Pov implements Algorithm {
  private readonly rate: number;
  private readonly minRate: number;
  private readonly maxRate: number;
  private readonly slot = new IntentSlot();

  constructor(params: PovParams) {
    this.rate = params.rate;
    this.minRate = params.minRate ?? params.rate / 2;
    this.maxRate = params.maxRate ?? Math.min(1, params.rate * 1.5);
  }

  decide(input: DecisionInput): ChildIntent | undefined {
    const v = input.marketVolume;
    const target = Math.min(Math.floor(this.rate * v), Math.floor(this.maxRate * v));
    const qty = target - input.done - input.open;
    if (qty <= 0) return undefined;
    const behind = input.done < Math.floor(this.minRate * v);
    const price = behind ? farTouch(input.quote, input.side) : nearTouch(input.quote, input.side);
    if (!Number.isFinite(price)) return undefined;
    return this.slot.set(qty, price, behind ? 'IOC' : 'GTC');
  }

  keep(input: DecisionInput, price: Ticks, qty: Lots): boolean {
    const v = input.marketVolume;
    if (input.done + input.open > Math.floor(this.maxRate * v)) return false;
    if (input.done < Math.floor(this.minRate * v)) return false; // behind: re-place as a crossing child
    void qty;
    return price === nearTouch(input.quote, input.side);
  }
}
