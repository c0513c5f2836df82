import { create } from 'zustand';
import type { BalancesView } from '../../contract/api';

interface BalancesState {
  /** Each account's balances as its venue last reported them, by venue id. */
  byAccount: Record<string, BalancesView>;
}

export const useBalances = create<BalancesState>()(() => ({ byAccount: {} }));

export const balances = {
  /** After a (re)connect the engine's list is the truth: an account missing from it is no longer known. */
  load(list: BalancesView[]): void {
    useBalances.setState({ byAccount: Object.fromEntries(list.map((b) => [b.venue, b])) });
  },
  /** One account's whole picture (the engine already merged partial reports). */
  apply(view: BalancesView): void {
    useBalances.setState((s) => ({ byAccount: { ...s.byAccount, [view.venue]: view } }));
  },
};
