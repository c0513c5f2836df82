/**
 * The loopback Kite venue's trading core: instruments and their markets, the order book of the one
 * user, fills into the portfolio, GTT triggers, and the events the ticker sends (ticks on market
 * moves, order postbacks on every status change). REST routes and the test's control both act
 * through it; it reads time only from the injected clock.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_FREEZE, type KiteLoopbackConfig, type MarketSeed } from './config';
import type { KiteFaults } from './faults';
import { GttBook, type GttLeg, type LegResult } from './gtt';
import type { LoopbackInstrument } from './instrumentsCsv';
import { errors, isKiteError, type KiteError } from './kiteErrors';
import { InstrumentMarket } from './market';
import { inMarketHours, istDateCode } from './marketHours';
import { fillDecision, triggerCrossed } from './matching';
import { KiteOrder, type OrderTerms, type Variety } from './orderRecord';
import { checkOrderRules, freezeQuantityOf } from './orderRules';
import { MarginBook } from './margins';
import { Portfolio } from './portfolio';
import { parseUnits, unitsText } from './units';

export interface VenueEvents {
  order(order: KiteOrder, status: string): void;
  market(market: InstrumentMarket): void;
}

const unitsOf = (text: string): number => {
  const u = parseUnits(text);
  if (!u || !u.exact) throw new Error(`not a price: ${text}`);
  return u.units;
};

export class KiteVenue {
  readonly byKey = new Map<string, LoopbackInstrument>();
  readonly byToken = new Map<number, LoopbackInstrument>();
  readonly markets = new Map<number, InstrumentMarket>();
  readonly orders = new Map<string, KiteOrder>();
  readonly portfolio: Portfolio;
  readonly gtt: GttBook;
  readonly margins: MarginBook;
  private orderSeq = 0;
  private tradeSeq = 0;
  private readonly listeners: VenueEvents[] = [];

  constructor(
    readonly instruments: readonly LoopbackInstrument[],
    private readonly config: KiteLoopbackConfig,
    private readonly userId: string,
    private readonly faults: KiteFaults,
    private readonly now: () => number,
  ) {
    for (const i of instruments) {
      this.byKey.set(`${i.exchange}:${i.tradingsymbol}`, i);
      this.byToken.set(i.token, i);
    }
    this.portfolio = new Portfolio(config.holdings ?? [], (k) => this.byKey.get(k), unitsOf);
    this.gtt = new GttBook((ex, sym) => this.byKey.get(`${ex}:${sym}`), userId);
    const funds = { equity: unitsOf(config.funds?.equity ?? '500000'), commodity: unitsOf(config.funds?.commodity ?? '100000') };
    this.margins = new MarginBook(this.portfolio, this.orders, (token) => this.markets.get(token)?.lastPrice, funds);
  }

  listen(events: VenueEvents): void {
    this.listeners.push(events);
  }

  addMarket(seed: MarketSeed): void {
    const i = this.byKey.get(seed.instrument);
    if (!i) throw new Error(`market ${seed.instrument}: no such instrument`);
    this.markets.set(i.token, new InstrumentMarket(i, seed, this.now()));
  }

  instrument(nameOrToken: string | number): LoopbackInstrument | undefined {
    return typeof nameOrToken === 'number' ? this.byToken.get(nameOrToken) : this.byKey.get(nameOrToken);
  }

  // ---- orders ----

  place(variety: Variety, exchange: string, tradingsymbol: string, terms: OrderTerms, pricesExact: boolean, defaultTag?: string): KiteOrder | KiteError {
    const instrument = this.byKey.get(`${exchange}:${tradingsymbol}`);
    if (!instrument) return errors.noInstrument();
    const now = this.now();
    const broken = checkOrderRules(instrument, terms, pricesExact, { now, freezeQuantities: this.config.freezeQuantities ?? DEFAULT_FREEZE }, true);
    if (broken) return broken;
    const funding = this.margins.check(instrument, terms);
    if (funding) return funding;
    const id = `${istDateCode(now)}${String(++this.orderSeq).padStart(9, '0')}`;
    const order = new KiteOrder(id, instrument, { ...terms, tag: terms.tag ?? defaultTag ?? null }, this.userId, now, randomUUID());
    this.orders.set(id, order);
    order.enter('PUT ORDER REQ RECEIVED', now);
    order.enter('VALIDATION PENDING', now);
    if (variety === 'amo') {
      const rejection = this.faults.takeAmoRejection();
      if (rejection !== undefined) this.reject(order, rejection);
      else this.transition(order, 'AMO REQ RECEIVED');
      return order;
    }
    order.enter('OPEN PENDING', now);
    this.goLive(order);
    return order;
  }

  /**
   * Kite's autoslice: an order above the freeze quantity placed as slices of at most the freeze
   * quantity (in whole lots). The first slice's refusal refuses all; a later slice's refusal is
   * reported in its place and the others stand. Below the freeze quantity it is one order.
   */
  placeSliced(variety: Variety, exchange: string, tradingsymbol: string, terms: OrderTerms, pricesExact: boolean): (KiteOrder | KiteError)[] | KiteError {
    const instrument = this.byKey.get(`${exchange}:${tradingsymbol}`);
    if (!instrument) return errors.noInstrument();
    const freeze = freezeQuantityOf(instrument, this.config.freezeQuantities ?? DEFAULT_FREEZE);
    const lot = Math.max(1, instrument.lotSize);
    const size = freeze === undefined ? terms.quantity : Math.floor(freeze / lot) * lot;
    const slices: number[] = [];
    for (let left = terms.quantity; left > 0; left -= size) slices.push(Math.min(size, left));
    const out: (KiteOrder | KiteError)[] = [];
    for (const quantity of slices) {
      const r = this.place(variety, exchange, tradingsymbol, { ...terms, quantity }, pricesExact);
      if (out.length === 0 && isKiteError(r)) return r;
      out.push(r);
    }
    return out;
  }

  modify(orderId: string, terms: OrderTerms, pricesExact: boolean): KiteOrder | KiteError {
    const order = this.orders.get(orderId);
    if (!order) return errors.noOrder();
    if (order.isFinal) return errors.orderFinal(order.status);
    const broken = checkOrderRules(order.instrument, terms, pricesExact, { now: this.now(), freezeQuantities: this.config.freezeQuantities ?? DEFAULT_FREEZE }, false);
    if (broken) return broken;
    if (terms.quantity < order.filledQuantity) return errors.invalid('quantity');
    const funding = this.margins.check(order.instrument, terms, order);
    if (funding) return funding;
    const now = this.now();
    const waitingAmo = order.status === 'AMO REQ RECEIVED';
    order.enter('MODIFY VALIDATION PENDING', now);
    order.enter('MODIFY PENDING', now);
    order.terms = terms;
    order.modified = true;
    order.orderTimestamp = now;
    if (waitingAmo) {
      // An AMO stays with the venue until its market opens.
      this.transition(order, 'AMO REQ RECEIVED', 'UPDATE');
      return order;
    }
    order.enter('MODIFIED', now);
    if (terms.quantity === order.filledQuantity) this.complete(order);
    else this.goLive(order, 'UPDATE');
    return order;
  }

  cancel(orderId: string): KiteOrder | KiteError {
    const order = this.orders.get(orderId);
    if (!order) return errors.noOrder();
    if (order.isFinal) return errors.orderFinal(order.status);
    order.enter('CANCEL PENDING', this.now());
    this.cancelRest(order, null);
    return order;
  }

  /** An order becomes live at the exchange: it waits for its trigger, or trades what it can now. */
  private goLive(order: KiteOrder, postbackStatus?: string): void {
    const now = this.now();
    if (order.exchangeOrderId === null) {
      order.exchangeOrderId = `1${String(this.orderSeq).padStart(15, '0')}`;
      order.exchangeTimestamp = now;
    }
    const market = this.markets.get(order.instrument.token);
    const waitsForTrigger = (order.terms.orderType === 'SL' || order.terms.orderType === 'SL-M') && !order.triggered;
    if (waitsForTrigger && !(market && triggerCrossed(order, market.lastPrice))) {
      this.transition(order, 'TRIGGER PENDING', postbackStatus);
      return;
    }
    if (waitsForTrigger) order.triggered = true;
    this.transition(order, 'OPEN', postbackStatus);
    this.tryFill(order, true);
  }

  /** Trades what the market allows now; IOC leaves nothing resting. */
  private tryFill(order: KiteOrder, arriving: boolean): void {
    const market = this.markets.get(order.instrument.token);
    const decision = market ? fillDecision(order, market, arriving, this.config.autoMarketProtectionPercent ?? 3) : undefined;
    if (decision && 'outsideProtection' in decision) {
      this.cancelRest(order, `Market order cancelled: no liquidity within the market protection price of ${unitsText(decision.outsideProtection)}.`);
      return;
    }
    if (decision) {
      const limit = this.faults.takeFillLimit() ?? this.config.maxFillQuantity;
      const lot = order.instrument.derivative ? Math.max(1, order.instrument.lotSize) : 1;
      const cap = limit === undefined ? order.pendingQuantity : Math.max(lot, Math.floor(limit / lot) * lot);
      this.fill(order, Math.min(order.pendingQuantity, cap), decision.price);
    }
    if (order.isFinal) return;
    const marketLike = order.terms.orderType === 'MARKET' || order.terms.orderType === 'SL-M';
    if (order.terms.validity === 'IOC' || (marketLike && !market)) this.cancelRest(order, order.terms.validity === 'IOC' ? null : 'No market for this instrument.');
  }

  private fill(order: KiteOrder, quantity: number, price: number): void {
    const now = this.now();
    order.trades.push({ tradeId: String(10_000_000 + ++this.tradeSeq), quantity, price, time: now });
    order.filledQuantity += quantity;
    order.filledValue += quantity * price;
    order.exchangeUpdateTimestamp = now;
    this.portfolio.applyFill(order.instrument, order.terms.product, order.terms.side, quantity, price);
    if (order.pendingQuantity === 0) this.complete(order);
    else this.transition(order, 'OPEN', 'UPDATE');
  }

  private complete(order: KiteOrder): void {
    this.transition(order, 'COMPLETE');
  }

  private cancelRest(order: KiteOrder, message: string | null): void {
    order.cancelledQuantity = order.terms.quantity - order.filledQuantity;
    this.transition(order, 'CANCELLED', undefined, message);
  }

  private reject(order: KiteOrder, message: string): void {
    order.cancelledQuantity = 0;
    this.transition(order, 'REJECTED', undefined, message);
  }

  private transition(order: KiteOrder, status: KiteOrder['status'], postbackStatus?: string, message: string | null = null): void {
    order.enter(status, this.now(), message);
    for (const l of this.listeners) l.order(order, postbackStatus ?? status);
  }

  // ---- the market moves ----

  /** The instrument trades at `price` (units): resting orders, triggers and GTTs react, ticks go out. */
  moveMarket(token: number, price: number): void {
    const market = this.markets.get(token);
    if (!market) throw new Error(`instrument ${token} has no market`);
    const now = this.now();
    market.moveTo(price, now);
    for (const o of [...this.orders.values()]) {
      if (o.isFinal || o.instrument.token !== token || o.status === 'AMO REQ RECEIVED') continue;
      if (o.status === 'TRIGGER PENDING') {
        if (!triggerCrossed(o, price)) continue;
        o.triggered = true;
        this.transition(o, 'OPEN');
        this.tryFill(o, true);
      } else this.tryFill(o, false);
    }
    this.gtt.onLastPrice(market.instrument, price, now, (_g, leg) => this.placeGttLeg(leg));
    for (const l of this.listeners) l.market(market);
  }

  /** A derivative's open interest changes (units, lot multiples): the subscribers get a tick. */
  setOpenInterest(token: number, units: number): void {
    const market = this.markets.get(token);
    if (!market) throw new Error(`instrument ${token} has no market`);
    market.setOpenInterest(units);
    market.timestamp = this.now();
    for (const l of this.listeners) l.market(market);
  }

  /** Every market with a price path takes its next price. */
  stepAllPaths(): void {
    for (const [token, m] of this.markets) {
      const p = m.nextPathPrice();
      if (p !== undefined) this.moveMarket(token, p);
    }
  }

  /** A fired GTT leg becomes a regular DAY LIMIT order, tagged "gtt", checked like any other. */
  private placeGttLeg(leg: GttLeg): LegResult {
    const terms: OrderTerms = {
      variety: 'regular',
      side: leg.transaction_type as OrderTerms['side'],
      orderType: 'LIMIT',
      product: leg.product as OrderTerms['product'],
      validity: 'DAY',
      validityTtl: null,
      quantity: leg.quantity,
      disclosedQuantity: 0,
      price: Math.round(leg.price * 10_000),
      triggerPrice: 0,
      marketProtection: 0,
      tag: null,
    };
    const r = this.place('regular', leg.exchange, leg.tradingsymbol, terms, true, 'gtt');
    return isKiteError(r) ? { rejection: r.message } : { orderId: r.orderId };
  }

  /** Once a second: AMOs go live when their market opens; TTL orders lapse; DAY orders end at the close. */
  onClockTick(): void {
    const now = this.now();
    for (const o of [...this.orders.values()]) {
      if (o.isFinal) continue;
      const open = inMarketHours(o.instrument.exchange, now);
      if (o.status === 'AMO REQ RECEIVED') {
        if (open) {
          o.enter('OPEN PENDING', now);
          this.goLive(o);
        }
        continue;
      }
      const ttlOver = o.terms.validity === 'TTL' && o.terms.validityTtl !== null && now >= o.orderTimestamp + o.terms.validityTtl * 60_000;
      if (ttlOver || !open) this.cancelRest(o, ttlOver ? null : 'Order cancelled at market close.');
    }
  }
}
