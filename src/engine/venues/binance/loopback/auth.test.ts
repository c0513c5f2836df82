import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../core';
import { spotVenue } from './loopback.fixture';
import { encodeParams, LoopbackClient, newApiKey, signPayload } from './loopbackClient';
import { startBinanceLoopback } from './server';

const T = 1_700_000_000_000;
const clockAt = () => new SimulatedClock(T);

describe('loopback Binance: request signatures', () => {
  it('accepts an HMAC-SHA256 signed request and answers with the account', async () => {
    const { alice } = await spotVenue({ clock: clockAt() });
    const r = await alice.signed('GET', '/api/v3/account', {}, { timestamp: T });
    expect(r.status).toBe(200);
    expect(r.body.balances).toEqual([
      { asset: 'USDT', free: '100000.00000000', locked: '0.00000000' },
      { asset: 'BTC', free: '2.00000000', locked: '0.00000000' },
    ]);
  });

  it('accepts an Ed25519 signed request (base64 signature, URL-encoded)', async () => {
    const { bob } = await spotVenue({ clock: clockAt() });
    const r = await bob.signed('GET', '/api/v3/account', { omitZeroBalances: 'false' }, { timestamp: T });
    expect(r.status).toBe(200);
    expect(r.body.balances[0]).toEqual({ asset: 'USDT', free: '50000.00000000', locked: '0.00000000' });
  });

  it('answers -1022 to a signature made with the wrong secret, the wrong scheme, or over other parameters', async () => {
    const { venue, alice, bob } = await spotVenue({ clock: clockAt() });
    const invalid = { code: -1022, msg: 'Signature for this request is not valid.' };
    const wrongSecret = new LoopbackClient(venue.restUrl, { apiKey: alice.key.apiKey, hmacSecret: 'not-the-secret' });
    expect(await wrongSecret.signed('GET', '/api/v3/account', {}, { timestamp: T })).toMatchObject({ status: 400, body: invalid });
    // bob's key is registered as Ed25519: an HMAC signature is not valid for it.
    const hmacForEd = signPayload({ apiKey: bob.key.apiKey, hmacSecret: 'x' }, `timestamp=${T}`);
    expect(await bob.signed('GET', '/api/v3/account', {}, { timestamp: T, signature: hmacForEd })).toMatchObject({ status: 400, body: invalid });
    // Signed over one quantity, sent with another.
    const signedFor = signPayload(alice.key, `symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=20000&timestamp=${T}`);
    const tampered = await alice.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '20000' }, { timestamp: T, signature: signedFor });
    expect(tampered).toMatchObject({ status: 400, body: invalid });
    expect(venue.exchange.working('alice')).toEqual([]);
  });

  it('signs the query string and the body concatenated, as Binance documents for mixed requests', async () => {
    const { venue, alice } = await spotVenue({ clock: clockAt() });
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = `quantity=0.01&price=19000&recvWindow=5000&timestamp=${T}`;
    const signature = signPayload(alice.key, query + body);
    const res = await fetch(`${venue.restUrl}/api/v3/order?${query}`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': alice.key.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${signature}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW', price: '19000.00000000', origQty: '0.01000000' });
  });

  it('signs a form body alone', async () => {
    const { alice } = await spotVenue({ clock: clockAt() });
    const r = await alice.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '19000' }, { timestamp: T, form: true });
    expect(r).toMatchObject({ status: 200, body: { status: 'NEW' } });
  });

  it('requires the signature and the timestamp', async () => {
    const { venue, alice } = await spotVenue({ clock: clockAt() });
    const headers = { 'X-MBX-APIKEY': alice.key.apiKey };
    const noSignature = await fetch(`${venue.restUrl}/api/v3/account?timestamp=${T}`, { headers });
    expect(await noSignature.json()).toEqual({ code: -1102, msg: "Mandatory parameter 'signature' was not sent, was empty/null, or malformed." });
    const payload = encodeParams({ recvWindow: 5000 });
    const noTimestamp = await fetch(`${venue.restUrl}/api/v3/account?${payload}&signature=${signPayload(alice.key, payload)}`, { headers });
    expect(await noTimestamp.json()).toEqual({ code: -1102, msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed." });
  });
});

describe('loopback Binance: timestamps and recvWindow', () => {
  const outside = { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' };

  it('refuses a request older than recvWindow (default 5000 ms) with -1021, accepts it with a wider window', async () => {
    const { alice } = await spotVenue({ clock: clockAt() });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T - 5000 })).toMatchObject({ status: 200 });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T - 5001 })).toMatchObject({ status: 400, body: outside });
    expect(await alice.signed('GET', '/api/v3/account', { recvWindow: 10000 }, { timestamp: T - 5001 })).toMatchObject({ status: 200 });
    expect(await alice.signed('GET', '/api/v3/account', { recvWindow: 60001 }, { timestamp: T })).toMatchObject({
      status: 400,
      body: { code: -1131, msg: 'recvWindow must be less than 60000' },
    });
  });

  it("refuses a timestamp 1000 ms or more ahead of the venue's clock", async () => {
    const { alice } = await spotVenue({ clock: clockAt() });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T + 999 })).toMatchObject({ status: 200 });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T + 1000 })).toMatchObject({
      status: 400,
      body: { code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." },
    });
  });

  it('answers -1021 once a fault shifts the venue clock beyond the window, and GET /api/v3/time shows the shift', async () => {
    const { venue, alice } = await spotVenue({ clock: clockAt() });
    venue.faults.shiftClock(7000);
    expect((await alice.get('/api/v3/time')).body).toEqual({ serverTime: T + 7000 });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T })).toMatchObject({ status: 400, body: outside });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T + 7000 })).toMatchObject({ status: 200 });
  });
});

describe('loopback Binance: API keys', () => {
  it('answers -2014 without a well-formed key and -2015 for a key it does not know', async () => {
    const { alice } = await spotVenue({ clock: clockAt() });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T, apiKeyHeader: null })).toMatchObject({
      status: 401,
      body: { code: -2014, msg: 'API-key format invalid.' },
    });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T, apiKeyHeader: 'short' })).toMatchObject({ body: { code: -2014 } });
    expect(await alice.signed('GET', '/api/v3/account', {}, { timestamp: T, apiKeyHeader: newApiKey() })).toMatchObject({
      status: 401,
      body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });
  });

  it('refuses orders from a key without trading permission with -2015, and still lets it read', async () => {
    const key = { apiKey: newApiKey(), hmacSecret: newApiKey() };
    const readOnly = await startBinanceLoopback({ market: 'spot', clock: clockAt(), accounts: [{ name: 'ro', keys: [key], balances: { USDT: '100' }, canTrade: false }] });
    try {
      const client = new LoopbackClient(readOnly.restUrl, key);
      expect(await client.signed('GET', '/api/v3/account', {}, { timestamp: T })).toMatchObject({ status: 200, body: { canTrade: false } });
      const order = await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '19000' }, { timestamp: T });
      expect(order).toMatchObject({ status: 401, body: { code: -2015 } });
    } finally {
      await readOnly.stop();
    }
  });

  it('serves public endpoints without a key', async () => {
    const { alice } = await spotVenue({ clock: clockAt() });
    expect(await alice.get('/api/v3/ping', {}, { apiKeyHeader: null })).toMatchObject({ status: 200, body: {} });
  });
});
