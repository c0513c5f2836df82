/**
 * What a market (spot or USD-M) contributes to the loopback server: its exchange with the ledgers of
 * its accounts, its REST routes, and the observer that renders the exchange's events into its streams.
 */
import type { LoopbackOptions, SymbolSpec } from './config';
import type { LoopbackExchange } from './exchange';
import type { Limits } from './exchangeInfo';
import type { FeeRates, Ledger } from './ledger';
import type { MarketStreams } from './marketStreams';
import type { Route } from './routeKit';
import type { UserStreams } from './userStreams';

export interface VenueContext {
  options: LoopbackOptions;
  specs: readonly SymbolSpec[];
  fees: FeeRates;
  limits: Limits;
  now: () => number;
  userStreams: UserStreams;
  marketStreams: MarketStreams;
}

export interface VenueParts<L extends Ledger> {
  exchange: LoopbackExchange<L>;
  routes: Route[];
  /** Called once a second on the venue's clock (USD-M's mark price streams). */
  tick?(): void;
}
