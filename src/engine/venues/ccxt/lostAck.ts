/**
 * Finds out what became of an order whose createOrder answer never came (a timeout, a dropped
 * connection, a 5xx): it asks the venue for the order by its clientOrderId, spaced on the clock, a
 * bounded number of times. It never sends the order again: a duplicate is real money.
 *
 * "Not found" is trusted only once the request can no longer arrive (`settleMs` after it was made:
 * venues refuse requests older than their receive window, Binance's 5 to 60 s). Before that the
 * request may still be on its way. After the last attempt the order stays unknown for reconciliation.
 */
import type { Clock, Logger } from '../../core';

export interface LostAckPolicy {
  /** Between two queries. */
  intervalMs: number;
  /** Queries in all, the first at once. */
  attempts: number;
  /** How long after it was made a request can no longer reach the venue. */
  settleMs: number;
}

export const DEFAULT_LOST_ACK_POLICY: LostAckPolicy = { intervalMs: 1000, attempts: 30, settleMs: 60_000 };

export type Lookup<T> = { kind: 'found'; order: T } | { kind: 'absent'; reason: string } | { kind: 'failed'; reason: string };

export interface LostAckDeps<T> {
  clock: Clock;
  logger: Logger;
  policy: LostAckPolicy;
  /** Asks the venue once; never throws. */
  lookup(): Promise<Lookup<T>>;
  found(order: T): Promise<void>;
  neverPlaced(reason: string): void;
  /** False once the adapter is disconnected: the search stops, the order stays unknown. */
  live(): boolean;
}

export async function resolveLostAck<T>(clientOrderId: string, madeBy: number, deps: LostAckDeps<T>): Promise<void> {
  const { clock, logger, policy } = deps;
  let wait = 0;
  for (let attempt = 1; attempt <= policy.attempts && deps.live(); attempt++) {
    if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
    wait = policy.intervalMs;
    const r = await deps.lookup();
    if (r.kind === 'found') {
      logger.info({ clientOrderId, attempt }, 'order with a lost answer found at the venue');
      return deps.found(r.order);
    }
    if (r.kind === 'absent') {
      const settledAfter = madeBy + policy.settleMs;
      if (clock.now() >= settledAfter) {
        return deps.neverPlaced(`the order is not at the venue: its answer was lost, and ${clock.now() - madeBy} ms later the venue says "${r.reason}"`);
      }
      wait = Math.max(policy.intervalMs, Math.min(settledAfter - clock.now(), policy.intervalMs * 5));
      continue;
    }
    logger.warn({ clientOrderId, attempt, reason: r.reason }, 'query of an order with a lost answer failed; asking again');
  }
  logger.error({ clientOrderId, attempts: policy.attempts }, 'order state still unknown after querying the venue: left unknown for reconciliation, never resent');
}
