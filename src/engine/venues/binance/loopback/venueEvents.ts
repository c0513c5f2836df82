/**
 * What happens at the loopback venue, as the streams need to hear it: order updates and account
 * changes for the user data streams, book changes and trades for the market streams. The exchange
 * calls these synchronously, in the order things happen; the wire formats render them at once.
 */
import type { DepthChange } from './orderBook';
import type { OrderUpdate } from './orders';

/** One print on the public tape. */
export interface PublicTrade {
  readonly id: number;
  readonly symbol: string;
  readonly price: bigint;
  readonly qty: bigint;
  readonly time: number;
  readonly buyerIsMaker: boolean;
}

/** Binance's aggregate trade: one taker's executions at one price. */
export interface AggregateTrade {
  readonly aggId: number;
  readonly symbol: string;
  readonly price: bigint;
  readonly qty: bigint;
  readonly firstId: number;
  readonly lastId: number;
  readonly time: number;
  readonly buyerIsMaker: boolean;
}

export interface VenueObserver {
  order(update: OrderUpdate): void;
  /** The account's balances or positions changed (its ledger says which). */
  accountChanged(account: string): void;
  depth(symbol: string, change: DepthChange): void;
  trade(trade: PublicTrade): void;
  aggTrade(trade: AggregateTrade): void;
  markPrice(symbol: string): void;
}
