/**
 * What an account's ledger does for the matching engine, whatever the market: admit an order (can
 * the account afford it?), settle each execution (balances, fees, positions) and release what an
 * ended order still held. Spot and USD-M futures each implement it (spotLedger.ts, futuresLedger.ts).
 */
import type { VenueError } from './binanceErrors';
import type { SymbolSpec } from './config';
import type { MatchStep } from './orderBook';
import type { VenueOrder } from './orders';

/** Commission rates as fractions in 1e-8 units (0.001 -> 100000n). */
export interface FeeRates {
  readonly maker: bigint;
  readonly taker: bigint;
}

export interface Settlement {
  readonly commission: bigint;
  readonly commissionAsset: string;
  readonly realizedPnl: bigint;
}

export interface Ledger {
  /**
   * Checks the account can carry the order and reserves what it needs; an error if it cannot.
   * `preview`: the executions the order would get now (how much a market order would spend).
   * `working`: the account's other working orders (their margin counts on USD-M).
   */
  admit(order: VenueOrder, spec: SymbolSpec, preview: readonly MatchStep[], working: readonly VenueOrder[]): VenueError | undefined;
  /** Applies one execution of `order` (its `price`, `qty`) and says what it cost. */
  settle(order: VenueOrder, spec: SymbolSpec, price: bigint, qty: bigint, isMaker: boolean): Settlement;
  /** Spot: the order's open quantity was lowered to `leaves` (an amend): give back what the rest no longer needs. */
  shrink?(order: VenueOrder, spec: SymbolSpec, leaves: bigint): void;
  /** The order ended (filled, canceled, expired): give back whatever it still reserved. */
  release(order: VenueOrder, spec: SymbolSpec): void;
  /** Whether balances or positions changed since the last account event was rendered (one is due). */
  hasChanges(): boolean;
}
