import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order, OrderChange, OrderStatus, Source } from '../../../core';
import { EngineRecordDecoder, EngineRecordEncoder, RECORD_TYPE, type EngineRecord, type VenueOrderEvent } from './engineRecords';
import { PayloadDecodeError } from './payloadReader';

// Written out here, not imported: the test pins the on-disk codes (a position is a code).
const ALL_SOURCES: readonly Source[] = [
  'ticket',
  'ladder',
  'hotkey',
  'bridge',
  'kill_switch',
  'risk',
  'recovery',
  'system',
  'cli',
  'grid',
  'algo',
  'venue',
  'contingent',
  'settlement',
];
const ALL_STATUSES: readonly OrderStatus[] = [
  'submitted',
  'accepted',
  'partially_filled',
  'filled',
  'canceled',
  'rejected',
  'initialized',
  'triggered',
  'pending_update',
  'pending_cancel',
  'expired',
];

const id = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 36 });
const text = fc.string({ unit: 'grapheme', maxLength: 120 });
const money = fc.maxSafeInteger();
const lots = fc.maxSafeNat();
const time = fc.maxSafeNat();
const source = fc.constantFrom(...ALL_SOURCES);
const status = fc.constantFrom(...ALL_STATUSES);

const change: fc.Arbitrary<OrderChange> = fc.record({ price: money, stopPrice: money, qty: lots }, { requiredKeys: [] });

const order: fc.Arbitrary<Order> = fc.record(
  {
    clientOrderId: id,
    venueOrderId: id,
    venue: id,
    symbol: id,
    side: fc.constantFrom('buy', 'sell' as const),
    type: fc.constantFrom('limit', 'market', 'stop_market', 'stop_limit' as const),
    tif: fc.constantFrom('GTC', 'IOC', 'FOK', 'GTD', 'DAY' as const),
    postOnly: fc.boolean(),
    reduceOnly: fc.boolean(),
    price: money,
    stopPrice: money,
    expireAt: time,
    qty: lots,
    filledQty: lots,
    filledValue: money,
    fees: money,
    status,
    priorStatus: status,
    pendingAmend: change,
    version: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    triggeredAt: time,
    rejectReason: text,
    cancelReason: text,
    groupId: id,
    role: fc.constantFrom('entry', 'take_profit', 'stop_loss', 'oco_leg' as const),
    parentId: id,
    unknownReason: text,
    product: fc.constantFrom('CNC', 'MIS', 'NRML' as const),
    // Only true is ever stored: absent means a regular order.
    afterMarket: fc.constant(true as const),
    source,
    createdAt: time,
    updatedAt: time,
  },
  {
    requiredKeys: [
      'clientOrderId',
      'venue',
      'symbol',
      'side',
      'type',
      'tif',
      'postOnly',
      'reduceOnly',
      'qty',
      'filledQty',
      'filledValue',
      'fees',
      'status',
      'version',
      'source',
      'createdAt',
      'updatedAt',
    ],
  },
);

const base = { venue: id, clientOrderId: id, ts: time };
const common = ['type', 'venue', 'clientOrderId', 'ts'] as const;
const venueEvents: Record<VenueOrderEvent['type'], fc.Arbitrary<VenueOrderEvent>> = {
  orderAccepted: fc.record({ type: fc.constant('orderAccepted' as const), ...base, venueOrderId: id }),
  orderRejected: fc.record({ type: fc.constant('orderRejected' as const), ...base, reason: text }),
  cancelRejected: fc.record({ type: fc.constant('cancelRejected' as const), ...base, reason: text }),
  orderCanceled: fc.record({ type: fc.constant('orderCanceled' as const), ...base, reason: text }, { requiredKeys: [...common] }),
  orderFilled: fc.record({
    type: fc.constant('orderFilled' as const),
    ...base,
    fillId: id,
    price: money,
    qty: lots,
    liquidity: fc.constantFrom('maker', 'taker' as const),
    fee: money,
  }),
  orderTriggered: fc.record({ type: fc.constant('orderTriggered' as const), ...base }),
  orderAmended: fc.record(
    { type: fc.constant('orderAmended' as const), ...base, price: money, stopPrice: money, qty: lots },
    { requiredKeys: [...common, 'qty'] },
  ),
  amendRejected: fc.record({ type: fc.constant('amendRejected' as const), ...base, reason: text }),
  orderExpired: fc.record({ type: fc.constant('orderExpired' as const), ...base, reason: text }),
  orderUnknown: fc.record({ type: fc.constant('orderUnknown' as const), ...base, reason: text }),
};

const at = time;
const records: Record<EngineRecord['kind'], fc.Arbitrary<EngineRecord>> = {
  orderSubmitted: fc.record({ kind: fc.constant('orderSubmitted' as const), at, order, send: fc.boolean() }),
  orderArmed: fc.record({ kind: fc.constant('orderArmed' as const), at, clientOrderId: id, qty: lots, source }),
  orderState: fc.record(
    { kind: fc.constant('orderState' as const), at, order, source, detail: text },
    { requiredKeys: ['kind', 'at', 'order', 'source'] },
  ),
  cancelRequested: fc.record({ kind: fc.constant('cancelRequested' as const), at, venue: id, clientOrderId: id, source }),
  amendRequested: fc.record({ kind: fc.constant('amendRequested' as const), at, clientOrderId: id, change, source }),
  killSwitch: fc.record({ kind: fc.constant('killSwitch' as const), at, action: fc.constantFrom('engage', 'reset' as const), source, reason: text }),
  venueEvent: fc.record({ kind: fc.constant('venueEvent' as const), at, event: fc.oneof(...Object.values(venueEvents)), source }),
};
const anyRecord = fc.oneof(...Object.values(records));

const roundTrips = (enc: EngineRecordEncoder, dec: EngineRecordDecoder) => (r: EngineRecord) => {
  const { type, payload } = enc.encode(r);
  // structuredClone: plain objects to compare with (fast-check builds null-prototype ones)
  expect(dec.decode(type, Buffer.from(payload))).toStrictEqual(structuredClone(r));
};

describe('engine journal records round-trip', () => {
  const enc = new EngineRecordEncoder();
  const dec = new EngineRecordDecoder();

  it.each(Object.keys(records) as EngineRecord['kind'][])('%s decodes to exactly what was encoded, absent fields stay absent', (kind) => {
    fc.assert(fc.property(records[kind], roundTrips(enc, dec)), { numRuns: 300 });
  });

  it.each(Object.keys(venueEvents) as VenueOrderEvent['type'][])('venue event %s, from any source', (type) => {
    const record = fc.record({ kind: fc.constant('venueEvent' as const), at, event: venueEvents[type], source });
    fc.assert(fc.property(record, roundTrips(enc, dec)), { numRuns: 100 });
  });

  it('an order with every optional field absent, and one with every field present', () => {
    const bare: Order = {
      clientOrderId: 'c',
      venue: 'SIM',
      symbol: 'BTC-USDT',
      side: 'sell',
      type: 'market',
      tif: 'IOC',
      postOnly: false,
      reduceOnly: false,
      qty: 1,
      filledQty: 0,
      filledValue: 0,
      fees: 0,
      status: 'initialized',
      version: 1,
      source: 'algo',
      createdAt: 0,
      updatedAt: 0,
    };
    const full: Order = {
      ...bare,
      venueOrderId: 'v',
      type: 'stop_limit',
      tif: 'GTD',
      postOnly: true,
      reduceOnly: true,
      price: -5,
      stopPrice: 7,
      expireAt: 9,
      status: 'pending_update',
      priorStatus: 'triggered',
      pendingAmend: { qty: 3 },
      version: 4,
      triggeredAt: 8,
      rejectReason: 'r',
      cancelReason: 'c',
      groupId: 'g',
      role: 'stop_loss',
      parentId: 'p',
      unknownReason: 'u',
      product: 'MIS',
      afterMarket: true,
    };
    for (const o of [bare, full]) roundTrips(enc, dec)({ kind: 'orderSubmitted', at: 1, order: o, send: false });
    const { type, payload } = enc.encode({ kind: 'orderState', at: 1, order: bare, source: 'recovery' });
    const decoded = dec.decode(type, payload);
    expect(Object.keys(decoded)).not.toContain('detail');
    expect(Object.keys((decoded as { order: Order }).order).sort()).toEqual(Object.keys(bare).sort());
  });
});

describe('engine journal records: the on-disk format', () => {
  it('uses fixed, unique type codes, one per record kind and venue event type', () => {
    expect(RECORD_TYPE).toEqual({
      orderSubmitted: 1,
      cancelRequested: 2,
      killSwitch: 3,
      orderArmed: 4,
      amendRequested: 5,
      orderAccepted: 10,
      orderRejected: 11,
      orderFilled: 12,
      orderCanceled: 13,
      cancelRejected: 14,
      orderTriggered: 15,
      orderAmended: 16,
      amendRejected: 17,
      orderExpired: 18,
      orderUnknown: 19,
      orderState: 20,
    });
    expect(new Set(Object.values(RECORD_TYPE)).size).toBe(Object.keys(RECORD_TYPE).length);
    const enc = new EngineRecordEncoder();
    fc.assert(
      fc.property(anyRecord, (r) => {
        const expected = r.kind === 'venueEvent' ? RECORD_TYPE[r.event.type] : RECORD_TYPE[r.kind];
        expect(enc.encode(r).type).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('gives every Source its fixed code (the byte after `at` and the strings of a cancel)', () => {
    const enc = new EngineRecordEncoder();
    ALL_SOURCES.forEach((s, i) => {
      const { payload } = enc.encode({ kind: 'cancelRequested', at: 0, venue: 'V', clientOrderId: 'c', source: s });
      // at (1 byte), 'V' (2), 'c' (2), source
      expect(payload[5]).toBe(i);
    });
  });

  it('lays out an order exactly as it always has (a change here breaks every journal on disk)', () => {
    const enc = new EngineRecordEncoder();
    const o: Order = {
      clientOrderId: 'a',
      venue: 'S',
      symbol: 'X',
      side: 'sell',
      type: 'stop_limit',
      tif: 'GTD',
      postOnly: false,
      reduceOnly: true,
      price: 100,
      stopPrice: -1,
      expireAt: 9,
      qty: 3,
      filledQty: 1,
      filledValue: 100,
      fees: -2,
      status: 'pending_update',
      priorStatus: 'accepted',
      pendingAmend: { price: 99 },
      version: 2,
      role: 'take_profit',
      source: 'grid',
      createdAt: 5,
      updatedAt: 6,
    };
    const { payload } = enc.encode({ kind: 'orderSubmitted', at: 1, order: o, send: true });
    expect(payload.toString('hex')).toBe(
      [
        '01', // at
        '01', // send
        'e227', // flags (uint 5090): Price|ReduceOnly|StopPrice|ExpireAt|PriorStatus|PendingAmend|Role
        '0361', '0353', '0358', // clientOrderId, venue, symbol
        '37', // sell | stop_limit << 1 | GTD << 4
        '08', '09', // status pending_update, source grid
        '03', '01', 'a401', '42', '02', '05', '06', // qty, filledQty, filledValue, fees, version, createdAt, updatedAt
        'a401', // price 100: low 6 bits | continue, then 1
        '41', // stopPrice -1
        '09', // expireAt
        '01', // priorStatus accepted
        '01', 'a301', // pendingAmend { price: 99 }: flags Price, 99
        '01', // role take_profit
      ].join(''),
    );
  });

  it('a realistic fill and order state are compact (well under their JSON size)', () => {
    const enc = new EngineRecordEncoder();
    const fill: VenueOrderEvent = {
      type: 'orderFilled',
      venue: 'binance',
      clientOrderId: 'sq-lx8k2j-000123',
      fillId: '4411829731',
      ts: 1_763_700_000_123,
      price: 9_512_345,
      qty: 1_250,
      liquidity: 'taker',
      fee: -12_345,
    };
    const r: EngineRecord = { kind: 'venueEvent', at: 1_763_700_000_125, event: fill, source: 'venue' };
    expect(enc.encode(r).payload.length).toBeLessThan(JSON.stringify(r).length / 3);
  });
});

describe('engine journal records: bad bytes are refused, never guessed', () => {
  const enc = new EngineRecordEncoder();
  const dec = new EngineRecordDecoder();

  it('any truncation of any record throws PayloadDecodeError', () => {
    fc.assert(
      fc.property(anyRecord, (r) => {
        const { type, payload } = enc.encode(r);
        const full = Buffer.from(payload);
        for (let n = 0; n < full.length; n++) expect(() => dec.decode(type, full.subarray(0, n))).toThrow(PayloadDecodeError);
      }),
      { numRuns: 150 },
    );
  });

  it('trailing bytes after any record throw PayloadDecodeError', () => {
    fc.assert(
      fc.property(anyRecord, fc.uint8Array({ minLength: 1, maxLength: 16 }), (r, garbage) => {
        const { type, payload } = enc.encode(r);
        expect(() => dec.decode(type, Buffer.concat([payload, garbage]))).toThrow(PayloadDecodeError);
      }),
      { numRuns: 300 },
    );
  });

  it('an unknown type, enum code or flag bit throws PayloadDecodeError', () => {
    const { type, payload } = enc.encode({ kind: 'cancelRequested', at: 5, venue: 'SIM', clientOrderId: 'x', source: 'ticket' });
    for (const unknown of [0, 6, 9, 21, 22, 99, 255]) expect(() => dec.decode(unknown, payload)).toThrow(PayloadDecodeError);
    const badSource = Buffer.from(payload);
    badSource[badSource.length - 1] = ALL_SOURCES.length;
    expect(() => dec.decode(type, badSource)).toThrow(/unknown source code 14/);

    const canceled = enc.encode({ kind: 'venueEvent', at: 1, source: 'venue', event: { type: 'orderCanceled', venue: 'S', clientOrderId: 'c', ts: 2 } });
    const badFlag = Buffer.from(canceled.payload);
    badFlag[badFlag.length - 1] = 2; // the reason flag: 0 or 1 only
    expect(() => dec.decode(canceled.type, badFlag)).toThrow(PayloadDecodeError);

    const amend = enc.encode({ kind: 'amendRequested', at: 1, clientOrderId: 'c', change: {}, source: 'grid' });
    const badChange = Buffer.from(amend.payload);
    badChange[badChange.length - 1] = 8; // a change flag bit nobody defined
    expect(() => dec.decode(amend.type, badChange)).toThrow(/unknown flag bits/);
  });

  it('refuses to encode a value with no on-disk code, before writing anything', () => {
    const o = { clientOrderId: 'c', venue: 'S', symbol: 'X', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false } as const;
    const rest = { qty: 1, filledQty: 0, filledValue: 0, fees: 0, version: 1, source: 'ticket', createdAt: 0, updatedAt: 0 } as const;
    expect(() => enc.encode({ kind: 'cancelRequested', at: 5, venue: 'SIM', clientOrderId: 'x', source: 'nobody' as never })).toThrow(RangeError);
    expect(() => enc.encode({ kind: 'orderSubmitted', at: 1, send: true, order: { ...o, ...rest, status: 'lost' as never } })).toThrow(RangeError);
    expect(() => enc.encode({ kind: 'orderSubmitted', at: 1, send: true, order: { ...o, ...rest, status: 'accepted', type: 'iceberg' as never } })).toThrow(RangeError);
  });
});
