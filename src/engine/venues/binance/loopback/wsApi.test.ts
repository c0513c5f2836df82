import { describe, expect, it } from 'vitest';
import { keysOf, limitOrder, reader, recorded, spotVenue } from './loopback.fixture';
import { signPayload, type ClientKey } from './loopbackClient';
import { wsApiPayload } from './wsApi';

/** Signed params of a WebSocket API request: the sorted params signed, the signature added (not URL-encoded in JSON). */
function signedParams(key: ClientKey, params: Record<string, string | number> = {}): Record<string, string | number> {
  const all = { ...params, apiKey: key.apiKey, timestamp: Date.now() };
  const signature = signPayload(key, wsApiPayload(all));
  return { ...all, signature: decodeURIComponent(signature) };
}

describe('loopback Binance spot: WebSocket API user data stream', () => {
  it('subscribes with a signature and delivers execution reports wrapped as recorded', async () => {
    const { venue, alice, bob } = await spotVenue();
    const api = await reader(`${venue.wsUrl}/ws-api/v3`);
    const answer = await api.call('userDataStream.subscribe.signature', signedParams(alice.key), 'sub-1');
    expect(answer).toMatchObject({ id: 'sub-1', status: 200, result: { subscriptionId: 0 } });
    expect(answer.rateLimits[0]).toMatchObject({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', count: 2 });

    await alice.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', ...limitOrder('BUY', '20000.5', '0.1') });
    await bob.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' });
    const msgs = await api.waitFor(5);
    const events = msgs.slice(1);
    expect(events.map((m) => m.event.x ?? m.event.e)).toEqual(['NEW', 'outboundAccountPosition', 'TRADE', 'outboundAccountPosition']);
    const wrapped = recorded('spot/user_data_json/execution_report_wrapped.json');
    expect(keysOf(events[0])).toEqual(keysOf(wrapped));
    expect(keysOf(events[2].event)).toEqual(keysOf(wrapped.event));
    expect(keysOf(events[1])).toEqual(keysOf(recorded('spot/user_data_json/account_position_wrapped.json')));
    expect(events[2]).toMatchObject({ subscriptionId: 0, event: { X: 'FILLED', l: '0.10000000', m: true } });
  });

  it('refuses a bad signature with -1022', async () => {
    const { venue, alice } = await spotVenue();
    const api = await reader(`${venue.wsUrl}/ws-api/v3`);
    const params = { ...signedParams(alice.key), timestamp: 1 };
    expect(await api.call('userDataStream.subscribe.signature', params, 7)).toMatchObject({
      id: 7,
      status: 400,
      error: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
  });

  it('logs a session on with an Ed25519 key (not an HMAC one), subscribes, and stops delivering after unsubscribe', async () => {
    const { venue, alice, bob } = await spotVenue();
    const api = await reader(`${venue.wsUrl}/ws-api/v3`);
    expect((await api.call('session.logon', signedParams(alice.key), 1)).error).toEqual({ code: -4056, msg: 'HMAC_SHA256 API key is not supported.' });
    expect(await api.call('session.logon', signedParams(bob.key), 2)).toMatchObject({ status: 200, result: { apiKey: bob.key.apiKey } });
    const sub = await api.call('userDataStream.subscribe', {}, 3);
    const subscriptionId = sub.result.subscriptionId;
    await bob.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', ...limitOrder('SELL', '25000', '0.1', { newClientOrderId: 'ed-1' }) });
    const [report] = (await api.waitFor(5)).filter((m) => m.subscriptionId === subscriptionId && m.event.e === 'executionReport');
    expect(report.event).toMatchObject({ c: 'ed-1', x: 'NEW' });

    expect(await api.call('userDataStream.unsubscribe', { subscriptionId }, 4)).toMatchObject({ status: 200 });
    const before = api.messages.length;
    await bob.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'ed-1' });
    // The venue answers requests in order: had the cancel's events been sent, they would precede this answer.
    await api.call('ping', {}, 5);
    expect(api.messages.slice(before).map((m) => m.id)).toEqual([5]);
  });
});
