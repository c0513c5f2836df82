/**
 * The official kiteconnect client against the loopback venue: if Kite's own client reads our answers
 * (orders, quotes, instruments CSV, positions, margins, errors), our wire matches Kite's.
 */
import { KiteConnect } from 'kiteconnect';
import { describe, expect, it } from 'vitest';
import { APP, loggedIn } from './loopback.fixture';

async function kite() {
  const s = await loggedIn();
  const kc = new KiteConnect({ api_key: APP.apiKey, root: s.venue.restUrl });
  kc.setAccessToken(s.client.accessToken!);
  return { ...s, kc };
}

describe('kiteconnect against the loopback Kite venue', () => {
  it('places, modifies, lists and cancels an order; reads its history', async () => {
    const { kc } = await kite();
    const { order_id } = await kc.placeOrder('regular', {
      exchange: 'NFO',
      tradingsymbol: 'NIFTY26DECFUT',
      transaction_type: 'BUY',
      quantity: 75,
      product: 'NRML',
      order_type: 'LIMIT',
      price: 24100,
      tag: 'kc1',
    } as never);
    await kc.modifyOrder('regular', order_id, { price: 24105, order_type: 'LIMIT' } as never);
    const orders = await kc.getOrders();
    expect(orders.find((o) => o.order_id === order_id)).toMatchObject({ status: 'OPEN', price: 24105, tag: 'kc1' });
    await kc.cancelOrder('regular', order_id);
    const history = await kc.getOrderHistory(order_id);
    expect(history.at(-1)!.status).toBe('CANCELLED');
  });

  it('reads a Kite error as the client expects it (error_type and message)', async () => {
    const { kc } = await kite();
    await expect(
      kc.placeOrder('regular', { exchange: 'NFO', tradingsymbol: 'NIFTY26DECFUT', transaction_type: 'BUY', quantity: 10, product: 'NRML', order_type: 'LIMIT', price: 24100 } as never),
    ).rejects.toMatchObject({ error_type: 'InputException', message: 'Quantity should be in multiples of lot size. The lot size for this contract is 75.' });
  });

  it('reads quotes, LTP and the instruments CSV', async () => {
    const { kc } = await kite();
    const q = await kc.getQuote(['NSE:INFY', 'NFO:NIFTY26DECFUT']);
    expect(q['NSE:INFY']!.last_price).toBe(1573.7);
    expect(q['NFO:NIFTY26DECFUT']!.depth.buy).toHaveLength(5);
    const ltp = await kc.getLTP(['NSE:SBIN']);
    expect(ltp['NSE:SBIN']!.last_price).toBe(812.5);
    const nfo = await kc.getInstruments(kc.EXCHANGE_NFO);
    const fut = nfo.find((i) => i.tradingsymbol === 'NIFTY26DECFUT')!;
    expect(fut).toMatchObject({ lot_size: 75, tick_size: 0.1, instrument_type: 'FUT', segment: 'NFO-FUT' });
  });

  it('reads positions and margins after a fill', async () => {
    const { kc } = await kite();
    await kc.placeOrder('regular', { exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', quantity: 10, product: 'MIS', order_type: 'MARKET' } as never);
    const positions = await kc.getPositions();
    expect(positions.net[0]).toMatchObject({ tradingsymbol: 'INFY', quantity: 10, product: 'MIS' });
    // The typings describe both segments; with a segment Kite answers that segment alone.
    const margins = (await kc.getMargins('equity')) as unknown as { net: number };
    // 20 % of 10 x 1573.70 for intraday equity.
    expect(margins.net).toBeCloseTo(500000 - 3147.4, 6);
  });
});
