import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../oms';
import { EngineRecordDecoder, EngineRecordEncoder, RECORD_TYPE, type EngineRecord, type VenueOrderEvent } from './engineRecords';
import { PayloadDecodeError } from './payloadReader';

const id = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 36 });
const text = fc.string({ unit: 'grapheme', maxLength: 200 });
const money = fc.maxSafeInteger();
const source = fc.constantFrom('ticket', 'ladder', 'hotkey', 'bridge', 'kill_switch', 'risk', 'recovery', 'system' as const);

const order: fc.Arbitrary<Order> = fc
  .record(
    {
      clientOrderId: id,
      venueOrderId: id,
      venue: id,
      symbol: id,
      side: fc.constantFrom('buy', 'sell' as const),
      type: fc.constantFrom('limit', 'market' as const),
      tif: fc.constantFrom('GTC', 'IOC' as const),
      postOnly: fc.boolean(),
      price: money,
      qty: fc.maxSafeNat(),
      filledQty: fc.maxSafeNat(),
      filledValue: money,
      fees: money,
      status: fc.constantFrom('submitted', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected' as const),
      rejectReason: text,
      cancelReason: text,
      source,
      createdAt: fc.maxSafeNat(),
      updatedAt: fc.maxSafeNat(),
    },
    { requiredKeys: ['clientOrderId', 'venue', 'symbol', 'side', 'type', 'tif', 'postOnly', 'qty', 'filledQty', 'filledValue', 'fees', 'status', 'source', 'createdAt', 'updatedAt'] },
  )
  .map((o) => o as Order);

const base = { venue: id, clientOrderId: id, ts: fc.maxSafeNat() };
const venueEvent: fc.Arbitrary<VenueOrderEvent> = fc.oneof(
  fc.record({ type: fc.constant('orderAccepted' as const), ...base, venueOrderId: id }),
  fc.record({ type: fc.constant('orderRejected' as const), ...base, reason: text }),
  fc.record({ type: fc.constant('cancelRejected' as const), ...base, reason: text }),
  fc.record({ type: fc.constant('orderCanceled' as const), ...base, reason: text }, { requiredKeys: ['type', 'venue', 'clientOrderId', 'ts'] }),
  fc.record({
    type: fc.constant('orderFilled' as const),
    ...base,
    fillId: id,
    price: money,
    qty: fc.maxSafeNat(),
    liquidity: fc.constantFrom('maker', 'taker' as const),
    fee: money,
  }),
);

const at = fc.maxSafeNat();
const record: fc.Arbitrary<EngineRecord> = fc.oneof(
  fc.record({ kind: fc.constant('orderSubmitted' as const), at, order }),
  fc.record({ kind: fc.constant('orderState' as const), at, order }),
  fc.record({ kind: fc.constant('cancelRequested' as const), at, venue: id, clientOrderId: id, source }),
  fc.record({ kind: fc.constant('killSwitch' as const), at, action: fc.constantFrom('engage', 'reset' as const), source, reason: text }),
  fc.record({ kind: fc.constant('venueEvent' as const), at, event: venueEvent }),
);

describe('engine journal records', () => {
  it('decode to exactly what was encoded, optional fields absent stay absent', () => {
    const enc = new EngineRecordEncoder();
    const dec = new EngineRecordDecoder();
    fc.assert(
      fc.property(record, (r) => {
        const { type, payload } = enc.encode(r);
        // structuredClone: plain objects to compare with (fast-check builds null-prototype ones)
        expect(dec.decode(type, Buffer.from(payload))).toStrictEqual(structuredClone(r));
      }),
      { numRuns: 500 },
    );
  });

  it('uses the fixed type codes of the on-disk format', () => {
    const enc = new EngineRecordEncoder();
    const fill: VenueOrderEvent = { type: 'orderFilled', venue: 'SIM', clientOrderId: 'a', fillId: 'f', ts: 1, price: 1, qty: 1, liquidity: 'maker', fee: 0 };
    expect(enc.encode({ kind: 'venueEvent', at: 0, event: fill }).type).toBe(RECORD_TYPE.orderFilled);
    expect(RECORD_TYPE).toEqual({
      orderSubmitted: 1,
      cancelRequested: 2,
      killSwitch: 3,
      orderAccepted: 10,
      orderRejected: 11,
      orderFilled: 12,
      orderCanceled: 13,
      cancelRejected: 14,
      orderState: 20,
    });
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
    const r: EngineRecord = { kind: 'venueEvent', at: 1_763_700_000_125, event: fill };
    expect(enc.encode(r).payload.length).toBeLessThan(JSON.stringify(r).length / 3);
  });

  it('refuses a payload with bytes left over or an unknown type rather than guessing', () => {
    const enc = new EngineRecordEncoder();
    const dec = new EngineRecordDecoder();
    const { type, payload } = enc.encode({ kind: 'cancelRequested', at: 5, venue: 'SIM', clientOrderId: 'x', source: 'ticket' });
    expect(() => dec.decode(type, Buffer.concat([payload, Buffer.of(0)]))).toThrow(PayloadDecodeError);
    expect(() => dec.decode(99, payload)).toThrow(PayloadDecodeError);
    expect(() => enc.encode({ kind: 'cancelRequested', at: 5, venue: 'SIM', clientOrderId: 'x', source: 'nobody' as never })).toThrow(RangeError);
  });
});
