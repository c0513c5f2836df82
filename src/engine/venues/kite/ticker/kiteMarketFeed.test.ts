import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { recordingLogger, SimulatedClock, type Symbol, type VenueEvent } from '../../../core';
import type { KiteInstrumentMap } from './instrumentMap';
import { KiteMarketFeed } from './kiteMarketFeed';
import type { KiteOrderUpdate } from './textMessages';
import { KITE_SESSION_EXPIRED } from '../session';
import type { KiteCredentials } from './tickerSocket';
import { encodeFrame, encodePacket, KITE_DATA, recordedPacket, waitFor } from './testSupport';

const RELIANCE = 408065;
const SBIN = 779521;
const TOKENS: Record<string, number> = { RELIANCE, SBIN };
const instruments: KiteInstrumentMap = {
  tokenOf: (s) => TOKENS[s],
  symbolOf: (t) => Object.keys(TOKENS).find((s) => TOKENS[s] === t),
  priceScale: () => ({ priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 1 }),
};

interface Connection {
  url: URL;
  socket: WebSocket;
  messages: unknown[];
}

/** A plain WebSocket server standing in for ws.kite.trade: it records what the client says, and the test sends frames. */
async function kiteServer(refuse?: number) {
  const connections: Connection[] = [];
  let handshakes = 0;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => {
      handshakes++;
      if (refuse) done(false, refuse);
      else done(true);
    },
  });
  wss.on('connection', (socket, req) => {
    const c: Connection = { url: new URL(req.url!, 'ws://x'), socket, messages: [] };
    socket.on('message', (data) => c.messages.push(JSON.parse(data.toString())));
    connections.push(c);
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  return {
    url,
    connections,
    handshakes: () => handshakes,
    refuse: (status: number | undefined) => (refuse = status),
    close: () => new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    }),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(options: { refuse?: number; credentials?: () => KiteCredentials | undefined } = {}) {
  const server = await kiteServer(options.refuse);
  const clock = new SimulatedClock(1_700_000_000_000);
  const logger = recordingLogger();
  const feed = new KiteMarketFeed({
    venue: 'kite',
    instruments,
    credentials: options.credentials ?? (() => ({ apiKey: 'kitefront', accessToken: 'tok123' })),
    streamUrl: server.url,
    watch: ['RELIANCE' as Symbol],
    clock,
    random: () => 0.5,
    logger,
    silenceMs: 5_000,
  });
  const events: VenueEvent[] = [];
  const stale: string[] = [];
  const orders: KiteOrderUpdate[] = [];
  const expired: string[] = [];
  feed.onEvent((e) => events.push(e));
  feed.onStale((s, r) => stale.push(`${s}: ${r}`));
  feed.onOrderUpdate((u) => orders.push(u));
  feed.onSessionExpired((r) => expired.push(r));
  cleanups.push(() => server.close(), () => feed.stop());
  return { server, clock, logger, feed, events, stale, orders, expired };
}

const ofType = <T extends VenueEvent['type']>(events: VenueEvent[], type: T) => events.filter((e): e is Extract<VenueEvent, { type: T }> => e.type === type);
const fullFrame = () => encodeFrame([recordedPacket('full')]);

describe('KiteMarketFeed over a WebSocket', () => {
  it('connects with the session, subscribes the watched tokens in full mode and turns frames into book and trade events', async () => {
    const { server, feed, events, orders, logger } = await setUp();
    feed.start();
    await waitFor(() => server.connections[0]?.messages.length === 2, 'subscription');
    const c = server.connections[0]!;
    expect(c.url.searchParams.get('api_key')).toBe('kitefront');
    expect(c.url.searchParams.get('access_token')).toBe('tok123');
    expect(c.messages).toEqual([
      { a: 'subscribe', v: [RELIANCE] },
      { a: 'mode', v: ['full', [RELIANCE]] },
    ]);
    expect(events[0]).toEqual({ type: 'connection', venue: 'kite', state: 'connecting' });
    await waitFor(() => events.some((e) => e.type === 'connection' && e.state === 'connected'), 'connected');

    c.socket.send(fullFrame());
    c.socket.send(new Uint8Array([0])); // heartbeat
    // A cut frame is logged and dropped; the socket goes on.
    c.socket.send(fullFrame().subarray(0, 100));
    const traded = encodePacket({ kind: 'full', token: RELIANCE, lastPrice: 157_370, volumeTraded: 1_192_481, lastTradeTime: 1_625_461_890, bids: [[5, 157_340, 1]], asks: [[162, 157_370, 3]] });
    c.socket.send(encodeFrame([traded]));
    const postback = JSON.parse(readFileSync(new URL('postback.json', KITE_DATA), 'utf8')) as KiteOrderUpdate;
    c.socket.send(JSON.stringify({ type: 'order', data: postback }));
    c.socket.send('{"type":"order","data":{"status":"COMPLETE"}}'); // malformed: logged, dropped
    c.socket.send(JSON.stringify({ type: 'error', data: 'Invalid mode' }));
    await waitFor(() => orders.length === 1 && logger.lines.some((l) => l.message === 'Kite ticker error message'), 'order update and error');

    expect(ofType(events, 'bookSnapshot')).toMatchObject([{ symbol: 'RELIANCE', seq: 1, bids: [[31468, 5], [31460, 140], [31459, 2], [31458, 219], [31457, 50]] }]);
    const [delta] = ofType(events, 'bookDelta');
    expect(delta!.seq).toBe(2);
    expect(delta!.changes).toContainEqual({ side: 'sell', price: 31474, qty: 162 });
    expect(ofType(events, 'trade')).toEqual([
      { type: 'trade', venue: 'kite', symbol: 'RELIANCE', ts: 1_625_461_890_000, price: 31474, qty: 10, aggressor: 'buy', tradeId: `${RELIANCE}-1625461890-1192481` },
    ]);
    expect(orders[0]).toEqual(postback);
    const warned = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warned).toContain('malformed KiteTicker frame: the unreadable part dropped');
    expect(warned).toContain('malformed KiteTicker text message dropped');
    // Nothing in the log carries the access token.
    expect(JSON.stringify(logger.lines)).not.toContain('tok123');
  });

  it('changes its subscriptions on the open socket when the watched set changes', async () => {
    const { server, feed } = await setUp();
    feed.start();
    await waitFor(() => server.connections[0]?.messages.length === 2, 'subscription');
    feed.watch(['SBIN' as Symbol]);
    await waitFor(() => server.connections[0]!.messages.length === 5, 'resubscription');
    expect(server.connections[0]!.messages.slice(2)).toEqual([
      { a: 'unsubscribe', v: [RELIANCE] },
      { a: 'subscribe', v: [SBIN] },
      { a: 'mode', v: ['full', [SBIN]] },
    ]);
  });

  it('marks the books stale when the socket drops, reconnects after the backoff and subscribes everything again', async () => {
    const { server, clock, feed, events, stale } = await setUp();
    feed.start();
    await waitFor(() => server.connections[0]?.messages.length === 2, 'subscription');
    server.connections[0]!.socket.send(fullFrame());
    await waitFor(() => ofType(events, 'bookSnapshot').length === 1, 'snapshot');
    server.connections[0]!.socket.terminate();
    await waitFor(() => stale.length === 1, 'stale');
    expect(stale[0]).toMatch(/^RELIANCE: ticker socket closed/);
    const down = ofType(events, 'connection').at(-1)!;
    expect(down).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/reconnecting in 375 ms$/) });
    // A request while stale is not answered from the old depth.
    feed.requestBookSnapshot('RELIANCE' as Symbol);
    clock.advance(375);
    await waitFor(() => server.connections[1]?.messages.length === 2, 'resubscription after reconnect');
    expect(server.connections[1]!.messages).toEqual([
      { a: 'subscribe', v: [RELIANCE] },
      { a: 'mode', v: ['full', [RELIANCE]] },
    ]);
    server.connections[1]!.socket.send(fullFrame());
    await waitFor(() => ofType(events, 'bookSnapshot').length === 2, 'snapshot after reconnect');
    feed.requestBookSnapshot('RELIANCE' as Symbol);
    expect(ofType(events, 'bookSnapshot').map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('replaces a socket that falls silent (no heartbeat) with a new one', async () => {
    const { server, clock, feed, events, stale } = await setUp();
    feed.start();
    await waitFor(() => server.connections[0]?.messages.length === 2, 'subscription');
    server.connections[0]!.socket.send(fullFrame());
    await waitFor(() => ofType(events, 'bookSnapshot').length === 1, 'snapshot');
    clock.advance(5_000); // a frame came in this interval: alive
    expect(feed.status).toBe('connected');
    clock.advance(5_000); // none in this one
    expect(feed.status).toBe('waitingToReconnect');
    expect(stale).toEqual(['RELIANCE: no frame from the ticker for 5000 ms (Kite sends a heartbeat every second)']);
    clock.advance(375);
    await waitFor(() => server.connections[1]?.messages.length === 2, 'new socket, subscribed');
  });

  it('stops on a 403 at the handshake, says the session expired, and does not retry until started again', async () => {
    const { server, clock, feed, events, expired } = await setUp({ refuse: 403 });
    feed.start();
    await waitFor(() => expired.length === 1, 'session expired');
    expect(expired).toEqual([KITE_SESSION_EXPIRED]);
    expect(ofType(events, 'connection').at(-1)).toEqual({ type: 'connection', venue: 'kite', state: 'disconnected', reason: 'Kite session expired: log in again' });
    expect(feed.status).toBe('expired');
    // No reconnect timer is left: ten minutes later it has not tried again (a retry would be connecting now).
    clock.advance(10 * 60_000);
    expect(feed.status).toBe('expired');
    expect(server.handshakes()).toBe(1);
    // After a new login: started again, it connects.
    server.refuse(undefined);
    feed.start();
    await waitFor(() => server.connections.length === 1, 'connected after the new login');
  });

  it('stops at once when Kite closes the socket for a TokenException, without a reconnect that would meet a 403', async () => {
    const { server, clock, feed, events, stale, expired, logger } = await setUp();
    feed.start();
    await waitFor(() => server.connections[0]?.messages.length === 2, 'subscription');
    server.connections[0]!.socket.send(fullFrame());
    await waitFor(() => ofType(events, 'bookSnapshot').length === 1, 'snapshot');
    server.connections[0]!.socket.close(1000, 'TokenException: session expired');
    await waitFor(() => expired.length === 1, 'session expired');
    expect(feed.status).toBe('expired');
    expect(stale).toEqual([`RELIANCE: ${KITE_SESSION_EXPIRED}`]);
    clock.advance(60_000);
    expect(server.handshakes()).toBe(1);
    expect(logger.lines.find((l) => l.level === 'error')?.fields).toMatchObject({ reason: 'ticker socket closed (code 1000: TokenException: session expired)' });
  });

  it('retries a handshake refused for another reason (a 503) with backoff', async () => {
    const { server, clock, feed, expired } = await setUp({ refuse: 503 });
    feed.start();
    await waitFor(() => feed.status === 'waitingToReconnect', 'down');
    server.refuse(undefined);
    clock.advance(375);
    await waitFor(() => server.connections.length === 1, 'reconnected');
    expect(server.handshakes()).toBe(2);
    expect(expired).toEqual([]);
  });

  it('gives up on a handshake that is never answered, and tries again after the backoff', async () => {
    // A TCP server that accepts and never answers the WebSocket upgrade.
    const accepted: Socket[] = [];
    const mute = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const s of accepted) s.destroy();
      mute.close(() => resolve());
    }));
    const clock = new SimulatedClock(0);
    const feed = new KiteMarketFeed({
      venue: 'kite',
      instruments,
      credentials: () => ({ apiKey: 'k', accessToken: 't' }),
      streamUrl: `ws://127.0.0.1:${(mute.address() as AddressInfo).port}`,
      clock,
      random: () => 0.5,
      logger: recordingLogger(),
    });
    const events: VenueEvent[] = [];
    feed.onEvent((e) => events.push(e));
    cleanups.push(() => feed.stop());
    feed.start();
    await waitFor(() => accepted.length === 1, 'TCP connection');
    clock.advance(5_000);
    expect(feed.status).toBe('waitingToReconnect');
    expect(ofType(events, 'connection').at(-1)).toMatchObject({ state: 'disconnected', reason: 'ticker handshake not answered within 5000 ms; reconnecting in 375 ms' });
    clock.advance(375);
    await waitFor(() => accepted.length === 2, 'second attempt');
  });

  it('says the session expired without connecting when there is no access token', async () => {
    const { server, feed, expired } = await setUp({ credentials: () => undefined });
    feed.start();
    expect(expired).toEqual([KITE_SESSION_EXPIRED]);
    expect(server.handshakes()).toBe(0);
  });
});
