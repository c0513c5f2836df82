import type { Lots, OrderRequest, Side, Symbol, VenueId } from '../core';

/** A market order that closes one position. */
export interface FlattenOrder {
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  type: 'market';
  qty: Lots;
}

/** How long a flatten order may take to reach the check after it was planned. */
export const FLATTEN_PERMIT_MS = 30_000;

interface Permit extends FlattenOrder {
  expiresAt: number;
}

/**
 * While the kill switch is engaged every order is refused, and yet "flatten on engage" must send the
 * closing orders. Each planned closing order gets a one-time permit: exactly that venue, symbol, side
 * and quantity, as a market order, within FLATTEN_PERMIT_MS. Anything else is still refused.
 */
export class FlattenPermits {
  private permits: Permit[] = [];

  grant(orders: readonly FlattenOrder[], now: number): void {
    this.permits = this.permits.filter((p) => p.expiresAt > now);
    for (const o of orders) this.permits.push({ ...o, expiresAt: now + FLATTEN_PERMIT_MS });
  }

  /** Uses up the permit matching `req`, if there is one. */
  consume(req: OrderRequest, now: number): boolean {
    if (this.permits.length === 0 || req.type !== 'market') return false;
    const i = this.permits.findIndex(
      (p) => p.expiresAt > now && p.venue === req.venue && p.symbol === req.symbol && p.side === req.side && p.qty === req.qty,
    );
    if (i < 0) return false;
    this.permits.splice(i, 1);
    return true;
  }
}
