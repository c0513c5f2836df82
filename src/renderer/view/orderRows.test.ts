import { describe, expect, it } from 'vitest';
import { orderRow } from './orderRows';
import { btc, order } from './testing';

describe('open orders rows', () => {
  it('shows the new model compactly', () => {
    const row = orderRow(btc, order({ type: 'stop_limit', stopPrice: 960_000, price: 960_100, tif: 'DAY', reduceOnly: true, version: 2 }), true);
    expect(row).toMatchObject({
      id: 'sq1-1',
      type: 'Stop lmt DAY RO',
      price: '96010.0',
      stop: '96000.0',
      qty: '0.0100',
      filled: '0.0000',
      status: 'Working',
      tone: 'live',
      version: 2,
      group: '',
      working: true,
      cancelable: true,
      editable: { price: true, stopPrice: true, qty: true },
    });
  });

  it('a market-priced order shows MKT and no editable price', () => {
    const row = orderRow(btc, order({ type: 'stop_market', price: undefined, stopPrice: 960_000 }), true);
    expect(row.price).toBe('MKT');
    expect(row.editable).toEqual({ price: false, stopPrice: true, qty: true });
  });

  it('while an amend is pending: visible, not editable, with what it asks for', () => {
    const row = orderRow(btc, order({ status: 'pending_update', pendingAmend: { price: 950_100 } }), true);
    expect(row.status).toBe('Amending…');
    expect(row.tone).toBe('pending');
    expect(row.editable).toEqual({ price: false, stopPrice: false, qty: false });
    expect(row.pendingTitle).toBe('Amending to price 95010.0');
  });

  it('a cancel on its way: no second cancel, no amend', () => {
    const row = orderRow(btc, order({ status: 'pending_cancel' }), true);
    expect(row).toMatchObject({ status: 'Canceling…', working: true, cancelable: false, editable: { price: false, stopPrice: false, qty: false } });
  });

  it('a bracket exit names its entry; a finished order is neither cancelable nor editable', () => {
    expect(orderRow(btc, order({ role: 'stop_loss', parentId: 'sq1-0', groupId: 'sq1-0', status: 'initialized' }), true)).toMatchObject({
      group: 'SL of sq1-0',
      status: 'Waiting',
    });
    expect(orderRow(btc, order({ status: 'filled', filledQty: 100 }), false)).toMatchObject({ working: false, cancelable: false, tone: 'good' });
  });

  it('nothing is editable until the instrument is known (a typed value could not be parsed)', () => {
    expect(orderRow(undefined, order({}), true).editable).toEqual({ price: false, stopPrice: false, qty: false });
  });
});
