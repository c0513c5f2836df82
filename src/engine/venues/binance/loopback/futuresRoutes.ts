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
  futuresDepthSnapshot,
  futuresOrder,
  futuresPositionRiskV2,
  futuresPositionRiskV3,
  futuresPremiumIndex,
  futuresUserTrade,
  type FuturesAccountView,
} from './futuresWire';
import { parseOrderRequest, type Params } from './orderParams';
import { callerOf, limitParam, orderRef, required, type Route, type RouteContext } from './routeKit';
import type { UserStreams } from './userStreams';

export interface FuturesRouteDeps {
  exchange: LoopbackExchange<FuturesLedger>;
  userStreams: UserStreams;
  limits: Limits;
}

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
  const signedGet = (path: string, weight: number, handle: Route['handle']): Route => ({ method: 'GET', path, weight, security: 'SIGNED', handle });
  const symbolOf = (ctx: RouteContext) => {
    const symbol = required(ctx.params, 'symbol');
    if (isVenueError(symbol)) return symbol;
    return exchange.spec(symbol) ?? errors.invalidSymbol();
  };
  const positionRisk = (render: (v: FuturesAccountView, symbol?: string) => object[]) => (ctx: RouteContext) => {
    const symbol = ctx.params.get('symbol');
    if (symbol !== undefined && !exchange.spec(symbol)) return errors.invalidSymbol();
    return render(view(ctx), symbol);
  };
  return [
    { method: 'GET', path: '/fapi/v1/ping', weight: 1, security: 'NONE', handle: () => ({}) },
    { method: 'GET', path: '/fapi/v1/time', weight: 1, security: 'NONE', handle: ({ now }) => ({ serverTime: now }) },
    { method: 'GET', path: '/fapi/v1/exchangeInfo', weight: 1, security: 'NONE', handle: ({ now }) => exchangeInfo('usdm', exchange.specs, limits, now) },
    {
      method: 'GET',
      path: '/fapi/v1/depth',
      weight: depthWeight,
      security: 'NONE',
      handle: (ctx) => {
        const spec = symbolOf(ctx);
        if (isVenueError(spec)) return spec;
        const limit = limitParam(ctx.params, 500, 1000, DEPTH_LIMITS);
        if (isVenueError(limit)) return limit;
        const d = exchange.depth(spec.symbol, limit);
        return isVenueError(d) ? d : futuresDepthSnapshot(spec, d, ctx.now);
      },
    },
    {
      method: 'GET',
      path: '/fapi/v1/premiumIndex',
      weight: 1,
      security: 'NONE',
      handle: ({ params, now }) => {
        const symbol = params.get('symbol');
        if (symbol === undefined) return exchange.specs.map((s) => futuresPremiumIndex(s, exchange.markPrice(s.symbol), now));
        const spec = exchange.spec(symbol);
        return spec ? futuresPremiumIndex(spec, exchange.markPrice(symbol), now) : errors.invalidSymbol();
      },
    },
    signedGet('/fapi/v2/balance', 5, (ctx) => futuresBalances(view(ctx))),
    signedGet('/fapi/v3/balance', 5, (ctx) => futuresBalances(view(ctx))),
    signedGet('/fapi/v2/account', 5, (ctx) => futuresAccountV2(view(ctx))),
    signedGet('/fapi/v3/account', 5, (ctx) => futuresAccountV3(view(ctx))),
    signedGet('/fapi/v2/positionRisk', 5, positionRisk(futuresPositionRiskV2)),
    signedGet('/fapi/v3/positionRisk', 5, positionRisk(futuresPositionRiskV3)),
    {
      method: 'POST',
      path: '/fapi/v1/order',
      weight: 0,
      security: 'SIGNED',
      newOrder: true,
      trade: true,
      ack: 'order',
      handle: (ctx) => {
        const req = parseOrderRequest(ctx.params, 'usdm');
        if (isVenueError(req)) return req;
        const placed = exchange.place(callerOf(ctx).account, req);
        if (isVenueError(placed)) return placed;
        const spec = exchange.spec(req.symbol)!;
        // USD-M answers ACK by default: the order as accepted, before it executed.
        return futuresOrder(spec, req.respType === 'RESULT' ? placed.result : placed.accepted);
      },
    },
    {
      method: 'DELETE',
      path: '/fapi/v1/order',
      weight: 1,
      security: 'SIGNED',
      trade: true,
      ack: 'cancel',
      handle: (ctx) => {
        const spec = symbolOf(ctx);
        if (isVenueError(spec)) return spec;
        const ref = orderRef(ctx.params);
        if (isVenueError(ref)) return ref;
        const o = exchange.cancel(callerOf(ctx).account, spec.symbol, ref);
        return isVenueError(o) ? o : futuresOrder(spec, o);
      },
    },
    signedGet('/fapi/v1/order', 1, (ctx) => {
      const spec = symbolOf(ctx);
      if (isVenueError(spec)) return spec;
      const ref = orderRef(ctx.params);
      if (isVenueError(ref)) return ref;
      const o = exchange.query(callerOf(ctx).account, spec.symbol, ref);
      return isVenueError(o) ? o : futuresOrder(spec, o);
    }),
    {
      method: 'GET',
      path: '/fapi/v1/openOrders',
      weight: (p) => (p.get('symbol') === undefined ? 40 : 1),
      security: 'SIGNED',
      handle: (ctx) => {
        const symbol = ctx.params.get('symbol');
        if (symbol !== undefined && !exchange.spec(symbol)) return errors.invalidSymbol();
        return exchange.working(callerOf(ctx).account, symbol).map((o) => futuresOrder(exchange.spec(o.symbol)!, o));
      },
    },
    {
      method: 'DELETE',
      path: '/fapi/v1/allOpenOrders',
      weight: 1,
      security: 'SIGNED',
      trade: true,
      handle: (ctx) => {
        const spec = symbolOf(ctx);
        if (isVenueError(spec)) return spec;
        const r = exchange.cancelAll(callerOf(ctx).account, spec.symbol);
        return isVenueError(r) ? r : { code: 200, msg: 'The operation of cancel all open order is done.' };
      },
    },
    signedGet('/fapi/v1/allOrders', 5, (ctx) => {
      const spec = symbolOf(ctx);
      if (isVenueError(spec)) return spec;
      const limit = limitParam(ctx.params, 500, 1000);
      if (isVenueError(limit)) return limit;
      return exchange.allOrders(callerOf(ctx).account, spec.symbol).slice(-limit).map((o) => futuresOrder(spec, o));
    }),
    signedGet('/fapi/v1/userTrades', 5, (ctx) => {
      const spec = symbolOf(ctx);
      if (isVenueError(spec)) return spec;
      const limit = limitParam(ctx.params, 500, 1000);
      if (isVenueError(limit)) return limit;
      const orderId = ctx.params.get('orderId');
      const trades = exchange.accountTrades(callerOf(ctx).account, spec.symbol).filter((t) => orderId === undefined || String(t.orderId) === orderId);
      return trades.slice(-limit).map((t) => futuresUserTrade(spec, t));
    }),
    {
      method: 'POST',
      path: '/fapi/v1/leverage',
      weight: 1,
      security: 'SIGNED',
      trade: true,
      handle: (ctx) => {
        const spec = symbolOf(ctx);
        if (isVenueError(spec)) return spec;
        const text = required(ctx.params, 'leverage');
        if (isVenueError(text)) return text;
        const leverage = /^[0-9]{1,3}$/.test(text) ? Number(text) : 0;
        if (leverage < 1 || leverage > 125) return errors.futuresInvalidLeverage(text);
        exchange.ledger(callerOf(ctx).account).leverage.set(spec.symbol, leverage);
        return { leverage, maxNotionalValue: '1000000', symbol: spec.symbol };
      },
    },
    { method: 'POST', path: '/fapi/v1/listenKey', weight: 1, security: 'API_KEY', handle: (ctx) => ({ listenKey: userStreams.open(callerOf(ctx).account) }) },
    {
      method: 'PUT',
      path: '/fapi/v1/listenKey',
      weight: 1,
      security: 'API_KEY',
      handle: (ctx) => {
        const key = userStreams.keepAlive(callerOf(ctx).account, ctx.params.get('listenKey'));
        return isVenueError(key) ? key : { listenKey: key };
      },
    },
    {
      method: 'DELETE',
      path: '/fapi/v1/listenKey',
      weight: 1,
      security: 'API_KEY',
      handle: (ctx) => userStreams.close(callerOf(ctx).account, ctx.params.get('listenKey')) ?? {},
    },
  ];
}
