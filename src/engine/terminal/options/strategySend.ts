import { SqError, WORKING_STATUSES, type Clock, type Order, type Source, type Symbol, type VenueId } from '../../core';
import { formatQty, parsePrice, type Instrument } from '../../instruments';
import type { OrderTicket } from '../orderTickets';
import type { StrategyLegOutcome, StrategySendRequest, StrategySendResult } from './strategyView';
import { isOption } from './underlyings';

/**
 * How long (engine time) to wait for one leg's immediate-or-cancel order to end before stopping the
 * strategy: an IOC ends at once on every venue we trade, so this only ever trips on a venue that has not
 * answered; the leg is then reported as still working and nothing more is sent.
 */
export const LEG_WAIT_MS = 15_000;

export interface StrategySenderDeps {
  clock: Clock;
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
  /** The ordinary order path: OMS and risk. Throws when refused (invalid, risk, kill switch). */
  submit(ticket: OrderTicket, source: Source): Order;
  order(clientOrderId: string): Order | undefined;
  onOrder(listener: (order: Order) => void): () => void;
}

/**
 * Sends a strategy leg by leg: no venue we trade takes multi-leg orders (SIM, Binance options and Kite all
 * take one instrument per order). Each leg is a limit IOC at the price the trader confirmed, through the
 * OMS and risk like any ticket. Buys go first, so a short leg is never left naked by a long that did not
 * fill; each leg must fill in full before the next is sent. The first leg that does not (refused, rejected,
 * partly filled, unfilled, unanswered) stops the rest, and the result says which legs went. Nothing is
 * ever resent.
 */
export class StrategySender {
  private busy = false;

  constructor(private readonly deps: StrategySenderDeps) {}

  async send(req: StrategySendRequest, source: Source): Promise<StrategySendResult> {
    if (req.legs.length === 0) throw new SqError('INVALID_INPUT', 'a strategy needs at least one leg');
    // Every leg is checked before the first is sent: bad input sends nothing.
    const tickets = req.legs.map((leg, i) => {
      const inst = this.deps.instrument(req.venue, leg.symbol);
      if (!inst || !isOption(inst)) throw new SqError('UNKNOWN_INSTRUMENT', `leg ${i + 1}: ${leg.symbol} is not an option on ${req.venue}`);
      if (!Number.isInteger(leg.lots) || leg.lots <= 0) throw new SqError('INVALID_INPUT', `leg ${i + 1}: lots must be a positive whole number`);
      const price = parsePrice(inst, leg.price);
      if (!price.ok) throw new SqError('INVALID_INPUT', `leg ${i + 1} (${leg.symbol}) price ${leg.price}: ${price.reason}`);
      const ticket: OrderTicket = { venue: req.venue, symbol: leg.symbol, side: leg.side, type: 'limit', tif: 'IOC', price: leg.price, qty: formatQty(inst, leg.lots) };
      return { leg, ticket };
    });
    if (this.busy) throw new SqError('INVALID_INPUT', 'a strategy is already being sent; wait for its outcome');
    this.busy = true;
    try {
      const ordered = [...tickets.filter((t) => t.leg.side === 'buy'), ...tickets.filter((t) => t.leg.side === 'sell')];
      const outcomes: StrategyLegOutcome[] = ordered.map(({ leg }) => ({ symbol: leg.symbol, side: leg.side, lots: leg.lots, price: leg.price, status: 'not_sent', filledLots: 0 }));
      for (let i = 0; i < ordered.length; i++) {
        const out = outcomes[i]!;
        let order: Order;
        try {
          order = this.deps.submit(ordered[i]!.ticket, source);
        } catch (err) {
          out.status = 'refused';
          out.reason = err instanceof Error ? err.message : String(err);
          return finish(outcomes);
        }
        out.clientOrderId = order.clientOrderId;
        const final = await this.settled(order);
        out.status = final.status;
        out.filledLots = final.filledQty;
        if (final.rejectReason) out.reason = final.rejectReason;
        if (isWorking(final)) out.reason = `no answer from ${req.venue} within ${LEG_WAIT_MS / 1000} s: the order may still fill; check Orders`;
        if (final.status !== 'filled') return finish(outcomes);
      }
      return finish(outcomes);
    } finally {
      this.busy = false;
    }
  }

  /** The order once it has ended, or as it stands after LEG_WAIT_MS of engine time. */
  private settled(order: Order): Promise<Order> {
    return new Promise((resolve) => {
      let off = (): void => {};
      let timer: number | undefined;
      const check = (o: Order | undefined): boolean => {
        if (!o || o.clientOrderId !== order.clientOrderId || isWorking(o)) return false;
        off();
        if (timer !== undefined) this.deps.clock.clearTimer(timer);
        resolve(o);
        return true;
      };
      off = this.deps.onOrder((o) => void check(o));
      if (check(this.deps.order(order.clientOrderId) ?? order)) return;
      timer = this.deps.clock.setTimeout(() => {
        off();
        resolve(this.deps.order(order.clientOrderId) ?? order);
      }, LEG_WAIT_MS);
    });
  }
}

const isWorking = (o: Order): boolean => WORKING_STATUSES.includes(o.status);

function finish(legs: StrategyLegOutcome[]): StrategySendResult {
  const complete = legs.every((l) => l.status === 'filled');
  if (complete) return { complete, legs, message: `all ${legs.length} legs filled` };
  const stopped = legs.findIndex((l) => l.status !== 'filled');
  const went = legs.slice(0, stopped).map((l) => `${l.side} ${l.symbol}`);
  const s = legs[stopped]!;
  const why = s.reason ? `: ${s.reason}` : '';
  const filledPart = s.filledLots > 0 ? ` (${s.filledLots} of ${s.lots} lots filled)` : '';
  const rest = legs.length - stopped - 1;
  return {
    complete,
    legs,
    message:
      `stopped at leg ${stopped + 1} (${s.side} ${s.symbol}): ${s.status}${filledPart}${why}. ` +
      `${went.length > 0 ? `Filled before it: ${went.join(', ')}.` : 'Nothing filled before it.'} ` +
      `${rest > 0 ? `${rest} leg${rest > 1 ? 's' : ''} not sent.` : ''} Nothing is resent: close or complete the position yourself.`.trim(),
  };
}
