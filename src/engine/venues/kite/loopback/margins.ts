/**
 * The account's margins at the loopback venue: what an order needs before it is accepted (Kite's
 * MarginException / HoldingException), what live orders block, and what is left per segment
 * (equity; commodity for MCX). Closing quantity needs no margin; a CNC sale sells holdings.
 */
import type { LoopbackInstrument } from './instrumentsCsv';
import { errors, type KiteError } from './kiteErrors';
import type { KiteOrder, OrderTerms } from './orderRecord';
import { marginFor, marginTotal, netQuantity, type Portfolio } from './portfolio';
import { moneyText } from './units';

export class MarginBook {
  constructor(
    private readonly portfolio: Portfolio,
    private readonly orders: ReadonlyMap<string, KiteOrder>,
    private readonly lastPrice: (token: number) => number | undefined,
    /** Opening cash per segment (units). */
    readonly funds: { readonly equity: number; readonly commodity: number },
  ) {}

  /** The part of an order that would open or add to a position (what needs margin); the rest closes one. */
  private openingQuantity(instrument: LoopbackInstrument, terms: Pick<OrderTerms, 'product' | 'side'>, quantity: number): number {
    const position = this.portfolio.existing(instrument, terms.product);
    const net = position ? netQuantity(position) : 0;
    const closable = terms.side === 'BUY' ? Math.max(0, -net) : Math.max(0, net);
    return quantity - Math.min(quantity, closable);
  }

  /** The margin an order's pending quantity blocks (units). A CNC sale sells holdings and blocks none. */
  private blockedBy(instrument: LoopbackInstrument, terms: OrderTerms, pending: number): number {
    if (terms.product === 'CNC' && terms.side === 'SELL') return 0;
    const opening = this.openingQuantity(instrument, terms, pending);
    if (opening === 0) return 0;
    const price = terms.price || terms.triggerPrice || this.lastPrice(instrument.token) || 0;
    return marginTotal(marginFor(instrument, terms.product, terms.side, opening, price));
  }

  /**
   * MarginException / HoldingException before an order is accepted or modified (`current`): a
   * modified order's own blocked margin counts as available.
   */
  check(instrument: LoopbackInstrument, terms: OrderTerms, current?: KiteOrder): KiteError | undefined {
    const filled = current?.filledQuantity ?? 0;
    if (terms.product === 'CNC' && terms.side === 'SELL') {
      // Holdings already promised to other open CNC sales are not for sale again.
      let promised = 0;
      for (const o of this.orders.values()) {
        if (o !== current && !o.isFinal && o.instrument.token === instrument.token && o.terms.product === 'CNC' && o.terms.side === 'SELL') promised += o.pendingQuantity;
      }
      return this.portfolio.sellableCnc(instrument) - promised < terms.quantity - filled ? errors.insufficientHoldings() : undefined;
    }
    const required = this.blockedBy(instrument, terms, terms.quantity - filled);
    if (required === 0) return undefined;
    const available = this.net(instrument.exchange === 'MCX') + (current ? this.blockedBy(current.instrument, current.terms, current.pendingQuantity) : 0);
    return required > available ? errors.insufficientFunds(moneyText(required), moneyText(available)) : undefined;
  }

  /** Margin blocked by live orders of a segment for the quantity they would open. */
  blockedByOrders(commodity: boolean): number {
    let sum = 0;
    for (const o of this.orders.values()) {
      if (o.isFinal || (o.instrument.exchange === 'MCX') !== commodity) continue;
      sum += this.blockedBy(o.instrument, o.terms, o.pendingQuantity);
    }
    return sum;
  }

  /** What is left to trade with in a segment (units): cash plus realised P&L minus margins in use. */
  net(commodity: boolean): number {
    const positions = marginTotal(this.portfolio.positionMargins(commodity));
    return (commodity ? this.funds.commodity : this.funds.equity) + this.portfolio.realisedTotal(commodity) - positions - this.blockedByOrders(commodity);
  }
}
