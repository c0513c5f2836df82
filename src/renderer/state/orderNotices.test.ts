import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/api';
import { orderNotices, useOrderNotices } from './orderNotices';

const refusal = (clientOrderId: string, detail: string): AuditEntry => ({
  seq: 7,
  n: 0,
  ts: 2000,
  clientOrderId,
  venue: 'my-binance',
  symbol: 'BTC-USDT',
  action: 'amend_reject',
  source: 'venue',
  after: { status: 'accepted', qty: 600, filledQty: 0, version: 2, price: 1_900_000 },
  detail,
});

describe('the orders area\'s notice for an amend sent from the grid', () => {
  it('shows the venue\'s reason when the venue refuses it, after the "sent" notice, whichever arrives first', () => {
    orderNotices.awaitAmend('sq1-7');
    orderNotices.amendSent('sq1-7', 'Amend sq1-7 sent; waiting for the venue');
    orderNotices.applyAudit(refusal('sq1-7', 'Order amend (quantity increase) is not supported.'));
    expect(useOrderNotices.getState().notice).toEqual({ kind: 'bad', text: 'Amend sq1-7 refused: Order amend (quantity increase) is not supported.; the order is unchanged' });

    // The refusal can come back (as an event) before the call's own reply: the reply must not hide it.
    orderNotices.awaitAmend('sq1-8');
    orderNotices.applyAudit(refusal('sq1-8', 'Binance spot cannot change a working order\'s price: only cancel-replace can'));
    orderNotices.amendSent('sq1-8', 'Amend sq1-8 sent; waiting for the venue');
    expect(useOrderNotices.getState().notice).toMatchObject({ kind: 'bad', text: expect.stringContaining('only cancel-replace can') });
  });

  it('says nothing about an amend it did not send', () => {
    orderNotices.show(null);
    orderNotices.applyAudit(refusal('sq1-9', 'Order does not exist.'));
    expect(useOrderNotices.getState().notice).toBeNull();
  });
});
