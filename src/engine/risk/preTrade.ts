import type { Clock } from '../core';
import { notional, type InstrumentRegistry } from '../instruments';
import type { OrderRequest } from '../oms';
import type { CircuitBreaker } from './circuitBreaker';
import type { CompiledLimits, CurrencyRisk, InstrumentRisk, OrderFlowRisk } from './compiledLimits';
import type { FlattenPermits } from './flattenPermits';
import type { KillSwitch } from './killSwitch';
import { emptyQuote, type MarketQuote, type RiskContext } from './riskContext';
import { RiskCode } from './riskCodes';
import { timeCell, type TimeCell } from './tokenBucket';

/**
 * The facts behind the last rejection, written only on the rejecting branch (numbers and references
 * into one reused object) so that a message can be built afterwards without the check building one.
 */
export class RejectionDetail {
  entry: InstrumentRisk | undefined = undefined;
  other: InstrumentRisk | undefined = undefined;
  breaker: CircuitBreaker | undefined = undefined;
  flow: OrderFlowRisk | undefined = undefined;
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  id = '';
}

/** Mid when the book has both sides, else the last trade, else NaN. */
const markOf = (q: MarketQuote): number => {
  const mid = (q.bid + q.ask) / 2;
  return mid === mid ? mid : q.last;
};

/**
 * Every pre-trade check of one order, in one pass over compiled limits and the context, allocating
 * nothing. Checks run from the most fundamental (trading stopped, malformed order) to the ones that
 * read the account and the market; the order-rate tokens, the duplicate memory and a breaker's probe
 * slot are used only once the order has passed everything else.
 */
export class PreTradeChecks {
  readonly detail = new RejectionDetail();
  /** The time of the check in progress (see TimeCell); also what compiled buckets and guards read. */
  readonly time: TimeCell = timeCell();
  compiled!: CompiledLimits;
  /** grossExposure's result (a double returned from a call would be boxed). */
  private readonly exposure = new Float64Array(1);
  private lastEntry: InstrumentRisk | undefined = undefined;
  private readonly quote = emptyQuote();
  private readonly otherQuote = emptyQuote();

  constructor(
    private readonly context: RiskContext,
    private readonly clock: Clock,
    private readonly killSwitch: KillSwitch,
    private readonly permits: FlattenPermits,
    private readonly registry: InstrumentRegistry,
    private readonly recompile: () => void,
  ) {}

  /** Replaces the compiled limits (a limits edit, a new instrument). */
  install(compiled: CompiledLimits): void {
    this.compiled = compiled;
    this.lastEntry = undefined;
  }

  lookup(venue: string, symbol: string): InstrumentRisk | undefined {
    // Orders come in runs on one instrument: remember the last one and skip the map lookups.
    const last = this.lastEntry;
    if (last !== undefined && last.venue === venue && last.symbol === symbol) return last;
    let e = this.compiled.byVenue.get(venue)?.get(symbol);
    if (e === undefined && this.registry.get(venue, symbol) !== undefined) {
      this.recompile(); // an instrument listed since the last compile
      e = this.compiled.byVenue.get(venue)?.get(symbol);
    }
    if (e !== undefined) this.lastEntry = e;
    return e;
  }

  evaluate(req: OrderRequest): RiskCode {
    const d = this.detail;
    const now = this.clock.now();
    this.time[0] = now;
    // First, and alone: nothing else matters while trading is stopped (bar the planned flatten orders).
    if (this.killSwitch.isEngaged()) return this.permits.consume(req, now) ? RiskCode.PASS : RiskCode.KILL_SWITCH;

    const e = this.lookup(req.venue, req.symbol);
    d.entry = e;
    if (e === undefined) return RiskCode.UNKNOWN_INSTRUMENT;
    const qty = req.qty;
    if (!Number.isSafeInteger(qty) || qty <= 0) return RiskCode.INVALID_QTY;
    const isLimit = req.type === 'limit';
    const limitPrice = req.price;
    if (isLimit && limitPrice === undefined) return RiskCode.MISSING_PRICE;
    if (limitPrice !== undefined && (!Number.isSafeInteger(limitPrice) || limitPrice <= 0)) return RiskCode.INVALID_PRICE;

    const currency = e.currency;
    if (currency.lossBreached) return RiskCode.DAILY_LOSS;
    const venueBreaker = e.venueRisk.breaker;
    const breaker = e.breaker;
    if (!venueBreaker.admits()) return this.breakerCode(venueBreaker);
    if (!breaker.admits()) return this.breakerCode(breaker);

    if (qty > e.maxOrderQty) return RiskCode.MAX_ORDER_QTY;
    const ctx = this.context;
    const q = this.quote;
    const buy = req.side === 'buy';
    const ref = e.ref;
    if (!isLimit || e.collarPpm !== Infinity || currency.maxGrossExposure !== Infinity) ctx.quote(ref, q);
    const price = isLimit ? limitPrice! : buy ? q.ask : q.bid;
    if (price !== price) return RiskCode.NO_REFERENCE_PRICE; // NaN: no touch to value a market order at
    const value = notional(e.inst, price, qty);
    d.a = value;
    if (value < e.inst.minNotional) return RiskCode.MIN_NOTIONAL;
    if (value > e.maxOrderNotional) return RiskCode.MAX_ORDER_NOTIONAL;

    if (isLimit && e.collarPpm !== Infinity) {
      const ref = e.collarFromLast ? q.last : (q.bid + q.ask) / 2;
      if (ref !== ref) return RiskCode.NO_COLLAR_REFERENCE;
      // Doubled so a mid on half a tick stays an integer: |p - ref| / ref > ppm / 10^6.
      const deviation2 = Math.abs(2 * price - 2 * ref);
      if (deviation2 * 1_000_000 > 2 * ref * e.collarPpm) {
        d.a = price;
        d.b = ref;
        return RiskCode.PRICE_COLLAR;
      }
    }

    const w = ctx.exposure(ref);
    const position = w.position;
    const sameSide = buy ? w.buyQty : w.sellQty;
    const worst = (buy ? position : -position) + sameSide + qty;
    if (worst > (buy ? e.maxLongPosition : e.maxShortPosition)) {
      d.a = worst;
      d.b = position;
      d.c = sameSide;
      d.d = qty;
      return buy ? RiskCode.MAX_LONG_POSITION : RiskCode.MAX_SHORT_POSITION;
    }

    if (w.count + 1 > e.maxOpenOrders) {
      d.a = w.count + 1;
      return RiskCode.MAX_OPEN_ORDERS_INSTRUMENT;
    }
    const venueRisk = e.venueRisk;
    if (venueRisk.maxOpenOrders !== Infinity) {
      const n = ctx.venueOpenOrders(ref) + 1;
      if (n > venueRisk.maxOpenOrders) {
        d.a = n;
        return RiskCode.MAX_OPEN_ORDERS_VENUE;
      }
    }
    const account = this.compiled.account;
    if (account.maxOpenOrders !== Infinity) {
      const n = ctx.accountOpenOrders() + 1;
      if (n > account.maxOpenOrders) {
        d.a = n;
        return RiskCode.MAX_OPEN_ORDERS_ACCOUNT;
      }
    }

    if (e.selfTradePrevention) {
      // A market order has no limit: it would reach any of our orders resting on the other side.
      const own = buy ? w.lowestSell : w.highestBuy;
      if (own === own && (!isLimit || (buy ? price >= own : price <= own))) {
        d.a = own;
        d.b = price;
        d.id = buy ? w.lowestSellId : w.highestBuyId;
        return RiskCode.SELF_TRADE;
      }
    }

    const windowMs = e.duplicateWindowMs;
    const dupPrice = isLimit ? price : undefined;
    if (windowMs > 0) {
      const ago = e.duplicates.find(windowMs, req.side, dupPrice, qty);
      if (ago >= 0) {
        d.a = ago;
        return RiskCode.DUPLICATE_ORDER;
      }
    }

    if (currency.maxGrossExposure !== Infinity) {
      if (!this.valueExposure(currency, e)) return RiskCode.NO_MARK_FOR_EXPOSURE;
      const held = this.exposure[0]!;
      const mine = value * e.toCommon;
      if (held + mine > currency.maxGrossExposure) {
        d.a = held;
        d.b = mine;
        return RiskCode.MAX_GROSS_EXPOSURE;
      }
    }

    const venueBucket = venueRisk.bucket;
    if (venueBucket !== undefined && !venueBucket.available()) {
      d.flow = venueRisk;
      return RiskCode.ORDER_RATE_VENUE;
    }
    const accountBucket = account.bucket;
    if (accountBucket !== undefined && !accountBucket.available()) {
      d.flow = account;
      return RiskCode.ORDER_RATE_ACCOUNT;
    }

    // Passed: only now is anything used up.
    if (venueBucket !== undefined) venueBucket.take();
    if (accountBucket !== undefined) accountBucket.take();
    if (windowMs > 0) e.duplicates.remember(req.side, dupPrice, qty);
    if (venueBreaker.state === 'HALF_OPEN') venueBreaker.claimProbe(req.clientOrderId, now);
    if (breaker.state === 'HALF_OPEN') breaker.claimProbe(req.clientOrderId, now);
    return RiskCode.PASS;
  }

  /** Gross exposure of a currency now, NaN when a position has no mark (for the risk panel). */
  grossExposure(currency: CurrencyRisk, now: number): number {
    this.time[0] = now;
    return this.valueExposure(currency, undefined) ? this.exposure[0]! : NaN;
  }

  /**
   * Σ |position| * mark + Σ working orders' value over the currency's instruments, at the currency's
   * common scale, into this.exposure[0]. `current` is the instrument whose live quote this.quote
   * holds; other instruments are valued at a mark at most currency.markMaxAgeMs old, read again from
   * their book when older. False (with detail.other set) when a position has no mark to be valued at.
   */
  private valueExposure(currency: CurrencyRisk, current: InstrumentRisk | undefined): boolean {
    const ctx = this.context;
    const list = currency.instruments;
    const maxAge = currency.markMaxAgeMs;
    const now = this.time[0]!;
    let sum = 0;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      const w = ctx.exposure(x.ref);
      sum += (w.buyValue + w.sellValue) * x.unitFactor;
      const position = w.position;
      if (position === 0) continue;
      const cache = x.mark;
      let mark: number;
      if (x !== current && now - cache[1]! < maxAge) mark = cache[0]!;
      else {
        if (x !== current) ctx.quote(x.ref, this.otherQuote);
        mark = markOf(x === current ? this.quote : this.otherQuote);
        if (mark !== mark) {
          this.detail.other = x;
          return false;
        }
        cache[0] = mark;
        cache[1] = now;
      }
      // Rounded up: a mid on half a tick must not make the exposure look smaller.
      sum += Math.ceil(Math.abs(position) * mark * x.unitFactor);
    }
    this.exposure[0] = sum;
    return true;
  }

  private breakerCode(b: CircuitBreaker): RiskCode {
    this.detail.breaker = b;
    return b.state === 'OPEN' ? RiskCode.BREAKER_OPEN : RiskCode.BREAKER_PROBING;
  }
}
