import { KiteConnect } from 'kiteconnect';
import { describe, expect, it } from 'vitest';
import { APP, loggedIn } from './loopback.fixture';
import { recordedJson } from './recordings';

const keys = (o: object) => Object.keys(o).sort();

const single = (trigger: number, last: number, price: number, side = 'SELL') => ({
  type: 'single',
  condition: JSON.stringify({ exchange: 'NSE', tradingsymbol: 'INFY', trigger_values: [trigger], last_price: last }),
  orders: JSON.stringify([{ exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: side, quantity: 2, order_type: 'LIMIT', product: 'CNC', price }]),
});

describe('loopback Kite GTT', () => {
  it('places, lists, reads, modifies and deletes a single trigger in the recorded shapes', async () => {
    const { client } = await loggedIn();
    const placed = await client.call('POST', '/gtt/triggers', single(1600, 1573.7, 1599, 'SELL'));
    expect(keys(placed.body.data)).toEqual(keys(recordedJson('gtt_place_order.json').data));
    const id = placed.body.data.trigger_id;
    const one = (await client.call('GET', `/gtt/triggers/${id}`)).body.data;
    expect(keys(one)).toEqual(keys(recordedJson('gtt_get_order.json').data));
    expect(one).toMatchObject({ id, type: 'single', status: 'active', condition: { trigger_values: [1600], instrument_token: 408065 } });
    expect((await client.call('GET', '/gtt/triggers')).body.data).toHaveLength(1);
    const modified = await client.call('PUT', `/gtt/triggers/${id}`, single(1610, 1573.7, 1609));
    expect(modified.body).toEqual({ status: 'success', data: { trigger_id: id } });
    expect((await client.call('GET', `/gtt/triggers/${id}`)).body.data.condition.trigger_values).toEqual([1610]);
    const deleted = await client.call('DELETE', `/gtt/triggers/${id}`);
    expect(deleted.body).toEqual({ status: 'success', data: { trigger_id: id } });
    expect((await client.call('GET', '/gtt/triggers')).body.data).toHaveLength(0);
    const gone = await client.call('GET', `/gtt/triggers/${id}`);
    expect(gone.status).toBe(400);
    expect(gone.body.error_type).toBe('InputException');
  });

  it('a single trigger fires when the price reaches it and places its order', async () => {
    const { client, venue } = await loggedIn({ holdings: [{ instrument: 'NSE:INFY', quantity: 5, averagePrice: '1400' }] });
    const id = (await client.call('POST', '/gtt/triggers', single(1580, 1573.7, 1579))).body.data.trigger_id;
    venue.control.setPrice('NSE:INFY', '1579');
    expect((await client.call('GET', `/gtt/triggers/${id}`)).body.data.status).toBe('active');
    venue.control.setPrice('NSE:INFY', '1580');
    const g = (await client.call('GET', `/gtt/triggers/${id}`)).body.data;
    expect(g.status).toBe('triggered');
    const result = g.orders[0].result;
    expect(result.order_result.status).toBe('success');
    const order = (await client.call('GET', '/orders')).body.data.find((o: any) => o.order_id === result.order_result.order_id);
    expect(order).toMatchObject({ transaction_type: 'SELL', quantity: 2, price: 1579, status: 'COMPLETE' });
  });

  it('a two-leg OCO fires the leg whose side the price crosses, and records a failed placement', async () => {
    const { client, venue } = await loggedIn();
    const oco = {
      type: 'two-leg',
      condition: JSON.stringify({ exchange: 'NSE', tradingsymbol: 'INFY', trigger_values: [1550, 1600], last_price: 1573.7 }),
      // No holdings: the stop-loss leg's CNC sale is refused, as Kite records it.
      orders: JSON.stringify([
        { transaction_type: 'SELL', quantity: 1, order_type: 'LIMIT', product: 'CNC', price: 1549 },
        { transaction_type: 'SELL', quantity: 1, order_type: 'LIMIT', product: 'CNC', price: 1601 },
      ]),
    };
    const id = (await client.call('POST', '/gtt/triggers', oco)).body.data.trigger_id;
    venue.control.setPrice('NSE:INFY', '1549.5');
    const g = (await client.call('GET', `/gtt/triggers/${id}`)).body.data;
    expect(g.status).toBe('triggered');
    expect(g.orders[0].result.order_result).toMatchObject({ status: 'failed', order_id: '' });
    expect(g.orders[0].result.order_result.rejection_reason).toMatch(/holdings/i);
    expect(g.orders[1].result).toBeNull();
  });

  it('refuses malformed triggers with InputException', async () => {
    const { client } = await loggedIn();
    const twoValuesForSingle = { ...single(1600, 1573.7, 1599), condition: JSON.stringify({ exchange: 'NSE', tradingsymbol: 'INFY', trigger_values: [1, 2], last_price: 1573.7 }) };
    for (const form of [{ ...single(1600, 1573.7, 1599), type: 'three-leg' }, { ...single(1600, 1573.7, 1599), orders: 'not json' }, twoValuesForSingle]) {
      const r = await client.call('POST', '/gtt/triggers', form);
      expect(r.status).toBe(400);
      expect(r.body.error_type).toBe('InputException');
    }
  });

  it('kiteconnect places and reads a GTT against the loopback', async () => {
    const { venue, client } = await loggedIn();
    const kc = new KiteConnect({ api_key: APP.apiKey, root: venue.restUrl });
    kc.setAccessToken(client.accessToken!);
    const placed = await kc.placeGTT({
      trigger_type: kc.GTT_TYPE_SINGLE,
      tradingsymbol: 'INFY',
      exchange: 'NSE',
      trigger_values: [1600],
      last_price: 1573.7,
      orders: [{ transaction_type: 'SELL', quantity: 1, product: 'CNC', order_type: 'LIMIT', price: 1599 }],
    } as never);
    const got = await kc.getGTT(placed.trigger_id);
    expect(got.condition.trigger_values).toEqual([1600]);
  });
});
