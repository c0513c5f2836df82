import { create } from 'zustand';
import type { RiskState } from '../../contract/api';
import { laterRisk } from './reducers';

interface RiskStore {
  /** The engine's limits, their use and the breakers; null until the first reply or event. */
  state: RiskState | null;
}

export const useRisk = create<RiskStore>()(() => ({ state: null }));

export const risk = {
  /** After a (re)connect the engine's reply is the truth, whatever was held before (the engine may have restarted). */
  load(state: RiskState): void {
    useRisk.setState({ state });
  },
  /** An event or a command's reply: each is the whole picture, so the newer one replaces what was there. */
  apply(state: RiskState): void {
    const current = useRisk.getState().state;
    const next = laterRisk(current, state);
    if (next !== current) useRisk.setState({ state: next });
  },
};
