/**
 * Finds out what became of an order whose cancel got no answer (socket error, timeout, 5xx): the cancel
 * may have worked or not, so the order is asked for (GET /api/v3/order by its clientOrderId), spaced on
 * the clock, a bounded number of times. Nothing is assumed meanwhile: the order stays pending_cancel.
 *
 * An order the venue still has working is trusted to have escaped the cancel only once the cancel can no
 * longer arrive: Binance refuses a request whose timestamp is more than recvWindow old, so once recvWindow
 * (plus a margin for our estimate of the venue's clock) has passed since the cancel was signed, a cancel
 * that has not acted never will. Before that it may still be on its way (a slow answer), so it is asked
 * again. The cancel itself is never sent again from here: the trader (or the kill switch) may.
 */
import type { Clock, Logger } from '../../core';
import type { Instrument } from '../../instruments';
import type { LostAckPolicy } from './lostAckResolver';
import type { SignedRestClient } from './signedRest';
import type { WireOrder } from './spotOrderWire';

/** Room for error in our estimate of the venue's clock. */
const CLOCK_MARGIN_MS = 1000;
const ORDER_DOES_NOT_EXIST = -2013;
const WORKING = new Set(['NEW', 'PARTIALLY_FILLED', 'PENDING_NEW', 'PENDING_CANCEL']);

export interface LostCancelDeps {
  rest: SignedRestClient;
  clock: Clock;
  logger: Logger;
  policy: LostAckPolicy;
  /** The order has ended at the venue (canceled, filled, expired): report what the venue says. */
  ended(inst: Instrument, order: WireOrder): Promise<void>;
  /** The cancel did not take effect: the venue still has the order working, or never had it. */
  refused(inst: Instrument, clientOrderId: string, reason: string): void;
}

export class LostCancelResolver {
  constructor(private readonly deps: LostCancelDeps) {}

  /** `madeBy`: a time (our clock) by which the lost cancel had certainly been signed. */
  async resolve(inst: Instrument, clientOrderId: string, madeBy: number): Promise<void> {
    const { rest, clock, logger, policy } = this.deps;
    const settledAfter = madeBy + rest.recvWindowMs + CLOCK_MARGIN_MS;
    let wait = 0;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
      wait = policy.intervalMs;
      const r = await rest.signed<WireOrder>('GET', '/api/v3/order', { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
      if (r.ok) {
        if (!WORKING.has(r.body.status)) {
          logger.info({ clientOrderId, status: r.body.status, attempt }, 'order with a lost cancel answer found ended at Binance');
          return this.deps.ended(inst, r.body);
        }
        if (clock.now() >= settledAfter) {
          return this.deps.refused(inst, clientOrderId, `the cancel's answer was lost and ${clock.now() - madeBy} ms later (beyond recvWindow ${rest.recvWindowMs} ms) Binance still has the order ${r.body.status}: the cancel did not take effect`);
        }
        wait = Math.max(policy.intervalMs, settledAfter - clock.now());
        continue;
      }
      const e = r.error;
      if (e.kind === 'venue' && e.code === ORDER_DOES_NOT_EXIST) {
        return this.deps.refused(inst, clientOrderId, `the cancel's answer was lost and Binance says "${e.msg}"`);
      }
      if (e.kind === 'banned') break;
      if (e.kind === 'rateLimited') wait = Math.max(wait, e.waitMs);
      logger.warn({ clientOrderId, attempt, reason: e.reason }, 'query of an order with a lost cancel answer failed; asking again');
    }
    logger.error({ clientOrderId, attempts: policy.attempts }, 'order state after a lost cancel answer still unknown: left pending_cancel for reconciliation');
  }
}
