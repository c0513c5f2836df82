import type { Lots, OrderRequest, Side, Symbol, VenueId } from '../core';

/** A reduce-only market order that closes one position, under the id it will be submitted with. */
export interface FlattenOrder {
  clientOrderId: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  type: 'market';
  reduceOnly: true;
  qty: Lots;
}

/** How long a flatten order may take to reach the check after it was planned. */
export const FLATTEN_PERMIT_MS = 30_000;

interface Permit extends FlattenOrder {
  expiresAt: number;
}

/**
 * While the kill switch is engaged every order is refused, and yet "flatten on engage" must send the
 * closing orders. Each planned closing order gets a single-use permit bound to its clientOrderId and
 * its exact terms (venue, symbol, side, quantity, market, reduce-only), within FLATTEN_PERMIT_MS.
 * Anything else is still refused, and a permit whose order was refused elsewhere is revoked.
 */
export class FlattenPermits {
  private readonly permits = new Map<string, Permit>();

  grant(orders: readonly FlattenOrder[], now: number): void {
    for (const [id, p] of this.permits) if (p.expiresAt <= now) this.permits.delete(id);
    for (const o of orders) this.permits.set(o.clientOrderId, { ...o, expiresAt: now + FLATTEN_PERMIT_MS });
  }

  /** Uses up the permit of `req`'s clientOrderId if `req` is exactly the planned order. */
  consume(req: OrderRequest, now: number): boolean {
    if (this.permits.size === 0 || req.clientOrderId === undefined) return false;
    const p = this.permits.get(req.clientOrderId);
    if (!p) return false;
    this.permits.delete(req.clientOrderId);
    return (
      p.expiresAt > now &&
      req.type === 'market' &&
      req.reduceOnly === true &&
      p.venue === req.venue &&
      p.symbol === req.symbol &&
      p.side === req.side &&
      p.qty === req.qty
    );
  }

  revoke(clientOrderId: string): void {
    this.permits.delete(clientOrderId);
  }
}
