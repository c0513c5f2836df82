import { describe, expect, it } from 'vitest';
import { everythingSaid, spotSetup } from './binanceClient.fixture';
import { SignedRestClient } from './signedRest';

const limitBuy = (clientOrderId: string) => ({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '19000.00', quantity: '0.01000', newClientOrderId: clientOrderId });

describe('Binance signed REST client', () => {
  it('signs with an HMAC secret (hex) and with an Ed25519 PEM key (base64), and the venue accepts both', async () => {
    const s = await spotSetup();
    const alice = s.client(s.alice);
    const bob = s.client(s.bob);
    expect(alice.signatureKind).toBe('hmac-sha256');
    expect(bob.signatureKind).toBe('ed25519');
    expect(await alice.signed('POST', '/api/v3/order', limitBuy('a-1'))).toMatchObject({ ok: true, body: { clientOrderId: 'a-1', status: 'NEW' } });
    expect(await bob.signed('POST', '/api/v3/order', limitBuy('b-1'))).toMatchObject({ ok: true, body: { clientOrderId: 'b-1', status: 'NEW' } });
    expect(s.venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['a-1']);
    expect(s.venue.exchange.working('bob').map((o) => o.clientOrderId)).toEqual(['b-1']);
  });

  it('gives the venue\'s own code and words for a bad signature, and never the secret', async () => {
    const s = await spotSetup();
    const wrong = new SignedRestClient({ restUrl: s.venue.restUrl, apiKey: s.alice.apiKey, secret: 'not-the-secret-9f8e7d', clock: s.clock, logger: s.logger });
    const r = await wrong.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(r).toEqual({ ok: false, error: { kind: 'venue', status: 400, code: -1022, msg: 'Signature for this request is not valid.', reason: 'Signature for this request is not valid.' } });
    expect(everythingSaid(r, wrong, s.logger.lines)).not.toContain('not-the-secret-9f8e7d');
  });

  it('refuses a PEM key that is not Ed25519 without sending, and without quoting it', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const s = await spotSetup();
    const c = new SignedRestClient({ restUrl: s.venue.restUrl, apiKey: s.alice.apiKey, secret: rsa, clock: s.clock, logger: s.logger });
    const r = await c.signed('GET', '/api/v3/openOrders', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'notSent', reason: expect.stringContaining('Binance API keys sign with Ed25519') } });
    expect(everythingSaid(r, c, s.logger.lines)).not.toContain(rsa.split('\n')[1]);
  });

  it('learns the venue\'s clock before the first signed request, and again when the venue answers -1021', async () => {
    const s = await spotSetup();
    s.venue.faults.shiftClock(20_000); // the venue runs 20 s ahead of us: beyond recvWindow
    const c = s.client(s.alice);
    expect((await c.signed('POST', '/api/v3/order', limitBuy('t-1'))).ok).toBe(true);
    expect(c.serverTimeOffsetMs).toBe(20_000);

    s.venue.faults.shiftClock(-30_000); // now 10 s behind: our learned offset is stale
    const r = await c.signed('POST', '/api/v3/order', limitBuy('t-2'));
    expect(r).toMatchObject({ ok: true, body: { clientOrderId: 't-2' } });
    expect(c.serverTimeOffsetMs).toBe(-10_000);
    expect(s.venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['t-1', 't-2']);
    expect(s.logger.lines.some((l) => l.level === 'warn' && /refused our timestamp/.test(l.message ?? ''))).toBe(true);
  });

  it('reads the weight and order-count headers', async () => {
    const s = await spotSetup();
    const c = s.client(s.alice);
    await c.signed('POST', '/api/v3/order', limitBuy('w-1'));
    await c.signed('POST', '/api/v3/order', limitBuy('w-2'));
    // /api/v3/time (1) + two orders (1 each)
    expect(c.rateLimitUse()).toEqual({ usedWeight1m: 3, orderCount10s: 2, updatedAt: s.clock.now() });
  });

  it('after a 429 sends nothing until Retry-After has passed on the clock, and says so', async () => {
    const s = await spotSetup();
    const c = s.client(s.alice);
    await c.syncServerTime();
    s.venue.faults.rejectNextRequests(1, 429);
    const first = await c.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    // START_MS is 40 s into its minute: the venue's window reopens in 20 s.
    expect(first).toMatchObject({ ok: false, error: { kind: 'rateLimited', waitMs: 20_000, reason: expect.stringContaining('waiting 20 s (Retry-After)') } });
    // A request sent now would earn a ban (418); the client holds it back instead.
    s.clock.advance(19_000);
    expect(await c.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).toMatchObject({ ok: false, error: { kind: 'rateLimited', waitMs: 1000 } });
    s.clock.advance(1000);
    expect(await c.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).toMatchObject({ ok: true, body: [] });
    expect(s.logger.lines.some((l) => l.level === 'warn' && /429/.test(l.message ?? ''))).toBe(true);
  });

  it('after a 418 stops sending for good and every call says why', async () => {
    const s = await spotSetup();
    const c = s.client(s.alice);
    await c.syncServerTime();
    s.venue.faults.rejectNextRequests(1, 418);
    const r = await c.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'banned', reason: expect.stringMatching(/^Binance banned this IP: HTTP 418 -1003 .*Retry-After 120 s/) } });
    s.clock.advance(600_000); // long after the venue's ban: the client still waits for a person to decide
    expect(await c.signed('POST', '/api/v3/order', limitBuy('x-1'))).toEqual(r);
    expect(s.venue.exchange.working('alice')).toEqual([]);
    expect(c.banned).toBe((r as { error: { reason: string } }).error.reason);
    expect(s.logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('calls a request whose answer never came "unknown", never a failure', async () => {
    const s = await spotSetup();
    const c = s.client(s.alice);
    await c.syncServerTime();
    s.venue.faults.swallowNextAck('order');
    const r = await c.signed('POST', '/api/v3/order', limitBuy('lost-1'));
    expect(r).toMatchObject({ ok: false, error: { kind: 'unknown', reason: expect.stringContaining('POST /api/v3/order failed before an answer') } });
    expect(s.venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['lost-1']);
  });

  it('turns a request that hangs into "unknown" after its timeout on the clock', async () => {
    const s = await spotSetup();
    const c = s.client(s.alice, 3000);
    await c.syncServerTime();
    s.venue.faults.holdNextAck('order');
    const pending = c.signed('POST', '/api/v3/order', limitBuy('slow-1'));
    while (s.venue.faults.heldAcks === 0) await new Promise((r) => setImmediate(r));
    s.clock.advance(3000);
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'no answer from Binance to POST /api/v3/order within 3000 ms' } });
  });

  it('never lets the secret reach a log line, an answer or the client object', async () => {
    const s = await spotSetup();
    for (const who of [s.alice, s.bob]) {
      const c = s.client(who);
      const outcomes = [
        await c.signed('POST', '/api/v3/order', limitBuy(`s-${who.apiKey.slice(0, 4)}`)),
        await c.signed('POST', '/api/v3/order', { ...limitBuy('bad'), quantity: '0.000001' }),
        await c.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'nope' }),
      ];
      s.venue.faults.rejectNextRequests(1, 418);
      outcomes.push(await c.signed('GET', '/api/v3/openOrders', {}));
      const said = everythingSaid(outcomes, c, s.logger.lines);
      expect(said).not.toContain(who.secret);
      for (const line of who.secret.split('\n').filter((l) => l.length > 20)) expect(said).not.toContain(line);
    }
  });
});
