import { create } from 'zustand';
import type { AuditEntry } from '../../contract/api';
import { mergeAudit, type OrderHistory } from '../view/history';
import { loadOrderHistory } from './actions';

interface OrderHistoryState {
  /** The order whose history the drawer shows; null when the drawer is closed. */
  openId: string | null;
  history: OrderHistory | null;
  loading: boolean;
  error: string | null;
}

export const useOrderHistory = create<OrderHistoryState>()(() => ({ openId: null, history: null, loading: false, error: null }));

/** Audit events for the open order that arrive while its history is loading: merged into the reply. */
let early: AuditEntry[] = [];
/** Each load's number: a reply for an order the drawer no longer shows is dropped. */
let loadToken = 0;

async function load(clientOrderId: string): Promise<void> {
  const token = ++loadToken;
  early = [];
  useOrderHistory.setState({ loading: true, error: null });
  const reply = await loadOrderHistory(clientOrderId);
  if (token !== loadToken) return;
  if (reply.ok) {
    useOrderHistory.setState({ history: mergeAudit(reply.value, early), loading: false, error: null });
  } else {
    useOrderHistory.setState({ loading: false, error: reply.error.message });
  }
  early = [];
}

export const orderHistory = {
  /** Opens the drawer on an order (or moves it to another one) and loads its history; asking again after a failed load retries. */
  open(clientOrderId: string): void {
    const s = useOrderHistory.getState();
    if (s.openId === clientOrderId && s.error === null) return;
    useOrderHistory.setState({ openId: clientOrderId, history: null });
    void load(clientOrderId);
  },
  close(): void {
    loadToken++;
    early = [];
    useOrderHistory.setState({ openId: null, history: null, loading: false, error: null });
  },
  /** After a reconnect: events missed while away are gone, so the open history is asked for again. */
  reload(): void {
    const { openId } = useOrderHistory.getState();
    if (openId !== null) void load(openId);
  },
  /** A live audit event: added to the open history if it is about that order. */
  applyAudit(entry: AuditEntry): void {
    const { openId, history, loading } = useOrderHistory.getState();
    if (openId === null || entry.clientOrderId !== openId) return;
    if (loading || !history) {
      early.push(entry);
      return;
    }
    useOrderHistory.setState({ history: mergeAudit(history, [entry]) });
  },
};
