/**
 * Starts a loopback Kite venue on 127.0.0.1 at an ephemeral port: Kite Connect v3 REST, the login
 * page and KiteTicker on one port, so `restUrl` replaces https://api.kite.trade, `loginUrl`
 * https://kite.zerodha.com/connect/login and `tickerUrl` wss://ws.kite.trade in a connector under test.
 * `control` moves markets and inspects the account; `faults` injects failures.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { LiveClock } from '../../../core';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_LIMITS, DEFAULT_MARKETS, DEFAULT_USER, type KiteLoopbackConfig } from './config';
import { KiteFaults } from './faults';
import { gttRoutes } from './gttRoutes';
import { createRequestHandler } from './httpServer';
import { instrumentOf, parseInstrumentsCsv } from './instrumentsCsv';
import { isKiteError } from './kiteErrors';
import { marketRoutes } from './marketRoutes';
import { orderRoutes } from './orderRoutes';
import { portfolioRoutes } from './portfolioRoutes';
import { KiteRateLimiter } from './rateLimiter';
import { KITE_DATA, readRecording } from './recordings';
import { sessionRoutes } from './sessionRoutes';
import { KiteSessions } from './sessions';
import { KiteTickerServer } from './ticker';
import { parseUnits, unitsText } from './units';
import { KiteVenue } from './venue';
import { Portfolio } from './portfolio';

/** The test's hand on the venue: move markets, run the venue's second, look at the account. */
export interface KiteLoopbackControl {
  /** The instrument ("NSE:INFY" or its token) trades at `price` (rupees, on its tick). */
  setPrice(instrument: string | number, price: string): void;
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
  /** Ticker sockets open now. */
  readonly tickerConnections: number;
  /** The tokens and modes the n-th open ticker socket is subscribed to. */
  tickerSubscriptions(index?: number): Map<number, string>;
  /** Resolves when the next ticker socket connects. */
  nextTickerConnection(): Promise<void>;
}

export interface KiteLoopback {
  /** e.g. http://127.0.0.1:41234: Kite Connect's REST paths (/session/token, /orders, ...). */
  readonly restUrl: string;
  /** e.g. ws://127.0.0.1:41234: connect with ?api_key=&access_token=. */
  readonly tickerUrl: string;
  /** e.g. http://127.0.0.1:41234/connect/login: add ?v=3&api_key=. */
  readonly loginUrl: string;
  readonly control: KiteLoopbackControl;
  readonly faults: KiteFaults;
  /** Closes every socket and the server. */
  close(): Promise<void>;
}

export async function startKiteLoopback(config: KiteLoopbackConfig): Promise<KiteLoopback> {
  const clock = config.clock ?? new LiveClock();
  const now = () => clock.now();
  const user = { ...DEFAULT_USER, ...config.user };
  const files = config.instrumentFiles ?? [resolve(KITE_DATA, 'instruments_all.csv')];
  const rows = [...files.flatMap((f) => parseInstrumentsCsv(readRecording(f))), ...(config.extraInstruments ?? DEFAULT_EXTRA_INSTRUMENTS)];
  const instruments = rows.map(instrumentOf);

  const sessions = new KiteSessions(config.app, user, now);
  const faults: KiteFaults = new KiteFaults({ expireSessions: () => sessions.expireAll(), dropTickerSockets: () => ticker.dropAll() });
  const venue = new KiteVenue(instruments, config, user.userId, faults, now);
  for (const seed of config.markets ?? DEFAULT_MARKETS) venue.addMarket(seed);
  const ticker = new KiteTickerServer(sessions, (t) => venue.markets.get(t), now, config.heartbeatMs ?? 1000);
  const appId = 1000 + (config.app.apiKey.length % 1000);
  venue.listen({
    order: (o, status) => ticker.publishOrder({ ...o.postback(user.userId, appId, config.app.apiSecret), status }),
    market: (m) => ticker.publish(m),
  });

  const routes = [...sessionRoutes(sessions, venue), ...marketRoutes(venue, () => rows), ...orderRoutes(venue), ...portfolioRoutes(venue), ...gttRoutes(venue)];
  const timers: number[] = [];
  const server = createServer(
    createRequestHandler({
      routes,
      sessions,
      limiter: new KiteRateLimiter({ ...DEFAULT_LIMITS, ...config.limits }),
      faults,
      now,
      later: (fn, ms) => void timers.push(clock.setTimeout(fn, ms)),
    }),
  );
  server.on('upgrade', (req, socket, head) => ticker.handleUpgrade(req, socket, head));
  timers.push(clock.setInterval(() => ticker.heartbeat(), config.heartbeatMs ?? 1000));
  timers.push(clock.setInterval(() => venue.onClockTick(), 1000));
  if (config.autoStepMs !== undefined) timers.push(clock.setInterval(() => venue.stepAllPaths(), config.autoStepMs));

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const restUrl = `http://127.0.0.1:${port}`;

  const tokenOf = (instrument: string | number): number => {
    const i = venue.instrument(instrument);
    if (!i) throw new Error(`no instrument ${instrument}`);
    return i.token;
  };
  const control: KiteLoopbackControl = {
    setPrice: (instrument, price) => {
      const u = parseUnits(price);
      if (!u || !u.exact) throw new Error(`setPrice: ${price} is not a price`);
      venue.moveMarket(tokenOf(instrument), u.units);
    },
    step: (instrument) => {
      const token = tokenOf(instrument);
      const p = venue.markets.get(token)?.nextPathPrice();
      if (p === undefined) throw new Error(`instrument ${instrument} has no price path`);
      venue.moveMarket(token, p);
      return unitsText(p);
    },
    runSecond: () => venue.onClockTick(),
    issueRequestToken: () => {
      const t = sessions.login(config.app.apiKey);
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
    availableMargin: (segment = 'equity') => venue.marginNet(segment === 'commodity') / 10_000,
    get liveSessions() {
      return sessions.liveSessions;
    },
    get tickerConnections() {
      return ticker.connectionCount;
    },
    tickerSubscriptions: (index) => ticker.subscriptions(index),
    nextTickerConnection: () => ticker.nextConnection(),
  };

  let closed: Promise<void> | undefined;
  return {
    restUrl,
    tickerUrl: `ws://127.0.0.1:${port}`,
    loginUrl: `${restUrl}/connect/login`,
    control,
    faults,
    close: () =>
      (closed ??= (async () => {
        for (const t of timers) clock.clearTimer(t);
        faults.discardHeld();
        await ticker.close();
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
      })()),
  };
}
