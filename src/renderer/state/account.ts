import { create } from 'zustand';
import type { Fill, KillState, Order, Position } from '../../contract/api';
import { instrumentKey, laterOrder, mergeFills, mergeOrders, upsertPosition } from './reducers';

interface AccountState {
  /** Every order seen this session, by clientOrderId. */
  orders: Record<string, Order>;
  fills: Fill[];
  /** By "VENUE:SYMBOL". */
  positions: Record<string, Position>;
  kill: KillState | null;
}

export const useAccount = create<AccountState>()(() => ({ orders: {}, fills: [], positions: {}, kill: null }));

export const account = {
  /**
   * After a (re)connect the engine's list is the truth: an order missing from it is dropped (so one
   * canceled while we were away does not linger as working), and one we hold a later version of
   * keeps that version.
   */
  loadOrders(list: Order[]): void {
    useAccount.setState((s) => {
      const orders: Record<string, Order> = {};
      for (const o of list) orders[o.clientOrderId] = laterOrder(s.orders[o.clientOrderId], o);
      return { orders };
    });
  },
  applyOrder(order: Order): void {
    useAccount.setState((s) => ({ orders: mergeOrders(s.orders, [order]) }));
  },
  loadFills(list: Fill[]): void {
    useAccount.setState((s) => ({ fills: mergeFills(mergeFills([], list), s.fills) }));
  },
  applyFill(fill: Fill): void {
    useAccount.setState((s) => ({ fills: mergeFills(s.fills, [fill]) }));
  },
  loadPositions(list: Position[]): void {
    useAccount.setState({ positions: Object.fromEntries(list.map((p) => [instrumentKey(p.venue, p.symbol), p])) });
  },
  applyPosition(p: Position): void {
    useAccount.setState((s) => ({ positions: upsertPosition(s.positions, p) }));
  },
  setKill(kill: KillState): void {
    useAccount.setState({ kill });
  },
};
