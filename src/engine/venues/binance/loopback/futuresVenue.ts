/** The USD-M futures market of the loopback venue: futures ledgers, /fapi routes, futures stream events. */
import { LoopbackExchange } from './exchange';
import { FuturesLedger } from './futuresLedger';
import { accountView, futuresRoutes } from './futuresRoutes';
import { futuresAccountUpdate } from './futuresAccountWire';
import {
  futuresAggTrade,
  futuresDepthUpdate,
  futuresMarkPrice,
  futuresOrderTradeUpdate,
  futuresTrade,
  futuresTradeLite,
  openNotional,
} from './futuresWire';
import type { VenueContext, VenueParts } from './venueParts';

export function futuresVenue(ctx: VenueContext): VenueParts<FuturesLedger> {
  const { now, userStreams, marketStreams } = ctx;
  const leverage = ctx.options.leverage ?? 20;
  const mark = (symbol: string) => exchange.markPrice(symbol);
  const ledgers = new Map(ctx.options.accounts.map((a) => [a.name, new FuturesLedger(a.balances ?? {}, ctx.fees, leverage, mark, now)]));
  const spec = (symbol: string) => exchange.spec(symbol)!;
  const exchange: LoopbackExchange<FuturesLedger> = new LoopbackExchange('usdm', ctx.specs, ledgers, {
    order: (u) => {
      const s = spec(u.order.symbol);
      const account = u.order.account;
      if (u.trade) userStreams.send(account, futuresTradeLite(s, u, u.trade, now()), false);
      const event = futuresOrderTradeUpdate(s, u, now(), openNotional(exchange.working(account), s.symbol));
      userStreams.send(account, event, true);
    },
    accountChanged: (account) => userStreams.send(account, futuresAccountUpdate(accountView(exchange, { account, canTrade: true }, now()), now()), false),
    depth: (symbol, change) => marketStreams.depth(symbol, futuresDepthUpdate(spec(symbol), change, now())),
    trade: (t) => marketStreams.trade(t.symbol, futuresTrade(spec(t.symbol), t, now())),
    aggTrade: (t) => marketStreams.aggTrade(t.symbol, futuresAggTrade(spec(t.symbol), t, now())),
    markPrice: (symbol) => marketStreams.markPrice(symbol, futuresMarkPrice(spec(symbol), exchange.markPrice(symbol), now()), 'both'),
  }, now);
  let ticks = 0;
  const tick = () => {
    // @markPrice@1s every second, @markPrice every third.
    const every = ++ticks % 3 === 0 ? 'both' : '1s';
    for (const s of exchange.specs) marketStreams.markPrice(s.symbol, futuresMarkPrice(s, exchange.markPrice(s.symbol), now()), every);
  };
  return { exchange, routes: futuresRoutes({ exchange, userStreams, limits: ctx.limits }), tick };
}
