import type { BridgeError, CallInput, Instrument, Product, Side } from '../../contract/api';
import { formatPrice, formatQty, notional } from '../../contract/format';
import { freezeNote, hasProducts, productChoices } from './brokerTerms';
import { parseExpiry } from './expiry';
import { optionalPriceField, type Parsed, priceField, qtyField } from './fields';
import { priceText, quoteText } from './numbers';

/**
 * The order ticket's rules, kept out of React: what each mode and type needs, what the trader typed
 * wrong (said per field, before anything is sent), and the exact request the engine gets.
 */

export type TicketMode = 'single' | 'bracket' | 'oco';
export type OrderKind = 'limit' | 'market' | 'stop_market' | 'stop_limit';
export type Tif = 'GTC' | 'IOC' | 'FOK' | 'GTD' | 'DAY';

export interface TicketFields {
  mode: TicketMode;
  /** Single: the order type. Bracket: the entry's type (limit or market). OCO: not used. */
  type: OrderKind;
  /** Single limit / stop-limit price, a bracket's limit entry, an OCO's limit leg. */
  price: string;
  /** Single stop order's trigger, an OCO's stop leg. */
  stopPrice: string;
  /** OCO only, optional: makes the stop leg a stop-limit. */
  stopLimitPrice: string;
  /** Bracket only. */
  takeProfit: string;
  stopLoss: string;
  /** Bracket only, optional: makes the stop-loss a stop-limit. */
  stopLossLimit: string;
  qty: string;
  tif: Tif;
  /** GTD only: a datetime-local value (the trader's local time). */
  expires: string;
  postOnly: boolean;
  reduceOnly: boolean;
  /** Kite: the order's product ('' until one applies); ignored on venues without products. */
  product: Product | '';
  /** Kite: send as an after-market order (AMO), queued for the next session. */
  afterMarket: boolean;
  /** Kite: an order above the freeze quantity goes as several orders (the trader's explicit choice; off by default). */
  autoSlice: boolean;
}

/** Where an error is shown: under that field, or ("form") above the buttons. */
export type TicketField =
  | 'price'
  | 'stopPrice'
  | 'stopLimitPrice'
  | 'takeProfit'
  | 'stopLoss'
  | 'stopLossLimit'
  | 'qty'
  | 'tif'
  | 'expires'
  | 'postOnly'
  | 'product'
  | 'form';

export type TicketErrors = Partial<Record<TicketField, string>>;

/** What the checks need beyond the fields: the touch (prices market orders and brackets) and the engine's time (GTD). */
export interface TicketContext {
  touch: { bid?: number; ask?: number };
  now: number;
}

export type SubmitInput = CallInput<'orders.submit'>;
export type BracketInput = CallInput<'orders.submitBracket'>;
export type OcoInput = CallInput<'orders.submitOco'>;

export type TicketRequest =
  | { call: 'orders.submit'; input: SubmitInput }
  /** The same order above the freeze quantity, sliced by the engine into orders of at most that size. */
  | { call: 'orders.submitSliced'; input: SubmitInput }
  | { call: 'orders.submitBracket'; input: BracketInput }
  | { call: 'orders.submitOco'; input: OcoInput };

export interface TicketCheck {
  errors: TicketErrors;
  /** Order value in QuoteUnits at the price it would trade (limit, stop, or the touch); absent if unknown. */
  notional?: number;
  /** Present only when there is no error: exactly what is sent. */
  request?: TicketRequest;
}

export const hasLimitPrice = (type: OrderKind): boolean => type === 'limit' || type === 'stop_limit';
export const isStop = (type: OrderKind): boolean => type === 'stop_market' || type === 'stop_limit';

/**
 * The times in force the engine accepts for what is on the ticket: a market order cannot rest (IOC or
 * FOK), brackets and OCO groups live until canceled or the session ends. Kite (an instrument with
 * products) has no GTC and no FOK: a day order, IOC, or GTD sent as Kite's TTL validity.
 */
export function tifChoices(mode: TicketMode, type: OrderKind, inst?: Instrument): readonly Tif[] {
  if (inst !== undefined && hasProducts(inst)) return type === 'market' ? ['IOC'] : ['DAY', 'IOC', 'GTD'];
  if (mode !== 'single') return ['GTC', 'DAY'];
  if (type === 'market') return ['IOC', 'FOK'];
  return ['GTC', 'IOC', 'FOK', 'GTD', 'DAY'];
}

const defaultTif = (mode: TicketMode, type: OrderKind, inst?: Instrument): Tif =>
  inst !== undefined && hasProducts(inst) ? tifChoices(mode, type, inst)[0]! : mode === 'single' && type === 'market' ? 'IOC' : 'GTC';

/**
 * The changes that come with a new mode or type: a time in force that no longer applies falls back to
 * the default, and so does one carried over from a market order (an IOC limit would never rest, which
 * is not what choosing Limit after Market means); post-only goes when the order is no longer a limit.
 */
export function retarget(
  fields: Pick<TicketFields, 'mode' | 'type' | 'tif' | 'postOnly'>,
  next: { mode?: TicketMode; type?: OrderKind },
  inst?: Instrument,
): Pick<TicketFields, 'mode' | 'type' | 'tif' | 'postOnly'> {
  const mode = next.mode ?? fields.mode;
  let type = next.type ?? fields.type;
  if (mode === 'bracket' && type !== 'limit' && type !== 'market') type = 'limit';
  const leftMarket = fields.type === 'market' && type !== 'market';
  const tif = !leftMarket && tifChoices(mode, type, inst).includes(fields.tif) ? fields.tif : defaultTif(mode, type, inst);
  const postOnly = mode === 'single' && type === 'limit' ? fields.postOnly : false;
  return { mode, type, tif, postOnly };
}

/** Whether the ticket shows a limit price (and so whether it is prefilled from the touch). */
export function usesPrice(fields: Pick<TicketFields, 'mode' | 'type'>): boolean {
  if (fields.mode === 'oco') return true;
  if (fields.mode === 'bracket') return fields.type === 'limit';
  return hasLimitPrice(fields.type);
}

const typeWords: Record<OrderKind, string> = { limit: 'limit', market: 'market', stop_market: 'stop', stop_limit: 'stop-limit' };

/** Collects per-field results: the first error for a field is the one shown. */
class Checker {
  readonly errors: TicketErrors = {};
  constructor(private readonly inst: Instrument) {}

  fail(field: TicketField, error: string): void {
    this.errors[field] ??= error;
  }
  price(field: TicketField, text: string): number | undefined {
    return this.take(field, priceField(this.inst, text));
  }
  optionalPrice(field: TicketField, text: string): number | undefined {
    const p = optionalPriceField(this.inst, text);
    return p === undefined ? undefined : this.take(field, p);
  }
  qty(text: string): number | undefined {
    return this.take('qty', qtyField(this.inst, text));
  }
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
  private take(field: TicketField, p: Parsed): number | undefined {
    if (p.ok) return p.value;
    this.fail(field, p.error);
    return undefined;
  }
}

/**
 * Checks the ticket the way the engine will, before anything is sent, and builds the request when
 * nothing is wrong. A field that would be refused gets its reason; an order worth less than the venue
 * minimum is refused on the quantity; a bracket's or OCO's prices that sit on the wrong side of the
 * market (a take-profit that would be a loss, a limit leg that would trade at once) are refused on
 * that price. `side` is the button pressed: a buy and a sell bracket have opposite rules.
 */
export function checkTicket(inst: Instrument, side: Side, fields: TicketFields, ctx: TicketContext): TicketCheck {
  if (fields.mode !== 'single' && hasProducts(inst)) {
    // The OMS arms a group's other orders itself, and they carry no product: Kite would refuse them.
    return { errors: { form: `${fields.mode === 'bracket' ? 'Bracket' : 'OCO'} orders are not available for ${inst.venue}: use single orders` } };
  }
  if (fields.mode === 'bracket') return checkBracket(inst, side, fields, ctx);
  if (fields.mode === 'oco') return checkOco(inst, side, fields, ctx);
  return checkSingle(inst, side, fields, ctx);
}

/** A group's time in force, once checkTif has refused anything but GTC and DAY. */
const groupTif = (tif: Tif): 'GTC' | 'DAY' => (tif === 'DAY' ? 'DAY' : 'GTC');

/** The side of the touch an order of `side` trades against: a buy lifts the ask, a sell hits the bid. */
const touchFor = (side: Side, touch: TicketContext['touch']): number | undefined => (side === 'buy' ? touch.ask : touch.bid);

function checkMinimum(c: Checker, inst: Instrument, ticks: number | undefined, lots: number | undefined): number | undefined {
  if (ticks === undefined || lots === undefined) return undefined;
  const value = notional(inst, ticks, lots);
  if (value < inst.minNotional) {
    c.fail('qty', `order value ${quoteText(inst, value)} ${inst.quote} is below the minimum ${quoteText(inst, inst.minNotional)} ${inst.quote}`);
  }
  return value;
}

function checkTif(c: Checker, fields: TicketFields, ctx: TicketContext, what: string, inst?: Instrument): { tif: Tif; expireAt?: number } {
  const choices = tifChoices(fields.mode, fields.type, inst);
  if (!choices.includes(fields.tif)) c.fail('tif', `${fields.tif} is not available for ${what}: choose ${choices.join(', ')}`);
  if (fields.tif !== 'GTD') return { tif: fields.tif };
  const e = parseExpiry(fields.expires, ctx.now);
  if (!e.ok) {
    c.fail('expires', e.error);
    return { tif: fields.tif };
  }
  return { tif: fields.tif, expireAt: e.ms };
}

function checkSingle(inst: Instrument, side: Side, fields: TicketFields, ctx: TicketContext): TicketCheck {
  const c = new Checker(inst);
  const { type } = fields;
  const lots = c.qty(fields.qty);
  const price = hasLimitPrice(type) ? c.price('price', fields.price) : undefined;
  const stop = isStop(type) ? c.price('stopPrice', fields.stopPrice) : undefined;
  const tif = checkTif(c, fields, ctx, `a ${typeWords[type]} order`, inst);
  const products = productChoices(inst);
  if (products.length > 0 && !products.includes(fields.product as Product)) c.fail('product', `choose ${products.join(' or ')}`);
  const flagsApply = !hasProducts(inst);
  if (fields.postOnly && type !== 'limit') c.fail('postOnly', 'only a limit order can be post-only');
  if (fields.postOnly && (fields.tif === 'IOC' || fields.tif === 'FOK')) c.fail('postOnly', `a post-only order cannot be ${fields.tif}: it would never rest`);
  // A stop-market trades about its stop price once triggered; a market order at the touch.
  const freeze = lots === undefined ? undefined : freezeNote(inst, lots, fields.autoSlice);
  if (freeze?.refusal !== undefined) c.fail('qty', freeze.refusal);
  const valueAt = price ?? stop ?? (type === 'market' ? touchFor(side, ctx.touch) : undefined);
  const value = checkMinimum(c, inst, valueAt, lots);
  const check: TicketCheck = { errors: c.errors };
  if (value !== undefined) check.notional = value;
  if (!c.ok || lots === undefined) return check;

  const input: SubmitInput = { venue: inst.venue, symbol: inst.symbol, side, type, qty: formatQty(inst, lots), tif: tif.tif, source: 'ticket' };
  if (price !== undefined) input.price = formatPrice(inst, price);
  if (stop !== undefined) input.stopPrice = formatPrice(inst, stop);
  if (tif.expireAt !== undefined) input.expireAt = tif.expireAt;
  if (fields.postOnly && flagsApply) input.postOnly = true;
  if (fields.reduceOnly && flagsApply) input.reduceOnly = true;
  if (products.length > 0) input.product = fields.product as Product;
  if (fields.afterMarket && !flagsApply) input.afterMarket = true;
  check.request = { call: freeze === undefined ? 'orders.submit' : 'orders.submitSliced', input };
  return check;
}

/**
 * Where the reference sits for a bracket's exits: the entry's limit price, or for a market entry the
 * touch it would trade at. A buy's take-profit must be above it and its stop-loss below; a sell's the
 * reverse. The stop-loss limit (optional) must not be beyond the stop on the wrong side, or the
 * stop-loss may never fill when it triggers.
 */
function checkBracket(inst: Instrument, side: Side, fields: TicketFields, ctx: TicketContext): TicketCheck {
  const c = new Checker(inst);
  const lots = c.qty(fields.qty);
  const entryType = fields.type;
  if (entryType !== 'limit' && entryType !== 'market') c.fail('form', 'a bracket entry is a limit or a market order');
  const entryPrice = entryType === 'limit' ? c.price('price', fields.price) : undefined;
  const tp = c.price('takeProfit', fields.takeProfit);
  const sl = c.price('stopLoss', fields.stopLoss);
  const sll = c.optionalPrice('stopLossLimit', fields.stopLossLimit);
  const tif = checkTif(c, fields, ctx, 'a bracket');

  const ref = entryType === 'market' ? touchFor(side, ctx.touch) : entryPrice;
  if (entryType === 'market' && ref === undefined) c.fail('form', 'no market price yet to check the take-profit and stop-loss against');
  if (ref !== undefined) {
    const refName = entryType === 'market' ? `the market (${side === 'buy' ? 'ask' : 'bid'} ${priceText(inst, ref)})` : `the entry ${priceText(inst, ref)}`;
    const up = side === 'buy';
    if (tp !== undefined && (up ? tp <= ref : tp >= ref)) c.fail('takeProfit', `must be ${up ? 'above' : 'below'} ${refName}`);
    if (sl !== undefined && (up ? sl >= ref : sl <= ref)) c.fail('stopLoss', `must be ${up ? 'below' : 'above'} ${refName}`);
  }
  if (sl !== undefined && sll !== undefined) {
    // The stop-loss is on the other side: a buy bracket's is a sell stop, whose limit belongs at or below it.
    const exitSells = side === 'buy';
    if (exitSells ? sll > sl : sll < sl) {
      c.fail('stopLossLimit', `must be at or ${exitSells ? 'below' : 'above'} the stop loss ${priceText(inst, sl)}, or the stop may never fill`);
    }
  }
  const value = checkMinimum(c, inst, ref, lots);
  const check: TicketCheck = { errors: c.errors };
  if (value !== undefined) check.notional = value;
  if (!c.ok || lots === undefined || tp === undefined || sl === undefined || (entryType !== 'limit' && entryType !== 'market')) return check;

  const input: BracketInput = {
    venue: inst.venue,
    symbol: inst.symbol,
    side,
    qty: formatQty(inst, lots),
    entryType,
    tif: groupTif(tif.tif),
    takeProfitPrice: formatPrice(inst, tp),
    stopLossPrice: formatPrice(inst, sl),
    source: 'ticket',
  };
  if (entryPrice !== undefined) input.entryPrice = formatPrice(inst, entryPrice);
  if (sll !== undefined) input.stopLossLimitPrice = formatPrice(inst, sll);
  check.request = { call: 'orders.submitBracket', input };
  return check;
}

/**
 * An OCO waits on both sides of the market: a buy's limit leg below it (else it trades at once) and its
 * stop leg above it (else it triggers at once), a sell's the reverse; the market is the touch a buy
 * or sell would trade at. Each leg must be worth the venue minimum on its own.
 */
function checkOco(inst: Instrument, side: Side, fields: TicketFields, ctx: TicketContext): TicketCheck {
  const c = new Checker(inst);
  const lots = c.qty(fields.qty);
  const limit = c.price('price', fields.price);
  const stop = c.price('stopPrice', fields.stopPrice);
  const stopLimit = c.optionalPrice('stopLimitPrice', fields.stopLimitPrice);
  const tif = checkTif(c, fields, ctx, 'an OCO');

  const buy = side === 'buy';
  const market = touchFor(side, ctx.touch);
  if (market === undefined) {
    c.fail('form', 'no market price yet to check the legs against');
  } else {
    const at = `the market (${buy ? 'ask' : 'bid'} ${priceText(inst, market)})`;
    if (limit !== undefined && (buy ? limit >= market : limit <= market)) c.fail('price', `a ${side} limit leg must be ${buy ? 'below' : 'above'} ${at}`);
    if (stop !== undefined && (buy ? stop <= market : stop >= market)) c.fail('stopPrice', `a ${side} stop leg must be ${buy ? 'above' : 'below'} ${at}`);
  }
  if (stop !== undefined && stopLimit !== undefined && (buy ? stopLimit < stop : stopLimit > stop)) {
    c.fail('stopLimitPrice', `must be at or ${buy ? 'above' : 'below'} the stop ${priceText(inst, stop)}, or the stop may never fill`);
  }
  const limitValue = checkMinimum(c, inst, limit, lots);
  checkMinimum(c, inst, stopLimit ?? stop, lots);
  const check: TicketCheck = { errors: c.errors };
  if (limitValue !== undefined) check.notional = limitValue;
  if (!c.ok || lots === undefined || limit === undefined || stop === undefined) return check;

  const input: OcoInput = {
    venue: inst.venue,
    symbol: inst.symbol,
    side,
    qty: formatQty(inst, lots),
    limitPrice: formatPrice(inst, limit),
    stopPrice: formatPrice(inst, stop),
    tif: groupTif(tif.tif),
    source: 'ticket',
  };
  if (stopLimit !== undefined) input.stopLimitPrice = formatPrice(inst, stopLimit);
  check.request = { call: 'orders.submitOco', input };
  return check;
}

/**
 * Why an order did not go through, worded for what the trader should do next: not sent (safe to
 * retry), outcome unknown (sent, no answer: check before resending), or refused by the engine.
 */
export function failureText(error: BridgeError): string {
  if (error.code === 'disconnected') return `Not sent: ${error.message}`;
  if (error.code === 'connection_lost' || error.code === 'timeout') {
    return `Outcome unknown: ${error.message}. Check Open orders before sending again.`;
  }
  return `Rejected: ${error.message}`;
}
