/**
 * Starts a loopback Binance venue (spot or USD-M futures) on 127.0.0.1 at an ephemeral port: REST
 * and WebSocket on the same port, so `restUrl` and `wsUrl` replace `https://api.binance.com` /
 * `wss://stream.binance.com:9443` (or `https://fapi.binance.com` / `wss://fstream.binance.com`) in a
 * connector under test. `exchange` moves the market and inspects accounts; `faults` injects failures.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveClock } from '../../../core';
import { amount } from './amounts';
import { KeyRegistry } from './auth';
import {
  DEFAULT_BAN_MS,
  DEFAULT_FEES,
  DEFAULT_ORDERS_PER_10S,
  DEFAULT_WEIGHT_PER_MINUTE,
  defaultSymbols,
  symbolSpec,
  type LoopbackOptions,
} from './config';
import type { LoopbackExchange } from './exchange';
import { LoopbackFaults } from './faults';
import type { FuturesLedger } from './futuresLedger';
import { futuresVenue } from './futuresVenue';
import { createRequestHandler } from './httpServer';
import type { Ledger } from './ledger';
import { MarketStreams } from './marketStreams';
import { optionRoutes } from './optionsMarket';
import { RateLimiter } from './rateLimiter';
import type { SpotLedger } from './spotLedger';
import { spotVenue } from './spotVenue';
import { UserStreams } from './userStreams';
import type { VenueContext } from './venueParts';
import { WsApi } from './wsApi';
import { WsGateway } from './wsGateway';

export interface BinanceLoopback<L extends Ledger = Ledger> {
  readonly market: LoopbackOptions['market'];
  /** e.g. http://127.0.0.1:41234: paths /api/v3/... (spot) or /fapi/... (USD-M). */
  readonly restUrl: string;
  /**
   * e.g. ws://127.0.0.1:41234: paths /ws/<stream>, /stream?streams=..., /ws/<listenKey>; USD-M also
   * /public, /market, /private; spot's WebSocket API at /ws-api/v3.
   */
  readonly wsUrl: string;
  readonly exchange: LoopbackExchange<L>;
  readonly faults: LoopbackFaults;
  /** Resolves when a reader next subscribes to the account's user data (listen key socket or WebSocket API). */
  nextUserStreamReader(account: string): Promise<void>;
  /** Closes every socket and the server. */
  stop(): Promise<void>;
}

export function startBinanceLoopback(options: LoopbackOptions & { market: 'spot' }): Promise<BinanceLoopback<SpotLedger>>;
export function startBinanceLoopback(options: LoopbackOptions & { market: 'usdm' }): Promise<BinanceLoopback<FuturesLedger>>;
export function startBinanceLoopback(options: LoopbackOptions): Promise<BinanceLoopback>;
export async function startBinanceLoopback(options: LoopbackOptions): Promise<BinanceLoopback> {
  const market = options.market;
  const clock = options.clock ?? new LiveClock();
  const faults: LoopbackFaults = new LoopbackFaults({
    dropAllSockets: () => {
      gateway.dropAll();
      wsApi?.dropAll();
    },
    expireListenKey: (key) => userStreams.expire(key),
  });
  const now = () => clock.now() + faults.clockOffset;
  const specs = (options.symbols ?? defaultSymbols(market)).map(symbolSpec);
  const limits = {
    weightPerMinute: options.limits?.weightPerMinute ?? DEFAULT_WEIGHT_PER_MINUTE[market],
    ordersPer10s: options.limits?.ordersPer10s ?? DEFAULT_ORDERS_PER_10S[market],
    banMs: options.limits?.banMs ?? DEFAULT_BAN_MS,
  };
  const feeText = options.fees ?? DEFAULT_FEES[market];
  const fees = { maker: amount(feeText.maker), taker: amount(feeText.taker) };
  const keys = new KeyRegistry(options.accounts);

  const gateway: WsGateway = new WsGateway(
    (name, category) => (category !== 'private' && marketStreams.isStream(name, category)) || ((category === 'any' || category === 'private') && userStreams.isLive(name)),
    market === 'usdm',
    (name) => userStreams.readerJoined(name),
  );
  const limiter = new RateLimiter(limits, market === 'spot' ? 'X-MBX-ORDER-COUNT-1D' : 'X-MBX-ORDER-COUNT-1M');
  // Spot's user data also flows through its WebSocket API (/ws-api/v3).
  const wsApi = market === 'spot' ? new WsApi(keys, limiter, now, (account) => userStreams.readerJoined(account, true)) : undefined;
  const userStreams = new UserStreams(market, gateway, faults, now, (account, event) => wsApi?.push(account, event));
  const marketStreams = new MarketStreams(market, gateway, faults, specs.map((s) => s.symbol));
  const ctx: VenueContext = { options, specs, fees, limits, now, userStreams, marketStreams };
  const parts = market === 'spot' ? spotVenue(ctx) : futuresVenue(ctx);

  const timers: number[] = [];
  const server = createServer(
    createRequestHandler({
      routes: options.options ? [...parts.routes, ...optionRoutes(options.options)] : parts.routes,
      keys,
      limiter,
      faults,
      now,
      later: (fn, ms) => void timers.push(clock.setTimeout(fn, ms)),
    }),
  );
  server.on('upgrade', (req, socket, head) => {
    if (wsApi && (req.url ?? '').split('?')[0] === '/ws-api/v3') wsApi.handleUpgrade(req, socket, head);
    else gateway.handleUpgrade(req, socket, head);
  });
  const tick = parts.tick;
  if (tick) timers.push(clock.setInterval(tick, 1000));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    market,
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    exchange: parts.exchange,
    faults,
    nextUserStreamReader: (account) => userStreams.nextReader(account),
    stop: () =>
      (stopped ??= (async () => {
        for (const t of timers) clock.clearTimer(t);
        faults.discardHeld();
        await gateway.close();
        await wsApi?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}
