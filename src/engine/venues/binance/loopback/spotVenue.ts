/** The spot market of the loopback venue: spot ledgers, /api/v3 routes, spot stream events. */
import { LoopbackExchange } from './exchange';
import { SpotLedger } from './spotLedger';
import { spotRoutes } from './spotRoutes';
import { spotAccountPosition, spotAggTrade, spotDepthUpdate, spotExecutionReport, spotTrade } from './spotWire';
import type { VenueContext, VenueParts } from './venueParts';

export function spotVenue(ctx: VenueContext): VenueParts<SpotLedger> {
  const { now, userStreams, marketStreams } = ctx;
  const ledgers = new Map(ctx.options.accounts.map((a) => [a.name, new SpotLedger(a.balances ?? {}, ctx.fees)]));
  let executionId = 1;
  const exchange: LoopbackExchange<SpotLedger> = new LoopbackExchange('spot', ctx.specs, ledgers, {
    order: (u) => userStreams.send(u.order.account, spotExecutionReport(u, now(), executionId++), true),
    accountChanged: (account) => userStreams.send(account, spotAccountPosition(exchange.ledger(account), now()), false),
    depth: (symbol, change) => marketStreams.depth(symbol, spotDepthUpdate(symbol, change, now())),
    trade: (t) => marketStreams.trade(t.symbol, spotTrade(t, now())),
    aggTrade: (t) => marketStreams.aggTrade(t.symbol, spotAggTrade(t, now())),
    markPrice: () => {},
  }, now);
  return { exchange, routes: spotRoutes({ exchange, userStreams, limits: ctx.limits, fees: ctx.fees, lastExecutionId: () => executionId - 1 }) };
}
