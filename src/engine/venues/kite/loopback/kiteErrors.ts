/**
 * Kite Connect's error envelope and the errors the loopback venue answers with, in Kite's own words
 * and exception names (https://kite.trade/docs/connect/v3/exceptions/): TokenException with 403,
 * InputException / OrderException / MarginException / HoldingException with 400, NetworkException
 * with 429 for "Too many requests", GeneralException for an unknown route.
 */

export type KiteErrorType =
  | 'TokenException'
  | 'UserException'
  | 'OrderException'
  | 'InputException'
  | 'MarginException'
  | 'HoldingException'
  | 'NetworkException'
  | 'DataException'
  | 'GeneralException'
  | 'PermissionException';

export interface KiteError {
  readonly kiteError: true;
  readonly status: number;
  readonly errorType: KiteErrorType;
  readonly message: string;
}

export const kiteError = (status: number, errorType: KiteErrorType, message: string): KiteError => ({ kiteError: true, status, errorType, message });

export const isKiteError = (v: unknown): v is KiteError => typeof v === 'object' && v !== null && (v as KiteError).kiteError === true;

/** The body Kite writes for an error. */
export const errorBody = (e: KiteError) => ({ status: 'error', message: e.message, data: null, error_type: e.errorType });

const input = (message: string) => kiteError(400, 'InputException', message);

export const errors = {
  badToken: () => kiteError(403, 'TokenException', 'Incorrect `api_key` or `access_token`.'),
  sessionExpired: () => kiteError(403, 'TokenException', 'Session expired or invalidated. Please login again.'),
  badRequestToken: () => kiteError(403, 'TokenException', 'Token is invalid or has expired.'),
  badChecksum: () => kiteError(403, 'TokenException', 'Invalid `checksum`.'),
  badApiKey: () => input('Invalid `api_key`.'),
  missingVersion: () => input('Missing or invalid `X-Kite-Version` header. Send `X-Kite-Version: 3`.'),
  missing: (name: string) => input(`Missing \`${name}\``),
  invalid: (name: string) => input(`Invalid \`${name}\`.`),
  noInstrument: () => input('Invalid `tradingsymbol` or `exchange`. The instrument does not exist.'),
  tickSize: (tick: string) =>
    input(`Tick size for this script is ${tick}. Kindly enter the price in the multiple of tick size for this script.`),
  lotSize: (lot: number) => input(`Quantity should be in multiples of lot size. The lot size for this contract is ${lot}.`),
  freeze: (freeze: number) =>
    input(`Quantity is more than the freeze quantity limit of ${freeze}. Kindly place the order with quantity less than the freeze limit or use auto-slicing.`),
  marketsClosed: () => input('Markets are closed right now. Use GTT for placing long standing orders instead.'),
  amoInMarketHours: () => input('AMO orders can be placed only outside market hours. Place a regular order instead.'),
  productNotAllowed: (product: string, exchange: string) => input(`Product \`${product}\` is not allowed for ${exchange}.`),
  insufficientFunds: (required: string, available: string) =>
    kiteError(400, 'MarginException', `Insufficient funds. Required margin is ${required} but available margin is ${available}.`),
  insufficientHoldings: () => kiteError(400, 'HoldingException', 'Insufficient holdings to place this sell order. Check your holdings and open orders.'),
  noOrder: () => kiteError(400, 'OrderException', "Couldn't find that `order_id`."),
  orderFinal: (status: string) => kiteError(400, 'OrderException', `Order cannot be modified or cancelled as it is ${status}.`),
  noPosition: () => input('Position not found. The position to convert does not exist or has less quantity.'),
  noTrigger: () => input('Trigger not found.'),
  triggerFinal: (status: string) => input(`Trigger cannot be modified or deleted as it is ${status}.`),
  tooManyRequests: () => kiteError(429, 'NetworkException', 'Too many requests'),
  routeNotFound: () => kiteError(404, 'GeneralException', 'Route not found'),
  tooLarge: () => input('Request body too large.'),
  internal: (why: string) => kiteError(500, 'GeneralException', `An unexpected error occurred (${why}).`),
};
