/** Vocabulary shared by every engine component. Prices are integer ticks, quantities integer lots. */
export type VenueId = string;
export type Symbol = string;
export type Side = 'buy' | 'sell';
export type Ticks = number;
export type Lots = number;
/** A quote-currency amount in units of 10^-(priceDecimals + qtyDecimals) of the instrument. */
export type QuoteUnits = number;

export type OrderType = 'limit' | 'market';
export type TimeInForce = 'GTC' | 'IOC';
export type Liquidity = 'maker' | 'taker';

/** Who asked for something: recorded with every order and kill switch event. */
export type Source = 'ticket' | 'ladder' | 'hotkey' | 'bridge' | 'cli' | 'kill_switch' | 'risk' | 'recovery' | 'system';

export const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');
