/**
 * ccxt's Binance client, pointed at the loopback venue, trades against it unchanged: the strongest
 * evidence that the loopback speaks Binance's protocol (ccxt signs, parses exchangeInfo filters,
 * depth, balances and orders exactly as it does against api.binance.com / fapi.binance.com).
 */
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { spotVenue, usdmVenue } from './loopback.fixture';

type Client = InstanceType<typeof ccxt.binance>;

/** ccxt's configuration with every Binance base URL of this market (REST and streams) at the loopback venue. */
function ccxtConfig(venue: { restUrl: string; wsUrl: string }, market: 'spot' | 'usdm', key?: { apiKey: string; hmacSecret: string }) {
  const rest = venue.restUrl;
  const api =
    market === 'spot'
      ? { public: `${rest}/api/v3`, private: `${rest}/api/v3`, v1: `${rest}/api/v1`, ws: { spot: `${venue.wsUrl}/ws`, 'ws-api': { spot: `${venue.wsUrl}/ws-api/v3` } } }
      : {
          ...Object.fromEntries(
            ['fapiPublic', 'fapiPrivate', 'fapiPublicV2', 'fapiPrivateV2', 'fapiPublicV3', 'fapiPrivateV3'].map((name) => [name, `${rest}/fapi/${name.match(/V(\d)$/)?.[0].toLowerCase() ?? 'v1'}`]),
          ),
          ws: { future: `${venue.wsUrl}/ws` },
        };
  return {
    ...(key ? { apiKey: key.apiKey, secret: key.hmacSecret } : {}),
    urls: { api },
    // Only this market's exchangeInfo; no sapi calls (currencies, margin pairs) that the loopback does not serve.
    options: { defaultType: market === 'spot' ? 'spot' : 'future', fetchMarkets: { types: [market === 'spot' ? 'spot' : 'linear'] }, fetchCurrencies: false, fetchMargins: false },
  };
}

const ccxtFor = (venue: { restUrl: string; wsUrl: string }, key: { apiKey: string; hmacSecret: string }, market: 'spot' | 'usdm'): Client =>
  new ccxt.binance(ccxtConfig(venue, market, key));

const hmacKey = (k: unknown) => k as { apiKey: string; hmacSecret: string };

describe('ccxt against the loopback Binance spot venue', () => {
  it('fetches the book and the balance, places, queries and cancels a limit order, and fills a market order', async () => {
    const { venue, alice } = await spotVenue();
    const ex = ccxtFor(venue, hmacKey(alice.key), 'spot');

    const book = await ex.fetchOrderBook('BTC/USDT');
    expect(book.bids.slice(0, 2)).toEqual([
      [20000, 1.5],
      [19999, 2],
    ]);
    expect(book.asks[0]).toEqual([20001, 1.2]);
    expect(book.nonce).toBe(1000);

    const balance = await ex.fetchBalance();
    expect(balance.total).toMatchObject({ USDT: 100000, BTC: 2 });

    const placed = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 19000, { clientOrderId: 'ccxt-spot-1' });
    expect(placed).toMatchObject({ clientOrderId: 'ccxt-spot-1', status: 'open', price: 19000, amount: 0.01 });
    expect(venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['ccxt-spot-1']);
    expect((await ex.fetchBalance()).used).toMatchObject({ USDT: 190 });

    const fetched = await ex.fetchOrder(String(placed.id), 'BTC/USDT');
    expect(fetched).toMatchObject({ id: placed.id, clientOrderId: 'ccxt-spot-1', status: 'open', side: 'buy', type: 'limit' });

    const canceled = await ex.cancelOrder(String(placed.id), 'BTC/USDT');
    expect(canceled).toMatchObject({ id: placed.id, status: 'canceled' });
    expect(venue.exchange.working('alice')).toEqual([]);

    const filled = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.5);
    expect(filled).toMatchObject({ status: 'closed', filled: 0.5, average: 20001 });
    expect((await ex.fetchBalance()).total).toMatchObject({ USDT: 100000 - 10000.5, BTC: 2.4995 });
  });

  it("surfaces the venue's own words when it refuses an order", async () => {
    const { venue, alice } = await spotVenue({ aliceBalances: { USDT: '10' } });
    const ex = ccxtFor(venue, hmacKey(alice.key), 'spot');
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 19000)).rejects.toThrow('Account has insufficient balance for requested action.');
  });
});

describe('ccxt against the loopback Binance USD-M venue', () => {
  it('fetches the book and the balance, places, queries and cancels, and opens a position', async () => {
    const { venue, alice } = await usdmVenue();
    const ex = ccxtFor(venue, hmacKey(alice.key), 'usdm');
    const symbol = 'BTC/USDT:USDT';

    const book = await ex.fetchOrderBook(symbol);
    expect(book.bids[0]).toEqual([20000, 1.5]);
    expect(book.asks[0]).toEqual([20000.1, 1.2]);

    expect((await ex.fetchBalance()).total).toMatchObject({ USDT: 10000 });

    const placed = await ex.createOrder(symbol, 'limit', 'buy', 0.01, 19000, { clientOrderId: 'ccxt-fut-1' });
    expect(placed).toMatchObject({ clientOrderId: 'ccxt-fut-1', status: 'open', price: 19000, amount: 0.01 });
    expect(await ex.fetchOrder(String(placed.id), symbol)).toMatchObject({ clientOrderId: 'ccxt-fut-1', status: 'open' });
    expect(await ex.cancelOrder(String(placed.id), symbol)).toMatchObject({ status: 'canceled' });

    expect(await ex.createOrder(symbol, 'market', 'buy', 0.01)).toMatchObject({ status: 'closed' });
    const positions = await ex.fetchPositions([symbol]);
    expect(positions.map((p) => [p.symbol, p.contracts, p.side, p.entryPrice])).toEqual([[symbol, 0.01, 'long', 20000.1]]);
  });
});

describe.each(['spot', 'usdm'] as const)('ccxt pro against the loopback Binance %s streams', (market) => {
  const symbol = market === 'spot' ? 'BTC/USDT' : 'BTC/USDT:USDT';

  it('syncs watchOrderBook from the REST snapshot and the diff stream', async () => {
    const { venue } = market === 'spot' ? await spotVenue() : await usdmVenue();
    const ex = new ccxt.pro.binance(ccxtConfig(venue, market));
    // ccxt needs an http agent for plain ws:// URLs.
    await ex.loadHttpProxyAgent();
    try {
      const first = await ex.watchOrderBook(symbol);
      expect(first.nonce).toBe(1000);
      expect(first.bids[0]).toEqual([20000, 1.5]);
      const next = ex.watchOrderBook(symbol);
      venue.exchange.setLiquidity('BTCUSDT', 'BUY', '20000', '0.25');
      const book = await next;
      expect(book.nonce).toBe(1001);
      expect(book.bids[0]).toEqual([20000, 0.25]);
    } finally {
      await ex.close();
    }
  });

  it('hears its orders on the user data stream with watchOrders (spot: WebSocket API; USD-M: listen key)', async () => {
    const { venue, alice } = market === 'spot' ? await spotVenue() : await usdmVenue();
    const ex = new ccxt.pro.binance(ccxtConfig(venue, market, hmacKey(alice.key)));
    await ex.loadHttpProxyAgent();
    try {
      const reading = venue.nextUserStreamReader('alice');
      const first = ex.watchOrders(symbol);
      await reading;
      await alice.signed('POST', market === 'spot' ? '/api/v3/order' : '/fapi/v1/order', {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        price: '19000',
        quantity: '0.01',
        newClientOrderId: 'watched-1',
      });
      const orders = await first;
      expect(orders.at(-1)).toMatchObject({ clientOrderId: 'watched-1', status: 'open', price: 19000, amount: 0.01, side: 'buy' });
    } finally {
      // close() rejects the futures ccxt still holds (USD-M: its positions snapshot, and the never-dialed
      // 'authenticationFlights' client's); nothing in this test awaits them, so their rejections are expected.
      for (const client of Object.values(ex.clients as Record<string, { futures: Record<string, Promise<unknown>> }>)) {
        for (const f of Object.values(client.futures)) f.catch(() => {});
      }
      await ex.close();
    }
  });
});
