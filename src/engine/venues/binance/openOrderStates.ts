import type { Logger } from '../../core';
import type { Instrument } from '../../instruments';
import type { VenueOrderState } from '../types';

/**
 * Binance's open orders (spot or USD-M) as VenueOrderStates; an order on a symbol this account does not
 * trade here is logged and left alone (reconcile must not adopt what it cannot price).
 */
export function openOrderStates<W extends { symbol: string; clientOrderId: string }>(
  wire: readonly W[],
  byVenueSymbol: ReadonlyMap<string, Instrument>,
  state: (inst: Instrument, order: W) => VenueOrderState,
  log: { venue: string; logger: Logger },
): VenueOrderState[] {
  const out: VenueOrderState[] = [];
  for (const o of wire) {
    const inst = byVenueSymbol.get(o.symbol);
    if (inst) out.push(state(inst, o));
    else log.logger.warn({ venue: log.venue, symbol: o.symbol, clientOrderId: o.clientOrderId }, 'open order on a symbol this account does not trade here: left alone');
  }
  return out;
}
