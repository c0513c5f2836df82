/**
 * A loopback Deribit venue for tests: JSON-RPC 2.0 over HTTP (GET /api/v2/public/<method>?params, as ccxt
 * calls it) and over WebSocket (/ws/api/v2: public/subscribe to book.{instrument}.{interval}, answered with
 * the channels and then a book snapshot per channel). Public market data only: private methods (orders,
 * account) answer Deribit's "unauthorized" error, so that a test sees what is not served rather than a
 * made-up account. Shapes: see listing.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DeribitListing, type DeribitListingOptions } from './listing';

export interface DeribitLoopback {
  restUrl: string;
  wsUrl: string;
  listing: DeribitListing;
  /** The JSON-RPC methods asked so far, over HTTP and WebSocket, in order. */
  calls: string[];
  stop(): Promise<void>;
}

type RpcResult = { result: unknown } | { error: { code: number; message: string }; status: number };

/** Deribit's error codes (documentation, "Error codes"). */
const METHOD_NOT_FOUND = { code: -32601, message: 'Method not found' };
const INVALID_PARAMS = { code: -32602, message: 'Invalid params' };
const UNAUTHORIZED = { code: 13009, message: 'unauthorized' };

export async function startDeribitLoopback(options: DeribitListingOptions): Promise<DeribitLoopback> {
  const listing = new DeribitListing(options);
  const calls: string[] = [];
  const stamp = () => ({ jsonrpc: '2.0', usIn: options.now * 1000, usOut: options.now * 1000 + 50, usDiff: 50, testnet: false });

  const rpc = (method: string, params: Record<string, string>): RpcResult => {
    calls.push(method);
    if (method.startsWith('private/')) return { error: UNAUTHORIZED, status: 400 };
    switch (method) {
      case 'public/get_time':
        return { result: options.now };
      case 'public/get_currencies':
        return { result: [{ currency: 'BTC', currency_long: 'Bitcoin', fee_precision: 4, min_confirmations: 1, withdrawal_fee: 0.0001, coin_type: 'BITCOIN' }] };
      case 'public/get_instruments': {
        const { currency, kind } = params;
        if (currency !== undefined && currency !== 'BTC' && currency !== 'any') return { result: [] };
        return { result: listing.instruments.filter((i) => kind === undefined || i['kind'] === kind) };
      }
      case 'public/get_index_price':
        if (params['index_name'] !== 'btc_usd') return { error: INVALID_PARAMS, status: 400 };
        return { result: { index_price: options.index, estimated_delivery_price: options.index } };
      case 'public/get_order_book':
      case 'public/ticker': {
        const name = params['instrument_name'] ?? '';
        const book = bookOf(listing, name, options.now);
        return book ? { result: book } : { error: INVALID_PARAMS, status: 400 };
      }
      default:
        return { error: METHOD_NOT_FOUND, status: 400 };
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    const m = /^\/api\/v2\/((?:public|private)\/[a-z_]+)$/.exec(url.pathname);
    const answer = m ? rpc(m[1]!, Object.fromEntries(url.searchParams)) : { error: METHOD_NOT_FOUND, status: 404 };
    res.writeHead('error' in answer ? answer.status : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...stamp(), ...('error' in answer ? { error: answer.error } : { result: answer.result }) }));
  });
  const wss = new WebSocketServer({ server, path: '/ws/api/v2' });
  wss.on('connection', (socket: WebSocket) => {
    socket.on('message', (raw) => {
      let msg: { id?: unknown; method?: unknown; params?: { channels?: unknown } };
      try {
        msg = JSON.parse(String(raw)) as typeof msg;
      } catch {
        return; // as Deribit: an unparsable frame gets no answer it could be matched to
      }
      const method = typeof msg.method === 'string' ? msg.method : '';
      calls.push(method);
      const channels = Array.isArray(msg.params?.channels) ? msg.params.channels.filter((c): c is string => typeof c === 'string') : [];
      if (method !== 'public/subscribe' && method !== 'public/unsubscribe') {
        socket.send(JSON.stringify({ ...stamp(), id: msg.id, error: method.startsWith('private/') ? UNAUTHORIZED : METHOD_NOT_FOUND }));
        return;
      }
      socket.send(JSON.stringify({ ...stamp(), id: msg.id, result: channels }));
      if (method === 'public/unsubscribe') return;
      for (const channel of channels) {
        const [kind, name] = channel.split('.');
        const book = kind === 'book' && name !== undefined ? bookOf(listing, name, options.now) : undefined;
        if (!book) continue; // trades and tickers: subscribed, nothing traded on the loopback
        const data = { type: 'snapshot', timestamp: options.now, instrument_name: name, change_id: 1, bids: book.bids.map(([p, a]) => ['new', p, a]), asks: book.asks.map(([p, a]) => ['new', p, a]) };
        socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    listing,
    calls,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** public/get_order_book's and public/ticker's result for one instrument (both carry the top of book). */
function bookOf(listing: DeribitListing, name: string, now: number) {
  const q = listing.quotes.get(name);
  const rec = listing.instrument(name);
  if (!q || !rec) return undefined;
  const under = listing.underlyingOf(name);
  const mark = (q.bid + q.ask) / 2;
  return {
    timestamp: now,
    state: 'open',
    instrument_name: name,
    change_id: 1,
    bids: [[q.bid, q.bidAmount]],
    asks: [[q.ask, q.askAmount]],
    best_bid_price: q.bid,
    best_bid_amount: q.bidAmount,
    best_ask_price: q.ask,
    best_ask_amount: q.askAmount,
    mark_price: mark,
    last_price: mark,
    index_price: listing.options.index,
    ...(rec['kind'] === 'option' ? { underlying_price: under.price, underlying_index: under.name, open_interest: 42.5 } : { open_interest: 1_000_000 }),
    settlement_price: mark,
    min_price: 0,
    max_price: mark * 2,
    stats: { volume: 10, price_change: 0, low: q.bid, high: q.ask },
  };
}
