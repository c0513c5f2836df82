import type { Source, VenueEvent } from '../../../core';
import { checkFlags, code, decoded, LIQUIDITY, readBool, SOURCES } from './enumCodes';
import { PayloadDecodeError, type PayloadReader } from './payloadReader';
import type { PayloadWriter } from './payloadWriter';
import { FIRST_VENUE_EVENT, LAST_VENUE_EVENT, RECORD_TYPE } from './recordTypes';

/** The venue events about our orders: the ones the OMS journals (engineRecords.ts re-exports it). */
export type VenueOrderEvent = Extract<
  VenueEvent,
  {
    type:
      | 'orderAccepted'
      | 'orderRejected'
      | 'orderFilled'
      | 'orderCanceled'
      | 'cancelRejected'
      | 'orderTriggered'
      | 'orderAmended'
      | 'amendRejected'
      | 'orderExpired'
      | 'orderUnknown';
  }
>;

/** Which of an orderAmended event's optional prices follow. */
const AmendedFlag = { Price: 1, StopPrice: 2 } as const;

/** Writes a venue event's payload after `at` and returns its record type (one type per event type). */
export function writeVenueEvent(w: PayloadWriter, e: VenueOrderEvent, source: Source): number {
  w.u8(code(SOURCES, source, 'source')).str(e.venue).str(e.clientOrderId).int(e.ts);
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
    case 'orderTriggered':
      return RECORD_TYPE.orderTriggered;
    case 'orderAmended':
      w.u8((e.price !== undefined ? AmendedFlag.Price : 0) | (e.stopPrice !== undefined ? AmendedFlag.StopPrice : 0));
      if (e.price !== undefined) w.int(e.price);
      if (e.stopPrice !== undefined) w.int(e.stopPrice);
      w.int(e.qty);
      return RECORD_TYPE.orderAmended;
    case 'amendRejected':
      w.str(e.reason);
      return RECORD_TYPE.amendRejected;
    case 'orderExpired':
      w.str(e.reason);
      return RECORD_TYPE.orderExpired;
    case 'orderUnknown':
      w.str(e.reason);
      return RECORD_TYPE.orderUnknown;
  }
}

export const isVenueEventType = (type: number): boolean => type >= FIRST_VENUE_EVENT && type <= LAST_VENUE_EVENT;

/** Reads what writeVenueEvent wrote for record type `type` (which isVenueEventType accepted). */
export function readVenueEvent(r: PayloadReader, type: number): { event: VenueOrderEvent; source: Source } {
  const source = decoded(SOURCES, r.u8(), 'source');
  const venue = r.str();
  const clientOrderId = r.str();
  const ts = r.int();
  const event = readEventFields(r, type, { venue, clientOrderId, ts });
  return { event, source };
}

function readEventFields(r: PayloadReader, type: number, common: { venue: string; clientOrderId: string; ts: number }): VenueOrderEvent {
  switch (type) {
    case RECORD_TYPE.orderAccepted:
      return { type: 'orderAccepted', ...common, venueOrderId: r.str() };
    case RECORD_TYPE.orderRejected:
      return { type: 'orderRejected', ...common, reason: r.str() };
    case RECORD_TYPE.cancelRejected:
      return { type: 'cancelRejected', ...common, reason: r.str() };
    case RECORD_TYPE.orderCanceled: {
      const event: Extract<VenueOrderEvent, { type: 'orderCanceled' }> = { type: 'orderCanceled', ...common };
      if (readBool(r, 'orderCanceled reason flag')) event.reason = r.str();
      return event;
    }
    case RECORD_TYPE.orderFilled:
      return {
        type: 'orderFilled',
        ...common,
        fillId: r.str(),
        price: r.int(),
        qty: r.int(),
        liquidity: decoded(LIQUIDITY, r.u8(), 'liquidity'),
        fee: r.int(),
      };
    case RECORD_TYPE.orderTriggered:
      return { type: 'orderTriggered', ...common };
    case RECORD_TYPE.orderAmended: {
      const flags = checkFlags(r.u8(), AmendedFlag.Price | AmendedFlag.StopPrice, 'orderAmended');
      const price = flags & AmendedFlag.Price ? r.int() : undefined;
      const stopPrice = flags & AmendedFlag.StopPrice ? r.int() : undefined;
      const event: Extract<VenueOrderEvent, { type: 'orderAmended' }> = { type: 'orderAmended', ...common, qty: r.int() };
      if (price !== undefined) event.price = price;
      if (stopPrice !== undefined) event.stopPrice = stopPrice;
      return event;
    }
    case RECORD_TYPE.amendRejected:
      return { type: 'amendRejected', ...common, reason: r.str() };
    case RECORD_TYPE.orderExpired:
      return { type: 'orderExpired', ...common, reason: r.str() };
    case RECORD_TYPE.orderUnknown:
      return { type: 'orderUnknown', ...common, reason: r.str() };
    default:
      throw new PayloadDecodeError(`unknown record type ${type}`);
  }
}
