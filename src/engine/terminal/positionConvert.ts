import { type Lots, type Product, SqError, type Symbol, type VenueId, type VenuePosition } from '../core';
import type { Instrument } from '../instruments';
import type { ConvertPositionRequest, VenueAdapter } from '../venues';

/** What the trader asked in the Positions panel's "Convert": lots of one product's day or carried position to another product. */
export interface ConvertTicket {
  venue: VenueId;
  symbol: Symbol;
  from: Product;
  to: Product;
  /** Lots, a whole number above zero, at most the position's size of that kind. */
  qty: Lots;
  positionType: 'day' | 'overnight';
}

/** A venue that changes a position's product (Kite). */
export type ConvertingVenue = VenueAdapter & { convertPosition(req: ConvertPositionRequest): Promise<void> };

export function convertsPositions(venue: VenueAdapter | undefined): venue is ConvertingVenue {
  return venue !== undefined && typeof (venue as Partial<ConvertingVenue>).convertPosition === 'function';
}

/**
 * The venue request for a ticket, checked against the venue's own report of the position so that what
 * goes out is what the trader saw: the side comes from the position (a long one converts buys), never
 * from the view, and a quantity larger than the position, or a conversion Kite does not offer, is
 * refused here with the reason rather than sent. Kite offers MIS <-> NRML (derivatives and equity) and
 * MIS <-> CNC (equity delivery only); CNC <-> NRML is not a conversion it makes.
 */
export function conversionRequest(ticket: ConvertTicket, inst: Instrument, report: VenuePosition | undefined): ConvertPositionRequest {
  const { from, to, qty, positionType } = ticket;
  if (from === to) throw new SqError('INVALID_INPUT', `the position is already ${to}`);
  if (from !== 'MIS' && to !== 'MIS') throw new SqError('INVALID_INPUT', `${from} cannot be converted to ${to}: convert through MIS (intraday)`);
  const other = from === 'MIS' ? to : from;
  const equity = inst.contract === undefined;
  if (other === 'CNC' && !equity) throw new SqError('INVALID_INPUT', `CNC (delivery) is for equity; ${inst.displayName ?? inst.symbol} converts between MIS and NRML`);
  if (other === 'NRML' && equity && inst.exchange !== undefined && ['NSE', 'BSE'].includes(inst.exchange)) {
    throw new SqError('INVALID_INPUT', `NRML is for futures and options; equity converts between MIS and CNC`);
  }
  if (!Number.isSafeInteger(qty) || qty <= 0) throw new SqError('INVALID_INPUT', 'the quantity to convert must be a whole number of lots above zero');
  const part = report?.products?.find((p) => p.product === from);
  if (!part) throw new SqError('INVALID_INPUT', `${ticket.venue} reports no ${from} position in ${inst.displayName ?? inst.symbol}`);
  const held = positionType === 'day' ? part.dayQty : part.overnightQty;
  if (held === 0) throw new SqError('INVALID_INPUT', `the ${from} position has no ${positionType === 'day' ? "today's" : 'carried'} quantity to convert`);
  if (qty > Math.abs(held)) throw new SqError('INVALID_INPUT', `at most ${Math.abs(held)} lots of the ${from} ${positionType === 'day' ? "today's" : 'carried'} position can be converted`);
  return { symbol: ticket.symbol, side: held > 0 ? 'buy' : 'sell', qty, from, to, positionType };
}
