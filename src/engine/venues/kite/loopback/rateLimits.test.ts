import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './config';
import { limitOrder, loggedIn } from './loopback.fixture';

const TOO_MANY = { status: 'error', error_type: 'NetworkException', message: 'Too many requests', data: null };

describe('loopback Kite rate limits', () => {
  it('order placement: 10 per second, then 429 until the second has passed', async () => {
    const { client, clock } = await loggedIn({ limits: DEFAULT_LIMITS, funds: { equity: '100000000' } });
    for (let i = 0; i < 10; i++) expect((await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'))).status).toBe(200);
    const over = await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'));
    expect(over.status).toBe(429);
    expect(over.body).toEqual(TOO_MANY);
    clock.advance(1000);
    expect((await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'))).status).toBe(200);
    // Modify and cancel count with the other calls, so cancels are not held back by placements.
    const id = (await client.call('GET', '/orders')).body.data[0].order_id;
    expect((await client.call('DELETE', `/orders/regular/${id}`)).status).toBe(200);
  });

  it('order placement: 200 per minute', async () => {
    const { client, clock } = await loggedIn({ limits: { ...DEFAULT_LIMITS, otherPerSecond: 1000 }, funds: { equity: '100000000' } });
    for (let s = 0; s < 20; s++) {
      for (let i = 0; i < 10; i++) expect((await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'))).status).toBe(200);
      clock.advance(1000);
    }
    expect((await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'))).status).toBe(429);
    clock.advance(40_000);
    expect((await client.call('POST', '/orders/regular', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'))).status).toBe(200);
  });

  it('quotes: 1 per second; other calls: 10 per second', async () => {
    const { client, clock } = await loggedIn({ limits: DEFAULT_LIMITS });
    clock.advance(1000); // the login's call is out of the window
    expect((await client.call('GET', '/quote/ltp?i=NSE:INFY')).status).toBe(200);
    expect((await client.call('GET', '/quote?i=NSE:INFY')).body).toEqual(TOO_MANY);
    for (let i = 0; i < 10; i++) expect((await client.call('GET', '/orders')).status).toBe(200);
    expect((await client.call('GET', '/portfolio/positions')).status).toBe(429);
    clock.advance(1000);
    expect((await client.call('GET', '/quote?i=NSE:INFY')).status).toBe(200);
    expect((await client.call('GET', '/portfolio/positions')).status).toBe(200);
  });
});
