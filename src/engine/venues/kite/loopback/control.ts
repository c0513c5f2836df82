/**
 * The test's hand on the loopback Kite venue: move a market (to a price, or along its path), run the
 * venue's once-a-second work, issue a request_token without the redirect, and look at orders,
 * positions, GTTs, margins, sessions and ticker sockets.
 */
import { isKiteError } from './kiteErrors';
import { Portfolio } from './portfolio';
import type { KiteSessions } from './sessions';
import type { KiteTickerServer } from './ticker';
import { parseUnits, unitsText, UNITS_PER_RUPEE } from './units';
import type { KiteVenue } from './venue';

/** The test's hand on the venue: move markets, run the venue's second, look at the account. */
export interface KiteLoopbackControl {
  /** The instrument ("NSE:INFY" or its token) trades at `price` (rupees, on its tick). */
  setPrice(instrument: string | number, price: string): void;
  /** A derivative's open interest becomes `units` (shares, a whole number of lots); subscribers get a tick. */
  setOpenInterest(instrument: string | number, units: number): void;
  /** The instrument takes the next price of its configured path; returns it. */
  step(instrument: string | number): string;
  /** Runs the venue's once-a-second work now (AMOs opening, TTL orders lapsing, DAY orders at the close). */
  runSecond(): void;
  /** A request_token as if the user had just logged in (for tests that do not follow the redirect). */
  issueRequestToken(): string;
  /** The orders, positions, margins and GTTs as the REST API would answer them. */
  orders(): Record<string, unknown>[];
  positions(): Record<string, unknown>[];
  gtts(): Record<string, unknown>[];
  /** Equity margin still available, in rupees. */
  availableMargin(segment?: 'equity' | 'commodity'): number;
  /** Live access tokens. */
  readonly liveSessions: number;
  /** Every access token the venue has issued, live or not (to check that none leaked into files or logs). */
  accessTokens(): string[];
  /** Ticker sockets open now. */
  readonly tickerConnections: number;
  /** The tokens and modes the n-th open ticker socket is subscribed to. */
  tickerSubscriptions(index?: number): Map<number, string>;
  /** Resolves when the next ticker socket connects. */
  nextTickerConnection(): Promise<void>;
}

export function loopbackControl(venue: KiteVenue, sessions: KiteSessions, ticker: KiteTickerServer): KiteLoopbackControl {
  const tokenOf = (instrument: string | number): number => {
    const i = venue.instrument(instrument);
    if (!i) throw new Error(`no instrument ${instrument}`);
    return i.token;
  };
  return {
    setPrice: (instrument, price) => {
      const u = parseUnits(price);
      if (!u || !u.exact) throw new Error(`setPrice: ${price} is not a price`);
      venue.moveMarket(tokenOf(instrument), u.units);
    },
    setOpenInterest: (instrument, units) => venue.setOpenInterest(tokenOf(instrument), units),
    step: (instrument) => {
      const token = tokenOf(instrument);
      const p = venue.markets.get(token)?.nextPathPrice();
      if (p === undefined) throw new Error(`instrument ${instrument} has no price path`);
      venue.moveMarket(token, p);
      return unitsText(p);
    },
    runSecond: () => venue.onClockTick(),
    issueRequestToken: () => {
      const t = sessions.login(sessions.app.apiKey);
      if (isKiteError(t)) throw new Error(t.message);
      return t;
    },
    orders: () => [...venue.orders.values()].map((o) => o.toJson()),
    positions: () =>
      [...venue.portfolio.positions.values()].map((p) => {
        const m = venue.markets.get(p.instrument.token);
        return Portfolio.positionJson(p, m?.lastPrice ?? 0, m?.ohlc.close ?? 0);
      }),
    gtts: () => venue.gtt.list().map((g) => venue.gtt.toJson(g)),
    availableMargin: (segment = 'equity') => venue.margins.net(segment === 'commodity') / UNITS_PER_RUPEE,
    get liveSessions() {
      return sessions.liveSessions;
    },
    accessTokens: () => sessions.issuedAccessTokens(),
    get tickerConnections() {
      return ticker.connectionCount;
    },
    tickerSubscriptions: (index) => ticker.subscriptions(index),
    nextTickerConnection: () => ticker.nextConnection(),
  };
}
