/**
 * ccxt's Binance client, pointed at the loopback venue, trades against it unchanged: the strongest
 * evidence that the loopback speaks Binance's protocol (ccxt signs, parses exchangeInfo filters,
 * depth, balances and orders exactly as it does against api.binance.com / fapi.binance.com).
 */
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { spotVenue, usdmVenue } from './loopback.fixture';

type Client = InstanceType<typeof ccxt.binance>;

/** A ccxt client whose every Binance base URL of this market points at the loopback venue. */
function ccxtFor(restUrl: string, key: { apiKey: string; hmacSecret: string }, market: 'spot' | 'usdm'): Client {
  const api =
    market === 'spot'
      ? { public: `${restUrl}/api/v3`, private: `${restUrl}/api/v3`, v1: `${restUrl}/api/v1` }
      : Object.fromEntries(
          ['fapiPublic', 'fapiPrivate', 'fapiPublicV2', 'fapiPrivateV2', 'fapiPublicV3', 'fapiPrivateV3'].map((name) => [name, `${restUrl}/fapi/${name.match(/V(\d)$/)?.[0].toLowerCase() ?? 'v1'}`]),
        );
  return new ccxt.binance({
    apiKey: key.apiKey,
    secret: key.hmacSecret,
    urls: { api },
    // Only this market's exchangeInfo; no sapi calls (currencies, margin pairs) that the loopback does not serve.
    options: { defaultType: market === 'spot' ? 'spot' : 'future', fetchMarkets: { types: [market === 'spot' ? 'spot' : 'linear'] }, fetchCurrencies: false, fetchMargins: false },
  });
}

const hmacKey = (k: unknown) => k as { apiKey: string; hmacSecret: string };

describe('ccxt against the loopback Binance spot venue', () => {
  it('fetches the book and the balance, places, queries and cancels a limit order, and fills a market order', async () => {
    const { venue, alice } = await spotVenue();
    const ex = ccxtFor(venue.restUrl, hmacKey(alice.key), 'spot');

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
    const ex = ccxtFor(venue.restUrl, hmacKey(alice.key), 'spot');
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 19000)).rejects.toThrow('Account has insufficient balance for requested action.');
  });
});

describe('ccxt against the loopback Binance USD-M venue', () => {
  it('fetches the book and the balance, places, queries and cancels, and opens a position', async () => {
    const { venue, alice } = await usdmVenue();
    const ex = ccxtFor(venue.restUrl, hmacKey(alice.key), 'usdm');
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
