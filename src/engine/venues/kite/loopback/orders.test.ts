import { describe, expect, it } from 'vitest';
import { limitOrder, loggedIn, MONDAY_16_IST } from './loopback.fixture';
import { recordedJson } from './recordings';

const keys = (o: object) => Object.keys(o).sort();
const NIFTY = (side: 'BUY' | 'SELL', quantity: number, price: string, extra: Record<string, string | number> = {}) => limitOrder('NFO', 'NIFTY26DECFUT', side, quantity, price, extra);

describe('Kite orders', () => {
  it('a LIMIT order below the market rests OPEN, keeps its tag, and is listed in orders.json shape', async () => {
    const { client } = await loggedIn();
    const r = await client.call('POST', '/orders/regular', NIFTY('BUY', 75, '24100', { tag: 'sq1' }));
    expect(r.status).toBe(200);
    expect(keys(r.body)).toEqual(keys(recordedJson('order_response.json')));
    const id = r.body.data.order_id;
    expect(id).toMatch(/^261207\d{9}$/);
    const list = await client.call('GET', '/orders');
    const o = list.body.data.find((x: any) => x.order_id === id);
    for (const k of keys(recordedJson('orders.json').data[0])) expect(o).toHaveProperty(k);
    expect(o).toMatchObject({ status: 'OPEN', tag: 'sq1', quantity: 75, pending_quantity: 75, price: 24100, product: 'NRML', variety: 'regular' });
    const history = await client.call('GET', `/orders/${id}`);
    expect(history.body.data.map((h: any) => h.status)).toEqual(['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN']);
  });

  it('a resting LIMIT fills at its price when the market crosses it; trades are listed', async () => {
    const { client, venue } = await loggedIn();
    const id = (await client.call('POST', '/orders/regular', NIFTY('BUY', 75, '24100'))).body.data.order_id;
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24099.9');
    const o = (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === id);
    expect(o).toMatchObject({ status: 'COMPLETE', filled_quantity: 75, pending_quantity: 0, average_price: 24100 });
    const trades = await client.call('GET', `/orders/${id}/trades`);
    expect(trades.body.data).toHaveLength(1);
    expect(keys(trades.body.data[0])).toEqual(keys(recordedJson('order_trades.json').data[0]));
    expect(trades.body.data[0]).toMatchObject({ quantity: 75, average_price: 24100, transaction_type: 'BUY' });
    expect((await client.call('GET', '/trades')).body.data).toHaveLength(1);
  });

  it('a marketable LIMIT and a MARKET order fill at the touch', async () => {
    const { client } = await loggedIn();
    const a = (await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 10, '1580'))).body.data.order_id;
    const b = (await client.call('POST', '/orders/regular', { ...limitOrder('NSE', 'INFY', 'BUY', 5, '0'), order_type: 'MARKET', price: '0' })).body.data.order_id;
    const orders = (await client.call('GET', '/orders')).body.data;
    expect(orders.find((o: any) => o.order_id === a)).toMatchObject({ status: 'COMPLETE', average_price: 1573.7 });
    expect(orders.find((o: any) => o.order_id === b)).toMatchObject({ status: 'COMPLETE', average_price: 1573.7, order_type: 'MARKET' });
  });

  it('a MARKET order beyond its market protection is cancelled, not filled far away', async () => {
    const { client } = await loggedIn({
      markets: [{ instrument: 'NSE:SBIN', lastPrice: '800', depth: { buy: [['799.95', 10, 1]], sell: [['850', 10, 1]] } }],
    });
    const id = (await client.call('POST', '/orders/regular', { ...limitOrder('NSE', 'SBIN', 'BUY', 1, '0'), order_type: 'MARKET', market_protection: 2 })).body.data.order_id;
    const o = (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === id);
    expect(o.status).toBe('CANCELLED');
    expect(o.filled_quantity).toBe(0);
    expect(o.status_message).toContain('market protection');
  });

  it('SL waits in TRIGGER PENDING until the last price crosses the trigger', async () => {
    const { client, venue } = await loggedIn();
    const id = (await client.call('POST', '/orders/regular', NIFTY('SELL', 75, '24090', { order_type: 'SL', trigger_price: '24100' }))).body.data.order_id;
    const status = async () => (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === id).status;
    expect(await status()).toBe('TRIGGER PENDING');
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24100');
    expect(await status()).toBe('COMPLETE');
  });

  it('modify moves an open order through MODIFY states; cancel ends it; a final order cannot change', async () => {
    const { client } = await loggedIn();
    const id = (await client.call('POST', '/orders/regular', NIFTY('BUY', 75, '24100'))).body.data.order_id;
    const m = await client.call('PUT', `/orders/regular/${id}`, { price: '24110', quantity: 150, order_type: 'LIMIT' });
    expect(m.body).toEqual({ status: 'success', data: { order_id: id } });
    const h = (await client.call('GET', `/orders/${id}`)).body.data.map((x: any) => x.status);
    expect(h.slice(-4)).toEqual(['MODIFY VALIDATION PENDING', 'MODIFY PENDING', 'MODIFIED', 'OPEN']);
    const c = await client.call('DELETE', `/orders/regular/${id}`);
    expect(c.body).toEqual({ status: 'success', data: { order_id: id } });
    const o = (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === id);
    expect(o).toMatchObject({ status: 'CANCELLED', cancelled_quantity: 150, quantity: 150, price: 24110 });
    const again = await client.call('DELETE', `/orders/regular/${id}`);
    expect(again.status).toBe(400);
    expect(again.body.error_type).toBe('OrderException');
    const unknown = await client.call('DELETE', '/orders/regular/999');
    expect(unknown.body.error_type).toBe('OrderException');
  });

  it('IOC leaves nothing resting; TTL lapses after its minutes', async () => {
    const { client, clock } = await loggedIn();
    const ioc = (await client.call('POST', '/orders/regular', NIFTY('BUY', 75, '24000', { validity: 'IOC' }))).body.data.order_id;
    const ttl = (await client.call('POST', '/orders/regular', NIFTY('BUY', 75, '24000', { validity: 'TTL', validity_ttl: 2 }))).body.data.order_id;
    const find = async (id: string) => (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === id);
    expect((await find(ioc)).status).toBe('CANCELLED');
    expect((await find(ttl)).status).toBe('OPEN');
    clock.advance(2 * 60_000);
    expect((await find(ttl)).status).toBe('CANCELLED');
  });

  it.each([
    ['price off the tick', NIFTY('BUY', 75, '24100.05'), 'Tick size for this script is 0.1. Kindly enter the price in the multiple of tick size for this script.'],
    ['quantity not in lots', NIFTY('BUY', 70, '24100'), 'Quantity should be in multiples of lot size. The lot size for this contract is 75.'],
    ['above the freeze quantity', NIFTY('BUY', 1875, '24100'), 'Quantity is more than the freeze quantity limit of 1800. Kindly place the order with quantity less than the freeze limit or use auto-slicing.'],
    ['an option above its underlying\'s freeze quantity', limitOrder('NFO', 'BANKNIFTY18JAN23500CE', 'BUY', 920, '100'), 'Quantity is more than the freeze quantity limit of 900. Kindly place the order with quantity less than the freeze limit or use auto-slicing.'],
    ['CNC on F&O', NIFTY('BUY', 75, '24100', { product: 'CNC' }), 'Product `CNC` is not allowed for NFO.'],
    ['a missing price', { ...NIFTY('BUY', 75, '24100'), price: '' }, 'Missing `price`'],
    ['an unknown order type', NIFTY('BUY', 75, '24100', { order_type: 'STOP' }), 'Invalid `order_type`.'],
    ['an unknown instrument', limitOrder('NSE', 'NOSUCH', 'BUY', 1, '10'), 'Invalid `tradingsymbol` or `exchange`. The instrument does not exist.'],
    ['an AMO in market hours', NIFTY('BUY', 75, '24100'), 'AMO orders can be placed only outside market hours. Place a regular order instead.', 'amo'],
  ])('refuses %s with InputException', async (_what, form, message, variety = 'regular') => {
    const { client } = await loggedIn();
    const r = await client.call('POST', `/orders/${variety}`, form as Record<string, string | number>);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ status: 'error', error_type: 'InputException', message, data: null });
    expect((await client.call('GET', '/orders')).body.data).toHaveLength(0);
  });

  it('outside market hours a regular order is refused and an AMO waits, then opens at 09:15', async () => {
    const { client, clock } = await loggedIn({}, MONDAY_16_IST);
    const regular = await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'));
    expect(regular.body).toEqual({ status: 'error', error_type: 'InputException', message: 'Markets are closed right now. Use GTT for placing long standing orders instead.', data: null });
    const id = (await client.call('POST', '/orders/amo', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'))).body.data.order_id;
    const find = async () => (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === id);
    expect((await find()).status).toBe('AMO REQ RECEIVED');
    expect((await client.call('PUT', `/orders/amo/${id}`, { price: '1505' })).status).toBe(200);
    expect(await find()).toMatchObject({ status: 'AMO REQ RECEIVED', price: 1505, modified: true });
    clock.advance(17 * 3_600_000 + 15 * 60_000); // Tuesday 09:15 IST
    // Yesterday's access token lapsed at 06:00: the trader logs in again.
    expect((await client.call('GET', '/orders')).status).toBe(403);
    await client.login();
    expect((await find()).status).toBe('OPEN');
  });

  it('refuses an order beyond the available margin with MarginException, and a CNC sale without holdings with HoldingException', async () => {
    const { client } = await loggedIn({ funds: { equity: '100000' } });
    const big = await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 100, '1500'));
    expect(big.status).toBe(400);
    expect(big.body).toEqual({ status: 'error', error_type: 'MarginException', message: 'Insufficient funds. Required margin is 150000.00 but available margin is 100000.00.', data: null });
    const sell = await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'SELL', 1, '1600'));
    expect(sell.body.error_type).toBe('HoldingException');
  });
});
