/**
 * Executes a taker against a symbol's book: each execution settles the maker's and the taker's
 * ledgers, records the trade for both accounts, prints it on the tape (trade and aggTrade) and reports
 * TRADE to each order's owner. A taker is one of our accounts' orders or an anonymous one (a test
 * playing the rest of the market, which can fill our resting orders).
 */
import { mul } from './amounts';
import type { SymbolSpec } from './config';
import type { Ledger } from './ledger';
import type { MatchStep, OrderBook } from './orderBook';
import { viewOf, type Side, type TradeRecord, type VenueOrder } from './orders';
import type { VenueObserver } from './venueEvents';

export interface SymbolState {
  readonly spec: SymbolSpec;
  readonly book: OrderBook;
  nextTradeId: number;
  nextAggId: number;
  /** The most recent prints, newest last (GET /api/v3/trades). */
  readonly tape: { id: number; price: bigint; qty: bigint; time: number; buyerIsMaker: boolean }[];
  lastPrice?: bigint;
}

const TAPE_LENGTH = 1000;

export class Execution<L extends Ledger> {
  constructor(
    private readonly ledgerOf: (account: string) => L,
    private readonly observer: VenueObserver,
    private readonly now: () => number,
    /** Every execution of an account, oldest first (myTrades / userTrades). */
    private readonly recordTrade: (t: TradeRecord) => void,
  ) {}

  /**
   * Runs a taker on `side` for `qty`, no worse than `limit` if given. `taker` is our order (its fills
   * are settled and reported) or undefined for an anonymous taker. Returns the taker's executions.
   */
  run(s: SymbolState, side: Side, qty: bigint, limit: bigint | undefined, taker: VenueOrder | undefined): TradeRecord[] {
    const steps = s.book.walk(side, qty, limit, true);
    const takerFills: TradeRecord[] = [];
    const buyerIsMaker = side === 'SELL';
    let agg: { price: bigint; qty: bigint; firstId: number; lastId: number } | undefined;
    const time = this.now();
    const flushAgg = () => {
      if (!agg) return;
      this.observer.aggTrade({ aggId: s.nextAggId++, symbol: s.spec.symbol, ...agg, time, buyerIsMaker });
      agg = undefined;
    };
    for (const step of steps) {
      const id = s.nextTradeId++;
      if (step.maker.kind === 'order') this.fill(s, step.maker.order as VenueOrder, step, id, true);
      if (taker) {
        taker.leaves -= step.qty;
        takerFills.push(this.fill(s, taker, step, id, false));
      }
      s.tape.push({ id, price: step.price, qty: step.qty, time, buyerIsMaker });
      if (s.tape.length > TAPE_LENGTH) s.tape.shift();
      s.lastPrice = step.price;
      this.observer.trade({ id, symbol: s.spec.symbol, price: step.price, qty: step.qty, time, buyerIsMaker });
      if (agg && agg.price === step.price) {
        agg.qty += step.qty;
        agg.lastId = id;
      } else {
        flushAgg();
        agg = { price: step.price, qty: step.qty, firstId: id, lastId: id };
      }
    }
    flushAgg();
    return takerFills;
  }

  /** Applies one execution to one of our orders (the book has already taken it off a maker's leaves). */
  private fill(s: SymbolState, o: VenueOrder, step: MatchStep, tradeId: number, isMaker: boolean): TradeRecord {
    const ledger = this.ledgerOf(o.account);
    const settlement = ledger.settle(o, s.spec, step.price, step.qty, isMaker);
    const time = this.now();
    const trade: TradeRecord = {
      id: tradeId,
      orderId: o.orderId,
      symbol: o.symbol,
      account: o.account,
      side: o.side,
      price: step.price,
      qty: step.qty,
      quoteQty: mul(step.price, step.qty),
      ...settlement,
      time,
      isMaker,
    };
    o.executedQty += step.qty;
    o.cumQuote += trade.quoteQty;
    o.status = o.leaves === 0n ? 'FILLED' : 'PARTIALLY_FILLED';
    o.updateTime = time;
    o.fills.push(trade);
    this.recordTrade(trade);
    if (o.status === 'FILLED') ledger.release(o, s.spec);
    this.observer.order({ order: viewOf(o), execType: 'TRADE', trade, time });
    return trade;
  }
}
