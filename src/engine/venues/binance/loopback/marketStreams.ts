/**
 * The market streams of the loopback venue, named as Binance names them: `<symbol>@depth` with its
 * update speeds (spot 1000ms/100ms; USD-M 250ms/500ms/100ms), `<symbol>@trade`, `<symbol>@aggTrade`
 * and, on USD-M, `<symbol>@markPrice` (3 s) and `<symbol>@markPrice@1s` (USD-M serves depth and trade
 * under /public, the others under /market, all of them on the legacy paths). Every change is published as
 * it happens (one event per venue operation), which is a valid stream at any of those speeds: each
 * event's U..u continues the previous one's, unless a fault drops an event (a gap).
 */
import type { BinanceMarket } from './config';
import type { LoopbackFaults } from './faults';
import type { StreamCategory, WsGateway } from './wsGateway';

const DEPTH: Record<BinanceMarket, readonly string[]> = {
  spot: ['depth', 'depth@100ms', 'depth@1000ms'],
  usdm: ['depth', 'depth@100ms', 'depth@250ms', 'depth@500ms'],
};
const OTHER: Record<BinanceMarket, readonly string[]> = {
  spot: ['trade', 'aggTrade'],
  usdm: ['trade', 'aggTrade', 'markPrice', 'markPrice@1s'],
};
/** USD-M's /public streams; every other market stream is on /market. */
const PUBLIC = new Set(['depth', 'depth@100ms', 'depth@250ms', 'depth@500ms', 'trade', 'bookTicker']);

export class MarketStreams {
  private readonly kinds: ReadonlySet<string>;
  private readonly symbols: ReadonlySet<string>;

  constructor(
    private readonly market: BinanceMarket,
    private readonly gateway: WsGateway,
    private readonly faults: LoopbackFaults,
    symbols: readonly string[],
  ) {
    this.kinds = new Set([...DEPTH[market], ...OTHER[market]]);
    this.symbols = new Set(symbols.map((s) => s.toLowerCase()));
  }

  /** Whether `name` is one of this venue's market streams (names are lower case) on a connection of `category`. */
  isStream(name: string, category: StreamCategory): boolean {
    const at = name.indexOf('@');
    const kind = name.slice(at + 1);
    if (at <= 0 || !this.symbols.has(name.slice(0, at)) || !this.kinds.has(kind)) return false;
    return category === 'any' || (category === 'public' ? PUBLIC.has(kind) : category === 'market' && !PUBLIC.has(kind));
  }

  /** A depthUpdate for every depth stream of the symbol, unless a fault loses it. */
  depth(symbol: string, event: object): void {
    if (this.faults.takeDepthSkip(symbol)) return;
    const s = symbol.toLowerCase();
    for (const kind of DEPTH[this.market]) this.gateway.publish(`${s}@${kind}`, event);
  }

  trade(symbol: string, event: object): void {
    this.gateway.publish(`${symbol.toLowerCase()}@trade`, event);
  }

  aggTrade(symbol: string, event: object): void {
    this.gateway.publish(`${symbol.toLowerCase()}@aggTrade`, event);
  }

  /** USD-M: `every` says which of the two mark price streams is due (both when the price moved). */
  markPrice(symbol: string, event: object, every: '1s' | '3s' | 'both'): void {
    const s = symbol.toLowerCase();
    if (every !== '1s') this.gateway.publish(`${s}@markPrice`, event);
    if (every !== '3s') this.gateway.publish(`${s}@markPrice@1s`, event);
  }
}
