/**
 * The spot REST API of the loopback venue (/api/v3/...), with Binance's documented weights and
 * security types. Each handler reads its parameters, asks the exchange, and renders the answer with
 * spotWire.ts; a VenueError is written as Binance's `{code, msg}` by the server.
 */
import { errors, isVenueError } from './binanceErrors';
import type { LoopbackExchange } from './exchange';
import { exchangeInfo, type Limits } from './exchangeInfo';
import type { FeeRates } from './ledger';
import { parseOrderRequest, type Params } from './orderParams';
import { callerOf, limitParam, orderRef, required, type Route } from './routeKit';
import type { SpotLedger } from './spotLedger';
import {
  spotAccount,
  spotCancel,
  spotDepthSnapshot,
  spotMyTrade,
  spotOrder,
  spotOrderAck,
  spotOrderFull,
  spotOrderResult,
  spotRecentTrade,
} from './spotWire';
import type { UserStreams } from './userStreams';

export interface SpotRouteDeps {
  exchange: LoopbackExchange<SpotLedger>;
  userStreams: UserStreams;
  limits: Limits;
  fees: FeeRates;
}

/** GET /api/v3/depth weighs by its limit: 1-100: 5, 101-500: 25, 501-1000: 50, 1001-5000: 250. */
function depthWeight(p: Params): number {
  const limit = Number(p.get('limit') ?? 100);
  return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
}

export function spotRoutes({ exchange, userStreams, limits, fees }: SpotRouteDeps): Route[] {
  return [
    { method: 'GET', path: '/api/v3/ping', weight: 1, security: 'NONE', handle: () => ({}) },
    { method: 'GET', path: '/api/v3/time', weight: 1, security: 'NONE', handle: ({ now }) => ({ serverTime: now }) },
    {
      method: 'GET',
      path: '/api/v3/exchangeInfo',
      weight: 20,
      security: 'NONE',
      handle: ({ params, now }) => {
        const symbol = params.get('symbol');
        const specs = symbol === undefined ? exchange.specs : exchange.specs.filter((s) => s.symbol === symbol);
        if (specs.length === 0) return errors.invalidSymbol();
        return exchangeInfo('spot', specs, limits, now);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/depth',
      weight: depthWeight,
      security: 'NONE',
      handle: ({ params }) => {
        const symbol = required(params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        const limit = limitParam(params, 100, 5000);
        if (isVenueError(limit)) return limit;
        const d = exchange.depth(symbol, limit);
        return isVenueError(d) ? d : spotDepthSnapshot(d);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/trades',
      weight: 25,
      security: 'NONE',
      handle: ({ params }) => {
        const symbol = required(params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        const limit = limitParam(params, 500, 1000);
        if (isVenueError(limit)) return limit;
        const tape = exchange.recentTrades(symbol, limit);
        return isVenueError(tape) ? tape : tape.map(spotRecentTrade);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/account',
      weight: 20,
      security: 'SIGNED',
      handle: (ctx) => {
        const c = callerOf(ctx);
        return spotAccount(exchange.ledger(c.account), fees, c.canTrade, ctx.now);
      },
    },
    {
      method: 'POST',
      path: '/api/v3/order',
      weight: 1,
      security: 'SIGNED',
      newOrder: true,
      trade: true,
      ack: 'order',
      handle: (ctx) => {
        const req = parseOrderRequest(ctx.params, 'spot');
        if (isVenueError(req)) return req;
        const placed = exchange.place(callerOf(ctx).account, req);
        if (isVenueError(placed)) return placed;
        // Binance: LIMIT and MARKET default to FULL, every other type to ACK.
        const resp = req.respType ?? (req.type === 'LIMIT' || req.type === 'MARKET' ? 'FULL' : 'ACK');
        if (resp === 'ACK') return spotOrderAck(placed.accepted);
        return resp === 'RESULT' ? spotOrderResult(placed.result) : spotOrderFull(placed.result, placed.fills);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v3/order',
      weight: 1,
      security: 'SIGNED',
      trade: true,
      ack: 'cancel',
      handle: (ctx) => {
        const symbol = required(ctx.params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        const ref = orderRef(ctx.params);
        if (isVenueError(ref)) return ref;
        const o = exchange.cancel(callerOf(ctx).account, symbol, ref, ctx.params.get('newClientOrderId'));
        return isVenueError(o) ? o : spotCancel(o);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/order',
      weight: 4,
      security: 'SIGNED',
      handle: (ctx) => {
        const symbol = required(ctx.params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        const ref = orderRef(ctx.params);
        if (isVenueError(ref)) return ref;
        const o = exchange.query(callerOf(ctx).account, symbol, ref);
        return isVenueError(o) ? o : spotOrder(o);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/openOrders',
      weight: (p) => (p.get('symbol') === undefined ? 80 : 6),
      security: 'SIGNED',
      handle: (ctx) => {
        const symbol = ctx.params.get('symbol');
        if (symbol !== undefined && !exchange.spec(symbol)) return errors.invalidSymbol();
        return exchange.working(callerOf(ctx).account, symbol).map(spotOrder);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v3/openOrders',
      weight: 1,
      security: 'SIGNED',
      trade: true,
      handle: (ctx) => {
        const symbol = required(ctx.params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        const canceled = exchange.cancelAll(callerOf(ctx).account, symbol);
        if (isVenueError(canceled)) return canceled;
        return canceled.length === 0 ? errors.unknownOrderOnCancel() : canceled.map(spotCancel);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/allOrders',
      weight: 20,
      security: 'SIGNED',
      handle: (ctx) => {
        const symbol = required(ctx.params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        if (!exchange.spec(symbol)) return errors.invalidSymbol();
        const limit = limitParam(ctx.params, 500, 1000);
        if (isVenueError(limit)) return limit;
        return exchange.allOrders(callerOf(ctx).account, symbol).slice(-limit).map(spotOrder);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/myTrades',
      weight: 20,
      security: 'SIGNED',
      handle: (ctx) => {
        const symbol = required(ctx.params, 'symbol');
        if (isVenueError(symbol)) return symbol;
        if (!exchange.spec(symbol)) return errors.invalidSymbol();
        const limit = limitParam(ctx.params, 500, 1000);
        if (isVenueError(limit)) return limit;
        const orderId = ctx.params.get('orderId');
        const trades = exchange.accountTrades(callerOf(ctx).account, symbol).filter((t) => orderId === undefined || String(t.orderId) === orderId);
        return trades.slice(-limit).map(spotMyTrade);
      },
    },
    {
      method: 'POST',
      path: '/api/v3/userDataStream',
      weight: 2,
      security: 'API_KEY',
      handle: (ctx) => ({ listenKey: userStreams.open(callerOf(ctx).account) }),
    },
    {
      method: 'PUT',
      path: '/api/v3/userDataStream',
      weight: 2,
      security: 'API_KEY',
      handle: (ctx) => {
        const key = required(ctx.params, 'listenKey');
        if (isVenueError(key)) return key;
        const r = userStreams.keepAlive(callerOf(ctx).account, key);
        return isVenueError(r) ? r : {};
      },
    },
    {
      method: 'DELETE',
      path: '/api/v3/userDataStream',
      weight: 2,
      security: 'API_KEY',
      handle: (ctx) => {
        const key = required(ctx.params, 'listenKey');
        if (isVenueError(key)) return key;
        return userStreams.close(callerOf(ctx).account, key) ?? {};
      },
    },
  ];
}
