import type { Order, OrderChange, Source } from '../../../core';
import { code, decoded, KILL_ACTIONS, readBool, SOURCES } from './enumCodes';
import { readChange, readOrder, writeChange, writeOrder } from './orderLayout';
import { PayloadDecodeError, PayloadReader } from './payloadReader';
import { PayloadWriter } from './payloadWriter';
import { RECORD_TYPE } from './recordTypes';
import { isVenueEventType, readVenueEvent, writeVenueEvent, type VenueOrderEvent } from './venueEventLayout';

/**
 * The engine's journal records and their binary layouts. Every record carries `at`, the engine
 * clock's time when it was journaled, so a replay reproduces the same timestamps. The type codes
 * and the layout of each are documented in recordTypes.ts; orders in orderLayout.ts, venue events
 * in venueEventLayout.ts, enum codes in enumCodes.ts.
 */
export { RECORD_TYPE } from './recordTypes';

export type { VenueOrderEvent } from './venueEventLayout';

/**
 * What the OMS journals. Commands (orderSubmitted, orderArmed, cancelRequested, amendRequested) are
 * the OMS's decisions; venueEvent is what a venue said (source 'venue', or 'recovery' when reconcile
 * found it); orderState is a decision recorded as the whole resulting order (reconcile, a local
 * cancel of an unarmed child).
 */
export type EngineRecord =
  /** A new order; `send`: it goes to the venue once durable (false for a bracket child not yet armed, or a risk reject). */
  | { kind: 'orderSubmitted'; at: number; order: Order; send: boolean }
  /** A bracket child sent to the venue for `qty` (the entry's filled quantity). */
  | { kind: 'orderArmed'; at: number; clientOrderId: string; qty: number; source: Source }
  | { kind: 'orderState'; at: number; order: Order; source: Source; detail?: string }
  | { kind: 'cancelRequested'; at: number; venue: string; clientOrderId: string; source: Source }
  | { kind: 'amendRequested'; at: number; clientOrderId: string; change: OrderChange; source: Source }
  | { kind: 'killSwitch'; at: number; action: 'engage' | 'reset'; source: Source; reason: string }
  | { kind: 'venueEvent'; at: number; event: VenueOrderEvent; source: Source };

const writeSource = (w: PayloadWriter, source: Source): PayloadWriter => w.u8(code(SOURCES, source, 'source'));
const readSource = (r: PayloadReader): Source => decoded(SOURCES, r.u8(), 'source');

/**
 * Encodes records for Journal.append with one reusable buffer:
 *   const enc = new EngineRecordEncoder();
 *   const { type, payload } = enc.encode(record); journal.append(type, payload);
 * `payload` is valid until the next encode() (append copies it). A value with no on-disk code
 * (an unknown source, status...) throws RangeError: nothing half-encoded reaches the journal.
 */
export class EngineRecordEncoder {
  private readonly w = new PayloadWriter();

  encode(record: EngineRecord): { type: number; payload: Buffer } {
    const w = this.w.reset();
    w.int(record.at);
    return { type: this.body(w, record), payload: w.view() };
  }

  private body(w: PayloadWriter, record: EngineRecord): number {
    switch (record.kind) {
      case 'orderSubmitted':
        w.u8(record.send ? 1 : 0);
        writeOrder(w, record.order);
        return RECORD_TYPE.orderSubmitted;
      case 'orderArmed':
        writeSource(w.str(record.clientOrderId).int(record.qty), record.source);
        return RECORD_TYPE.orderArmed;
      case 'orderState':
        writeSource(w, record.source).u8(record.detail !== undefined ? 1 : 0);
        writeOrder(w, record.order);
        if (record.detail !== undefined) w.str(record.detail);
        return RECORD_TYPE.orderState;
      case 'cancelRequested':
        writeSource(w.str(record.venue).str(record.clientOrderId), record.source);
        return RECORD_TYPE.cancelRequested;
      case 'amendRequested':
        writeSource(w.str(record.clientOrderId), record.source);
        writeChange(w, record.change);
        return RECORD_TYPE.amendRequested;
      case 'killSwitch':
        writeSource(w.u8(code(KILL_ACTIONS, record.action, 'kill switch action')), record.source).str(record.reason);
        return RECORD_TYPE.killSwitch;
      case 'venueEvent':
        return writeVenueEvent(w, record.event, record.source);
    }
  }
}

/**
 * Decodes what EngineRecordEncoder wrote. Throws PayloadDecodeError on an unknown type, an unknown
 * enum code or flag, a payload that ends early, or bytes left over: never a guess.
 */
export class EngineRecordDecoder {
  private readonly r = new PayloadReader();

  decode(type: number, payload: Uint8Array): EngineRecord {
    const r = this.r.reset(payload);
    const at = r.int();
    const record = this.body(r, type, at);
    if (!r.done) throw new PayloadDecodeError(`record type ${type}: ${payload.length} bytes but the layout ended early`);
    return record;
  }

  private body(r: PayloadReader, type: number, at: number): EngineRecord {
    switch (type) {
      case RECORD_TYPE.orderSubmitted: {
        const send = readBool(r, 'orderSubmitted send');
        return { kind: 'orderSubmitted', at, order: readOrder(r), send };
      }
      case RECORD_TYPE.orderArmed:
        return { kind: 'orderArmed', at, clientOrderId: r.str(), qty: r.int(), source: readSource(r) };
      case RECORD_TYPE.orderState: {
        const source = readSource(r);
        const hasDetail = readBool(r, 'orderState detail flag');
        const record: Extract<EngineRecord, { kind: 'orderState' }> = { kind: 'orderState', at, order: readOrder(r), source };
        if (hasDetail) record.detail = r.str();
        return record;
      }
      case RECORD_TYPE.cancelRequested:
        return { kind: 'cancelRequested', at, venue: r.str(), clientOrderId: r.str(), source: readSource(r) };
      case RECORD_TYPE.amendRequested:
        return { kind: 'amendRequested', at, clientOrderId: r.str(), source: readSource(r), change: readChange(r) };
      case RECORD_TYPE.killSwitch:
        return {
          kind: 'killSwitch',
          at,
          action: decoded(KILL_ACTIONS, r.u8(), 'kill switch action'),
          source: readSource(r),
          reason: r.str(),
        };
      default:
        if (!isVenueEventType(type)) throw new PayloadDecodeError(`unknown record type ${type}`);
        return { kind: 'venueEvent', at, ...readVenueEvent(r, type) };
    }
  }
}
