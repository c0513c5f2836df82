/**
 * The loopback venue's matching engine and order records for one market: symbols with their books,
 * accounts with their ledgers, orders by id and by client order id. It answers in Binance's terms
 * (its error codes, its statuses) and tells a VenueObserver everything the streams must say. Nothing
 * here knows HTTP or WebSocket; restRoutes.ts and the streams sit on top.
 */
import { randomBytes } from 'node:crypto';
import { amount, mul, ONE } from './amounts';
import { errors, type VenueError } from './binanceErrors';
import { DEFAULT_MAX_NUM_ORDER_AMENDS, type BinanceMarket, type SymbolSpec } from './config';
import { Execution, type SymbolState } from './execution';
import type { Ledger } from './ledger';
import { checkFilters } from './orderFilters';
import { OrderBook } from './orderBook';
import { viewOf, WORKING, type OrderRequest, type OrderView, type Side, type TradeRecord, type VenueOrder } from './orders';
import type { VenueObserver } from './venueEvents';

/** Which order a cancel or a query means. */
export interface OrderRef {
  orderId?: number;
  origClientOrderId?: string;
}

/** A USD-M order modification's parameters: the order's side (checked), its new price and total quantity. */
export interface FuturesAmend {
  side: Side;
  priceText: string;
  price: bigint;
  quantityText: string;
  quantity: bigint;
}

export interface Placed {
  /** The order as accepted, before it executed (Binance's ACK). */
  accepted: OrderView;
  /** The order after this request's executions (RESULT, FULL). */
  result: OrderView;
  /** This request's executions (FULL's `fills`). */
  fills: TradeRecord[];
}

/** A client order id as Binance generates one when none is sent (22 letters and digits). */
function generatedClientOrderId(): string {
  return randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 22);
}

export class LoopbackExchange<L extends Ledger> {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly orders = new Map<number, VenueOrder>();
  /** The latest order per account, symbol and client order id. */
  private readonly byClientId = new Map<string, VenueOrder>();
  private readonly trades = new Map<string, TradeRecord[]>();
  private readonly marks = new Map<string, bigint>();
  private readonly execution: Execution<L>;
  private nextOrderId = 1;

  constructor(
    readonly market: BinanceMarket,
    specs: readonly SymbolSpec[],
    private readonly ledgers: ReadonlyMap<string, L>,
    private readonly observer: VenueObserver,
    readonly now: () => number,
  ) {
    for (const spec of specs) {
      const seed = spec.config.book;
      const book = new OrderBook(seed?.lastUpdateId ?? 0);
      for (const [p, q] of seed?.bids ?? []) book.setLiquidity('BUY', amount(p), amount(q));
      for (const [p, q] of seed?.asks ?? []) book.setLiquidity('SELL', amount(p), amount(q));
      // The seed is the state the venue starts in (at the seed's update id), not a change to announce.
      book.discardChanges();
      const state: SymbolState = { spec, book, nextTradeId: 1, nextAggId: 1, tape: [] };
      this.symbols.set(spec.symbol, state);
      if (spec.config.markPrice !== undefined) this.marks.set(spec.symbol, amount(spec.config.markPrice));
    }
    this.execution = new Execution((a) => this.ledger(a), observer, now, (t) => this.tradesOf(t.account).push(t));
  }

  ledger(account: string): L {
    const l = this.ledgers.get(account);
    if (!l) throw new Error(`no account "${account}" at the loopback venue`);
    return l;
  }

  spec(symbol: string): SymbolSpec | undefined {
    return this.symbols.get(symbol)?.spec;
  }

  get specs(): SymbolSpec[] {
    return [...this.symbols.values()].map((s) => s.spec);
  }

  private state(symbol: string): SymbolState | VenueError {
    return this.symbols.get(symbol) ?? errors.invalidSymbol();
  }

  private tradesOf(account: string): TradeRecord[] {
    let list = this.trades.get(account);
    if (!list) {
      list = [];
      this.trades.set(account, list);
    }
    return list;
  }

  private clientKey = (account: string, symbol: string, clientOrderId: string) => `${account}\n${symbol}\n${clientOrderId}`;

  /** USD-M's mark price: as set by a test, else the middle of the book, else the last trade. */
  markPrice(symbol: string): bigint {
    const set = this.marks.get(symbol);
    if (set !== undefined) return set;
    const s = this.symbols.get(symbol);
    if (!s) return 0n;
    const bid = s.book.best('BUY');
    const ask = s.book.best('SELL');
    if (bid !== undefined && ask !== undefined) return (bid + ask) / 2n;
    return s.lastPrice ?? bid ?? ask ?? 0n;
  }

  place(account: string, req: OrderRequest): Placed | VenueError {
    const s = this.state(req.symbol);
    if ('code' in s) return s;
    const { spec, book } = s;
    const preview = req.type === 'MARKET' ? book.walk(req.side, req.quantity, undefined, false) : [];
    let refPrice: bigint | undefined;
    if (this.market === 'usdm') refPrice = this.markPrice(spec.symbol);
    else if (preview.length > 0) {
      const qty = preview.reduce((sum, p) => sum + p.qty, 0n);
      refPrice = (preview.reduce((sum, p) => sum + mul(p.price, p.qty), 0n) * ONE) / qty;
    }
    const bad = checkFilters(this.market, req, spec, refPrice);
    if (bad) return bad;
    const existing = req.clientOrderId === undefined ? undefined : this.byClientId.get(this.clientKey(account, spec.symbol, req.clientOrderId));
    if (existing && WORKING.has(existing.status)) return this.market === 'spot' ? errors.spotDuplicateOrder() : errors.futuresDuplicateClientId();
    const postOnly = req.type === 'LIMIT_MAKER' || req.timeInForce === 'GTX';
    if (postOnly && book.wouldCross(req.side, req.price)) return this.market === 'spot' ? errors.spotWouldTakeAsMaker() : errors.futuresGtxWouldTake();

    const time = this.now();
    const order: VenueOrder = {
      orderId: this.nextOrderId++,
      symbol: spec.symbol,
      account,
      clientOrderId: req.clientOrderId ?? generatedClientOrderId(),
      side: req.side,
      type: req.type,
      timeInForce: req.timeInForce,
      price: req.price,
      origQty: req.quantity,
      reduceOnly: req.reduceOnly,
      time,
      leaves: req.quantity,
      executedQty: 0n,
      cumQuote: 0n,
      status: 'NEW',
      updateTime: time,
      workingTime: time,
      amends: 0,
      reserved: 0n,
      fills: [],
    };
    const ledger = this.ledger(account);
    const refused = ledger.admit(order, spec, preview, this.working(account));
    if (refused) return refused;
    this.orders.set(order.orderId, order);
    this.byClientId.set(this.clientKey(account, spec.symbol, order.clientOrderId), order);
    const accepted = viewOf(order);
    this.observer.order({ order: accepted, execType: 'NEW', time });

    const limit = req.type === 'MARKET' ? undefined : req.price;
    const fillable = req.timeInForce !== 'FOK' || book.available(req.side, limit) >= req.quantity;
    const fills = fillable ? this.execution.run(s, req.side, req.quantity, limit, order) : [];
    if (order.leaves > 0n) {
      if (req.type !== 'MARKET' && req.timeInForce !== 'IOC' && req.timeInForce !== 'FOK') book.rest(order);
      else this.end(order, spec, 'EXPIRED');
    }
    this.publish(s);
    return { accepted, result: viewOf(order), fills };
  }

  /** Ends a working order that will not rest (IOC, FOK, MARKET remainder) or was canceled. */
  private end(order: VenueOrder, spec: SymbolSpec, status: 'CANCELED' | 'EXPIRED', cancelClientOrderId?: string): void {
    order.status = status;
    order.updateTime = this.now();
    if (cancelClientOrderId !== undefined) order.cancelClientOrderId = cancelClientOrderId;
    this.ledger(order.account).release(order, spec);
    this.observer.order({ order: viewOf(order), execType: status, time: order.updateTime });
  }

  /** Book changes become one depth event; changed accounts get their account event. */
  private publish(s: SymbolState): void {
    const change = s.book.drainChanges();
    if (change) this.observer.depth(s.spec.symbol, change);
    for (const [account, ledger] of this.ledgers) if (ledger.hasChanges()) this.observer.accountChanged(account);
  }

  private find(account: string, symbol: string, ref: OrderRef): VenueOrder | undefined {
    const o =
      ref.orderId !== undefined
        ? this.orders.get(ref.orderId)
        : ref.origClientOrderId !== undefined
          ? this.byClientId.get(this.clientKey(account, symbol, ref.origClientOrderId))
          : undefined;
    return o && o.account === account && o.symbol === symbol ? o : undefined;
  }

  cancel(account: string, symbol: string, ref: OrderRef, cancelClientOrderId?: string): OrderView | VenueError {
    const s = this.state(symbol);
    if ('code' in s) return s;
    const o = this.find(account, symbol, ref);
    if (!o || !WORKING.has(o.status)) return errors.unknownOrderOnCancel();
    s.book.remove(o);
    this.end(o, s.spec, 'CANCELED', cancelClientOrderId ?? generatedClientOrderId());
    this.publish(s);
    return viewOf(o);
  }

  /** Cancels every working order of the account on the symbol; the canceled orders, oldest first. */
  cancelAll(account: string, symbol: string): OrderView[] | VenueError {
    const s = this.state(symbol);
    if ('code' in s) return s;
    const canceled: OrderView[] = [];
    for (const o of this.working(account, symbol)) {
      s.book.remove(o);
      this.end(o, s.spec, 'CANCELED', generatedClientOrderId());
      canceled.push(viewOf(o));
    }
    this.publish(s);
    return canceled;
  }

  /**
   * USD-M's order modification (PUT /fapi/v1/order), as Binance documents it: only a working LIMIT
   * order; its new price and total quantity pass the filters and the margin check as a new order
   * would (a failure leaves it as it was); it then goes to the back of the queue at its price, and a
   * price across the book trades at once. It is canceled instead when the new quantity is not above
   * what already filled, or when a GTX order's new price would take.
   */
  amend(account: string, symbol: string, ref: OrderRef, change: FuturesAmend): OrderView | VenueError {
    if (this.market !== 'usdm') throw new Error('order modification is modelled for USD-M only');
    const s = this.state(symbol);
    if ('code' in s) return s;
    const o = this.find(account, symbol, ref);
    if (!o || !WORKING.has(o.status)) return errors.orderDoesNotExist();
    if (o.side !== change.side) return errors.invalidSide();
    if (o.type !== 'LIMIT') return errors.invalidOrderType();
    const req: OrderRequest = { symbol, side: o.side, type: 'LIMIT', timeInForce: o.timeInForce, priceText: change.priceText, price: change.price, quantityText: change.quantityText, quantity: change.quantity, reduceOnly: o.reduceOnly };
    const bad = checkFilters(this.market, req, s.spec, this.markPrice(symbol));
    if (bad) return bad;
    if (change.price === o.price && change.quantity === o.origQty) return errors.futuresNoNeedToModify();
    if (change.quantity <= o.executedQty || (o.timeInForce === 'GTX' && s.book.wouldCross(o.side, change.price))) {
      s.book.remove(o);
      this.end(o, s.spec, 'CANCELED', generatedClientOrderId());
      this.publish(s);
      return viewOf(o);
    }
    const leaves = change.quantity - o.executedQty;
    const refused = this.ledger(account).admit({ ...o, price: change.price, origQty: leaves, leaves, fills: [] }, s.spec, [], this.working(account).filter((w) => w !== o));
    if (refused) return refused;
    s.book.remove(o);
    // price and origQty are fixed for every other path; the modification is the one place they change.
    const terms = o as { price: bigint; origQty: bigint };
    terms.price = change.price;
    terms.origQty = change.quantity;
    o.leaves = leaves;
    o.updateTime = this.now();
    this.observer.order({ order: viewOf(o), execType: 'AMENDMENT', time: o.updateTime });
    this.execution.run(s, o.side, o.leaves, o.price, o);
    if (o.leaves > 0n) s.book.rest(o);
    this.publish(s);
    return viewOf(o);
  }

  /**
   * Spot's Order Amend Keep Priority (PUT /api/v3/order/amend/keepPriority), as Binance documents it:
   * only a working order's quantity, and only down (newQty above 0 and below the order's quantity); it
   * keeps its orderId and its place in the queue, and its client order id becomes `newClientOrderId`
   * (one Binance makes up when none is sent). The new quantity passes the symbol's filters as a new
   * order's would; the symbol must allow amends, and one order at most MAX_NUM_ORDER_AMENDS of them. A
   * refusal leaves the order as it was. Reported on the user stream as execution type REPLACED.
   *
   * Binance does not document an amend to the executed quantity or below: the loopback refuses it
   * (its own words, -2038) rather than guess; a connector should not send one.
   */
  amendKeepPriority(account: string, symbol: string, ref: OrderRef, newQty: { text: string; value: bigint }, newClientOrderId?: string): { order: OrderView; time: number } | VenueError {
    if (this.market !== 'spot') throw new Error('Order Amend Keep Priority is modelled for spot only');
    const s = this.state(symbol);
    if ('code' in s) return s;
    if (s.spec.config.amendAllowed === false) return errors.spotAmendNotAllowed();
    const o = this.find(account, symbol, ref);
    if (!o || !WORKING.has(o.status)) return errors.orderDoesNotExist();
    const req: OrderRequest = { symbol, side: o.side, type: o.type, timeInForce: o.timeInForce, price: o.price, quantityText: newQty.text, quantity: newQty.value, reduceOnly: false };
    const bad = checkFilters(this.market, req, s.spec, o.price);
    if (bad) return bad;
    if (newQty.value >= o.origQty) return errors.spotAmendQuantityIncrease();
    if (newQty.value <= o.executedQty) return errors.spotAmendNotAboveExecuted();
    if (o.amends >= (s.spec.config.maxNumOrderAmends ?? DEFAULT_MAX_NUM_ORDER_AMENDS)) return errors.spotAmendLimitReached();
    const clientOrderId = newClientOrderId ?? generatedClientOrderId();
    if (clientOrderId !== o.clientOrderId) {
      const other = this.byClientId.get(this.clientKey(account, symbol, clientOrderId));
      if (other && WORKING.has(other.status)) return errors.spotDuplicateOrder();
    }
    const before = o.clientOrderId;
    const leaves = newQty.value - o.executedQty;
    s.book.reduce(o, leaves);
    o.leaves = leaves;
    this.ledger(account).shrink?.(o, s.spec, leaves);
    // origQty and clientOrderId are fixed on every other path; an amend is the one place they change.
    const terms = o as { origQty: bigint; clientOrderId: string };
    terms.origQty = newQty.value;
    terms.clientOrderId = clientOrderId;
    if (clientOrderId !== before) {
      this.byClientId.delete(this.clientKey(account, symbol, before));
      this.byClientId.set(this.clientKey(account, symbol, clientOrderId), o);
    }
    o.amends++;
    o.updateTime = this.now();
    this.observer.order({ order: viewOf(o), execType: 'REPLACED', time: o.updateTime, origClientOrderId: before });
    this.publish(s);
    return { order: viewOf(o), time: o.updateTime };
  }

  query(account: string, symbol: string, ref: OrderRef): OrderView | VenueError {
    const s = this.state(symbol);
    if ('code' in s) return s;
    const o = this.find(account, symbol, ref);
    return o ? viewOf(o) : errors.orderDoesNotExist();
  }

  working(account: string, symbol?: string): VenueOrder[] {
    return [...this.orders.values()].filter((o) => o.account === account && WORKING.has(o.status) && (symbol === undefined || o.symbol === symbol));
  }

  allOrders(account: string, symbol: string): OrderView[] {
    return [...this.orders.values()].filter((o) => o.account === account && o.symbol === symbol).map(viewOf);
  }

  /** The account's executions on a symbol, oldest first; only one order's if `orderId` is given. */
  accountTrades(account: string, symbol: string, orderId?: string): readonly TradeRecord[] {
    return (this.trades.get(account) ?? []).filter((t) => t.symbol === symbol && (orderId === undefined || String(t.orderId) === orderId));
  }

  depth(symbol: string, limit: number): ({ lastUpdateId: number } & ReturnType<OrderBook['depth']>) | VenueError {
    const s = this.state(symbol);
    if ('code' in s) return s;
    return { lastUpdateId: s.book.lastUpdateId, ...s.book.depth(limit) };
  }

  recentTrades(symbol: string, limit: number): SymbolState['tape'] | VenueError {
    const s = this.state(symbol);
    if ('code' in s) return s;
    return s.tape.slice(-limit);
  }

  // ---- the rest of the market, moved by tests ----

  /** Sets the anonymous quantity at a price level (a market maker moving); published as a depth event. */
  setLiquidity(symbol: string, side: Side, price: string, qty: string): void {
    const s = this.mustState(symbol);
    s.book.setLiquidity(side, amount(price), amount(qty));
    this.publish(s);
  }

  /** An anonymous taker: executes against the book (our resting orders included) like any other trader. */
  takeLiquidity(symbol: string, side: Side, qty: string, limit?: string): void {
    const s = this.mustState(symbol);
    this.execution.run(s, side, amount(qty), limit === undefined ? undefined : amount(limit), undefined);
    this.publish(s);
  }

  /** USD-M: moves the mark price and publishes it. */
  setMarkPrice(symbol: string, price: string): void {
    this.mustState(symbol);
    this.marks.set(symbol, amount(price));
    this.observer.markPrice(symbol);
    for (const [account, ledger] of this.ledgers) if (ledger.hasChanges()) this.observer.accountChanged(account);
  }

  private mustState(symbol: string): SymbolState {
    const s = this.symbols.get(symbol);
    if (!s) throw new Error(`no symbol ${symbol} at the loopback venue`);
    return s;
  }
}
