import type { Clock, Symbol, VenueId } from '../../core';
import type { ChainRequest } from './optionChains';

/** A chain not asked for again within this much engine time is taken off screen (its view closed or crashed). */
export const CHAIN_VIEW_TTL_MS = 10_000;

interface Viewing {
  req: ChainRequest;
  key: string;
  lastAsked: number;
  instruments: { venue: VenueId; symbol: Symbol }[];
}

/**
 * Which chain each view shows, so that its options and underlying stream while it is on screen (a venue
 * like Kite streams only what is asked for). A view polls its chain a few times a second; one that stops
 * asking is dropped after CHAIN_VIEW_TTL_MS, so a closed window never keeps a chain streaming.
 */
export class ChainViewers {
  private readonly byViewer = new Map<string, Viewing>();

  constructor(
    private readonly clock: Clock,
    private readonly instrumentsOf: (req: ChainRequest) => { venue: VenueId; symbol: Symbol }[],
  ) {}

  /** The viewer shows this chain now; true when what must stream changed. */
  show(viewer: string, req: ChainRequest): boolean {
    const key = `${req.venue}\u0000${req.underlying}\u0000${req.expiry ?? ''}`;
    const now = this.clock.now();
    const current = this.byViewer.get(viewer);
    if (current?.key === key) {
      current.lastAsked = now;
      return false;
    }
    this.byViewer.set(viewer, { req, key, lastAsked: now, instruments: this.instrumentsOf(req) });
    return true;
  }

  close(viewer: string): boolean {
    return this.byViewer.delete(viewer);
  }

  /** The viewers showing a chain now (read-only: what a closed view must no longer hold). */
  viewers(): IterableIterator<string> {
    return this.byViewer.keys();
  }

  /** Drops chains not asked for within the TTL; true when any was dropped. */
  expire(): boolean {
    const now = this.clock.now();
    let dropped = false;
    for (const [viewer, v] of this.byViewer) {
      if (now - v.lastAsked > CHAIN_VIEW_TTL_MS) {
        this.byViewer.delete(viewer);
        dropped = true;
      }
    }
    return dropped;
  }

  /** The instrument list changed: each chain's instruments are looked up again. */
  refresh(): void {
    for (const v of this.byViewer.values()) v.instruments = this.instrumentsOf(v.req);
  }

  *instruments(): Generator<{ venue: VenueId; symbol: Symbol }> {
    for (const v of this.byViewer.values()) yield* v.instruments;
  }
}
