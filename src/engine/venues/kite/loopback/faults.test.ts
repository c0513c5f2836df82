import { describe, expect, it } from 'vitest';
import { APP, KiteClient, limitOrder, loggedIn, MONDAY_16_IST, waitFor } from './loopback.fixture';
import { orderUpdate, TickerClient } from './tickerClient.fixture';

const NIFTY_BUY = (quantity: number, price: string) => limitOrder('NFO', 'NIFTY26DECFUT', 'BUY', quantity, price);

describe('loopback Kite faults', () => {
  it('access token expiry mid-session: REST answers 403 TokenException, the ticker closes and refuses to reconnect', async () => {
    const { venue, client } = await loggedIn();
    const ticker = await TickerClient.connect(venue, APP.apiKey, client.accessToken!);
    try {
      expect(venue.faults.expireAccessTokens()).toBe(1);
      const r = await client.call('GET', '/orders');
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ status: 'error', error_type: 'TokenException', message: 'Session expired or invalidated. Please login again.', data: null });
      await ticker.waitClosed();
      await expect(TickerClient.connect(venue, APP.apiKey, client.accessToken!)).rejects.toMatchObject({ status: 403 });
      await client.login();
      expect((await client.call('GET', '/orders')).status).toBe(200);
    } finally {
      ticker.close();
    }
  });

  it('a dropped ticker socket closes without a close frame; a reconnect is served', async () => {
    const { venue, client } = await loggedIn();
    const ticker = await TickerClient.connect(venue, APP.apiKey, client.accessToken!);
    expect(venue.faults.dropTickerSockets()).toBe(1);
    expect((await ticker.waitClosed()).code).toBe(1006);
    const again = await TickerClient.connect(venue, APP.apiKey, client.accessToken!);
    expect(venue.control.tickerConnections).toBe(1);
    again.close();
  });

  it('429 NetworkException "Too many requests" for the next requests, then service again', async () => {
    const { venue, client } = await loggedIn();
    venue.faults.rejectNextRequests(2);
    for (let i = 0; i < 2; i++) {
      const r = await client.call('GET', '/orders');
      expect(r.status).toBe(429);
      expect(r.body).toEqual({ status: 'error', error_type: 'NetworkException', message: 'Too many requests', data: null });
    }
    expect((await client.call('GET', '/orders')).status).toBe(200);
  });

  it('partial fills: the order fills in parts (UPDATE postbacks) and stays OPEN until the rest fills', async () => {
    const { venue, client } = await loggedIn();
    const ticker = await TickerClient.connect(venue, APP.apiKey, client.accessToken!);
    try {
      venue.faults.partialFills(75);
      const id = (await client.call('POST', '/orders/regular', NIFTY_BUY(150, '24150'))).body.data.order_id;
      const find = async () => (await client.call('GET', '/orders')).body.data.find((o: any) => o.order_id === id);
      expect(await find()).toMatchObject({ status: 'OPEN', filled_quantity: 75, pending_quantity: 75 });
      const update = await ticker.next(orderUpdate('UPDATE'), 'partial fill postback');
      expect(update.data.data).toMatchObject({ order_id: id, filled_quantity: 75 });
      venue.control.setPrice('NFO:NIFTY26DECFUT', '24140');
      expect(await find()).toMatchObject({ status: 'COMPLETE', filled_quantity: 150, average_price: 24150 });
      expect((await client.call('GET', `/orders/${id}/trades`)).body.data).toHaveLength(2);
    } finally {
      ticker.close();
    }
  });

  it('a rejected AMO: accepted with an order_id, then REJECTED with the exchange\'s words', async () => {
    const { venue, client } = await loggedIn({}, MONDAY_16_IST);
    venue.faults.rejectNextAmo();
    const r = await client.call('POST', '/orders/amo', limitOrder('NSE', 'INFY', 'BUY', 1, '1500'));
    expect(r.status).toBe(200);
    const o = (await client.call('GET', '/orders')).body.data.find((x: any) => x.order_id === r.body.data.order_id);
    expect(o.status).toBe('REJECTED');
    expect(o.status_message).toMatch(/AMO order rejected/);
    expect(o.variety).toBe('amo');
  });

  it('a held order answer: the order is at the venue before the HTTP answer comes', async () => {
    const { venue, client } = await loggedIn();
    venue.faults.holdNextAck('place');
    const pending = client.call('POST', '/orders/regular', NIFTY_BUY(75, '24100'));
    await waitFor(() => venue.faults.heldAcks === 1, 'held answer');
    const listed = (await client.call('GET', '/orders')).body.data;
    expect(listed).toHaveLength(1);
    expect(venue.faults.releaseHeldAcks()).toBe(1);
    expect((await pending).body.data.order_id).toBe(listed[0].order_id);
  });

  it('a missing order answer: the connection dies, the order rests at the venue', async () => {
    const { venue, client } = await loggedIn();
    venue.faults.swallowNextAck('place');
    await expect(client.call('POST', '/orders/regular', NIFTY_BUY(75, '24100'))).rejects.toThrow();
    const listed = (await client.call('GET', '/orders')).body.data;
    expect(listed).toHaveLength(1);
    expect(listed[0].status).toBe('OPEN');
  });

  it('a late cancel answer comes after the delay on the venue clock', async () => {
    const { venue, client, clock } = await loggedIn();
    const id = (await client.call('POST', '/orders/regular', NIFTY_BUY(75, '24100'))).body.data.order_id;
    venue.faults.delayNextAck(3000, 'cancel');
    let answered = false;
    const pending = client.call('DELETE', `/orders/regular/${id}`).then((r) => ((answered = true), r));
    await waitFor(() => venue.control.orders()[0]!.status === 'CANCELLED', 'cancel acted on');
    expect(answered).toBe(false);
    clock.advance(3000);
    expect((await pending).body.data.order_id).toBe(id);
  });

  it('a second client with a wrong key is still refused while faults are armed', async () => {
    const { venue } = await loggedIn();
    venue.faults.holdNextAck('place');
    const stranger = new KiteClient(venue, 'otherkey');
    stranger.accessToken = 'f'.repeat(32);
    const r = await stranger.call('POST', '/orders/regular', NIFTY_BUY(75, '24100'));
    expect(r.status).toBe(403);
    expect(venue.faults.heldAcks).toBe(0);
  });
});
