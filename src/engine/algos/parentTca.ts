import { err, type Result } from '../core';
import type { OrderManager } from '../oms';
import type { Algorithm } from './algorithm';
import { childId } from './parentRunner';
import { analyseParent, type MarketTrade, type TcaChild, type TcaFill, type TcaReport } from './tca';
import { isFinalParent, type ParentView } from './types';

/** What the TCA reads besides the OMS: the market's prints and the instrument's value scale. */
export interface TcaSources {
  now: number;
  /** Prints of venue:symbol within [from, to] (ms), any order, in the venue's ticks and lots. */
  marketTrades(venue: string, symbol: string, from: number, to: number): readonly MarketTrade[];
  /** QuoteUnits per tick per lot of the parent's instrument. */
  quotePerTickLot(venue: string, symbol: string): number | undefined;
}

/**
 * A parent's TCA. Every price and quantity is in the parent's units: its venue's ticks and lots, which
 * for smart routing are the grid's (the grid is anchored on the parent's venue), so children at other
 * venues are converted with the grid's factors. Arrival = the mid journaled at start (or, when no live
 * book was there then, the first print of the period); the period ends when the parent became final,
 * else now (and the mid now prices what is not done yet).
 */
export function parentTca(view: ParentView, algo: Algorithm, oms: OrderManager, src: TcaSources, midNow: number | undefined): Result<TcaReport> {
  const from = view.startAt;
  const final = isFinalParent(view.state);
  const to = final ? view.updatedAt : src.now;
  const venues = view.params.type === 'smart' ? view.params.venues : [view.venue];
  const unitsOf = (venue: string) => (venue === view.venue ? { priceFactor: 1, qtyFactor: 1, quoteFactor: 1 } : algo.units?.(venue));
  const marketTrades: MarketTrade[] = [];
  for (const v of venues) {
    const u = unitsOf(v);
    if (!u) continue;
    for (const t of src.marketTrades(v, view.symbol, from, to)) marketTrades.push({ ts: t.ts, price: t.price * u.priceFactor, qty: t.qty * u.qtyFactor });
  }
  marketTrades.sort((a, b) => a.ts - b.ts);
  const ids = new Set<string>();
  for (let n = 1; n <= view.children; n++) ids.add(childId(view.id, n));
  const fillsBy = new Map<string, TcaFill[]>();
  for (const f of oms.fills()) {
    if (!ids.has(f.clientOrderId)) continue;
    const u = unitsOf(f.venue);
    if (!u) continue;
    let list = fillsBy.get(f.clientOrderId);
    if (!list) fillsBy.set(f.clientOrderId, (list = []));
    list.push({ ts: f.ts, price: f.price * u.priceFactor, qty: f.qty * u.qtyFactor, fee: f.fee * (u.quoteFactor ?? 1), liquidity: f.liquidity });
  }
  const children: TcaChild[] = [];
  for (const id of ids) {
    const o = oms.get(id);
    if (!o) continue;
    const u = unitsOf(o.venue);
    if (!u) return err('INVALID_INPUT', `TCA of ${view.id}: child ${id} at ${o.venue} cannot be put in the parent's units`);
    const child: TcaChild = { childId: id, venue: o.venue, sentAt: o.createdAt, qty: o.qty * u.qtyFactor, fills: fillsBy.get(id) ?? [] };
    if (o.price !== undefined) child.limitPrice = o.price * u.priceFactor;
    children.push(child);
  }
  const arrival = view.arrivalMid ?? marketTrades[0]?.price;
  if (arrival === undefined) return err('INVALID_INPUT', `TCA of ${view.id}: no arrival price (no live book at its start and no print since)`);
  const qptl = src.quotePerTickLot(view.venue, view.symbol);
  if (qptl === undefined) return err('INVALID_INPUT', `TCA of ${view.id}: ${view.venue}:${view.symbol} is not listed`);
  return analyseParent({
    parentId: view.id,
    symbol: view.symbol,
    side: view.side,
    parentQty: view.qty,
    startedAt: from,
    endedAt: Math.max(from, to),
    arrivalPrice: arrival,
    ...(!final && midNow !== undefined ? { endPrice: midNow } : {}),
    marketTrades,
    children,
    quotePerTickLot: qptl,
  });
}
