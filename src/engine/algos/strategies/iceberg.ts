import { Rng, type Lots, type Ticks } from '../../core';
import { IntentSlot, type Algorithm, type ChildIntent, type DecisionInput } from '../algorithm';

export interface IcebergParams {
  /** Lots shown at a time. */
  display: Lots;
  /** Each refill shows display · (1 ± up to this fraction) (0..0.9), so the refills are not all one size. */
  displayJitter?: number;
}

/**
 * Iceberg: rests one GTC child at the parent's limit showing `display` lots (varied by ± displayJitter
 * on each refill, drawn from the parent's seed); when it has filled, the next refill goes out, until
 * the quantity is done or the window ends. An amended limit re-places the resting child at the new
 * price. Limits: it needs a limit (that is where it rests); it never crosses the spread to catch up.
 */
export class Iceberg implements Algorithm {
  private readonly rng: Rng;
  private readonly slot = new IntentSlot();

  constructor(
    private readonly params: IcebergParams,
    seed: number,
  ) {
    this.rng = new Rng(seed);
  }

  decide(input: DecisionInput): ChildIntent | undefined {
    if (input.limit === undefined) return undefined;
    const left = input.total - input.done - input.open;
    if (left <= 0) return undefined;
    const jitter = this.params.displayJitter ?? 0;
    const shown = Math.max(1, Math.round(this.params.display * (1 + jitter * (2 * this.rng.next() - 1))));
    return this.slot.set(Math.min(left, shown), input.limit, 'GTC');
  }

  keep(input: DecisionInput, price: Ticks): boolean {
    return price === input.limit;
  }
}
