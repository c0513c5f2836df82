/**
 * Finds out what became of an order whose answer never came, by asking the venue for it by its
 * clientOrderId (GET /api/v3/order), spaced on the clock, a bounded number of times. It never sends
 * the order again.
 *
 * "Order does not exist" (-2013) is trusted only once the request can no longer arrive: Binance
 * refuses a request whose timestamp is more than recvWindow old, so once recvWindow (plus a margin
 * for our estimate of the venue's clock) has passed since the request was made, an order the venue
 * does not have will never exist. Before that, the request may still be on its way.
 */
import type { Clock, Logger } from '../../core';
import type { Instrument } from '../../instruments';
import type { SignedRestClient } from './signedRest';
import type { WireOrder } from './spotOrderWire';

export interface LostAckPolicy {
  /** Between two queries. */
  intervalMs: number;
  /** Queries in all, the first at once; after the last the order stays unknown for reconciliation. */
  attempts: number;
}

export const DEFAULT_LOST_ACK_POLICY: LostAckPolicy = { intervalMs: 1000, attempts: 30 };
/** Room for error in our estimate of the venue's clock. */
const CLOCK_MARGIN_MS = 1000;
const ORDER_DOES_NOT_EXIST = -2013;

export interface LostAckDeps {
  rest: SignedRestClient;
  clock: Clock;
  logger: Logger;
  policy?: Partial<LostAckPolicy> | undefined;
  /** The order query endpoint: spot's /api/v3/order unless set (USD-M: /fapi/v1/order). Both answer "does not exist" with -2013. */
  orderPath?: string;
  found(inst: Instrument, order: WireOrder): Promise<void>;
  neverPlaced(inst: Instrument, clientOrderId: string, reason: string): void;
}

export class LostAckResolver {
  private readonly policy: LostAckPolicy;

  constructor(private readonly deps: LostAckDeps) {
    this.policy = { ...DEFAULT_LOST_ACK_POLICY, ...deps.policy };
  }

  /** `madeBy`: a time (our clock) by which the lost request had certainly been signed. */
  async resolve(inst: Instrument, clientOrderId: string, madeBy: number): Promise<void> {
    const { rest, clock, logger } = this.deps;
    let wait = 0;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
      wait = this.policy.intervalMs;
      const r = await rest.signed<WireOrder>('GET', this.deps.orderPath ?? '/api/v3/order', { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
      if (r.ok) {
        logger.info({ clientOrderId, status: r.body.status, attempt }, 'order with a lost answer found at Binance');
        return this.deps.found(inst, r.body);
      }
      const e = r.error;
      if (e.kind === 'venue' && e.code === ORDER_DOES_NOT_EXIST) {
        const settledAfter = madeBy + rest.recvWindowMs + CLOCK_MARGIN_MS;
        if (clock.now() >= settledAfter) {
          return this.deps.neverPlaced(inst, clientOrderId, `the order is not at Binance: its answer was lost, and ${clock.now() - madeBy} ms later (beyond recvWindow ${rest.recvWindowMs} ms) Binance says "${e.msg}"`);
        }
        wait = Math.max(this.policy.intervalMs, settledAfter - clock.now());
        continue;
      }
      if (e.kind === 'banned') break;
      if (e.kind === 'rateLimited') wait = Math.max(wait, e.waitMs);
      logger.warn({ clientOrderId, attempt, reason: e.reason }, 'query of an order with a lost answer failed; asking again');
    }
    logger.error({ clientOrderId, attempts: this.policy.attempts }, 'order state still unknown after querying Binance: left unknown for reconciliation, never resent');
  }
}
