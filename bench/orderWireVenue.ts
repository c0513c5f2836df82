/**
 * The venue side of the order-wire bench, in its own process (as a real venue is): the loopback Binance
 * spot venue behind a small proxy that timestamps each order request the moment its headers are parsed
 * and tells the parent (process.hrtime is the machine's monotonic clock, the same in both processes).
 * Started by bench/orderWire.ts with an IPC channel; stops when the parent disconnects.
 */
import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveClock } from '../src/engine/core';
import { newApiKey, startBinanceLoopback } from '../src/engine/venues/binance/testSupport';

const send = (message: object) => process.send!(message);

const account = { apiKey: newApiKey(), secret: newApiKey() };
const venue = await startBinanceLoopback({
  market: 'spot',
  clock: new LiveClock(),
  accounts: [{ name: 'bench', keys: [{ apiKey: account.apiKey, hmacSecret: account.secret }], balances: { USDT: '1000000000', BTC: '100' } }],
  // The bench sends far more orders than Binance's 100 per 10 s: the limits would only add 429s.
  limits: { ordersPer10s: 1e9, weightPerMinute: 1e9 },
});
const upstream = new URL(venue.restUrl);
const agent = new Agent({ keepAlive: true });
const proxy = createServer((req, res) => {
  const at = process.hrtime.bigint();
  const id = /[?&]newClientOrderId=([^&]+)/.exec(req.url ?? '')?.[1];
  if (id !== undefined) send({ type: 'arrived', clientOrderId: decodeURIComponent(id), at: String(at) });
  const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', (e) => res.writeHead(502).end(e.message));
  req.pipe(forward);
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
process.on('disconnect', () => {
  proxy.closeAllConnections();
  proxy.close();
  void venue.stop().then(() => process.exit(0));
});
// Orders go through the timing proxy; the account stream (WebSocket API) goes straight to the venue.
send({ type: 'ready', url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, wsApiUrl: `${venue.wsUrl}/ws-api/v3`, ...account });
