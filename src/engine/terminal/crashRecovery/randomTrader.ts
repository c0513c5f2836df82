import { type Clock, type Rng, type Side, SqError, type TimeInForce } from '../../core';
import { formatPrice, formatQty, type Instrument, notional } from '../../instruments';
import { isWorking, type Order } from '../../oms';
import type { AmendTicket, OrderTicket, Terminal } from '../terminal';

/** Above this many working orders the trader cancels instead of adding more. */
const MAX_WORKING = 20;
/** A typical order is worth a few times the venue's minimum, so every type of order is accepted. */
const MIN_NOTIONAL_MULTIPLE = 2;

/**
 * Trades at random through the Terminal's public API, the way a busy trader would: passive limits
 * near the touch that rest and get hit by the synthetic market, aggressive limits and market orders
 * that take, stops, GTD and DAY orders, amends (size down and up, price), cancels and brackets. Every
 * path of the order lifecycle is in flight when the process is killed. Refusals (risk, an amend of
 * an order that just ended) are part of trading and are counted, not fatal.
 */
export class RandomTrader {
  /** Our working orders, latest state, from submit() returns and 'order' events. */
  private readonly working = new Map<string, Order>();
  refused = 0;

  constructor(
    private readonly terminal: Terminal,
    private readonly clock: Clock,
    private readonly rng: Rng,
    alreadyWorking: Order[],
  ) {
    for (const order of alreadyWorking) this.working.set(order.clientOrderId, order);
  }

  onOrder(order: Order): void {
    if (isWorking(order)) this.working.set(order.clientOrderId, order);
    else this.working.delete(order.clientOrderId);
  }

  /** Real milliseconds until the next action. */
  pauseMs(): number {
    return this.rng.int(2, 12);
  }

  act(): void {
    try {
      this.choose();
    } catch (error) {
      if (!(error instanceof SqError)) throw error;
      this.refused++;
    }
  }

  private choose(): void {
    const roll = this.rng.next();
    if (this.working.size >= MAX_WORKING || roll < 0.18) {
      if (this.cancelOne()) return;
    } else if (roll < 0.38) {
      if (this.amendOne()) return;
    } else if (roll < 0.55) {
      return this.taking();
    } else if (roll < 0.62) {
      return this.stop();
    } else if (roll < 0.68) {
      return this.timed();
    } else if (roll < 0.73) {
      return this.bracket();
    }
    this.passive();
  }

  /** A limit at or just behind the touch: it rests until the synthetic market trades into it. */
  private passive(): void {
    const { inst, side, bid, ask } = this.market();
    const price = side === 'buy' ? bid - this.rng.int(0, 1) : ask + this.rng.int(0, 1);
    this.submit({ ...this.base(inst, side, price), type: 'limit', price: formatPrice(inst, price), postOnly: this.rng.next() < 0.2 });
  }

  /** A market order, or a limit through the touch (GTC rests its remainder, IOC/FOK do not). */
  private taking(): void {
    const { inst, side, bid, ask } = this.market();
    const through = side === 'buy' ? ask + this.rng.int(0, 3) : bid - this.rng.int(0, 3);
    if (this.rng.next() < 0.5) {
      this.submit({ ...this.base(inst, side, through), type: 'market' });
      return;
    }
    const tif = this.pick<TimeInForce>(['GTC', 'IOC', 'FOK']);
    this.submit({ ...this.base(inst, side, through), type: 'limit', tif, price: formatPrice(inst, through) });
  }

  /** A stop a few ticks beyond the touch: triggers when the market moves there, often while we are down. */
  private stop(): void {
    const { inst, side, bid, ask } = this.market();
    const away = this.rng.int(1, 4);
    const stopPrice = side === 'buy' ? ask + away : bid - away;
    const ticket: OrderTicket = { ...this.base(inst, side, stopPrice), type: 'stop_market', stopPrice: formatPrice(inst, stopPrice) };
    if (this.rng.next() < 0.5) {
      ticket.type = 'stop_limit';
      ticket.price = formatPrice(inst, side === 'buy' ? stopPrice + 2 : stopPrice - 2);
    }
    this.submit(ticket);
  }

  /** GTD (expiring within a second or so, often across a crash) or DAY, resting at the touch. */
  private timed(): void {
    const { inst, side, bid, ask } = this.market();
    const price = side === 'buy' ? bid : ask;
    const ticket: OrderTicket = { ...this.base(inst, side, price), type: 'limit', price: formatPrice(inst, price), tif: 'DAY' };
    if (this.rng.next() < 0.7) {
      ticket.tif = 'GTD';
      ticket.expireAt = this.clock.now() + this.rng.int(100, 1_500);
    }
    this.submit(ticket);
  }

  /** Entry at the touch (or at market) with take-profit and stop-loss a few ticks either side. */
  private bracket(): void {
    const { inst, side, bid, ask } = this.market();
    const up = side === 'buy' ? 1 : -1;
    const entry = side === 'buy' ? bid : ask;
    const byMarket = this.rng.next() < 0.3;
    const qty = formatQty(inst, this.lots(inst, entry));
    const takeProfit = entry + up * this.rng.int(2, 12);
    const stopLoss = entry - up * this.rng.int(2, 12);
    const ticket: Parameters<Terminal['submitBracket']>[0] = {
      venue: inst.venue,
      symbol: inst.symbol,
      side,
      qty,
      entryType: byMarket ? 'market' : 'limit',
      takeProfitPrice: formatPrice(inst, takeProfit),
      stopLossPrice: formatPrice(inst, stopLoss),
    };
    if (!byMarket) ticket.entryPrice = formatPrice(inst, entry);
    if (this.rng.next() < 0.3) ticket.stopLossLimitPrice = formatPrice(inst, stopLoss - up * 2);
    const placed = this.terminal.submitBracket(ticket, 'algo');
    for (const order of [placed.entry, placed.takeProfit, placed.stopLoss]) this.onOrder(order);
  }

  /** Size down (keeps queue priority), size up or a new price (both lose it), on a resting order. */
  private amendOne(): boolean {
    const order = this.randomWorking((o) => o.status === 'accepted' || o.status === 'partially_filled');
    if (!order) return false;
    const inst = this.instrument(order);
    const change: AmendTicket = {};
    const kind = this.rng.int(0, 2);
    const open = order.qty - order.filledQty;
    if (kind === 0 && open >= 2) {
      change.qty = formatQty(inst, this.rng.int(order.filledQty + 1, order.qty - 1));
    } else if (kind === 1 || order.price === undefined) {
      if (order.price === undefined && order.stopPrice !== undefined && order.triggeredAt === undefined && this.rng.next() < 0.5) {
        change.stopPrice = formatPrice(inst, Math.max(1, order.stopPrice + this.moveTicks()));
      } else {
        change.qty = formatQty(inst, order.qty + this.lots(inst, order.price ?? order.stopPrice ?? 1) * this.rng.int(1, 2));
      }
    } else {
      change.price = formatPrice(inst, Math.max(1, order.price + this.moveTicks()));
    }
    this.onOrder(this.terminal.amend(order.clientOrderId, change, 'grid'));
    return true;
  }

  private cancelOne(): boolean {
    const order = this.randomWorking((o) => o.status !== 'pending_cancel');
    if (!order) return false;
    this.terminal.cancel(order.clientOrderId, 'ticket');
    return true;
  }

  private submit(ticket: OrderTicket): void {
    this.onOrder(this.terminal.submit(ticket, this.pick(['ticket', 'hotkey', 'ladder'] as const)));
  }

  private base(inst: Instrument, side: Side, price: number): Pick<OrderTicket, 'venue' | 'symbol' | 'side' | 'qty'> {
    return { venue: inst.venue, symbol: inst.symbol, side, qty: formatQty(inst, this.lots(inst, price)) };
  }

  /** A random instrument and side, with its touch now (books are live before trading starts). */
  private market(): { inst: Instrument; side: Side; bid: number; ask: number } {
    const inst = this.pick(this.terminal.instruments());
    const book = this.terminal.marketSnapshot(inst.venue, inst.symbol, 60, 1).book;
    const bid = book?.bids[0]?.[0];
    const ask = book?.asks[0]?.[0];
    if (bid === undefined || ask === undefined) throw new SqError('VENUE_UNAVAILABLE', `no two-sided book for ${inst.symbol}`);
    return { inst, side: this.rng.next() < 0.5 ? 'buy' : 'sell', bid, ask };
  }

  /** 1 to 12 units of twice the minimum notional: small orders fill whole, larger ones in parts. */
  private lots(inst: Instrument, price: number): number {
    const unit = Math.max(1, Math.ceil((MIN_NOTIONAL_MULTIPLE * inst.minNotional) / notional(inst, Math.max(1, price), 1)));
    return unit * this.rng.int(1, 12);
  }

  private moveTicks(): number {
    const ticks = this.rng.int(1, 3);
    return this.rng.next() < 0.5 ? ticks : -ticks;
  }

  private instrument(order: Order): Instrument {
    const inst = this.terminal.instruments().find((i) => i.venue === order.venue && i.symbol === order.symbol);
    if (!inst) throw new Error(`order ${order.clientOrderId} is on an unknown instrument ${order.venue}:${order.symbol}`);
    return inst;
  }

  private randomWorking(eligible: (o: Order) => boolean): Order | undefined {
    const candidates = [...this.working.values()].filter(eligible);
    return candidates.length === 0 ? undefined : this.pick(candidates);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.rng.int(0, items.length - 1)]!;
  }
}
