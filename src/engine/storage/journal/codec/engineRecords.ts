import type { Liquidity, OrderType, Side, Source, TimeInForce } from '../../../core';
import type { Order, OrderStatus } from '../../../oms';
import type { VenueEvent } from '../../../venues';
import { PayloadDecodeError, PayloadReader } from './payloadReader';
import { PayloadWriter } from './payloadWriter';

/**
 * The engine's journal records and their binary layouts. Every record carries `at`, the engine
 * clock's time when it was journaled, so a replay reproduces the same timestamps.
 *
 * Type codes are part of the on-disk format: a code is never reused or re-laid-out. A changed layout
 * gets a new code and the old decoder stays, so old journals stay readable.
 */
export const RECORD_TYPE = {
  /** Command: a new order as the OMS created it, before the venue hears of it. */
  orderSubmitted: 1,
  /** Command: a cancel sent for an order. */
  cancelRequested: 2,
  /** Command: the kill switch engaged or reset. */
  killSwitch: 3,
  /** Venue events about our orders, as the adapter reported them. */
  orderAccepted: 10,
  orderRejected: 11,
  orderFilled: 12,
  orderCanceled: 13,
  cancelRejected: 14,
  /** The full state of an order (e.g. a decision made at reconcile, or a projection checkpoint). */
  orderState: 20,
} as const;

export type VenueOrderEvent = Extract<
  VenueEvent,
  { type: 'orderAccepted' | 'orderRejected' | 'orderFilled' | 'orderCanceled' | 'cancelRejected' }
>;

export type EngineRecord =
  | { kind: 'orderSubmitted'; at: number; order: Order }
  | { kind: 'orderState'; at: number; order: Order }
  | { kind: 'cancelRequested'; at: number; venue: string; clientOrderId: string; source: Source }
  | { kind: 'killSwitch'; at: number; action: 'engage' | 'reset'; source: Source; reason: string }
  | { kind: 'venueEvent'; at: number; event: VenueOrderEvent };

// Enum codes: positions in these lists are on-disk values; only ever append to a list.
const SIDES: readonly Side[] = ['buy', 'sell'];
const ORDER_TYPES: readonly OrderType[] = ['limit', 'market'];
const TIFS: readonly TimeInForce[] = ['GTC', 'IOC'];
const STATUSES: readonly OrderStatus[] = ['submitted', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected'];
const LIQUIDITY: readonly Liquidity[] = ['maker', 'taker'];
const SOURCES: readonly Source[] = ['ticket', 'ladder', 'hotkey', 'bridge', 'kill_switch', 'risk', 'recovery', 'system'];
const KILL_ACTIONS = ['engage', 'reset'] as const;

function code<T>(list: readonly T[], value: T, what: string): number {
  const i = list.indexOf(value);
  if (i < 0) throw new RangeError(`cannot journal ${what} ${String(value)}`);
  return i;
}

function decoded<T>(list: readonly T[], i: number, what: string): T {
  const value = list[i];
  if (value === undefined) throw new PayloadDecodeError(`unknown ${what} code ${i}`);
  return value;
}

/** Bits of an order's first byte: which optional fields follow, and postOnly. */
const OrderFlag = { VenueOrderId: 1, Price: 2, RejectReason: 4, CancelReason: 8, PostOnly: 16 } as const;

function writeOrder(w: PayloadWriter, o: Order): void {
  const flags =
    (o.venueOrderId !== undefined ? OrderFlag.VenueOrderId : 0) |
    (o.price !== undefined ? OrderFlag.Price : 0) |
    (o.rejectReason !== undefined ? OrderFlag.RejectReason : 0) |
    (o.cancelReason !== undefined ? OrderFlag.CancelReason : 0) |
    (o.postOnly ? OrderFlag.PostOnly : 0);
  w.u8(flags).str(o.clientOrderId).str(o.venue).str(o.symbol);
  // side (1 bit) | type (1 bit) | tif (1 bit) | status (3 bits), in one byte
  w.u8(
    code(SIDES, o.side, 'side') |
      (code(ORDER_TYPES, o.type, 'order type') << 1) |
      (code(TIFS, o.tif, 'time in force') << 2) |
      (code(STATUSES, o.status, 'status') << 3),
  );
  w.u8(code(SOURCES, o.source, 'source'));
  w.int(o.qty).int(o.filledQty).int(o.filledValue).int(o.fees).int(o.createdAt).int(o.updatedAt);
  if (o.venueOrderId !== undefined) w.str(o.venueOrderId);
  if (o.price !== undefined) w.int(o.price);
  if (o.rejectReason !== undefined) w.str(o.rejectReason);
  if (o.cancelReason !== undefined) w.str(o.cancelReason);
}

function readOrder(r: PayloadReader): Order {
  const flags = r.u8();
  const clientOrderId = r.str();
  const venue = r.str();
  const symbol = r.str();
  const packed = r.u8();
  const order: Order = {
    clientOrderId,
    venue,
    symbol,
    side: decoded(SIDES, packed & 1, 'side'),
    type: decoded(ORDER_TYPES, (packed >> 1) & 1, 'order type'),
    tif: decoded(TIFS, (packed >> 2) & 1, 'time in force'),
    status: decoded(STATUSES, (packed >> 3) & 7, 'status'),
    source: decoded(SOURCES, r.u8(), 'source'),
    postOnly: (flags & OrderFlag.PostOnly) !== 0,
    qty: r.int(),
    filledQty: r.int(),
    filledValue: r.int(),
    fees: r.int(),
    createdAt: r.int(),
    updatedAt: r.int(),
  };
  // Absent optional fields stay absent, so a decoded order deep-equals the one encoded.
  if (flags & OrderFlag.VenueOrderId) order.venueOrderId = r.str();
  if (flags & OrderFlag.Price) order.price = r.int();
  if (flags & OrderFlag.RejectReason) order.rejectReason = r.str();
  if (flags & OrderFlag.CancelReason) order.cancelReason = r.str();
  return order;
}

/**
 * Encodes records for Journal.append with one reusable buffer:
 *   const enc = new EngineRecordEncoder();
 *   const { type, payload } = enc.encode(record); journal.append(type, payload);
 * `payload` is valid until the next encode() (append copies it).
 */
export class EngineRecordEncoder {
  private readonly w = new PayloadWriter();

  encode(record: EngineRecord): { type: number; payload: Buffer } {
    const w = this.w.reset();
    w.int(record.at);
    let type: number;
    switch (record.kind) {
      case 'orderSubmitted':
      case 'orderState':
        type = RECORD_TYPE[record.kind];
        writeOrder(w, record.order);
        break;
      case 'cancelRequested':
        type = RECORD_TYPE.cancelRequested;
        w.str(record.venue).str(record.clientOrderId).u8(code(SOURCES, record.source, 'source'));
        break;
      case 'killSwitch':
        type = RECORD_TYPE.killSwitch;
        w.u8(code(KILL_ACTIONS, record.action, 'kill switch action')).u8(code(SOURCES, record.source, 'source')).str(record.reason);
        break;
      case 'venueEvent':
        type = writeVenueEvent(w, record.event);
        break;
    }
    return { type, payload: w.view() };
  }
}

function writeVenueEvent(w: PayloadWriter, e: VenueOrderEvent): number {
  w.str(e.venue).str(e.clientOrderId).int(e.ts);
  switch (e.type) {
    case 'orderAccepted':
      w.str(e.venueOrderId);
      return RECORD_TYPE.orderAccepted;
    case 'orderRejected':
      w.str(e.reason);
      return RECORD_TYPE.orderRejected;
    case 'cancelRejected':
      w.str(e.reason);
      return RECORD_TYPE.cancelRejected;
    case 'orderCanceled':
      w.u8(e.reason !== undefined ? 1 : 0);
      if (e.reason !== undefined) w.str(e.reason);
      return RECORD_TYPE.orderCanceled;
    case 'orderFilled':
      w.str(e.fillId).int(e.price).int(e.qty).u8(code(LIQUIDITY, e.liquidity, 'liquidity')).int(e.fee);
      return RECORD_TYPE.orderFilled;
  }
}

/** Decodes what EngineRecordEncoder wrote. Throws PayloadDecodeError on an unknown type or a bad layout. */
export class EngineRecordDecoder {
  private readonly r = new PayloadReader();

  decode(type: number, payload: Uint8Array): EngineRecord {
    const r = this.r.reset(payload);
    const at = r.int();
    let record: EngineRecord;
    switch (type) {
      case RECORD_TYPE.orderSubmitted:
        record = { kind: 'orderSubmitted', at, order: readOrder(r) };
        break;
      case RECORD_TYPE.orderState:
        record = { kind: 'orderState', at, order: readOrder(r) };
        break;
      case RECORD_TYPE.cancelRequested:
        record = { kind: 'cancelRequested', at, venue: r.str(), clientOrderId: r.str(), source: decoded(SOURCES, r.u8(), 'source') };
        break;
      case RECORD_TYPE.killSwitch:
        record = {
          kind: 'killSwitch',
          at,
          action: decoded(KILL_ACTIONS, r.u8(), 'kill switch action'),
          source: decoded(SOURCES, r.u8(), 'source'),
          reason: r.str(),
        };
        break;
      default:
        record = { kind: 'venueEvent', at, event: readVenueEvent(r, type) };
    }
    if (!r.done) throw new PayloadDecodeError(`record type ${type}: ${payload.length} bytes but the layout ended early`);
    return record;
  }
}

function readVenueEvent(r: PayloadReader, type: number): VenueOrderEvent {
  if (type < RECORD_TYPE.orderAccepted || type > RECORD_TYPE.cancelRejected) throw new PayloadDecodeError(`unknown record type ${type}`);
  const venue = r.str();
  const clientOrderId = r.str();
  const ts = r.int();
  switch (type) {
    case RECORD_TYPE.orderAccepted:
      return { type: 'orderAccepted', venue, clientOrderId, ts, venueOrderId: r.str() };
    case RECORD_TYPE.orderRejected:
      return { type: 'orderRejected', venue, clientOrderId, ts, reason: r.str() };
    case RECORD_TYPE.cancelRejected:
      return { type: 'cancelRejected', venue, clientOrderId, ts, reason: r.str() };
    case RECORD_TYPE.orderCanceled: {
      const event: Extract<VenueOrderEvent, { type: 'orderCanceled' }> = { type: 'orderCanceled', venue, clientOrderId, ts };
      if (r.u8() === 1) event.reason = r.str();
      return event;
    }
    default:
      return {
        type: 'orderFilled',
        venue,
        clientOrderId,
        ts,
        fillId: r.str(),
        price: r.int(),
        qty: r.int(),
        liquidity: decoded(LIQUIDITY, r.u8(), 'liquidity'),
        fee: r.int(),
      };
  }
}
