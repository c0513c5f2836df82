/**
 * Part of `npm run bench -- venue`: order submit -> venue request on the wire, against the loopback
 * Binance spot venue over real HTTP on 127.0.0.1.
 *
 * Timed from BinanceSpotAdapter.submit() (the call the OMS makes) to the moment an HTTP server has the
 * request's headers parsed: a small proxy in front of the loopback venue timestamps its 'request'
 * event and forwards the request unchanged (bench/orderWireVenue.ts). In between: the adapter's checks
 * and order wire format, the signature (HMAC-SHA256 over the query string, as Binance documents),
 * Node's fetch (undici, a kept-alive connection), the loopback TCP hop and the server's HTTP parser.
 * The venue runs in its own process, as a real one does, so its work never sits on the engine's event
 * loop; its answer is not in the figure (one order at a time: the next is sent once the answer is in,
 * so no request waits behind another). Both ends read the machine's monotonic clock.
 */
import { fork } from 'node:child_process';
import { LiveClock, silentLogger, type Clock, type VenueEvent } from '../src/engine/core';
import { BinanceSpotAdapter } from '../src/engine/venues/binance/binanceSpotAdapter';
import { fmt, nowNs, percentile } from './stats';

const WARMUP = 300;
const ORDERS = 3_000;

type VenueMessage = { type: 'ready'; url: string; wsApiUrl: string; apiKey: string; secret: string } | { type: 'arrived'; clientOrderId: string; at: string };

/** How long the venue process may take to start (tsx compiling it on a loaded machine is the slow part). */
const VENUE_START_LIMIT_MS = 60_000;

/** The bench venue's process: where to reach it, and when each order request reached it. */
export interface BenchVenue {
  /** The timing proxy in front of the venue's REST API (orders go here). */
  url: string;
  /** The venue's WebSocket API (the account stream), straight, not through the proxy. */
  wsApiUrl: string;
  apiKey: string;
  secret: string;
  /** clientOrderId -> process.hrtime of the request's headers parsed at the venue. */
  arrivals: Map<string, bigint>;
  arrivalWaiters: Map<string, () => void>;
  stop(): void;
}

/** Starts bench/orderWireVenue.ts in its own process and waits (bounded) for it to say where it listens. */
export async function startBenchVenue(): Promise<BenchVenue> {
  const child = fork(new URL('./orderWireVenue.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const arrivals = new Map<string, bigint>();
  const arrivalWaiters = new Map<string, () => void>();
  let limit: NodeJS.Timeout | undefined;
  const ready = new Promise<{ url: string; wsApiUrl: string; apiKey: string; secret: string }>((resolve, reject) => {
    child.on('message', (m: VenueMessage) => {
      if (m.type === 'ready') return resolve(m);
      arrivals.set(m.clientOrderId, BigInt(m.at));
      arrivalWaiters.get(m.clientOrderId)?.();
    });
    child.on('exit', (code) => reject(new Error(`the bench venue exited (code ${code})`)));
    limit = setTimeout(() => reject(new Error(`the bench venue process did not say it was listening within ${VENUE_START_LIMIT_MS / 1000} s`)), VENUE_START_LIMIT_MS);
  });
  const stop = () => {
    if (child.connected) child.disconnect();
  };
  try {
    const where = await ready;
    return { ...where, arrivals, arrivalWaiters, stop };
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    clearTimeout(limit);
  }
}

/**
 * A BinanceSpotAdapter connected to the bench venue, or an error saying why it is not. The account
 * stream is the venue's WebSocket API (subscribed before the adapter may trade): without the loopback's
 * URL the adapter would dial ws-api.binance.com and never connect.
 */
export async function connectBenchAdapter(venue: BenchVenue, clock: Clock): Promise<BinanceSpotAdapter> {
  const { url, wsApiUrl, apiKey, secret } = venue;
  const adapter = new BinanceSpotAdapter({ account: { name: 'bench', apiKey, secret, restUrl: url, wsApiUrl }, clock, logger: silentLogger, symbols: ['BTCUSDT'] });
  let downReason = '';
  const off = adapter.onEvent((e) => {
    if (e.type === 'connection' && e.state === 'disconnected' && e.reason !== undefined) downReason = e.reason;
  });
  await adapter.connect();
  off();
  if (adapter.instruments().length === 0) {
    await adapter.disconnect();
    throw new Error(`the adapter did not connect to the loopback venue: ${downReason || 'no reason given'}`);
  }
  return adapter;
}

export async function runOrderWireBench(): Promise<void> {
  const venue = await startBenchVenue();
  const { url, arrivals, arrivalWaiters } = venue;
  // Where the time goes: when the adapter hands each order request to fetch (measurement only; the
  // request itself is untouched).
  const fetchCalled = new Map<string, bigint>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const id = /[?&]newClientOrderId=([^&]+)/.exec(String(input))?.[1];
    if (id !== undefined) fetchCalled.set(decodeURIComponent(id), nowNs());
    return realFetch(input, init);
  };
  let adapter: BinanceSpotAdapter | undefined;
  const answers = new Map<string, (e: VenueEvent) => void>();
  try {
    adapter = await connectBenchAdapter(venue, new LiveClock());
    adapter.onEvent((e) => {
      if ('clientOrderId' in e && (e.type === 'orderAccepted' || e.type === 'orderRejected')) answers.get(e.clientOrderId)?.(e);
    });
    const samples = new Float64Array(ORDERS);
    const toFetch = new Float64Array(ORDERS);
    let rejected = '';
    for (let i = 0; i < WARMUP + ORDERS; i++) {
      const clientOrderId = `bench-${i}`;
      const answered = new Promise<VenueEvent>((resolve) => answers.set(clientOrderId, resolve));
      const told = new Promise<void>((resolve) => arrivalWaiters.set(clientOrderId, resolve));
      const t0 = nowNs();
      // An IOC buy below the best ask: it reaches the book and expires, so nothing piles up at the venue.
      adapter.submit({ clientOrderId, symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: 1_900_000, qty: 100 });
      const answer = await answered;
      await told;
      // Let the previous exchange finish (its body read, its connection back in the pool) before the next.
      await new Promise((resolve) => setImmediate(resolve));
      answers.delete(clientOrderId);
      arrivalWaiters.delete(clientOrderId);
      if (answer.type === 'orderRejected') rejected ||= answer.reason;
      const arrived = arrivals.get(clientOrderId)!;
      arrivals.delete(clientOrderId);
      if (i >= WARMUP) {
        samples[i - WARMUP] = Number(arrived - t0);
        toFetch[i - WARMUP] = Number(fetchCalled.get(clientOrderId)! - t0);
      }
      fetchCalled.delete(clientOrderId);
    }
    if (rejected) throw new Error(`the venue rejected the bench's orders: ${rejected}`);
    // The floor under it on this machine: Node's fetch of a bare GET to the same server, nothing else.
    const floor = new Float64Array(ORDERS);
    for (let i = 0; i < WARMUP + ORDERS; i++) {
      const clientOrderId = `floor-${i}`;
      const told = new Promise<void>((resolve) => arrivalWaiters.set(clientOrderId, resolve));
      const t0 = nowNs();
      const answer = fetch(`${url}/api/v3/ping?newClientOrderId=${clientOrderId}`).then((r) => r.text());
      await told;
      await answer;
      arrivalWaiters.delete(clientOrderId);
      if (i >= WARMUP) floor[i - WARMUP] = Number(arrivals.get(clientOrderId)! - t0);
      arrivals.delete(clientOrderId);
    }
    const sorted = Float64Array.from(samples).sort();
    const floorSorted = floor.sort();
    const us = (p: number, s = sorted) => fmt(percentile(s, p) / 1000, 0);
    console.log(`\norder submit -> venue request on the wire (BinanceSpotAdapter.submit -> HMAC-signed POST /api/v3/order, headers parsed by the venue's HTTP server in its own process; ${fmt(ORDERS)} orders, one at a time):`);
    console.log(`  p50 ${us(50)} µs, p90 ${us(90)} µs, p99 ${us(99)} µs, max ${us(100)} µs   (goal: p99 < 1,000 µs)`);
    const toFetchSorted = toFetch.sort();
    console.log(`  of which submit -> the request handed to fetch (checks, wire format, signature): p50 ${us(50, toFetchSorted)} µs, p99 ${us(99, toFetchSorted)} µs, max ${us(100, toFetchSorted)} µs`);
    console.log(`  floor, Node's fetch of a bare GET to the same server: p50 ${us(50, floorSorted)} µs, p90 ${us(90, floorSorted)} µs, p99 ${us(99, floorSorted)} µs, max ${us(100, floorSorted)} µs`);
  } finally {
    globalThis.fetch = realFetch;
    await adapter?.disconnect();
    venue.stop();
  }
}
