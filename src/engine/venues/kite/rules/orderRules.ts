import { formatScaled, hasLimitPrice, isStopType, type Lots, type Ticks } from '../../../core';
import { displayNameOf, parsePrice, parseQty, type Instrument } from '../../../instruments';
import type { VenueOrderRequest } from '../../types';
import type { MarketCalendar } from './calendar';
import type { FreezeLimits } from './freezeLimits';
import { istTime } from './ist';
import { checkProtection, marketProtectionParam, type MarketProtection } from './marketProtection';
import { DERIVATIVE_EXCHANGES, EQUITY_EXCHANGES, KNOWN_EXCHANGES } from './sessions';
import { sliceLots } from './slicing';

/**
 * Kite's order rules, checked before an order is sent, so that the trader reads the reason at once
 * instead of after a round trip (Kite checks them too; passing here does not promise acceptance).
 * Pure: everything comes in as arguments, time as `now` from the injected clock.
 *
 * Texts: where Kite has its own words we use them ("Markets are closed right now. Use GTT for placing
 * long standing orders instead.", "Market orders without market protection are not allowed via API.
 * Please set market protection or use a Limit order."); the rest are ours, in the same plain style.
 */
export interface KiteRuleContext {
  calendar: MarketCalendar;
  freezeLimits: FreezeLimits;
  /** ms since epoch, from the injected Clock. */
  now: number;
  /** The trader's band for MARKET and SL-M orders; absent = none set (Kite then refuses them). */
  marketProtection?: MarketProtection;
  /** Split an order above the freeze quantity into freeze-size children instead of refusing it. */
  autoSlice: boolean;
}

export type KiteRule = 'instrument' | 'product' | 'orderType' | 'price' | 'validity' | 'quantity' | 'freeze' | 'hours';

export type KiteValidity = { validity: 'DAY' } | { validity: 'IOC' } | { validity: 'TTL'; minutes: number };

export type KiteOrderCheck =
  | {
      ok: true;
      variety: 'regular' | 'amo';
      validity: KiteValidity;
      /** The child quantities to send; one element unless the order was auto-sliced. */
      slices: Lots[];
      /** Kite's `market_protection` parameter, for MARKET and SL-M orders. */
      marketProtection?: string;
    }
  | {
      ok: false;
      rule: KiteRule;
      reason: string;
      /** The market is shut but Kite would take this order as an AMO now: the ticket can offer that. */
      amoAvailable?: boolean;
    };

export const MARKETS_CLOSED = 'Markets are closed right now. Use GTT for placing long standing orders instead.';
export const NO_PROTECTION = 'Market orders without market protection are not allowed via API. Please set market protection or use a Limit order.';
export const NO_GTC = 'Kite has no GTC orders; use a GTT.';

/**
 * Underlyings of index derivatives (NSE and BSE). Kite's dump files index and stock options alike under
 * NFO-OPT/BFO-OPT; the difference matters because Kite disables market orders on stock options.
 */
export const INDEX_UNDERLYINGS: readonly string[] = ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'NIFTYNXT50', 'SENSEX', 'BANKEX', 'SENSEX50'];

export function checkKiteOrder(inst: Instrument, req: VenueOrderRequest, ctx: KiteRuleContext): KiteOrderCheck {
  const exchange = inst.exchange ?? '';
  const refuse = (rule: KiteRule, reason: string): KiteOrderCheck => ({ ok: false, rule, reason });

  // The instrument itself.
  if (!KNOWN_EXCHANGES.includes(exchange)) return refuse('instrument', `Kite orders on exchange "${exchange}" are not supported here.`);
  if (inst.segment === 'INDICES') return refuse('instrument', `${displayNameOf(inst)} is an index: it cannot be traded.`);
  if (inst.contract && inst.contract.expiry <= ctx.now) return refuse('instrument', `${displayNameOf(inst)} has expired.`);

  // Product: CNC is delivery (equity only), NRML carries derivatives overnight, MIS is intraday on both.
  const product = req.product;
  if (!product) return refuse('product', 'Kite needs a product: CNC, MIS or NRML.');
  const isEquity = EQUITY_EXCHANGES.includes(exchange) && !inst.contract;
  if (product === 'CNC' && !isEquity) return refuse('product', 'CNC is for delivery of equity only; use NRML or MIS for F&O, currency and commodity.');
  if (product === 'NRML' && !DERIVATIVE_EXCHANGES.includes(exchange)) return refuse('product', 'NRML is for F&O, currency and commodity only; use CNC or MIS for equity.');

  // Order type and prices.
  if (req.postOnly) return refuse('orderType', 'Kite has no post-only orders.');
  if (req.reduceOnly) return refuse('orderType', 'Kite has no reduce-only orders.');
  const isMarket = req.type === 'market' || req.type === 'stop_market';
  const isStockOption = (inst.contract?.kind === 'call' || inst.contract?.kind === 'put') && !INDEX_UNDERLYINGS.includes(inst.base);
  if (isMarket && isStockOption) return refuse('orderType', 'Market orders are disabled on stock options because they are illiquid; use a limit order.');
  let protection: string | undefined;
  if (isMarket) {
    if (!ctx.marketProtection) return refuse('orderType', NO_PROTECTION);
    const bad = checkProtection(ctx.marketProtection);
    if (bad) return refuse('orderType', bad);
    protection = marketProtectionParam(ctx.marketProtection);
  }
  if (hasLimitPrice(req.type) && !isPositiveTicks(req.price)) return refuse('price', 'A limit price above zero is required.');
  if (isStopType(req.type) && !isPositiveTicks(req.stopPrice)) return refuse('price', 'A trigger price above zero is required.');

  // Validity.
  const validity = validityOf(req, exchange, ctx);
  if ('reason' in validity) return refuse('validity', validity.reason);

  // Quantity, the freeze limit and slicing.
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return refuse('quantity', 'Quantity must be at least one lot.');
  let slices: Lots[] = [req.qty];
  const freezeLots = inst.freezeLots ?? ctx.freezeLimits.lotsFor(inst);
  if (freezeLots !== undefined && req.qty > freezeLots) {
    const units = (lots: number): string => formatScaled(lots * inst.lotSize, inst.qtyDecimals);
    if (!ctx.autoSlice) {
      return refuse(
        'freeze',
        `Quantity ${units(req.qty)} is above the exchange's freeze limit of ${units(freezeLots)} (${freezeLots} lots) per order. Turn on auto-slice or place smaller orders.`,
      );
    }
    const sliced = sliceLots(req.qty, freezeLots);
    if (!sliced.ok) return refuse('freeze', sliced.reason);
    slices = sliced.slices;
  }

  // Market hours: a regular order needs the session (or NSE/BSE's pre-open for plain orders); outside
  // it only an AMO, and only in Kite's AMO window.
  const phase = ctx.calendar.phase(exchange, ctx.now);
  const amoOpen = ctx.calendar.amoAccepted(exchange, ctx.now);
  const done = (variety: 'regular' | 'amo'): KiteOrderCheck => ({
    ok: true,
    variety,
    validity,
    slices,
    ...(protection !== undefined ? { marketProtection: protection } : {}),
  });
  if (req.afterMarket) {
    if (amoOpen) return done('amo');
    if (phase === 'open') return refuse('hours', 'The market is open: place a regular order, not an AMO.');
    return refuse('hours', `Kite does not take ${exchange} AMOs at this hour; ${nextOpenText(ctx, exchange)}.`);
  }
  if (phase === 'open') return done('regular');
  if (phase === 'preOpen' && (req.type === 'limit' || req.type === 'market') && validity.validity === 'DAY') return done('regular');
  return { ok: false, rule: 'hours', reason: MARKETS_CLOSED, amoAvailable: amoOpen };
}

function validityOf(req: VenueOrderRequest, exchange: string, ctx: KiteRuleContext): KiteValidity | { reason: string } {
  switch (req.tif) {
    case 'DAY':
      return { validity: 'DAY' };
    case 'IOC':
      // Zerodha: MCX does not support IOC orders in the algo segment (SEBI's retail-algo rules).
      return exchange === 'MCX' ? { reason: 'MCX does not support IOC orders placed through the API; use DAY.' } : { validity: 'IOC' };
    case 'GTC':
      return { reason: NO_GTC };
    case 'FOK':
      return { reason: 'Kite has no fill-or-kill orders; use IOC.' };
    case 'GTD': {
      if (req.expireAt === undefined) return { reason: 'A TTL order needs an expiry time.' };
      // Kite's TTL is whole minutes; rounding down keeps the order from living past the time asked for.
      const minutes = Math.floor((req.expireAt - ctx.now) / 60_000);
      if (minutes < 1) return { reason: 'The TTL expiry must be at least a minute away.' };
      return { validity: 'TTL', minutes };
    }
  }
}

const isPositiveTicks = (t: Ticks | undefined): boolean => t !== undefined && Number.isSafeInteger(t) && t > 0;

function nextOpenText(ctx: KiteRuleContext, exchange: string): string {
  const next = ctx.calendar.nextOpen(exchange, ctx.now);
  if (next === undefined) return 'no session is known in the next three weeks';
  const { date, minute } = istTime(next);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(Math.floor(minute % 60)).padStart(2, '0')}`;
  return `the market next opens ${date} ${hhmm} IST`;
}

/**
 * A price typed in rupees, checked against the instrument's tick, in the words the ticket and the
 * loopback server show: "Price 101.03 is not a multiple of the tick size 0.05."
 */
export function priceOnTick(inst: Instrument, rupees: string): { ok: true; ticks: Ticks } | { ok: false; reason: string } {
  const p = parsePrice(inst, rupees);
  if (p.ok) return { ok: true, ticks: p.value };
  const tick = formatScaled(inst.tickSize, inst.priceDecimals);
  return { ok: false, reason: p.reason.startsWith('not a multiple') ? `Price ${rupees} is not a multiple of the tick size ${tick}.` : `Price ${rupees}: ${p.reason}.` };
}

/** A quantity in units (shares, contracts) checked against the lot: "Quantity 80 is not a multiple of the lot size 75." */
export function quantityInLots(inst: Instrument, units: string): { ok: true; lots: Lots } | { ok: false; reason: string } {
  const q = parseQty(inst, units);
  if (q.ok) return { ok: true, lots: q.value };
  const lot = formatScaled(inst.lotSize, inst.qtyDecimals);
  return { ok: false, reason: q.reason.startsWith('not a multiple') ? `Quantity ${units} is not a multiple of the lot size ${lot}.` : `Quantity ${units}: ${q.reason}.` };
}
