import { create } from 'zustand';
import type { AuditEntry } from '../../contract/api';
import { amendOutcome } from '../view/amend';

export interface Notice {
  kind: 'bad' | 'good';
  text: string;
}

interface OrderNoticesState {
  /** The last thing to tell about an order action from the orders area (shown in its header). */
  notice: Notice | null;
}

export const useOrderNotices = create<OrderNoticesState>()(() => ({ notice: null }));

/** Orders amended from the grid whose amend the venue has not answered yet. */
const awaiting = new Set<string>();

export const orderNotices = {
  show(notice: Notice | null): void {
    useOrderNotices.setState({ notice });
  },
  /**
   * An amend is being sent: the venue's answer (confirmed or refused) will be told. Registered before
   * the call, since that answer can arrive as an event before the call's own reply.
   */
  awaitAmend(clientOrderId: string): void {
    awaiting.add(clientOrderId);
  },
  /** The engine took the amend: say it is on its way, unless the venue's answer is already shown. */
  amendSent(clientOrderId: string, text: string): void {
    if (awaiting.has(clientOrderId)) useOrderNotices.setState({ notice: { kind: 'good', text } });
  },
  /** The engine refused the amend: no venue answer will come. */
  amendFailed(clientOrderId: string, text: string): void {
    awaiting.delete(clientOrderId);
    useOrderNotices.setState({ notice: { kind: 'bad', text } });
  },
  /** A live audit event: the venue's answer to an amend we sent, if it is one. */
  applyAudit(entry: AuditEntry): void {
    if (!awaiting.has(entry.clientOrderId)) return;
    const outcome = amendOutcome(entry);
    if (outcome === null) {
      // The order ended (filled, canceled) before the venue answered: there is nothing left to tell.
      if (entry.after.status === 'filled' || entry.after.status === 'canceled' || entry.after.status === 'expired') awaiting.delete(entry.clientOrderId);
      return;
    }
    awaiting.delete(entry.clientOrderId);
    useOrderNotices.setState({ notice: outcome });
  },
};
