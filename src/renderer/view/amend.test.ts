import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/api';
import { amendFromEdit, amendOutcome, amendRefusedText, canAmend } from './amend';
import { btc, order } from './testing';

const stopLimit = order({ type: 'stop_limit', stopPrice: 960_000, price: 960_100 });

describe('which cells can be amended', () => {
  it('price on limit-priced orders, stop on untriggered stops, qty on any working order', () => {
    expect(canAmend(order({}), 'price')).toBe(true);
    expect(canAmend(order({}), 'stopPrice')).toBe(false);
    expect(canAmend(order({}), 'qty')).toBe(true);
    expect(canAmend(stopLimit, 'stopPrice')).toBe(true);
    expect(canAmend(order({ type: 'stop_market', price: undefined, stopPrice: 960_000 }), 'price')).toBe(false);
    expect(canAmend({ ...stopLimit, status: 'triggered', triggeredAt: 5 }, 'stopPrice')).toBe(false);
    expect(canAmend({ ...stopLimit, status: 'triggered', triggeredAt: 5 }, 'price')).toBe(true);
  });

  it('nothing while an amend or cancel is on its way, or once the order ended', () => {
    for (const status of ['pending_update', 'pending_cancel', 'filled', 'canceled', 'rejected', 'expired'] as const) {
      expect(canAmend(order({ status }), 'qty')).toBe(false);
    }
    expect(canAmend(order({ status: 'partially_filled', filledQty: 10 }), 'qty')).toBe(true);
  });
});

describe('an edited cell as an amend', () => {
  it('sends the new price in canonical decimals, from the grid', () => {
    expect(amendFromEdit(btc, order({}), 'price', '95010')).toEqual({
      kind: 'send',
      input: { clientOrderId: 'sq1-1', price: '95010.0', source: 'grid' },
    });
    expect(amendFromEdit(btc, stopLimit, 'stopPrice', ' 96050.5 ')).toEqual({
      kind: 'send',
      input: { clientOrderId: 'sq1-1', stopPrice: '96050.5', source: 'grid' },
    });
    expect(amendFromEdit(btc, order({}), 'qty', '0.02')).toEqual({ kind: 'send', input: { clientOrderId: 'sq1-1', qty: '0.0200', source: 'grid' } });
  });

  it('sends nothing when the value is the same as now, however it is written', () => {
    expect(amendFromEdit(btc, order({}), 'price', '95000.00')).toEqual({ kind: 'unchanged' });
    expect(amendFromEdit(btc, order({}), 'qty', '0.01')).toEqual({ kind: 'unchanged' });
  });

  it('refuses values off the tick or lot, or not numbers, with the ticket words', () => {
    expect(amendFromEdit(btc, order({}), 'price', '95000.05')).toEqual({ kind: 'invalid', reason: 'not a multiple of the tick size 0.1' });
    expect(amendFromEdit(btc, order({}), 'qty', '0.00001')).toEqual({ kind: 'invalid', reason: 'not a multiple of the lot size 0.0001' });
    expect(amendFromEdit(btc, order({}), 'price', 'abc')).toEqual({ kind: 'invalid', reason: 'not a number' });
    expect(amendFromEdit(btc, order({}), 'price', '')).toEqual({ kind: 'invalid', reason: 'required' });
    expect(amendFromEdit(btc, order({}), 'qty', '0')).toEqual({ kind: 'invalid', reason: 'must be greater than zero' });
  });

  it('refuses a new total quantity at or below what has already filled', () => {
    const partly = order({ status: 'partially_filled', filledQty: 60 });
    expect(amendFromEdit(btc, partly, 'qty', '0.006')).toEqual({ kind: 'invalid', reason: 'must be more than the 0.0060 already filled' });
    expect(amendFromEdit(btc, partly, 'qty', '0.0061').kind).toBe('send');
  });

  it('refuses an amend that leaves the order worth less than the venue minimum', () => {
    expect(amendFromEdit(btc, order({ price: 100_000 }), 'qty', '0.0004')).toEqual({
      kind: 'invalid',
      reason: 'order value 4.00 USDT is below the minimum 5.00 USDT',
    });
    // A stop-market is valued at its (new) stop.
    const stop = order({ type: 'stop_market', price: undefined, stopPrice: 960_000, qty: 1 });
    expect(amendFromEdit(btc, stop, 'stopPrice', '40000')).toEqual({ kind: 'invalid', reason: 'order value 4.00 USDT is below the minimum 5.00 USDT' });
  });

  it('refuses a cell the order cannot change now, whatever was typed', () => {
    expect(amendFromEdit(btc, order({ status: 'pending_update' }), 'price', '1')).toEqual({
      kind: 'invalid',
      reason: 'the price of this order cannot be changed now',
    });
  });

  it('words a refusal with the order and the field', () => {
    expect(amendRefusedText('sq1-1', 'stopPrice', 'not a number')).toBe('Amend sq1-1 stop price: not a number');
  });
});

describe("the venue's answer to an amend", () => {
  const entry = (action: AuditEntry['action'], detail?: string): AuditEntry => ({
    seq: 9,
    n: 0,
    ts: 2000,
    clientOrderId: 'sq1-1',
    venue: 'SIM',
    symbol: 'BTC-USDT',
    action,
    source: 'venue',
    after: { status: 'accepted', qty: 100, filledQty: 0, version: action === 'amend' ? 2 : 1, price: 950_000 },
    ...(detail === undefined ? {} : { detail }),
  });

  it('a refusal is told as one, with its reason; a confirmation gives the new version', () => {
    expect(amendOutcome(entry('amend_reject', 'order would cross'))).toEqual({
      kind: 'bad',
      text: 'Amend sq1-1 refused: order would cross; the order is unchanged',
    });
    expect(amendOutcome(entry('amend'))).toEqual({ kind: 'good', text: 'Amended sq1-1 (version 2)' });
    expect(amendOutcome(entry('fill'))).toBeNull();
  });
});
