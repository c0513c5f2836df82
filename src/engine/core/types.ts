/** Vocabulary shared by every engine component. Prices are integer ticks, quantities integer lots. */
export type VenueId = string;
export type Symbol = string;
export type Side = 'buy' | 'sell';
export type Ticks = number;
export type Lots = number;
/** A quote-currency amount in units of 10^-(priceDecimals + qtyDecimals) of the instrument. */
export type QuoteUnits = number;

/** Stop orders rest untriggered at the venue until the book reaches their stop price. */
export type OrderType = 'limit' | 'market' | 'stop_market' | 'stop_limit';
/** GTD expires at the order's expireAt; DAY at the venue's session end (00:00 UTC on crypto venues). */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTD' | 'DAY';
export type Liquidity = 'maker' | 'taker';
/**
 * An Indian broker's product (Kite): CNC delivery equity, MIS intraday (the broker squares it off near
 * the close), NRML carried F&O and commodity positions. Absent on venues without products.
 */
export type Product = 'CNC' | 'MIS' | 'NRML';
export const PRODUCTS: readonly Product[] = ['CNC', 'MIS', 'NRML'];

/** Who asked for something: recorded with every order and kill switch event. */
export type Source =
  | 'ticket'
  | 'ladder'
  | 'hotkey'
  | 'bridge'
  | 'cli'
  | 'kill_switch'
  | 'risk'
  | 'recovery'
  | 'system'
  /** An amend typed into the open-orders grid. */
  | 'grid'
  | 'algo'
  /** The venue itself (acks, fills, expiries, triggers). */
  | 'venue'
  /** The OMS acting for a bracket or OCO group (arming children, cancelling the other leg). */
  | 'contingent'
  /** The venue closing a position itself at a derivative's expiry (cash settlement), not an order of ours. */
  | 'settlement';

/** Order types that carry a limit price. */
export const hasLimitPrice = (type: OrderType): boolean => type === 'limit' || type === 'stop_limit';
export const isStopType = (type: OrderType): boolean => type === 'stop_market' || type === 'stop_limit';

export const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');
