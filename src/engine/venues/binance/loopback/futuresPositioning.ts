/**
 * USD-M public positioning data, as Binance documents it: GET /fapi/v1/openInterest (present open
 * interest of a symbol) and GET /futures/data/globalLongShortAccountRatio (the share of accounts net
 * long and short per period, oldest first, timestamps as strings). The figures are the symbol's
 * configured `positioning` (config.ts); funding is in /fapi/v1/premiumIndex (futuresWire.ts).
 */
import { errors, isVenueError } from './binanceErrors';
import type { LoopbackExchange } from './exchange';
import type { FuturesLedger } from './futuresLedger';
import { route, symbolParam, type Route } from './routeKit';

const PERIOD_MS: Record<string, number> = {
  '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, '2h': 7_200_000,
  '4h': 14_400_000, '6h': 21_600_000, '12h': 43_200_000, '1d': 86_400_000,
};

/** A ratio with Binance's four decimals. */
const r4 = (x: number): string => x.toFixed(4);

export function positioningRoutes(exchange: LoopbackExchange<FuturesLedger>): Route[] {
  return [
    route('GET', '/fapi/v1/openInterest', 1, 'NONE', ({ params, now }) => {
      const spec = symbolParam(exchange, params);
      if (isVenueError(spec)) return spec;
      return { openInterest: spec.config.positioning?.openInterest ?? '0', symbol: spec.symbol, time: now };
    }),
    // Binance limits this family per IP (1000 requests / 5 min) outside the weight budget: weight 0 here.
    route('GET', '/futures/data/globalLongShortAccountRatio', 0, 'NONE', ({ params, now }) => {
      const spec = symbolParam(exchange, params);
      if (isVenueError(spec)) return spec;
      const period = params.get('period');
      if (period === undefined) return errors.mandatory('period');
      const step = PERIOD_MS[period];
      if (step === undefined) return errors.illegalValue('period', Object.keys(PERIOD_MS).join(','));
      const limitText = params.get('limit') ?? '30';
      const limit = /^[0-9]{1,3}$/.test(limitText) ? Math.min(Number(limitText), 500) : 0;
      if (limit < 1) return errors.illegalValue('limit', '1..500');
      const long = Number(spec.config.positioning?.longAccount ?? '0.5');
      const short = 1 - long;
      const last = Math.floor(now / step) * step;
      return Array.from({ length: limit }, (_, i) => ({
        symbol: spec.symbol,
        longShortRatio: short > 0 ? r4(long / short) : '0.0000',
        longAccount: r4(long),
        shortAccount: r4(short),
        timestamp: String(last - (limit - 1 - i) * step),
      }));
    }),
  ];
}
