import type { Liquidity, Lots, OrderType, QuoteUnits, Side, Symbol, Ticks, TimeInForce, VenueId } from '../core/types';
import type { Instrument } from '../instruments';

/**
 * The one interface every venue adapter implements (SIM, Binance, Kite, ccxt venues).
 * Requests are fire-and-forget; everything the venue says comes back as a VenueEvent, in order,
 * exactly as a real exchange reports over its sockets.
 */
export interface VenueAdapter {
  readonly id: VenueId;
  readonly fees: FeeSchedule;
  instruments(): Instrument[];
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  submit(order: VenueOrderRequest): void;
  cancel(symbol: Symbol, clientOrderId: string): void;
  /** The venue's view of our working orders, for reconciliation after a restart. */
  openOrders(): Promise<VenueOpenOrder[]>;
  onEvent(listener: (event: VenueEvent) => void): () => void;
}

/** Maker/taker fees in basis points of notional. */
export interface FeeSchedule {
  makerBps: number;
  takerBps: number;
}

export interface VenueOrderRequest {
  clientOrderId: string;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  postOnly: boolean;
  price?: Ticks; // required for limit orders
  qty: Lots;
}

export interface VenueOpenOrder {
  clientOrderId: string;
  venueOrderId: string;
  symbol: Symbol;
  side: Side;
  price: Ticks;
  qty: Lots;
  filledQty: Lots;
}

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
  | { type: 'cancelRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number };
