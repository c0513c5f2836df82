import type { Symbol, Ticks, VenueEvent, VenueId, VenuePosition } from '../core';

type MarkPriceEvent = Extract<VenueEvent, { type: 'markPrice' }>;
type VenuePositionsEvent = Extract<VenueEvent, { type: 'venuePositions' }>;

/**
 * What derivatives venues state about themselves beside our orders: each perpetual's mark price (what
 * the venue values positions and margin at) and the account's positions as the venue holds them. Our
 * positions are still built from fills; these sit beside them so the trader sees P&L at the venue's
 * mark and any difference between the venue's position and ours (one opened outside the terminal, a
 * fill not booked yet).
 */
export class VenueReports {
  private readonly marks = new Map<string, Ticks>();
  private readonly positions = new Map<VenueId, Map<Symbol, VenuePosition>>();

  onMarkPrice(e: MarkPriceEvent): void {
    this.marks.set(`${e.venue}:${e.symbol}`, e.markPrice);
  }

  /** Applies one report; returns the symbols whose venue position changed. */
  onPositions(e: VenuePositionsEvent): Symbol[] {
    let held = this.positions.get(e.venue);
    const before = e.complete ? [...(held?.keys() ?? [])] : [];
    if (!held || e.complete) this.positions.set(e.venue, (held = new Map()));
    for (const p of e.positions) {
      if (p.qty === 0) held.delete(p.symbol);
      else held.set(p.symbol, { ...p });
    }
    return [...new Set([...before, ...e.positions.map((p) => p.symbol)])];
  }

  markPrice(venue: VenueId, symbol: Symbol): Ticks | undefined {
    return this.marks.get(`${venue}:${symbol}`);
  }

  /** The venue's position in lots; undefined where the venue reports no positions (spot, SIM). */
  venueQty(venue: VenueId, symbol: Symbol): number | undefined {
    const held = this.positions.get(venue);
    return held ? (held.get(symbol)?.qty ?? 0) : undefined;
  }

  /** The venue's whole report of one position (Kite: per product, with M2M); undefined where it holds none. */
  position(venue: VenueId, symbol: Symbol): VenuePosition | undefined {
    return this.positions.get(venue)?.get(symbol);
  }

  /** Symbols the venue holds a position in, for rows ours does not have. */
  heldAt(venue: VenueId): Symbol[] {
    return [...(this.positions.get(venue)?.keys() ?? [])];
  }

  venues(): VenueId[] {
    return [...this.positions.keys()];
  }

  forget(venue: VenueId): void {
    this.positions.delete(venue);
    for (const key of this.marks.keys()) if (key.startsWith(`${venue}:`)) this.marks.delete(key);
  }
}
