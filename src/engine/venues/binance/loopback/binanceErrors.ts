/**
 * Binance's error answers, with the codes and messages its documentation lists (spot "Error codes",
 * USD-M "Error Code"): a connector shows the venue's own words, so the loopback must say exactly them.
 * Where spot and USD-M answer the same mistake differently, both are here and named for their market.
 */

export interface VenueError {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}

const fail = (status: number, code: number, msg: string): VenueError => ({ status, code, msg });

export const isVenueError = (v: unknown): v is VenueError =>
  typeof v === 'object' && v !== null && 'code' in v && 'msg' in v && 'status' in v;

export const errors = {
  // -10xx: general server or network issues
  tooManyRequests: (limit: number) =>
    fail(429, -1003, `Too many requests; current limit of IP(127.0.0.1) is ${limit} requests per minute. Please use WebSocket Streams for live updates to avoid bans.`),
  banned: (until: number) =>
    fail(418, -1003, `Way too many requests; IP(127.0.0.1) banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`),
  tooManyOrders: (limit: number, interval: string) => fail(429, -1015, `Too many new orders; current limit is ${limit} orders per ${interval}.`),
  timestampOutsideRecvWindow: () => fail(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  timestampAhead: () => fail(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  invalidSignature: () => fail(400, -1022, 'Signature for this request is not valid.'),
  // -11xx: request issues
  illegalChars: (param: string) =>
    fail(400, -1100, `Illegal characters found in parameter '${param}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`),
  mandatory: (param: string) => fail(400, -1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`),
  spotTooMuchPrecision: (param: string) => fail(400, -1111, `Parameter '${param}' has too much precision.`),
  futuresTooMuchPrecision: () => fail(400, -1111, 'Precision is over the maximum defined for this asset.'),
  invalidTimeInForce: () => fail(400, -1115, 'Invalid timeInForce.'),
  invalidOrderType: () => fail(400, -1116, 'Invalid orderType.'),
  invalidSide: () => fail(400, -1117, 'Invalid side.'),
  invalidSymbol: () => fail(400, -1121, 'Invalid symbol.'),
  listenKeyMissing: () => fail(400, -1125, 'This listenKey does not exist.'),
  badRecvWindow: () => fail(400, -1131, 'recvWindow must be less than 60000'),
  invalidLimit: () => fail(400, -1120, 'Invalid limit.'),
  notRequired: (param: string) => fail(400, -1106, `Parameter '${param}' sent when not required.`),
  illegalValue: (param: string, range: string) => fail(400, -1100, `Illegal characters found in parameter '${param}'; legal range is '${range}'.`),
  orderRefMissing: () => fail(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
  futuresInvalidLeverage: (text: string) => fail(400, -4028, `Leverage ${text} is not valid`),
  futuresPositionSideMismatch: () => fail(400, -4061, "Order's position side does not match user's setting."),
  // -20xx: processing issues
  spotInsufficientBalance: () => fail(400, -2010, 'Account has insufficient balance for requested action.'),
  spotDuplicateOrder: () => fail(400, -2010, 'Duplicate order sent.'),
  spotWouldTakeAsMaker: () => fail(400, -2010, 'Order would immediately match and take.'),
  // -2038 ORDER_AMEND_REJECTED: spot's Order Amend Keep Priority refused (the order is unchanged)
  spotAmendQuantityIncrease: () => fail(400, -2038, 'Order amend (quantity increase) is not supported.'),
  spotAmendNotAllowed: () => fail(400, -2038, 'Order amend is not supported for this symbol.'),
  spotAmendLimitReached: () => fail(400, -2038, 'Filter failure: MAX_NUM_ORDER_AMENDS'),
  /** Not in Binance's documentation (an amend to the executed quantity or below): the loopback's own words. */
  spotAmendNotAboveExecuted: () => fail(400, -2038, 'Order amend to the executed quantity or below is not supported by the loopback venue.'),
  unknownOrderOnCancel: () => fail(400, -2011, 'Unknown order sent.'),
  orderDoesNotExist: () => fail(400, -2013, 'Order does not exist.'),
  badApiKeyFormat: () => fail(401, -2014, 'API-key format invalid.'),
  rejectedApiKey: () => fail(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  futuresMarginInsufficient: () => fail(400, -2019, 'Margin is insufficient.'),
  futuresReduceOnlyRejected: () => fail(400, -2022, 'ReduceOnly Order is rejected.'),
  hmacKeyNotSupported: () => fail(400, -4056, 'HMAC_SHA256 API key is not supported.'),
  subscriptionMissing: () => fail(400, -2035, 'Subscription does not exist.'),
  unknownMethod: (method: string) => fail(400, -1100, `Unknown method '${method}'.`),
  invalidJson: () => fail(400, -1102, 'Invalid JSON.'),
  // filters: spot answers -1013 "Filter failure: <FILTER>"; USD-M has its own codes per rule
  filterFailure: (filter: string) => fail(400, -1013, `Filter failure: ${filter}`),
  futuresQtyNotPositive: () => fail(400, -4003, 'Quantity less than or equal to zero.'),
  futuresQtyBelowMin: () => fail(400, -4004, 'Quantity less than min quantity.'),
  futuresQtyAboveMax: () => fail(400, -4005, 'Quantity greater than max quantity.'),
  futuresPriceBelowMin: () => fail(400, -4013, 'Price less than min price.'),
  futuresPriceNotOnTick: () => fail(400, -4014, 'Price not increased by tick size.'),
  futuresPriceAboveMax: (max: string) => fail(400, -4016, `Limit price can't be higher than ${max}.`),
  futuresDuplicateClientId: () => fail(400, -4116, 'ClientOrderId is duplicated.'),
  futuresMinNotional: (notional: string) =>
    fail(400, -4164, `Order's notional must be no smaller than ${notional} (unless you choose reduce only).`),
  futuresNoNeedToModify: () => fail(400, -5027, 'No need to modify the order.'),
  futuresGtxWouldTake: () => fail(400, -5022, 'Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history'),
} as const;
