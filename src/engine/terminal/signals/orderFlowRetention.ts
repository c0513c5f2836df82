import type { Clock } from '../../core';

/**
 * How long an order-flow model outlives the trader's interest in its instrument: flipping away and back
 * (a look at ETH, then back to BTC) within it keeps the model's samples and fit; after it the model goes, so
 * the few models the engine can afford (MAX_ORDER_FLOW_MODELS) follow what the trader looks at now.
 */
export const ORDER_FLOW_GRACE_MS = 10 * 60_000;

/**
 * Which order-flow models to drop: a followed symbol nothing wants (no view focuses or watches it, and it is not
 * starred, held or ordered) is marked on the injected clock when first seen unwanted, and dropped once it has
 * stayed unwanted for the grace period. Wanted again before that, the mark goes.
 */
export class OrderFlowRetention {
  /** Engine time since which each followed symbol has been unwanted. */
  private readonly unwantedSince = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly graceMs: number = ORDER_FLOW_GRACE_MS,
  ) {}

  /** The symbols of `followed` to drop now, given what is `wanted` (each symbol dropped is forgotten here too). */
  review(followed: Iterable<string>, wanted: ReadonlySet<string>): string[] {
    const now = this.clock.now();
    const drop: string[] = [];
    const seen = new Set<string>();
    for (const symbol of followed) {
      seen.add(symbol);
      if (wanted.has(symbol)) {
        this.unwantedSince.delete(symbol);
        continue;
      }
      const since = this.unwantedSince.get(symbol);
      if (since === undefined) this.unwantedSince.set(symbol, now);
      else if (now - since >= this.graceMs) {
        this.unwantedSince.delete(symbol);
        drop.push(symbol);
      }
    }
    // A model dropped another way keeps no mark (a later one of that symbol starts its own grace).
    for (const symbol of this.unwantedSince.keys()) if (!seen.has(symbol)) this.unwantedSince.delete(symbol);
    return drop;
  }
}
