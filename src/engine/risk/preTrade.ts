import type { Clock, OrderRequest } from '../core';
import { notional, type InstrumentRegistry } from '../instruments';
import type { CircuitBreaker } from './circuitBreaker';
import type { TrackedOrder } from './exposureTracker';
import {
  HELD_SUM,
  HELD_UNMARKED,
  HELD_UNTIL,
  HELD_VERSION,
  MARK,
  MARK_AT,
  PART,
  POSITION,
  WORKING,
  type CompiledLimits,
  type CurrencyRisk,
  type InstrumentRisk,
  type OrderFlowRisk,
} from './compiledLimits';
import { NO_PRICE, termsHash } from './duplicateGuard';
import type { FlattenPermits } from './flattenPermits';
import type { KillSwitch } from './killSwitch';
import { emptyOptionGreeks, NO_OPTION_GREEKS, type OptionGreeksReading, type OptionGreeksSource } from './optionGreeks';
import { emptyQuote, workingToward, type InstrumentExposure, type RiskContext } from './riskContext';
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
  /** For PRICE_COLLAR: whether the stop price (not the limit price) is the one outside the band. */
  stop = false;
  id = '';
  /** For the option Greek limits: the underlying's name. */
  underlying = '';
}

/** Instruments remembered for lookups by venue and symbol without hashing (orders come in runs). */
const RECENT = 8;

/**
 * Every pre-trade check of one order, in one pass over compiled limits and the context, allocating
 * nothing. Checks run from the most fundamental (trading stopped, malformed order) to the ones that
 * read the account and the market; the order-rate tokens, the duplicate memory and a breaker's probe
 * slot are used only once the order has passed everything else.
 *
 * Order types. The price an order is valued at (notional, min notional, gross exposure) is its limit
 * price (limit, stop-limit), its stop price (stop-market: where it becomes a market order), or the
 * touch it would take (market). The price collar applies to every price the trader typed: the limit
 * price of limit and stop-limit orders and the stop price of stop orders (a fat-fingered stop fires
 * as surely as a fat-fingered limit). Self-trade prevention treats an order as what it becomes when
 * it trades: stop-market as market, stop-limit as a limit at its limit price.
 *
 * Written for V8 (see bench/risk.ts): the common path is straight-line code over plain fields and
 * typed arrays, with one read of the ordered instrument's book and no allocation. What cannot be
 * computed per order cheaply is kept between orders and checked for staleness first: the book copy
 * (BookQuotes, against the slot's lock word), the held gross exposure (against the exposures' version
 * and the marks' age), repeats (a hash filter before the duplicate search).
 */
export class PreTradeChecks {
  readonly detail = new RejectionDetail();
  /** The time of the check in progress (see TimeCell); also what compiled buckets and guards read. */
  readonly time: TimeCell = timeCell();
  compiled!: CompiledLimits;
  private lastEntry: InstrumentRisk | undefined = undefined;
  /** The first position sumHeld found without a mark (what NO_MARK_FOR_EXPOSURE names). */
  private unmarked: InstrumentRisk | undefined = undefined;
  private recent: InstrumentRisk[] = [];
  private recentNext = 0;
  private readonly quote = emptyQuote();
  private readonly otherQuote = emptyQuote();
  private readonly greeks = emptyOptionGreeks();
  private readonly otherGreeks = emptyOptionGreeks();

  constructor(
    private readonly context: RiskContext,
    private readonly clock: Clock,
    private readonly killSwitch: KillSwitch,
    private readonly permits: FlattenPermits,
    private readonly registry: InstrumentRegistry,
    private readonly recompile: () => void,
    private readonly optionGreeks: OptionGreeksSource = NO_OPTION_GREEKS,
  ) {}

  /** Replaces the compiled limits (a limits edit, a new instrument). */
  install(compiled: CompiledLimits): void {
    this.compiled = compiled;
    this.lastEntry = this.detail.entry = undefined;
    this.recent = [];
    this.recentNext = 0;
  }

  /**
   * The instrument's compiled limits, remembered as lastEntry (the next order usually has the same
   * instrument) and as detail.entry (what a rejection message describes: always lastEntry).
   */
  lookup(venue: string, symbol: string): InstrumentRisk | undefined {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i]!;
      if (r.symbol === symbol && r.venue === venue) return (this.lastEntry = this.detail.entry = r);
    }
    let e = this.compiled.byVenue.get(venue)?.get(symbol);
    if (e === undefined && this.registry.get(venue, symbol) !== undefined) {
      this.recompile(); // an instrument listed since the last compile
      e = this.compiled.byVenue.get(venue)?.get(symbol);
    }
    if (e === undefined) return undefined;
    if (this.recent.length < RECENT) this.recent.push(e);
    else {
      this.recent[this.recentNext] = e;
      this.recentNext = (this.recentNext + 1) % RECENT;
    }
    return (this.lastEntry = this.detail.entry = e);
  }

  /**
   * The verdict on `req`; with `replacing`, on an amend of that working order to the terms in `req`
   * (qty the new total, filled part included): the same limits, with the order's present terms taken
   * out rather than the amended ones added to them. An amend is not a new order for the open-order
   * counts or the duplicate guard, and is no probe: it goes to a venue only through CLOSED breakers.
   * `laterSlice`: the second or later child of one sliced order, which the duplicate guard lets repeat
   * the first child's terms (the guard still remembers it).
   */
  evaluate(req: OrderRequest, replacing?: TrackedOrder, laterSlice = false): RiskCode {
    const d = this.detail;
    const now = this.clock.now();
    this.time[0] = now;
    // First, and alone: nothing else matters while trading is stopped (bar the planned flatten orders).
    if (this.killSwitch.isEngaged()) return this.permits.consume(req, now) ? RiskCode.PASS : RiskCode.KILL_SWITCH;

    let e = this.lastEntry;
    if (e === undefined || e.symbol !== req.symbol || e.venue !== req.venue) {
      e = this.lookup(req.venue, req.symbol);
      if (e === undefined) return RiskCode.UNKNOWN_INSTRUMENT;
    }
    // What a check may call without inlining (an exposure entry's creation, the held-sum walk) is called
    // first, while little is live: whatever is live across a call is kept on the stack, and that is paid
    // on every check, not only on the few that make the call.
    const ctx = this.context;
    const w = ctx.exposure(e.ref);
    const currency = e.currency;
    const exposureLimited = currency.maxGrossExposure !== Infinity;
    if (exposureLimited) {
      const held = currency.held;
      const version = w.account.version;
      if (version !== held[HELD_VERSION] || now >= held[HELD_UNTIL]!) this.sumHeld(currency, version);
    }

    const qty = req.qty;
    if (!Number.isSafeInteger(qty) || qty <= 0) return RiskCode.INVALID_QTY;

    // What the order carries: a limit price (priced), a stop price (stop), or neither (market).
    let priced = false;
    let stop = false;
    switch (req.type) {
      case 'limit':
        priced = true;
        break;
      case 'market':
        break;
      case 'stop_market':
        stop = true;
        break;
      case 'stop_limit':
        priced = stop = true;
        break;
      default:
        return RiskCode.UNKNOWN_ORDER_TYPE;
    }
    const limitPrice = req.price;
    if (limitPrice === undefined) {
      if (priced) return RiskCode.MISSING_PRICE;
    } else if (!priced) return RiskCode.UNEXPECTED_PRICE;
    else if (!Number.isSafeInteger(limitPrice) || limitPrice <= 0) return RiskCode.INVALID_PRICE;
    const stopPrice = req.stopPrice;
    if (stopPrice === undefined) {
      if (stop) return RiskCode.MISSING_STOP_PRICE;
    } else if (!stop) return RiskCode.UNEXPECTED_STOP_PRICE;
    else if (!Number.isSafeInteger(stopPrice) || stopPrice <= 0) return RiskCode.INVALID_STOP_PRICE;

    if (currency.lossBreached) return RiskCode.DAILY_LOSS;
    // admits() only when not CLOSED: a CLOSED breaker always admits, and that is nearly always.
    const venueBreaker = e.venueRisk.breaker;
    const breaker = e.breaker;
    const probing = venueBreaker.state !== 'CLOSED' || breaker.state !== 'CLOSED';
    if (probing) {
      if (replacing !== undefined) return this.breakerCode(venueBreaker.state !== 'CLOSED' ? venueBreaker : breaker);
      if (!venueBreaker.admits()) return this.breakerCode(venueBreaker);
      if (!breaker.admits()) return this.breakerCode(breaker);
    }

    if (qty > e.maxOrderQty) return RiskCode.MAX_ORDER_QTY;
    const q = this.quote;
    const buy = req.side === 'buy';
    const market = !priced && !stop;
    const collared = e.collarPpm !== Infinity && !market;
    // One read of the book serves the market order's value, the collar and the exposure mark.
    if (market || collared || exposureLimited) ctx.quote(e.ref, q);
    const price = priced ? limitPrice! : stop ? stopPrice! : buy ? q.ask : q.bid;
    if (price !== price) return RiskCode.NO_REFERENCE_PRICE; // NaN: no touch to value a market order at
    // notional() written out: a product of positive whole numbers is exact while below 2^53, and
    // rounds to 2^53 or more when it is not (then notional()'s bigint path, far above any limit).
    let value = price * qty * e.tickLot;
    if (value > Number.MAX_SAFE_INTEGER) value = notional(e.inst, price, qty);
    if (value < e.minNotional || value > e.maxOrderNotional) {
      d.a = value;
      return value < e.minNotional ? RiskCode.MIN_NOTIONAL : RiskCode.MAX_ORDER_NOTIONAL;
    }

    if (collared) {
      const ref = e.collarFromLast ? q.last : (q.bid + q.ask) / 2;
      if (ref !== ref) return RiskCode.NO_COLLAR_REFERENCE;
      // Doubled so a mid on half a tick stays an integer: |p - ref| / ref > ppm / 10^6.
      const band = 2 * ref * e.collarPpm;
      if (priced && Math.abs(2 * limitPrice! - 2 * ref) * 1_000_000 > band) return this.collarCode(limitPrice!, ref, false);
      if (stop && Math.abs(2 * stopPrice! - 2 * ref) * 1_000_000 > band) return this.collarCode(stopPrice!, ref, true);
    }

    const position = w.position;
    let all = buy ? w.buyQty : w.sellQty;
    let reducing = buy ? w.reduceBuyQty : w.reduceSellQty;
    let adds = qty; // lots this order can still add to its side
    let opens = 1; // working orders it adds
    if (replacing !== undefined) {
      // Its unfilled part is already among the working orders: replaced, not added to.
      if (replacing.side === req.side) {
        all -= replacing.qty - replacing.filledQty;
        if (replacing.reduceOnly === true) reducing -= replacing.qty - replacing.filledQty;
      }
      adds = qty - replacing.filledQty;
      opens = 0;
    }
    const along = buy ? position : -position; // > 0: already held this way; < 0: held the other way
    const sameSide = reducing === 0 ? all : workingToward(all, reducing, -along);
    const worst = along + sameSide + adds;
    // A reduce-only order against the position can only take it towards zero (it is never let cross),
    // so it cannot take either side past where it may already go: never refuse the way out.
    if (worst > (buy ? e.maxLongPosition : e.maxShortPosition) && (req.reduceOnly !== true || (buy ? position >= 0 : position <= 0))) {
      d.a = worst;
      d.b = position;
      d.c = sameSide;
      d.d = adds;
      return buy ? RiskCode.MAX_LONG_POSITION : RiskCode.MAX_SHORT_POSITION;
    }

    if (w.count + opens > e.maxOpenOrders) {
      d.a = w.count + opens;
      return RiskCode.MAX_OPEN_ORDERS_INSTRUMENT;
    }
    const venueRisk = e.venueRisk;
    if (venueRisk.maxOpenOrders !== Infinity) {
      const n = w.venue.count + opens;
      if (n > venueRisk.maxOpenOrders) {
        d.a = n;
        return RiskCode.MAX_OPEN_ORDERS_VENUE;
      }
    }
    const account = this.compiled.account;
    if (account.maxOpenOrders !== Infinity) {
      const n = w.account.count + opens;
      if (n > account.maxOpenOrders) {
        d.a = n;
        return RiskCode.MAX_OPEN_ORDERS_ACCOUNT;
      }
    }

    if (e.selfTradePrevention) {
      // With no limit price (market, stop-market) it would reach any of our orders on the other side.
      const own = buy ? w.lowestSell : w.highestBuy;
      if (own === own && (!priced || (buy ? limitPrice! >= own : limitPrice! <= own))) {
        d.a = own;
        d.b = priced ? limitPrice! : NaN;
        d.id = buy ? w.lowestSellId : w.highestBuyId;
        return RiskCode.SELF_TRADE;
      }
    }

    const windowMs = e.duplicateWindowMs;
    const dupPrice = priced ? limitPrice! : NO_PRICE;
    const dupStop = stop ? stopPrice! : NO_PRICE;
    const dupSide = buy ? 1 : 0;
    let dupHash = 0;
    if (windowMs > 0 && replacing === undefined) {
      dupHash = termsHash(dupPrice, dupStop, qty, dupSide);
      // Nothing remembered with this hash: not a repeat, and no call to find() to prove it. A later
      // slice of a sliced order repeats its sibling's terms by design: the first slice was the check.
      if (!laterSlice && e.duplicates.filter[dupHash] !== 0) {
        const ago = e.duplicates.find(windowMs, dupSide, dupPrice, dupStop, qty);
        if (ago >= 0) {
          d.a = ago;
          return RiskCode.DUPLICATE_ORDER;
        }
      }
    }

    if (e.isOption) {
      // Off the common path: options are valued by their Greeks, not their premium.
      if (exposureLimited || this.compiled.options.limited) {
        const code = this.optionChecks(e, w, buy, adds, replacing, exposureLimited);
        if (code !== RiskCode.PASS) return code;
      }
    } else if (exposureLimited) {
      const held = currency.held;
      if (held[HELD_UNMARKED] !== 0) {
        d.other = this.unmarked;
        return RiskCode.NO_MARK_FOR_EXPOSURE;
      }
      // The sum with this instrument's part as it is now (its live book) instead of as it was summed.
      const m = e.mark;
      let part = (w.buyValue + w.sellValue) * e.unitFactor;
      if (position !== 0) {
        const mid = (q.bid + q.ask) / 2; // the mark as sumHeld takes it
        const mark = mid === mid ? mid : q.last;
        if (mark !== mark) {
          d.other = e;
          return RiskCode.NO_MARK_FOR_EXPOSURE;
        }
        // Rounded up: a mid on half a tick must not make the exposure look smaller.
        part += Math.ceil(Math.abs(position) * mark * e.unitFactor);
      }
      let total = held[HELD_SUM]! - m[PART]! + part;
      let mine = value * e.toCommon;
      if (replacing !== undefined) {
        // Its present unfilled part is in the total; what it becomes is the amended unfilled part.
        const was = replacing.price ?? replacing.stopPrice;
        if (was !== undefined) total -= was * (replacing.qty - replacing.filledQty) * e.unitFactor;
        mine = price * adds * e.unitFactor;
      }
      if (total + mine > currency.maxGrossExposure) {
        d.a = total;
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
    if (windowMs > 0 && replacing === undefined) e.duplicates.remember(dupHash, dupSide, dupPrice, dupStop, qty);
    if (probing) {
      if (venueBreaker.state === 'HALF_OPEN') venueBreaker.claimProbe(req.clientOrderId, now);
      if (breaker.state === 'HALF_OPEN') breaker.claimProbe(req.clientOrderId, now);
    }
    return RiskCode.PASS;
  }

  /** Gross exposure of a currency now, NaN when a position has no mark (for the risk panel). */
  grossExposure(currency: CurrencyRisk, now: number): number {
    const list = currency.instruments;
    if (list.length === 0) return 0;
    this.time[0] = now;
    this.sumHeld(currency, this.context.exposure(list[0]!.ref).account.version);
    const held = currency.held;
    return held[HELD_UNMARKED] === 0 ? held[HELD_SUM]! : NaN;
  }

  /**
   * The currency's held exposure (Σ |position| * mark + Σ working orders' value, at its common scale)
   * into currency.held. The check keeps the sum until the exposures' account.version moves (an order or
   * fill anywhere) or the marks in it get older than markMaxAgeMs, and swaps only the ordered
   * instrument's part for its live value on each order: what walking every instrument on every order
   * would give with marks at most markMaxAgeMs old, without the walk on every order.
   *
   * `version` is the exposures' version now. When it is the one the sum was made at, only time has
   * passed: the positions and working parts cached with the marks are still right and only the marks
   * are read again. When marks are read, all of them are (not only the ones too old): marks read at
   * different times would expire at different times, and each expiry would mean another walk.
   */
  private sumHeld(currency: CurrencyRisk, version: number): void {
    const ctx = this.context;
    const held = currency.held;
    const list = currency.instruments;
    const now = this.time[0]!;
    const maxAge = currency.markMaxAgeMs;
    const other = this.otherQuote;
    const sameExposures = version === held[HELD_VERSION];
    const marksExpired = now >= held[HELD_UNTIL]!;
    let sum = 0;
    let unmarked = 0;
    let until = Infinity;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      const m = x.mark;
      if (!sameExposures) {
        const w = ctx.exposure(x.ref);
        m[POSITION] = w.position;
        m[WORKING] = x.isOption ? w.buyQty + w.sellQty : (w.buyValue + w.sellValue) * x.unitFactor;
      }
      const position = m[POSITION]!;
      if (x.isOption) {
        const part = this.optionPart(x, position, marksExpired, now, maxAge);
        if (part === part) {
          if (part !== 0 && m[MARK_AT]! + maxAge < until) until = m[MARK_AT]! + maxAge;
          m[PART] = part;
          sum += part;
        } else {
          m[PART] = 0;
          if (unmarked++ === 0) this.unmarked = x;
        }
        continue;
      }
      let part = m[WORKING]!;
      if (position !== 0) {
        // A position new since the last read has no mark young enough; otherwise marks go together.
        if (marksExpired || !(now - m[MARK_AT]! < maxAge)) {
          ctx.quote(x.ref, other);
          // The mark: the mid when the book has both sides, else the last trade, else NaN.
          const mid = (other.bid + other.ask) / 2;
          const mark = mid === mid ? mid : other.last;
          m[MARK] = mark;
          m[MARK_AT] = mark === mark ? now : -Infinity; // no mark: look again next time
        }
        const mark = m[MARK]!;
        if (mark === mark) {
          // Rounded up: a mid on half a tick must not make the exposure look smaller.
          part += Math.ceil(Math.abs(position) * mark * x.unitFactor);
          if (m[MARK_AT]! + maxAge < until) until = m[MARK_AT]! + maxAge;
        } else if (unmarked++ === 0) this.unmarked = x;
      }
      m[PART] = part;
      sum += part;
    }
    held[HELD_VERSION] = version;
    // With a position unmarked: sum again on the next order (its mark may be back). No position: no mark
    // to age. (Two stores, not one conditional expression: TurboFan boxed the mixed result on the heap.)
    if (unmarked > 0) held[HELD_UNTIL] = -Infinity;
    else held[HELD_UNTIL] = until;
    held[HELD_SUM] = sum;
    held[HELD_UNMARKED] = unmarked;
  }

  /**
   * An option's part of its currency's held exposure: (|position| + working lots) × its delta-adjusted
   * notional per lot, the latter cached in [MARK] like a price mark; NaN when the source has no Greeks.
   */
  private optionPart(x: InstrumentRisk, position: number, marksExpired: boolean, now: number, maxAge: number): number {
    const m = x.mark;
    const lots = Math.abs(position) + m[WORKING]!;
    if (lots === 0) return 0;
    if (marksExpired || !(now - m[MARK_AT]! < maxAge)) {
      const perLot = this.readGreeks(x, this.otherGreeks) ? notionalPerLot(x, this.otherGreeks) : NaN;
      m[MARK] = perLot;
      m[MARK_AT] = perLot === perLot ? now : -Infinity;
    }
    return Math.ceil(lots * m[MARK]!);
  }

  /** The source's Greeks for `x` into `into`; false when it has none or they are not finite numbers. */
  private readGreeks(x: InstrumentRisk, into: OptionGreeksReading): boolean {
    if (!this.optionGreeks.read(x.ref, into)) return false;
    return Number.isFinite(into.delta) && Number.isFinite(into.vega) && Number.isFinite(into.underlyingPrice) && into.multiplier > 0 && Number.isFinite(into.multiplier);
  }

  /**
   * The option checks of one order: gross exposure with options at their delta-adjusted notional, and the
   * underlying's portfolio delta and vega with the order's effect added. Positions count, working orders
   * count for exposure only (as for every instrument); an order that brings a Greek back towards zero is
   * never refused (the way out stays open).
   */
  private optionChecks(
    e: InstrumentRisk,
    w: InstrumentExposure,
    buy: boolean,
    adds: number,
    replacing: TrackedOrder | undefined,
    exposureLimited: boolean,
  ): RiskCode {
    const d = this.detail;
    const g = this.greeks;
    if (!this.readGreeks(e, g)) {
      d.other = e;
      return RiskCode.NO_OPTION_GREEKS;
    }
    if (exposureLimited) {
      const currency = e.currency;
      const held = currency.held;
      if (held[HELD_UNMARKED] !== 0) {
        d.other = this.unmarked;
        return RiskCode.NO_MARK_FOR_EXPOSURE;
      }
      const perLot = notionalPerLot(e, g);
      let working = w.buyQty + w.sellQty;
      if (replacing !== undefined) working -= replacing.qty - replacing.filledQty;
      // This instrument's part live, in place of the cached one.
      const total = held[HELD_SUM]! - e.mark[PART]! + Math.ceil((Math.abs(w.position) + working) * perLot);
      const mine = Math.ceil(adds * perLot);
      if (total + mine > currency.maxGrossExposure) {
        d.a = total;
        d.b = mine;
        return RiskCode.MAX_GROSS_EXPOSURE;
      }
    }
    const limits = this.compiled.options.for(g.underlying);
    if (limits.maxDelta === Infinity && limits.maxVega === Infinity) return RiskCode.PASS;
    const ctx = this.context;
    const other = this.otherGreeks;
    const group = e.optionGroup;
    let delta = 0;
    let vega = 0;
    for (let i = 0; i < group.length; i++) {
      const x = group[i]!;
      const position = ctx.exposure(x.ref).position;
      if (position === 0) continue;
      if (!this.readGreeks(x, other)) {
        d.other = x;
        return RiskCode.NO_OPTION_GREEKS;
      }
      if (other.underlying !== g.underlying) continue;
      const units = position * x.qtyPerLot * other.multiplier;
      delta += units * other.delta;
      vega += units * other.vega;
    }
    const units = (buy ? adds : -adds) * e.qtyPerLot * g.multiplier;
    d.underlying = g.underlying;
    const deltaAfter = delta + units * g.delta;
    if (Math.abs(deltaAfter) > limits.maxDelta && Math.abs(deltaAfter) > Math.abs(delta)) {
      d.a = delta;
      d.b = units * g.delta;
      d.c = limits.maxDelta;
      return RiskCode.MAX_OPTION_DELTA;
    }
    const vegaAfter = vega + units * g.vega;
    if (Math.abs(vegaAfter) > limits.maxVega && Math.abs(vegaAfter) > Math.abs(vega)) {
      d.a = vega;
      d.b = units * g.vega;
      d.c = limits.maxVega;
      return RiskCode.MAX_OPTION_VEGA;
    }
    return RiskCode.PASS;
  }

  private collarCode(price: number, ref: number, stop: boolean): RiskCode {
    const d = this.detail;
    d.a = price;
    d.b = ref;
    d.stop = stop;
    return RiskCode.PRICE_COLLAR;
  }

  private breakerCode(b: CircuitBreaker): RiskCode {
    this.detail.breaker = b;
    return b.state === 'OPEN' ? RiskCode.BREAKER_OPEN : RiskCode.BREAKER_PROBING;
  }
}

/** |delta| × underlying price × underlying units per lot, at the currency's common scale (rounded up there). */
function notionalPerLot(x: InstrumentRisk, g: OptionGreeksReading): number {
  return Math.abs(g.delta) * g.underlyingPrice * x.qtyPerLot * g.multiplier * 10 ** x.currency.decimals;
}
