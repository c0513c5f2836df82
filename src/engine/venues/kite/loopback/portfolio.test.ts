import { describe, expect, it } from 'vitest';
import { limitOrder, loggedIn } from './loopback.fixture';
import { recordedJson } from './recordings';

const keys = (o: object) => Object.keys(o).sort();

describe('Kite portfolio and margins', () => {
  it('a fill opens a position (positions.json shape) whose m2m follows the market', async () => {
    const { client, venue } = await loggedIn();
    await client.call('POST', '/orders/regular', limitOrder('NFO', 'NIFTY26DECFUT', 'BUY', 75, '24150'));
    let r = await client.call('GET', '/portfolio/positions');
    expect(keys(r.body.data)).toEqual(['day', 'net']);
    const p = r.body.data.net[0];
    expect(keys(p)).toEqual(keys(recordedJson('positions.json').data.net[0]));
    expect(p).toMatchObject({ tradingsymbol: 'NIFTY26DECFUT', product: 'NRML', quantity: 75, average_price: 24150, buy_quantity: 75, pnl: 0 });
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24170');
    r = await client.call('GET', '/portfolio/positions');
    expect(r.body.data.net[0]).toMatchObject({ last_price: 24170, pnl: 1500, m2m: 1500, unrealised: 1500, realised: 0 });
    await client.call('POST', '/orders/regular', limitOrder('NFO', 'NIFTY26DECFUT', 'SELL', 75, '24160'));
    r = await client.call('GET', '/portfolio/positions');
    // The sell takes the touch: the best bid, one tick under the last price.
    expect(r.body.data.net[0]).toMatchObject({ quantity: 0, realised: 1492.5, pnl: 1492.5, sell_quantity: 75, sell_price: 24169.9 });
  });

  it('margins (margins.json shape) move with orders and fills', async () => {
    const { client, venue } = await loggedIn();
    const before = await client.call('GET', '/user/margins');
    expect(keys(before.body.data)).toEqual(['commodity', 'equity']);
    expect(keys(before.body.data.equity)).toEqual(keys(recordedJson('margins.json').data.equity));
    expect(keys(before.body.data.equity.utilised)).toEqual(keys(recordedJson('margins.json').data.equity.utilised));
    expect(before.body.data.equity.net).toBe(500000);
    await client.call('POST', '/orders/regular', limitOrder('NFO', 'NIFTY26DECFUT', 'BUY', 75, '24100'));
    const resting = (await client.call('GET', '/user/margins/equity')).body.data;
    // 12 % of 75 x 24100 blocked by the open order.
    expect(resting.net).toBe(500000 - 216900);
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24050');
    const filled = (await client.call('GET', '/user/margins/equity')).body.data;
    expect(filled.utilised.span).toBe(162675);
    expect(filled.utilised.exposure).toBe(54225);
    expect(filled.net).toBe(500000 - 216900);
    expect(venue.control.availableMargin()).toBe(filled.net);
    const bad = await client.call('GET', '/user/margins/crypto');
    expect(bad.body.error_type).toBe('InputException');
  });

  it('converts an intraday position to NRML (convert_position.json) and refuses more than is held', async () => {
    const { client } = await loggedIn();
    await client.call('POST', '/orders/regular', limitOrder('NFO', 'NIFTY26DECFUT', 'BUY', 150, '24150', { product: 'MIS' }));
    const form = { exchange: 'NFO', tradingsymbol: 'NIFTY26DECFUT', transaction_type: 'BUY', position_type: 'day', quantity: 75, old_product: 'MIS', new_product: 'NRML' };
    const r = await client.call('PUT', '/portfolio/positions', form);
    expect(r.body).toEqual(recordedJson('convert_position.json'));
    const net = (await client.call('GET', '/portfolio/positions')).body.data.net;
    expect(net.find((p: any) => p.product === 'MIS').quantity).toBe(75);
    expect(net.find((p: any) => p.product === 'NRML')).toMatchObject({ quantity: 75, average_price: 24150 });
    const tooMuch = await client.call('PUT', '/portfolio/positions', { ...form, quantity: 150 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error_type).toBe('InputException');
  });

  it('holdings (holdings.json shape) come from the config and back CNC sales', async () => {
    const { client } = await loggedIn({ holdings: [{ instrument: 'NSE:INFY', quantity: 10, averagePrice: '1400', t1Quantity: 2 }] });
    const h = (await client.call('GET', '/portfolio/holdings')).body.data;
    const recorded = recordedJson('holdings.json').data[0];
    for (const k of keys(h[0])) expect(recorded).toHaveProperty(k);
    expect(h[0]).toMatchObject({ tradingsymbol: 'INFY', quantity: 10, t1_quantity: 2, average_price: 1400, last_price: 1573.7 });
    const sell = await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'SELL', 12, '1573.4'));
    expect(sell.status).toBe(200);
    const after = (await client.call('GET', '/portfolio/holdings')).body.data[0];
    expect(after.used_quantity).toBe(12);
    expect((await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'SELL', 1, '1573.4'))).body.error_type).toBe('HoldingException');
  });
});
