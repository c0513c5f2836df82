import { describe, expect, it } from 'vitest';
import { groupText, lastOrderText, orderStatusText, orderTypeText, pendingAmendText, statusTone } from './orderText';
import { btc, order } from './testing';

describe('order type text', () => {
  it('names each type in a few letters', () => {
    expect(orderTypeText(order({}))).toBe('Limit');
    expect(orderTypeText(order({ type: 'market', tif: 'IOC' }))).toBe('Market IOC');
    expect(orderTypeText(order({ type: 'stop_market' }))).toBe('Stop');
    expect(orderTypeText(order({ type: 'stop_limit' }))).toBe('Stop lmt');
  });

  it('adds post-only, a time in force that is not the usual one, and reduce-only', () => {
    expect(orderTypeText(order({ postOnly: true }))).toBe('Limit PO');
    expect(orderTypeText(order({ type: 'stop_limit', tif: 'GTD', reduceOnly: true }))).toBe('Stop lmt GTD RO');
    expect(orderTypeText(order({ tif: 'IOC' }))).toBe('Limit IOC');
    expect(orderTypeText(order({ type: 'market', tif: 'FOK' }))).toBe('Market FOK');
  });
});

describe('status text', () => {
  it('shows the in-between states as in progress', () => {
    expect(orderStatusText(order({ status: 'pending_update' }))).toBe('Amending…');
    expect(orderStatusText(order({ status: 'pending_cancel' }))).toBe('Canceling…');
    // A lost acknowledgement: the order may be live at the venue, so it reads "Unknown", never "Sent".
    expect(orderStatusText(order({ status: 'submitted', unknownReason: 'no answer from Binance within 10000 ms' }))).toBe('Unknown');
    expect(statusTone('pending_update')).toBe('pending');
    expect(statusTone('expired')).toBe('done');
    expect(statusTone('rejected')).toBe('bad');
  });

  it('an unarmed bracket exit is waiting for its entry, a plain new order is new', () => {
    expect(orderStatusText(order({ status: 'initialized', parentId: 'sq1-1', role: 'take_profit' }))).toBe('Waiting');
    expect(orderStatusText(order({ status: 'initialized' }))).toBe('New');
  });
});

describe('group text', () => {
  it('names the entry of a take-profit or stop-loss, and marks OCO legs and bracket entries', () => {
    expect(groupText(order({ groupId: 'sq1-1', role: 'take_profit', parentId: 'sq1-1' }))).toBe('TP of sq1-1');
    expect(groupText(order({ groupId: 'sq1-1', role: 'stop_loss', parentId: 'sq1-1' }))).toBe('SL of sq1-1');
    expect(groupText(order({ groupId: 'sq1-1', role: 'entry' }))).toBe('Bracket');
    expect(groupText(order({ groupId: 'oco-7', role: 'oco_leg' }))).toBe('OCO');
    expect(groupText(order({}))).toBe('');
  });
});

describe('pending amend', () => {
  it('says what an amend waiting for the venue asks for, and nothing otherwise', () => {
    expect(pendingAmendText(btc, order({ status: 'pending_update', pendingAmend: { price: 950_100, qty: 200 } }))).toBe(
      'Amending to price 95010.0, qty 0.0200',
    );
    expect(pendingAmendText(btc, order({ pendingAmend: { price: 950_100 } }))).toBeUndefined();
  });
});

describe('the ticket line for a placed order', () => {
  it('describes the terms by type and the live status', () => {
    expect(lastOrderText(btc, order({}))).toBe('Buy 0.0100 BTC limit @ 95000.0: Working');
    expect(lastOrderText(btc, order({ type: 'market', price: undefined, status: 'filled', filledQty: 100 }))).toBe('Buy 0.0100 BTC at market: Filled');
    expect(lastOrderText(btc, order({ type: 'stop_limit', stopPrice: 960_000, price: 960_100 }))).toBe(
      'Buy 0.0100 BTC stop @ 96000.0 limit 96010.0: Working',
    );
    expect(lastOrderText(btc, order({ status: 'partially_filled', filledQty: 40 }))).toBe('Buy 0.0100 BTC limit @ 95000.0: partially filled 0.0040');
  });

  it('names a bracket leg and an unarmed exit', () => {
    const tp = order({ side: 'sell', role: 'take_profit', parentId: 'sq1-1', status: 'initialized', price: 960_000 });
    expect(lastOrderText(btc, tp)).toBe('TP: Sell 0.0100 BTC limit @ 96000.0: Waiting');
  });

  it("shows the engine's reason for a rejection and why an order ended early", () => {
    expect(lastOrderText(btc, order({ status: 'rejected', rejectReason: 'price collar' }))).toBe('Rejected: price collar');
    expect(lastOrderText(btc, order({ status: 'expired', tif: 'GTD', cancelReason: 'GTD expiry' }))).toBe(
      'Buy 0.0100 BTC limit @ 95000.0: Expired (GTD expiry)',
    );
  });
});
