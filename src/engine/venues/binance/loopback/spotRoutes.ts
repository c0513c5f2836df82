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
import { amendKeepPriority } from './spotAmend';
import { callerOf, historyQuery, orderTarget, required, route, symbolAndLimit, symbolsParam, type Route } from './routeKit';
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
  /** The id of the last execution report rendered (an amend's answer names its report's). */
  lastExecutionId: () => number;
}

/** GET /api/v3/depth weighs by its limit: 1-100: 5, 101-500: 25, 501-1000: 50, 1001-5000: 250. */
function depthWeight(p: Params): number {
  const limit = Number(p.get('limit') ?? 100);
  return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
}

export function spotRoutes({ exchange, userStreams, limits, fees, lastExecutionId }: SpotRouteDeps): Route[] {
  return [
    route('GET', '/api/v3/ping', 1, 'NONE', () => ({})),
    route('GET', '/api/v3/time', 1, 'NONE', ({ now }) => ({ serverTime: now })),
    route('GET', '/api/v3/exchangeInfo', 20, 'NONE', ({ params, now }) => {
      const specs = symbolsParam(exchange, params);
      return isVenueError(specs) ? specs : exchangeInfo('spot', specs, limits, now);
    }),
    route('GET', '/api/v3/depth', depthWeight, 'NONE', ({ params }) => {
      const q = symbolAndLimit(exchange, params, 100, 5000);
      if (isVenueError(q)) return q;
      const d = exchange.depth(q.spec.symbol, q.limit);
      return isVenueError(d) ? d : spotDepthSnapshot(d);
    }),
    route('GET', '/api/v3/trades', 25, 'NONE', ({ params }) => {
      const q = symbolAndLimit(exchange, params, 500, 1000);
      if (isVenueError(q)) return q;
      const tape = exchange.recentTrades(q.spec.symbol, q.limit);
      return isVenueError(tape) ? tape : tape.map(spotRecentTrade);
    }),
    route('GET', '/api/v3/account', 20, 'SIGNED', (ctx) => {
      const c = callerOf(ctx);
      return spotAccount(exchange.ledger(c.account), fees, c.canTrade, ctx.now);
    }),
    route('POST', '/api/v3/order', 1, 'SIGNED', (ctx) => {
      const req = parseOrderRequest(ctx.params, 'spot');
      if (isVenueError(req)) return req;
      const placed = exchange.place(callerOf(ctx).account, req);
      if (isVenueError(placed)) return placed;
      // Binance: LIMIT and MARKET default to FULL, every other type to ACK.
      const resp = req.respType ?? (req.type === 'LIMIT' || req.type === 'MARKET' ? 'FULL' : 'ACK');
      if (resp === 'ACK') return spotOrderAck(placed.accepted);
      return resp === 'RESULT' ? spotOrderResult(placed.result) : spotOrderFull(placed.result, placed.fills);
    }, { newOrder: true, trade: true, ack: 'order' }),
    route('DELETE', '/api/v3/order', 1, 'SIGNED', (ctx) => {
      const t = orderTarget(exchange, ctx.params);
      if (isVenueError(t)) return t;
      const o = exchange.cancel(callerOf(ctx).account, t.spec.symbol, t.ref, ctx.params.get('newClientOrderId'));
      return isVenueError(o) ? o : spotCancel(o);
    }, { trade: true, ack: 'cancel' }),
    // Weight 4; it counts 0 against the unfilled order count (not a new order).
    route('PUT', '/api/v3/order/amend/keepPriority', 4, 'SIGNED', (ctx) => amendKeepPriority(exchange, ctx, lastExecutionId), { trade: true, ack: 'amend' }),
    route('GET', '/api/v3/order', 4, 'SIGNED', (ctx) => {
      const t = orderTarget(exchange, ctx.params);
      if (isVenueError(t)) return t;
      const o = exchange.query(callerOf(ctx).account, t.spec.symbol, t.ref);
      return isVenueError(o) ? o : spotOrder(o);
    }),
    route('GET', '/api/v3/openOrders', (p) => (p.get('symbol') === undefined ? 80 : 6), 'SIGNED', (ctx) => {
      const specs = symbolsParam(exchange, ctx.params);
      if (isVenueError(specs)) return specs;
      return exchange.working(callerOf(ctx).account).filter((o) => specs.some((s) => s.symbol === o.symbol)).map(spotOrder);
    }),
    route('DELETE', '/api/v3/openOrders', 1, 'SIGNED', (ctx) => {
      const symbol = required(ctx.params, 'symbol');
      if (isVenueError(symbol)) return symbol;
      const canceled = exchange.cancelAll(callerOf(ctx).account, symbol);
      if (isVenueError(canceled)) return canceled;
      return canceled.length === 0 ? errors.unknownOrderOnCancel() : canceled.map(spotCancel);
    }, { trade: true }),
    route('GET', '/api/v3/allOrders', 20, 'SIGNED', (ctx) => {
      const q = historyQuery(exchange, ctx);
      return isVenueError(q) ? q : exchange.allOrders(q.account, q.spec.symbol).slice(-q.limit).map(spotOrder);
    }),
    route('GET', '/api/v3/myTrades', 20, 'SIGNED', (ctx) => {
      const q = historyQuery(exchange, ctx);
      return isVenueError(q) ? q : exchange.accountTrades(q.account, q.spec.symbol, ctx.params.get('orderId')).slice(-q.limit).map(spotMyTrade);
    }),
    route('POST', '/api/v3/userDataStream', 2, 'API_KEY', (ctx) => ({ listenKey: userStreams.open(callerOf(ctx).account) })),
    route('PUT', '/api/v3/userDataStream', 2, 'API_KEY', (ctx) => {
      const key = required(ctx.params, 'listenKey');
      if (isVenueError(key)) return key;
      const r = userStreams.keepAlive(callerOf(ctx).account, key);
      return isVenueError(r) ? r : {};
    }),
    route('DELETE', '/api/v3/userDataStream', 2, 'API_KEY', (ctx) => {
      const key = required(ctx.params, 'listenKey');
      if (isVenueError(key)) return key;
      return userStreams.close(callerOf(ctx).account, key) ?? {};
    }),
  ];
}
