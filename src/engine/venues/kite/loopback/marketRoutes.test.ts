import { describe, expect, it } from 'vitest';
import { loggedIn } from './loopback.fixture';
import { parseInstrumentsCsv } from './instrumentsCsv';
import { recordedJson, recordedText } from './recordings';

const keys = (o: object) => Object.keys(o).sort();

describe('Kite instruments and quotes', () => {
  it('GET /instruments is the recorded dump plus the configured contracts, as CSV', async () => {
    const { client } = await loggedIn();
    const r = await client.call('GET', '/instruments');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv');
    expect((r.body as string).startsWith(recordedText('instruments_all.csv'))).toBe(true);
    const lines = (r.body as string).trim().split('\r\n');
    expect(lines.some((l) => l.includes(',NIFTY26DECFUT,NIFTY,') && l.endsWith(',75,FUT,NFO-FUT,NFO'))).toBe(true);
  });

  it('GET /instruments/:exchange keeps that exchange only', async () => {
    const { client } = await loggedIn();
    const r = await client.call('GET', '/instruments/NFO');
    const rows = parseInstrumentsCsv(r.body);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((row) => row.exchange === 'NFO')).toBe(true);
  });

  it('GET /quote answers quote.json shape with five levels; /quote/ltp ltp.json; unknown names are left out', async () => {
    const { client } = await loggedIn();
    const q = await client.call('GET', '/quote?i=NSE:INFY&i=NSE:NOSUCH');
    expect(q.status).toBe(200);
    expect(Object.keys(q.body.data)).toEqual(['NSE:INFY']);
    const infy = q.body.data['NSE:INFY'];
    expect(keys(infy)).toEqual(keys(recordedJson('quote.json').data['NSE:INFY']));
    expect(infy.depth.buy).toHaveLength(5);
    expect(infy.depth.sell[0]).toEqual({ price: 1573.7, quantity: 172, orders: 3 });
    expect(infy.last_price).toBe(1573.7);
    const l = await client.call('GET', '/quote/ltp?i=NFO:NIFTY26DECFUT');
    expect(l.body.data['NFO:NIFTY26DECFUT']).toEqual({ instrument_token: 13238786, last_price: 24150 });
    expect(keys(l.body.data['NFO:NIFTY26DECFUT'])).toEqual(keys(recordedJson('ltp.json').data['NSE:INFY']));
  });

  it('a quote without instruments is an InputException', async () => {
    const { client } = await loggedIn();
    const r = await client.call('GET', '/quote');
    expect(r.status).toBe(400);
    expect(r.body.error_type).toBe('InputException');
  });

  it('the market moves with setPrice and along its path', async () => {
    const { client, venue } = await loggedIn();
    venue.control.setPrice('NSE:INFY', '1580');
    let q = await client.call('GET', '/quote?i=NSE:INFY');
    expect(q.body.data['NSE:INFY'].last_price).toBe(1580);
    expect(q.body.data['NSE:INFY'].depth.sell[0].price).toBe(1580);
    expect(q.body.data['NSE:INFY'].depth.buy[0].price).toBe(1579.95);
    expect(venue.control.step('NSE:INFY')).toBe('1574');
    q = await client.call('GET', '/quote/ltp?i=NSE:INFY');
    expect(q.body.data['NSE:INFY'].last_price).toBe(1574);
  });

  it('a market move is a trade of one lot: whole lots of 75 for the NIFTY future, one share of INFY', async () => {
    const { client, venue } = await loggedIn();
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24160');
    venue.control.setPrice('NSE:INFY', '1580');
    const q = await client.call('GET', '/quote?i=NFO:NIFTY26DECFUT&i=NSE:INFY');
    expect(q.body.data['NFO:NIFTY26DECFUT'].last_quantity).toBe(75);
    expect(q.body.data['NSE:INFY'].last_quantity).toBe(1);
  });

  it('with autoStepMs every market with a path walks it on the venue clock', async () => {
    const { client, clock } = await loggedIn({ autoStepMs: 500 });
    clock.advance(500);
    const q = await client.call('GET', '/quote/ltp?i=NSE:INFY&i=NFO:NIFTY26DECFUT&i=NSE:NIFTY 50');
    expect(q.body.data['NSE:INFY'].last_price).toBe(1574);
    expect(q.body.data['NFO:NIFTY26DECFUT'].last_price).toBe(24160);
    expect(q.body.data['NSE:NIFTY 50'].last_price).toBe(24102.35);
  });
});
