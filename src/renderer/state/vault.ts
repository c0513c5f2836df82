import { create } from 'zustand';
import type { AccountsState } from '../../contract/api';

interface VaultStore {
  /** The vault and its accounts as the engine last said; null until the first reply or event. */
  state: AccountsState | null;
}

export const useVault = create<VaultStore>()(() => ({ state: null }));

export const vault = {
  /** A reply or an event: each is the whole picture as the engine holds it, so it replaces what was there. */
  apply(state: AccountsState): void {
    useVault.setState({ state });
  },
};
