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
import { loopbackControl, type KiteLoopbackControl } from './control';
import { KiteFaults } from './faults';
import { gttRoutes } from './gttRoutes';
import { createRequestHandler } from './httpServer';
import { instrumentOf, parseInstrumentsCsv } from './instrumentsCsv';
import { marketRoutes } from './marketRoutes';
import { orderRoutes } from './orderRoutes';
import { portfolioRoutes } from './portfolioRoutes';
import { KiteRateLimiter } from './rateLimiter';
import { KITE_DATA, readRecording } from './recordings';
import { sessionRoutes } from './sessionRoutes';
import { KiteSessions } from './sessions';
import { KiteTickerServer } from './ticker';
import { KiteVenue } from './venue';

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
  const ticker = new KiteTickerServer(sessions, (t) => venue.markets.get(t), now, config.heartbeatMs ?? 1000, () => faults.tickerStalled);
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

  const control = loopbackControl(venue, sessions, ticker);

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
