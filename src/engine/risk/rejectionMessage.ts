import { opposite, type OrderRequest } from '../core';
import type { CompiledLimits, InstrumentRisk } from './compiledLimits';
import type { DailyLossStatus } from './dailyLoss';
import { KILL_SWITCH_REASON } from './killSwitch';
import { describeAmount, describePpm, describePrice, describeQty, describeQuote } from './limits';
import type { RejectionDetail } from './preTrade';
import { RiskCode } from './riskCodes';

/** What a message may need beyond the detail of the check. */
export interface MessageContext {
  compiled: CompiledLimits;
  dailyLoss: (currency: string) => DailyLossStatus | undefined;
}

/**
 * The sentence a trader reads for a rejection: which amount, which limit, on which instrument or
 * venue, in the instrument's decimals. Built only when an order is refused.
 */
export function rejectionMessage(code: RiskCode, d: RejectionDetail, now: number, req: OrderRequest, mc: MessageContext): string {
  const e = d.entry;
  const key = `${req.venue}:${req.symbol}`;
  switch (code) {
    case RiskCode.KILL_SWITCH:
      return KILL_SWITCH_REASON;
    case RiskCode.UNKNOWN_INSTRUMENT:
      return `unknown instrument ${key}`;
    case RiskCode.INVALID_QTY:
      return `quantity must be a positive whole number of lots for ${key}`;
    case RiskCode.UNKNOWN_ORDER_TYPE:
      return `unknown order type ${JSON.stringify(req.type)} for ${key}`;
    case RiskCode.MISSING_PRICE:
      return `${article(req.type)} order needs a price for ${key}`;
    case RiskCode.INVALID_PRICE:
      return `price must be a positive whole number of ticks for ${key}`;
    case RiskCode.UNEXPECTED_PRICE:
      return `${article(req.type)} order takes no limit price for ${key}`;
    case RiskCode.MISSING_STOP_PRICE:
      return `${article(req.type)} order needs a stop price for ${key}`;
    case RiskCode.INVALID_STOP_PRICE:
      return `stop price must be a positive whole number of ticks for ${key}`;
    case RiskCode.UNEXPECTED_STOP_PRICE:
      return `${article(req.type)} order takes no stop price for ${key}`;
    case RiskCode.BREAKER_OPEN:
    case RiskCode.BREAKER_PROBING:
      return breakerMessage(d, now);
    case RiskCode.NO_REFERENCE_PRICE:
      return `no reference price for a ${typeName(req.type)} ${req.side} on ${key}`;
  }
  if (!e) return `order refused on ${key} (${code})`;
  const inst = e.inst;
  const currency = e.currency;
  switch (code) {
    case RiskCode.DAILY_LOSS: {
      const s = mc.dailyLoss(currency.currency);
      const amount = (units: number | undefined): string => describeAmount(units ?? 0, currency.decimals, currency.currency);
      const since = s ? ` since ${new Date(s.dayStart).toISOString()}` : '';
      return `daily loss ${amount(s?.loss)}${since} is above the max daily loss ${amount(currency.maxDailyLoss)}; no new ${currency.currency} orders until the next daily reset`;
    }
    case RiskCode.MAX_ORDER_QTY:
      return `quantity ${describeQty(inst, req.qty)} exceeds the max order quantity ${describeQty(inst, e.maxOrderQty)} for ${key}`;
    case RiskCode.MIN_NOTIONAL:
      return `notional ${describeQuote(inst, d.a)} is below the minimum notional ${describeQuote(inst, inst.minNotional)} for ${key}`;
    case RiskCode.MAX_ORDER_NOTIONAL:
      return `notional ${describeQuote(inst, d.a)} exceeds the max order notional ${describeQuote(inst, e.maxOrderNotional)} for ${key}`;
    case RiskCode.NO_COLLAR_REFERENCE:
      return `no ${referenceName(e)} price on ${key} to check the ${describePpm(e.collarPpm)} price collar against`;
    case RiskCode.PRICE_COLLAR: {
      const ppm = Math.ceil((Math.abs(2 * d.a - 2 * d.b) * 1_000_000) / (2 * d.b));
      const way = d.a > d.b ? 'above' : 'below';
      return (
        `${d.stop ? 'stop price' : 'price'} ${describePrice(inst, d.a)} is ${describePpm(ppm)} ${way} the ${referenceName(e)} ${describePrice(inst, d.b)}, ` +
        `outside the ${describePpm(e.collarPpm)} price collar for ${key}`
      );
    }
    case RiskCode.MAX_LONG_POSITION:
      return (
        `long position could reach ${describeQty(inst, d.a)} (position ${describeQty(inst, d.b)} + working buys ` +
        `${describeQty(inst, d.c)} + this order ${describeQty(inst, d.d)}), above the max long position ` +
        `${describeQty(inst, e.maxLongPosition)} for ${key}`
      );
    case RiskCode.MAX_SHORT_POSITION:
      return (
        `short position could reach ${describeQty(inst, d.a)} (short now ${describeQty(inst, -d.b)} + working sells ` +
        `${describeQty(inst, d.c)} + this order ${describeQty(inst, d.d)}), above the max short position ` +
        `${describeQty(inst, e.maxShortPosition)} for ${key}`
      );
    case RiskCode.MAX_OPEN_ORDERS_INSTRUMENT:
      return `open orders on ${key} would be ${d.a}, above the max ${e.maxOpenOrders}`;
    case RiskCode.MAX_OPEN_ORDERS_VENUE:
      return `open orders on venue ${req.venue} would be ${d.a}, above the max ${e.venueRisk.maxOpenOrders}`;
    case RiskCode.MAX_OPEN_ORDERS_ACCOUNT:
      return `open orders across all venues would be ${d.a}, above the max ${mc.compiled.account.maxOpenOrders}`;
    case RiskCode.SELF_TRADE: {
      const other = opposite(req.side);
      const own = `our own working ${other} order ${d.id} at ${describePrice(inst, d.a)} on ${key}`;
      const what = req.type === 'limit' ? req.side : `${typeName(req.type)} ${req.side}`;
      return d.b !== d.b
        ? `${what} would trade against ${own} (self-trade prevention)`
        : `${what} at ${describePrice(inst, d.b)} would cross ${own} (self-trade prevention)`;
    }
    case RiskCode.DUPLICATE_ORDER: {
      const at = req.price !== undefined ? ` at ${describePrice(inst, req.price)}` : req.type === 'market' ? ' at market' : '';
      const stop = req.stopPrice === undefined ? '' : ` with stop ${describePrice(inst, req.stopPrice)}`;
      const what = req.type === 'limit' || req.type === 'market' ? req.side : `${typeName(req.type)} ${req.side}`;
      return (
        `duplicate: the same ${what} ${describeQty(inst, req.qty)}${at}${stop} on ${key} was sent ${d.a} ms ago; ` +
        `repeats within ${e.duplicateWindowMs} ms are refused`
      );
    }
    case RiskCode.NO_MARK_FOR_EXPOSURE:
      if (d.other?.isOption === true) {
        return `cannot value the ${d.other.key} option position for the ${currency.currency} gross exposure limit: no Greeks (delta-adjusted notional) for it`;
      }
      return `cannot value the ${d.other?.key ?? '?'} position for the ${currency.currency} gross exposure limit: no mid or last price`;
    case RiskCode.NO_OPTION_GREEKS: {
      const which = d.other === undefined || d.other === e ? key : `${d.other.key}, held on the same underlying`;
      return `no option Greeks for ${which} (no underlying price or implied volatility yet): option orders on ${key} are refused until they are known, because a limit needs them`;
    }
    case RiskCode.MAX_OPTION_DELTA:
      return (
        `portfolio delta on ${d.underlying} would be ${greek(d.a + d.b)} (now ${greek(d.a)} + this order ${greek(d.b)}), ` +
        `above the max delta ${greek(d.c)} (units of the underlying) for ${d.underlying}; order on ${key}`
      );
    case RiskCode.MAX_OPTION_VEGA:
      return (
        `portfolio vega on ${d.underlying} would be ${greek(d.a + d.b)} ${inst.quote} (now ${greek(d.a)} + this order ${greek(d.b)}), ` +
        `above the max vega ${greek(d.c)} ${inst.quote} per vol point for ${d.underlying}; order on ${key}`
      );
    case RiskCode.MAX_GROSS_EXPOSURE: {
      const amount = (units: number): string => describeAmount(units, currency.decimals, currency.currency);
      return (
        `gross exposure would be ${amount(d.a + d.b)} (positions and working orders ${amount(d.a)} + this order ` +
        `${amount(d.b)}), above the max gross exposure ${amount(currency.maxGrossExposure)}`
      );
    }
    case RiskCode.ORDER_RATE_VENUE:
    case RiskCode.ORDER_RATE_ACCOUNT: {
      const bucket = d.flow?.bucket;
      const where = code === RiskCode.ORDER_RATE_VENUE ? `on venue ${req.venue}` : 'across all venues';
      if (!bucket) return `order rate ${where} is above its limit`;
      return (
        `order rate ${where} is above ${bucket.perSecond} orders/s (burst ${bucket.burst}); ` +
        `next order possible in ${bucket.msUntilToken()} ms`
      );
    }
  }
  return `order refused on ${key} (${code})`;
}

/** A Greek as a trader reads it: up to 4 decimals, no trailing zeros, a sign only when negative. */
const greek = (x: number): string => {
  const text = (Math.round(x * 10_000) / 10_000).toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
};

const referenceName = (e: InstrumentRisk): string => (e.collarFromLast ? 'last trade' : 'mid');

/** "stop-limit" for stop_limit: how a trader says the order type. */
const typeName = (type: string): string => type.replace('_', '-');
const article = (type: string): string => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${typeName(type)}`;

function breakerMessage(d: RejectionDetail, now: number): string {
  const b = d.breaker;
  if (!b) return 'circuit breaker open';
  if (b.state === 'OPEN') {
    const wait = b.stale && b.reopenAt <= now ? 'once market data is fresh again' : `in ${Math.max(0, b.reopenAt - now)} ms`;
    return `circuit breaker OPEN for ${b.label}: ${b.reason}; a probe order is allowed ${wait}`;
  }
  // HALF_OPEN with the probe not yet sent refuses only amends: the probe must be a new order.
  if (!b.probeOut) return `circuit breaker HALF_OPEN for ${b.label}: ${b.reason}; an amend waits until a probe order has closed it`;
  const id = b.probeId === undefined ? '' : ` ${b.probeId}`;
  return `circuit breaker HALF_OPEN for ${b.label}: waiting for the answer to the probe order${id} sent ${now - b.probeSentAt} ms ago`;
}
