import type { Side, Ticks } from '../../core';
import type { EngineFill } from './matchingEngine';

/**
 * The synthetic participants of one instrument, as the order desk sees them: the spot markets
 * (SyntheticMarket) and the options market makers (options/OptionMaker) both are one.
 */
export interface SlotMarket {
  /** Advances one STEP_MS ending at `ts`; returns the executions it caused. */
  step(ts: number): EngineFill[];
  /** Executions it did not cause (the user's takers), so it forgets or replaces filled quotes. */
  noteFills(fills: readonly EngineFill[]): void;
  /** Withdraws its quotes an incoming resting order at `price` on `side` would cross. */
  withdrawCrossing(side: Side, price: Ticks): void;
}
