import { describe, expect, it } from 'vitest';
import { decodeLedgerRecord, encodeLedgerRecord, LEDGER_RECORD_TYPE, LedgerDecodeError, type LedgerRecord } from './ledgerRecords';
import { CLOSED_MEMORY, LedgerError, SimLedger } from './simLedger';
import type { SimOrder } from './simOrder';

const order = (o: Partial<SimOrder> & Pick<SimOrder, 'clientOrderId'>): SimOrder => ({
  venueOrderId: `SIM-${o.orderNo ?? 1}`,
  orderNo: 1,
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  price: 100,
  qty: 10,
  filledQty: 0,
  status: 'open',
  triggered: false,
  createdAt: 1,
  updatedAt: 1,
  queueNo: 0,
  ...o,
});

const fill = (clientOrderId: string, no: number, qty: number, side: 'buy' | 'sell' = 'buy', ts = 10 + no): LedgerRecord => ({
  k: 'fill',
  no,
  fill: { fillId: `SIM-F${no}`, clientOrderId, symbol: 'BTC-USDT', side, price: 100, qty, liquidity: 'maker', fee: 1, ts },
});

/** Applies records through the journal codec, as a replay would. */
function replayed(records: LedgerRecord[]): SimLedger {
  const ledger = new SimLedger();
  for (const r of records) {
    const { type, payload } = encodeLedgerRecord(r);
    ledger.apply(decodeLedgerRecord(type, payload));
  }
  return ledger;
}

describe('SimLedger', () => {
  const history: LedgerRecord[] = [
    { k: 'accepted', order: order({ clientOrderId: 'a', orderNo: 1 }) },
    { k: 'accepted', order: order({ clientOrderId: 'b', orderNo: 2, side: 'sell', qty: 4 }) },
    { k: 'accepted', order: order({ clientOrderId: 's', orderNo: 3, type: 'stop_market', price: undefined, stopPrice: 90, status: 'untriggered' }) },
    fill('a', 7, 4),
    fill('b', 8, 4, 'sell'),
    { k: 'amended', id: 'a', ts: 20, price: 101, qty: 12, requeued: true },
    { k: 'triggered', id: 's', ts: 21 },
    fill('s', 9, 10, 'buy', 22),
    { k: 'ended', id: 'a', ts: 30, status: 'canceled' },
  ];

  it('rebuilds orders, fills, positions and counters from its records', () => {
    const ledger = replayed(history);
    expect(ledger.workingOrders()).toEqual([]);
    expect(ledger.closedOrder('a')).toMatchObject({ status: 'canceled', price: 101, qty: 12, filledQty: 4, updatedAt: 30 });
    expect(ledger.closedOrder('b')).toMatchObject({ status: 'filled', filledQty: 4 });
    expect(ledger.closedOrder('s')).toMatchObject({ status: 'filled', triggered: true });
    expect(ledger.position('BTC-USDT')).toBe(4 - 4 + 10);
    expect(ledger.fillsSince(0).map((f) => f.fillId)).toEqual(['SIM-F7', 'SIM-F8', 'SIM-F9']);
    expect(ledger.fillsSince(19).map((f) => f.fillId)).toEqual(['SIM-F9']);
    expect([ledger.lastOrderNo, ledger.lastFillNo]).toEqual([3, 9]);
  });

  it('restores from a snapshot exactly what the records built', () => {
    const ledger = replayed(history.slice(0, 6));
    const copy = new SimLedger();
    copy.restore(JSON.parse(JSON.stringify(ledger.snapshot())));
    expect(copy.snapshot()).toEqual(ledger.snapshot());
    // And goes on from there like the original.
    for (const r of history.slice(6)) {
      ledger.apply(r);
      copy.apply(r);
    }
    expect(copy.snapshot()).toEqual(ledger.snapshot());
    expect(() => copy.restore({ version: 1, working: 'no' })).toThrow(LedgerError);
  });

  it('orders the queue: a requeue puts an order behind those that joined before', () => {
    const ledger = replayed([
      { k: 'accepted', order: order({ clientOrderId: 'x', orderNo: 1 }) },
      { k: 'accepted', order: order({ clientOrderId: 'y', orderNo: 2 }) },
      { k: 'amended', id: 'x', ts: 5, qty: 8, requeued: false },
    ]);
    const queue = (): string[] => [...ledger.workingOrders()].sort((p, q) => p.queueNo - q.queueNo).map((o) => o.clientOrderId);
    expect(queue()).toEqual(['x', 'y']);
    ledger.apply({ k: 'amended', id: 'x', ts: 6, qty: 12, requeued: true });
    expect(queue()).toEqual(['y', 'x']);
  });

  it('refuses records that do not fit its state instead of guessing', () => {
    const ledger = replayed(history.slice(0, 1));
    expect(() => ledger.apply(fill('nobody', 1, 1))).toThrow(LedgerError);
    expect(() => ledger.apply(fill('a', 2, 11))).toThrow(/overfills/);
    expect(() => ledger.apply({ k: 'accepted', order: order({ clientOrderId: 'a' }) })).toThrow(/accepted twice/);
  });

  it('lets a reused client order id name the new order, and forgets the oldest closed orders first', () => {
    const ledger = new SimLedger();
    for (let i = 0; i <= CLOSED_MEMORY; i++) {
      ledger.apply({ k: 'accepted', order: order({ clientOrderId: `c${i}`, orderNo: i + 1 }) });
      ledger.apply({ k: 'ended', id: `c${i}`, ts: i, status: 'expired', reason: 'IOC remainder' });
    }
    expect(ledger.closedOrder('c0')).toBeUndefined();
    expect(ledger.closedOrder('c1')).toMatchObject({ status: 'expired' });
    ledger.apply({ k: 'accepted', order: order({ clientOrderId: 'c1', orderNo: 99_999 }) });
    expect(ledger.closedOrder('c1')).toBeUndefined();
    expect(ledger.workingOrder('c1')).toMatchObject({ orderNo: 99_999, status: 'open' });
  });
});

describe('ledger record codec', () => {
  it('round-trips every record kind and refuses what it did not write', () => {
    for (const r of history()) {
      const { type, payload } = encodeLedgerRecord(r);
      expect(type).toBe(LEDGER_RECORD_TYPE[r.k]);
      expect(decodeLedgerRecord(type, payload)).toEqual(r);
    }
    const accepted = encodeLedgerRecord({ k: 'accepted', order: order({ clientOrderId: 'a' }) });
    expect(() => decodeLedgerRecord(LEDGER_RECORD_TYPE.fill, accepted.payload)).toThrow(/holds a 'accepted' payload/);
    expect(() => decodeLedgerRecord(1, Buffer.from('{"k":"accepted","order":{"clientOrderId":""}}'))).toThrow(LedgerDecodeError);
    expect(() => decodeLedgerRecord(1, Buffer.from('{'))).toThrow(/not valid JSON/);
  });

  function history(): LedgerRecord[] {
    return [
      { k: 'accepted', order: order({ clientOrderId: 'a', expireAt: 99, tif: 'GTD' }) },
      { k: 'triggered', id: 'a', ts: 2 },
      fill('a', 3, 1),
      { k: 'amended', id: 'a', ts: 4, price: 7, stopPrice: 6, qty: 9, requeued: true },
      { k: 'ended', id: 'a', ts: 5, status: 'expired', reason: 'GTD expiry' },
      { k: 'imported', orders: [order({ clientOrderId: 'old' })], nextOrderNo: 5, nextFillNo: 6 },
    ];
  }
});
