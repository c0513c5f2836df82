/**
 * The USD-M futures REST API of the loopback venue (/fapi/v1|v2|v3/...), with Binance's documented
 * weights and security types; answers rendered with futuresWire.ts. New orders weigh 0 on the IP
 * limit and count on the order limits, as on USD-M.
 */
import type { Caller } from './auth';
import { errors, isVenueError } from './binanceErrors';
import type { LoopbackExchange } from './exchange';
import { exchangeInfo, type Limits } from './exchangeInfo';
import type { FuturesLedger } from './futuresLedger';
import {
  futuresAccountV2,
  futuresAccountV3,
  futuresBalances,
  futuresPositionRiskV2,
  futuresPositionRiskV3,
  type FuturesAccountView,
} from './futuresAccountWire';
import { amendOrder } from './futuresAmend';
import { futuresDepthSnapshot, futuresOrder, futuresPremiumIndex, futuresUserTrade } from './futuresWire';
import { parseOrderRequest, type Params } from './orderParams';
import { positioningRoutes } from './futuresPositioning';
import { callerOf, historyQuery, orderTarget, required, route, symbolAndLimit, symbolParam, symbolsParam, type Route, type RouteContext } from './routeKit';
import type { UserStreams } from './userStreams';

export interface FuturesRouteDeps {
  exchange: LoopbackExchange<FuturesLedger>;
  userStreams: UserStreams;
  limits: Limits;
}

/** One symbol's notional brackets (GET /fapi/v1/leverageBracket), as Binance lists them for BTCUSDT's first tiers. */
const LEVERAGE_BRACKETS = [
  { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0.0 },
  { bracket: 2, initialLeverage: 100, notionalCap: 600000, notionalFloor: 50000, maintMarginRatio: 0.005, cum: 50.0 },
  { bracket: 3, initialLeverage: 75, notionalCap: 3000000, notionalFloor: 600000, maintMarginRatio: 0.0065, cum: 950.0 },
];

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];
/** GET /fapi/v1/depth weighs by its limit: 5-50: 2, 100: 5, 500: 10, 1000: 20. */
function depthWeight(p: Params): number {
  const limit = Number(p.get('limit') ?? 500);
  return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
}

export function accountView(exchange: LoopbackExchange<FuturesLedger>, c: Pick<Caller, 'account' | 'canTrade'>, now: number): FuturesAccountView {
  return {
    ledger: exchange.ledger(c.account),
    specs: exchange.specs,
    working: exchange.working(c.account),
    mark: (s) => exchange.markPrice(s),
    canTrade: c.canTrade,
    now,
  };
}

export function futuresRoutes({ exchange, userStreams, limits }: FuturesRouteDeps): Route[] {
  const view = (ctx: RouteContext) => accountView(exchange, callerOf(ctx), ctx.now);
  const signedGet = (path: string, weight: number, handle: Route['handle']): Route => route('GET', path, weight, 'SIGNED', handle);
  const symbolOf = (ctx: RouteContext) => symbolParam(exchange, ctx.params);
  const positionRisk = (render: (v: FuturesAccountView, symbol?: string) => object[]) => (ctx: RouteContext) => {
    const specs = symbolsParam(exchange, ctx.params);
    return isVenueError(specs) ? specs : render(view(ctx), ctx.params.get('symbol'));
  };
  return [
    route('GET', '/fapi/v1/ping', 1, 'NONE', () => ({})),
    route('GET', '/fapi/v1/time', 1, 'NONE', ({ now }) => ({ serverTime: now })),
    route('GET', '/fapi/v1/exchangeInfo', 1, 'NONE', ({ now }) => exchangeInfo('usdm', exchange.specs, limits, now)),
    route('GET', '/fapi/v1/depth', depthWeight, 'NONE', (ctx) => {
      const q = symbolAndLimit(exchange, ctx.params, 500, 1000, DEPTH_LIMITS);
      if (isVenueError(q)) return q;
      const d = exchange.depth(q.spec.symbol, q.limit);
      return isVenueError(d) ? d : futuresDepthSnapshot(q.spec, d, ctx.now);
    }),
    route('GET', '/fapi/v1/premiumIndex', 1, 'NONE', ({ params, now }) => {
      const specs = symbolsParam(exchange, params);
      if (isVenueError(specs)) return specs;
      const all = specs.map((s) => futuresPremiumIndex(s, exchange.markPrice(s.symbol), now));
      // With a symbol, one object; without, the list.
      return params.get('symbol') === undefined ? all : all[0];
    }),
    ...positioningRoutes(exchange),
    signedGet('/fapi/v2/balance', 5, (ctx) => futuresBalances(view(ctx))),
    signedGet('/fapi/v3/balance', 5, (ctx) => futuresBalances(view(ctx))),
    signedGet('/fapi/v2/account', 5, (ctx) => futuresAccountV2(view(ctx))),
    signedGet('/fapi/v3/account', 5, (ctx) => futuresAccountV3(view(ctx))),
    signedGet('/fapi/v2/positionRisk', 5, positionRisk(futuresPositionRiskV2)),
    signedGet('/fapi/v3/positionRisk', 5, positionRisk(futuresPositionRiskV3)),
    route('POST', '/fapi/v1/order', 0, 'SIGNED', (ctx) => {
      const req = parseOrderRequest(ctx.params, 'usdm');
      if (isVenueError(req)) return req;
      const placed = exchange.place(callerOf(ctx).account, req);
      if (isVenueError(placed)) return placed;
      const spec = exchange.spec(req.symbol)!;
      // USD-M answers ACK by default: the order as accepted, before it executed.
      return futuresOrder(spec, req.respType === 'RESULT' ? placed.result : placed.accepted);
    }, { newOrder: true, trade: true, ack: 'order' }),
    // Modify Order: 0 on the IP limit, 1 on each order-count limit.
    route('PUT', '/fapi/v1/order', 0, 'SIGNED', (ctx) => amendOrder(exchange, ctx), { newOrder: true, trade: true }),
    route('DELETE', '/fapi/v1/order', 1, 'SIGNED', (ctx) => {
      const t = orderTarget(exchange, ctx.params);
      if (isVenueError(t)) return t;
      const o = exchange.cancel(callerOf(ctx).account, t.spec.symbol, t.ref);
      return isVenueError(o) ? o : futuresOrder(t.spec, o);
    }, { trade: true, ack: 'cancel' }),
    signedGet('/fapi/v1/order', 1, (ctx) => {
      const t = orderTarget(exchange, ctx.params);
      if (isVenueError(t)) return t;
      const o = exchange.query(callerOf(ctx).account, t.spec.symbol, t.ref);
      return isVenueError(o) ? o : futuresOrder(t.spec, o);
    }),
    route('GET', '/fapi/v1/openOrders', (p) => (p.get('symbol') === undefined ? 40 : 1), 'SIGNED', (ctx) => {
      const specs = symbolsParam(exchange, ctx.params);
      if (isVenueError(specs)) return specs;
      return specs.flatMap((s) => exchange.working(callerOf(ctx).account, s.symbol).map((o) => futuresOrder(s, o)));
    }),
    route('DELETE', '/fapi/v1/allOpenOrders', 1, 'SIGNED', (ctx) => {
      const spec = symbolOf(ctx);
      if (isVenueError(spec)) return spec;
      const r = exchange.cancelAll(callerOf(ctx).account, spec.symbol);
      return isVenueError(r) ? r : { code: 200, msg: 'The operation of cancel all open order is done.' };
    }, { trade: true }),
    signedGet('/fapi/v1/allOrders', 5, (ctx) => {
      const q = historyQuery(exchange, ctx);
      return isVenueError(q) ? q : exchange.allOrders(q.account, q.spec.symbol).slice(-q.limit).map((o) => futuresOrder(q.spec, o));
    }),
    signedGet('/fapi/v1/userTrades', 5, (ctx) => {
      const q = historyQuery(exchange, ctx);
      if (isVenueError(q)) return q;
      return exchange.accountTrades(q.account, q.spec.symbol, ctx.params.get('orderId')).slice(-q.limit).map((t) => futuresUserTrade(q.spec, t));
    }),
    signedGet('/fapi/v1/leverageBracket', 1, (ctx) => {
      const specs = symbolsParam(exchange, ctx.params);
      return isVenueError(specs) ? specs : specs.map((s) => ({ symbol: s.symbol, brackets: LEVERAGE_BRACKETS }));
    }),
    route('POST', '/fapi/v1/leverage', 1, 'SIGNED', (ctx) => {
      const spec = symbolOf(ctx);
      if (isVenueError(spec)) return spec;
      const text = required(ctx.params, 'leverage');
      if (isVenueError(text)) return text;
      const leverage = /^[0-9]{1,3}$/.test(text) ? Number(text) : 0;
      if (leverage < 1 || leverage > 125) return errors.futuresInvalidLeverage(text);
      exchange.ledger(callerOf(ctx).account).leverage.set(spec.symbol, leverage);
      return { leverage, maxNotionalValue: '1000000', symbol: spec.symbol };
    }, { trade: true }),
    route('POST', '/fapi/v1/listenKey', 1, 'API_KEY', (ctx) => ({ listenKey: userStreams.open(callerOf(ctx).account) })),
    route('PUT', '/fapi/v1/listenKey', 1, 'API_KEY', (ctx) => {
      const key = userStreams.keepAlive(callerOf(ctx).account, ctx.params.get('listenKey'));
      return isVenueError(key) ? key : { listenKey: key };
    }),
    route('DELETE', '/fapi/v1/listenKey', 1, 'API_KEY', (ctx) => userStreams.close(callerOf(ctx).account, ctx.params.get('listenKey')) ?? {}),
  ];
}
