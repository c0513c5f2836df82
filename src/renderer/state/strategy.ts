import { create } from 'zustand';
import type { Reply, StrategyQuoteView, StrategySendResult } from '../../contract/api';
import { addLeg, type LegSpec } from '../view/strategy';
import { bridge } from './bridgeRef';

/** The chain the option chain panel shows: the strategy builder builds on the same underlying and expiry. */
export interface StrategyChoice {
  venue: string;
  underlying: string;
  expiry?: number;
  expiries: number[];
}

interface StrategyStore {
  choice: StrategyChoice | undefined;
  legs: LegSpec[];
  /** The last send's outcome per leg, until the legs change. */
  outcome: StrategySendResult | undefined;
}

export const useStrategy = create<StrategyStore>()(() => ({ choice: undefined, legs: [], outcome: undefined }));

export const strategy = {
  /** The chain panel's current choice; another underlying clears the legs (they belong to the old one). */
  choose(choice: StrategyChoice): void {
    const s = useStrategy.getState();
    const same = s.choice?.venue === choice.venue && s.choice.underlying === choice.underlying;
    if (same && s.choice?.expiry === choice.expiry && s.choice?.expiries.join() === choice.expiries.join()) return;
    useStrategy.setState(same ? { choice } : { choice, legs: [], outcome: undefined });
  },
  setLegs(legs: LegSpec[]): void {
    useStrategy.setState({ legs, outcome: undefined });
  },
  add(leg: LegSpec): void {
    useStrategy.setState((s) => ({ legs: addLeg(s.legs, leg), outcome: undefined }));
  },
  setLots(index: number, lots: number): void {
    useStrategy.setState((s) => ({ legs: s.legs.map((l, i) => (i === index ? { ...l, lots } : l)), outcome: undefined }));
  },
  remove(index: number): void {
    useStrategy.setState((s) => ({ legs: s.legs.filter((_, i) => i !== index), outcome: undefined }));
  },
  sent(outcome: StrategySendResult): void {
    useStrategy.setState({ outcome });
  },
};

export function quoteStrategy(input: { venue: string; underlying: string; legs?: LegSpec[]; preset?: Record<string, unknown> }): Promise<Reply<StrategyQuoteView>> {
  return bridge().call('options.strategy', input as never);
}

export function sendStrategy(venue: string, legs: { symbol: string; side: 'buy' | 'sell'; lots: number; price: string }[]): Promise<Reply<StrategySendResult>> {
  return bridge().call('options.sendStrategy', { venue, legs });
}

/** Keeps the chain streaming while the builder is on screen (the chain panel may be hidden). */
export function watchChain(venue: string, underlying: string, expiry: number | undefined): Promise<Reply<unknown>> {
  return bridge().call('options.chain', { venue, underlying, ...(expiry !== undefined ? { expiry } : {}) });
}
