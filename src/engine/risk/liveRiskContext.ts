import type { QuoteUnits } from '../core';
import type { BookQuotes } from './bookQuotes';
import type { ExposureTracker } from './exposureTracker';
import type { InstrumentExposure, InstrumentRef, MarketQuote, RiskContext } from './riskContext';

/**
 * The RiskContext the terminal wires: orders and positions from an ExposureTracker, prices from
 * BookQuotes over the book worker's shared memory, P&L from whatever the wiring computes it with
 * (the portfolio at the current mark; read only by the daily loss evaluation).
 */
export class LiveRiskContext implements RiskContext {
  constructor(
    private readonly tracker: ExposureTracker,
    private readonly quotes: BookQuotes,
    private readonly pnlOf: (i: InstrumentRef) => QuoteUnits,
  ) {}

  exposure(i: InstrumentRef): InstrumentExposure {
    return this.tracker.exposure(i);
  }

  accountOpenOrders(): number {
    return this.tracker.accountOpenOrders();
  }

  quote(i: InstrumentRef, into: MarketQuote): void {
    this.quotes.quote(i, into);
  }

  pnl(i: InstrumentRef): QuoteUnits {
    return this.pnlOf(i);
  }
}
