/**
 * Part of `npm run bench -- venue`: order submit -> venue request on the wire, against the loopback
 * Binance spot venue over real HTTP on 127.0.0.1.
 *
 * Timed from BinanceSpotAdapter.submit() (the call the OMS makes) to the moment an HTTP server has the
 * request's headers parsed: a small proxy in front of the loopback venue timestamps its 'request'
 * event and forwards the request unchanged. In between: the adapter's checks and order wire format,
 * the signature (HMAC-SHA256 over the query string, as Binance documents), Node's fetch (undici, a
 * kept-alive connection), the loopback TCP hop and the server's HTTP parser. The venue's own work and
 * its answer are not in the figure (one order at a time: the next is sent once the answer is in, so no
 * request waits behind another). Everything runs in this one process, on the live clock.
 */
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveClock, silentLogger, type VenueEvent } from '../src/engine/core';
import { BinanceSpotAdapter } from '../src/engine/venues/binance/binanceSpotAdapter';
import { newApiKey, startBinanceLoopback } from '../src/engine/venues/binance/testSupport';
import { fmt, nowNs, percentile } from './stats';

const WARMUP = 300;
const ORDERS = 3_000;

/** Forwards every request to `target` and records when each order's request arrived. */
async function timestampingProxy(target: string, arrivals: Map<string, bigint>): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const at = nowNs();
    const id = /[?&]newClientOrderId=([^&]+)/.exec(req.url ?? '')?.[1];
    if (id !== undefined) arrivals.set(decodeURIComponent(id), at);
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (e) => res.writeHead(502).end(e.message));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function runOrderWireBench(): Promise<void> {
  const clock = new LiveClock();
  const account = { apiKey: newApiKey(), secret: newApiKey() };
  const venue = await startBinanceLoopback({
    market: 'spot',
    clock,
    accounts: [{ name: 'bench', keys: [{ apiKey: account.apiKey, hmacSecret: account.secret }], balances: { USDT: '1000000000', BTC: '100' } }],
    // The bench sends far more orders than Binance's 100 per 10 s: the limits would only add 429s.
    limits: { ordersPer10s: 1e9, weightPerMinute: 1e9 },
  });
  const arrivals = new Map<string, bigint>();
  const proxy = await timestampingProxy(venue.restUrl, arrivals);
  const adapter = new BinanceSpotAdapter({ account: { name: 'bench', ...account, restUrl: proxy.url }, clock, logger: silentLogger, symbols: ['BTCUSDT'] });
  const answers = new Map<string, (e: VenueEvent) => void>();
  adapter.onEvent((e) => {
    if ('clientOrderId' in e && (e.type === 'orderAccepted' || e.type === 'orderRejected')) answers.get(e.clientOrderId)?.(e);
  });
  try {
    await adapter.connect();
    if (adapter.instruments().length === 0) throw new Error('the adapter did not connect to the loopback venue');
    const samples = new Float64Array(ORDERS);
    let rejected = '';
    for (let i = 0; i < WARMUP + ORDERS; i++) {
      const clientOrderId = `bench-${i}`;
      const answered = new Promise<VenueEvent>((resolve) => answers.set(clientOrderId, resolve));
      const t0 = nowNs();
      // An IOC buy below the best ask: it reaches the book and expires, so nothing piles up at the venue.
      adapter.submit({ clientOrderId, symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: 1_900_000, qty: 100 });
      const answer = await answered;
      answers.delete(clientOrderId);
      if (answer.type === 'orderRejected') rejected ||= answer.reason;
      const arrived = arrivals.get(clientOrderId);
      arrivals.delete(clientOrderId);
      if (arrived === undefined) throw new Error(`order ${clientOrderId} was answered but its request never reached the venue`);
      if (i >= WARMUP) samples[i - WARMUP] = Number(arrived - t0);
    }
    if (rejected) throw new Error(`the venue rejected the bench's orders: ${rejected}`);
    const sorted = Float64Array.from(samples).sort();
    const us = (p: number) => fmt(percentile(sorted, p) / 1000, 0);
    console.log(`\norder submit -> venue request on the wire (BinanceSpotAdapter.submit -> HMAC-signed POST /api/v3/order, headers parsed at the loopback; ${fmt(ORDERS)} orders, one at a time):`);
    console.log(`  p50 ${us(50)} µs, p90 ${us(90)} µs, p99 ${us(99)} µs, max ${us(100)} µs   (goal: p99 < 1,000 µs)`);
  } finally {
    await adapter.disconnect();
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
    proxy.server.closeAllConnections();
    await venue.stop();
  }
}
