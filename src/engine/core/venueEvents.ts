import type { Liquidity, Lots, QuoteUnits, Side, Symbol, Ticks, VenueId } from './types';

// What a venue says, as every adapter reports it. It lives in core because the journal (storage)
// records these events and sits beneath the venues; venues/types.ts re-exports it.

/** One price level change; qty is the absolute new size (0 deletes the level). */
export interface LevelChange {
  side: Side; // 'buy' = bid, 'sell' = ask
  price: Ticks;
  qty: Lots;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export type VenueEvent =
  | { type: 'connection'; venue: VenueId; state: ConnectionState; reason?: string }
  | { type: 'bookSnapshot'; venue: VenueId; symbol: Symbol; seq: number; bids: [Ticks, Lots][]; asks: [Ticks, Lots][] }
  | { type: 'bookDelta'; venue: VenueId; symbol: Symbol; seq: number; changes: LevelChange[] }
  | { type: 'trade'; venue: VenueId; symbol: Symbol; ts: number; price: Ticks; qty: Lots; aggressor: Side; tradeId: string }
  | { type: 'orderAccepted'; venue: VenueId; clientOrderId: string; venueOrderId: string; ts: number }
  | { type: 'orderRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number }
  | {
      type: 'orderFilled';
      venue: VenueId;
      clientOrderId: string;
      fillId: string;
      ts: number;
      price: Ticks;
      qty: Lots;
      liquidity: Liquidity;
      fee: QuoteUnits;
    }
  | { type: 'orderCanceled'; venue: VenueId; clientOrderId: string; ts: number; reason?: string }
  | { type: 'cancelRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number }
  /** A stop reached its trigger and is now a live market or limit order. */
  | { type: 'orderTriggered'; venue: VenueId; clientOrderId: string; ts: number }
  /** An amend took effect: the order's price, stop price and total quantity now. */
  | { type: 'orderAmended'; venue: VenueId; clientOrderId: string; ts: number; price?: Ticks; stopPrice?: Ticks; qty: Lots }
  | { type: 'amendRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number }
  /** Ended by time in force: an IOC/FOK/market remainder, a GTD or DAY order reaching its end. */
  | { type: 'orderExpired'; venue: VenueId; clientOrderId: string; ts: number; reason: string };
