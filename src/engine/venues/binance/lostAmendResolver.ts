/**
 * Finds out what became of an amend whose answer never came (socket error, timeout, 5xx): it may have
 * taken effect or not, so the order is asked for (GET /api/v3/order by its clientOrderId), spaced on
 * the clock, a bounded number of times. The amend is never sent again from here, and nothing is
 * assumed meanwhile: the order stays pending_update.
 *
 * An amend only ever lowers the quantity, so the order's quantity tells: at the amended quantity, the
 * amend took effect. At another quantity while the order still works, the amend may still be on its
 * way; once recvWindow (plus a margin for our estimate of the venue's clock) has passed since it was
 * signed, Binance would refuse it, so it never will take effect. An order that has ended (filled,
 * canceled, expired) at another quantity was never amended: its end is reported as the venue says it.
 */
import type { Clock, Logger } from '../../core';
import type { Instrument } from '../../instruments';
import type { LostAckPolicy } from './lostAckResolver';
import { orderAmounts } from './orderAmounts';
import type { SignedRestClient } from './signedRest';
import type { WireOrder } from './spotOrderWire';

/** Room for error in our estimate of the venue's clock. */
const CLOCK_MARGIN_MS = 1000;
const ORDER_DOES_NOT_EXIST = -2013;
const WORKING = new Set(['NEW', 'PARTIALLY_FILLED', 'PENDING_NEW']);

export interface LostAmendDeps {
  rest: SignedRestClient;
  clock: Clock;
  logger: Logger;
  policy: LostAckPolicy;
  /** The amend took effect: the order, as queried, is at the amended quantity. */
  amended(inst: Instrument, order: WireOrder): void;
  /** The order has ended at the venue: report what the venue says (its fills, its end). */
  ended(inst: Instrument, order: WireOrder): Promise<void>;
  /** The amend did not take effect. */
  refused(inst: Instrument, clientOrderId: string, reason: string): void;
}

export class LostAmendResolver {
  constructor(private readonly deps: LostAmendDeps) {}

  /** `newQty`: the quantity (lots) the amend asked for; `madeBy`: a time (our clock) by which it had certainly been signed. */
  async resolve(inst: Instrument, clientOrderId: string, newQty: number, madeBy: number): Promise<void> {
    const { rest, clock, logger, policy } = this.deps;
    const settledAfter = madeBy + rest.recvWindowMs + CLOCK_MARGIN_MS;
    let wait = 0;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
      wait = policy.intervalMs;
      const r = await rest.signed<WireOrder>('GET', '/api/v3/order', { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
      if (r.ok) {
        const amounts = orderAmounts(inst, r.body);
        if (!amounts.ok) {
          logger.error({ clientOrderId, reason: amounts.reason }, 'order with a lost amend answer could not be read: left pending for reconciliation');
          return;
        }
        const working = WORKING.has(r.body.status);
        if (amounts.value.qty === newQty) {
          logger.info({ clientOrderId, status: r.body.status, attempt }, 'order with a lost amend answer found amended at Binance');
          this.deps.amended(inst, r.body);
          if (!working) await this.deps.ended(inst, r.body);
          return;
        }
        if (!working) {
          logger.info({ clientOrderId, status: r.body.status, attempt }, 'order with a lost amend answer found ended, not amended, at Binance');
          await this.deps.ended(inst, r.body);
          return this.deps.refused(inst, clientOrderId, `the amend's answer was lost and Binance has the order ${r.body.status} at its former quantity: the amend did not take effect`);
        }
        if (clock.now() >= settledAfter) {
          return this.deps.refused(inst, clientOrderId, `the amend's answer was lost and ${clock.now() - madeBy} ms later (beyond recvWindow ${rest.recvWindowMs} ms) Binance still has the order at its former quantity: the amend did not take effect`);
        }
        wait = Math.max(policy.intervalMs, settledAfter - clock.now());
        continue;
      }
      const e = r.error;
      if (e.kind === 'venue' && e.code === ORDER_DOES_NOT_EXIST) {
        return this.deps.refused(inst, clientOrderId, `the amend's answer was lost and Binance says "${e.msg}"`);
      }
      if (e.kind === 'banned') break;
      if (e.kind === 'rateLimited') wait = Math.max(wait, e.waitMs);
      logger.warn({ clientOrderId, attempt, reason: e.reason }, 'query of an order with a lost amend answer failed; asking again');
    }
    logger.error({ clientOrderId, attempts: policy.attempts }, 'order state after a lost amend answer still unknown: left pending_update for reconciliation, never resent');
  }
}
