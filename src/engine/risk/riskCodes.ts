import type { ErrorCode } from '../core';

/**
 * What a pre-trade check concluded, as a small integer: the hot path returns one of these and builds
 * no string; the sentence is made only for a rejection (describeRejection). 0 = the order may go.
 */
export const RiskCode = {
  PASS: 0,
  KILL_SWITCH: 1,
  UNKNOWN_INSTRUMENT: 2,
  INVALID_QTY: 3,
  MISSING_PRICE: 4,
  INVALID_PRICE: 5,
  DAILY_LOSS: 6,
  BREAKER_OPEN: 7,
  BREAKER_PROBING: 8,
  NO_REFERENCE_PRICE: 9,
  MAX_ORDER_QTY: 10,
  MIN_NOTIONAL: 11,
  MAX_ORDER_NOTIONAL: 12,
  NO_COLLAR_REFERENCE: 13,
  PRICE_COLLAR: 14,
  MAX_LONG_POSITION: 15,
  MAX_SHORT_POSITION: 16,
  MAX_OPEN_ORDERS_INSTRUMENT: 17,
  MAX_OPEN_ORDERS_VENUE: 18,
  MAX_OPEN_ORDERS_ACCOUNT: 19,
  SELF_TRADE: 20,
  DUPLICATE_ORDER: 21,
  NO_MARK_FOR_EXPOSURE: 22,
  MAX_GROSS_EXPOSURE: 23,
  ORDER_RATE_VENUE: 24,
  ORDER_RATE_ACCOUNT: 25,
  UNKNOWN_ORDER_TYPE: 26,
  /** A market or stop-market order with a limit price: which price would the trader expect? */
  UNEXPECTED_PRICE: 27,
  MISSING_STOP_PRICE: 28,
  INVALID_STOP_PRICE: 29,
  /** A stop price on an order that is not a stop order. */
  UNEXPECTED_STOP_PRICE: 30,
  /** An option order (or an option position a limit sums) with no Greeks from the source: fail closed. */
  NO_OPTION_GREEKS: 31,
  MAX_OPTION_DELTA: 32,
  MAX_OPTION_VEGA: 33,
} as const;
export type RiskCode = (typeof RiskCode)[keyof typeof RiskCode];

export const riskCodeName = (code: RiskCode): keyof typeof RiskCode =>
  (Object.keys(RiskCode) as (keyof typeof RiskCode)[]).find((k) => RiskCode[k] === code)!;

/** The engine-wide error code a rejection travels with. */
export function errorCodeOf(code: RiskCode): ErrorCode {
  switch (code) {
    case RiskCode.KILL_SWITCH:
      return 'KILL_SWITCH';
    case RiskCode.UNKNOWN_INSTRUMENT:
      return 'UNKNOWN_INSTRUMENT';
    case RiskCode.INVALID_QTY:
    case RiskCode.MISSING_PRICE:
    case RiskCode.INVALID_PRICE:
    case RiskCode.UNKNOWN_ORDER_TYPE:
    case RiskCode.UNEXPECTED_PRICE:
    case RiskCode.MISSING_STOP_PRICE:
    case RiskCode.INVALID_STOP_PRICE:
    case RiskCode.UNEXPECTED_STOP_PRICE:
      return 'INVALID_INPUT';
    default:
      return 'RISK_REJECTED';
  }
}
