/**
 * Kite's checks of an order against its instrument and the hour, before it reaches the exchange:
 * the product suits the segment (CNC for cash equity, NRML for derivatives, MIS for both), prices on
 * the tick, F&O quantities in whole lots and under the freeze quantity, regular orders only in market
 * hours and AMO only outside them.
 */
import { errors, type KiteError } from './kiteErrors';
import type { LoopbackInstrument } from './instrumentsCsv';
import { inMarketHours } from './marketHours';
import type { OrderTerms } from './orderRecord';
import { unitsText } from './units';

export interface RuleContext {
  now: number;
  /** Freeze quantity per underlying name (NIFTY: 1800). */
  freezeQuantities: Readonly<Record<string, number>>;
}

export function checkOrderRules(instrument: LoopbackInstrument, terms: OrderTerms, pricesExact: boolean, ctx: RuleContext, isNew: boolean): KiteError | undefined {
  if (!instrument.tradable) return errors.noInstrument();
  const cash = instrument.exchange === 'NSE' || instrument.exchange === 'BSE';
  if (terms.product === 'CNC' && !cash) return errors.productNotAllowed('CNC', instrument.exchange);
  if (terms.product === 'NRML' && cash) return errors.productNotAllowed('NRML', instrument.exchange);
  const tick = instrument.tick;
  const offTick = (u: number) => u % tick !== 0;
  if (!pricesExact || offTick(terms.price) || offTick(terms.triggerPrice)) return errors.tickSize(unitsText(tick));
  if (instrument.derivative && instrument.lotSize > 1 && terms.quantity % instrument.lotSize !== 0) return errors.lotSize(instrument.lotSize);
  const freeze = ctx.freezeQuantities[underlyingOf(instrument)];
  if (instrument.derivative && freeze !== undefined && terms.quantity > freeze) return errors.freeze(freeze);
  if (isNew) {
    const open = inMarketHours(instrument.exchange, ctx.now);
    if (terms.variety === 'regular' && !open) return errors.marketsClosed();
    if (terms.variety === 'amo' && open) return errors.amoInMarketHours();
  }
  return undefined;
}

/** The underlying's name: the dump's `name`, or (old dumps leave it empty for options) the symbol's leading letters. */
function underlyingOf(instrument: LoopbackInstrument): string {
  if (instrument.row.name !== '') return instrument.row.name;
  return /^([A-Z&-]+?)\d{2}[A-Z]{3}/.exec(instrument.tradingsymbol)?.[1] ?? instrument.tradingsymbol;
}
