import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_URL_LENGTH } from './httpRequests';
import {
  clientFrame,
  headerOf,
  instrumentsOverBridge,
  openBridge,
  rawBridgeSession,
  rawExchange,
  sendAndAwait,
  startTestBridge,
  type TestBridge,
  upgradeRequest,
} from './testSupport';
import { MAX_FRAME_BYTES } from './wsHost';

/** Each kind of bad input the headless host's HTTP and WebSocket surface can meet, and its exact answer. */
let bridge: TestBridge;
beforeAll(async () => {
  bridge = await startTestBridge();
});
afterAll(async () => {
  await bridge?.stop();
});

const get = (target: string, headers: string[] = []) =>
  rawExchange(bridge.host.port, [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, 'Connection: close', '', ''].join('\r\n'));
const warnings = () => bridge.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);

describe('HTTP surface', () => {
  it('serves the renderer files, with HEAD answered without a body', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe(bridge.files.get('/index.html'));
    expect(headerOf(page, 'content-type')).toBe('text/html; charset=utf-8');
    expect((await get('/a%20b.css')).body.toString()).toBe('body{}');
    const head = await rawExchange(bridge.host.port, 'HEAD /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers a malformed percent escape with 400 and a log line', async () => {
    const reply = await get('/%E0%A4%A');
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).toBe('malformed percent escape in path\n');
    expect(bridge.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'http: request refused', fields: expect.objectContaining({ status: 400, path: '/%E0%A4%A' }) }),
    );
  });

  it('never serves anything outside the renderer directory', async () => {
    const cases: [string, number][] = [
      ['/..%2fsecret.txt', 400],
      ['/..%2Fsecret.txt', 400],
      ['/%2e%2e%2fsecret.txt', 400],
      ['/..%5csecret.txt', 400],
      ['/assets%2f..%2f..%2fsecret.txt', 400],
      ['/%00', 400],
      ['/index.html%00.js', 400],
      ['/escape.txt', 403], // a symlink inside the root that points out of it
      ['/../secret.txt', 404], // the URL parser resolves it to /secret.txt, inside the root, where there is none
      ['/%2e%2e/secret.txt', 404],
      ['/..\\secret.txt', 404],
      ['/assets/', 404],
      ['/nothing-here', 404],
    ];
    for (const [target, status] of cases) {
      const reply = await get(target);
      expect(reply.status, target).toBe(status);
      expect(reply.raw.toString('latin1'), target).not.toContain(bridge.secret);
    }
  });

  it('refuses request targets that are not a path: absolute-form, "//host", "*"', async () => {
    for (const target of ['//', '//evil.example/index.html', 'http://evil.example/', '*']) {
      expect((await get(target)).status, target).toBe(400);
    }
  });

  it('answers methods other than GET and HEAD with 405 and the Allow header, known to Node or not', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'FOO']) {
      const target = method === 'CONNECT' ? '127.0.0.1:443' : '/';
      const reply = await rawExchange(bridge.host.port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(reply.status, method).toBe(405);
      expect(headerOf(reply, 'allow'), method).toBe('GET, HEAD');
    }
    // A TLS hello on the plain port: to the parser, an unknown method.
    expect((await rawExchange(bridge.host.port, Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]))).status).toBe(405);
  });

  it('answers an overlong URL with 414, and an overlong head with 431', async () => {
    expect((await get(`/${'a'.repeat(MAX_URL_LENGTH)}`)).status).toBe(414);
    expect((await get('/', [`X-Filler: ${'b'.repeat(20_000)}`])).status).toBe(431);
    expect((await get(`/${'c'.repeat(20_000)}`)).status).toBe(431);
    expect(warnings()).toContain('http: malformed request refused');
  });

  it('answers broken request heads with 400', async () => {
    for (const request of [
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\u0000b\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n', // a smuggling attempt
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
    ]) {
      expect((await rawExchange(bridge.host.port, request)).status, JSON.stringify(request)).toBe(400);
    }
  });

  it('refuses upgrades before auth: no token 401, wrong path 404, bad target 400, other origin 403', async () => {
    const { port, token } = bridge.host;
    expect((await rawExchange(port, upgradeRequest('/bridge'))).status).toBe(401);
    expect((await rawExchange(port, upgradeRequest('/bridge?token=' + 'x'.repeat(token.length)))).status).toBe(401);
    expect((await rawExchange(port, upgradeRequest(`/elsewhere?token=${token}`))).status).toBe(404);
    expect((await rawExchange(port, upgradeRequest('//bridge'))).status).toBe(400);
    expect((await rawExchange(port, upgradeRequest('/%E0%A4%A'))).status).toBe(404);
    expect((await rawExchange(port, upgradeRequest(`/bridge?token=${token}`, ['Origin: http://evil.example']))).status).toBe(403);
    expect((await rawExchange(port, upgradeRequest(`/bridge?token=${token}&${'p'.repeat(MAX_URL_LENGTH)}`))).status).toBe(414);
    // The token never reaches a log line.
    expect(JSON.stringify(bridge.logger.lines)).not.toContain(token);
  });
});

describe('WebSocket surface', () => {
  it('answers a binary frame with an error reply and keeps the connection', async () => {
    const ws = await openBridge(bridge.host.port, bridge.host.token);
    const outcome = await sendAndAwait(ws, (s) => s.send(Buffer.from('{"t":"call","id":1,"name":"status.get","input":{}}'), { binary: true }));
    expect(outcome).toEqual({
      kind: 'reply',
      msg: { t: 'reply', id: null, ok: false, error: { code: 'INVALID_INPUT', message: 'binary frames are not accepted: send JSON text' } },
    });
    const next = await sendAndAwait(ws, (s) => s.send(JSON.stringify({ t: 'call', id: 2, name: 'status.get', input: {} })));
    expect(next).toMatchObject({ kind: 'reply', msg: { id: 2, ok: true } });
    ws.close();
  });

  it('answers a schema-invalid envelope with an error reply carrying its id when it has one', async () => {
    const ws = await openBridge(bridge.host.port, bridge.host.token);
    const send = (value: unknown) => sendAndAwait(ws, (s) => s.send(JSON.stringify(value)));
    expect(await send({ t: 'call', id: 7, name: 'status.get' , input: {}, extra: 1 })).toMatchObject({ msg: { id: 7, ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await send({ t: 'cast', id: 8 })).toMatchObject({ msg: { id: 8, ok: false } });
    expect(await send({ id: -1 })).toMatchObject({ msg: { id: null, ok: false } });
    expect(await send([1, 2])).toMatchObject({ msg: { id: null, ok: false } });
    expect(await send(null)).toMatchObject({ msg: { id: null, ok: false } });
    expect(await send({ t: 'call', id: 9, name: '__proto__', input: {} })).toMatchObject({ msg: { id: 9, ok: false, error: { message: 'unknown call __proto__' } } });
    ws.close();
  });

  it('closes a connection that sends an oversized frame with 1009, logs it, and serves the next one', async () => {
    const ws = await openBridge(bridge.host.port, bridge.host.token);
    const outcome = await sendAndAwait(ws, (s) => s.send('x'.repeat(MAX_FRAME_BYTES + 1)));
    expect(outcome).toEqual({ kind: 'closed', code: 1009 });
    await vi.waitFor(() => expect(warnings()).toContain('bridge: frame over the size limit; connection closed (1009)'));
    expect(await instrumentsOverBridge(bridge.host.port, bridge.host.token)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
  });

  it('closes a text frame that is not UTF-8 with 1007', async () => {
    const ws = await openBridge(bridge.host.port, bridge.host.token);
    const outcome = await sendAndAwait(ws, (s) => s.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
    expect(outcome).toEqual({ kind: 'closed', code: 1007 });
  });

  it('survives a client that dies mid-frame, and forgets its session', async () => {
    const before = bridge.logger.lines.filter((l) => l.message === 'bridge: client disconnected').length;
    // The header promises 100 bytes of text; 10 arrive, then the client half-closes.
    const cut = clientFrame(0x1, Buffer.from('{"t":"cal'), 100);
    const session = await rawBridgeSession(bridge.host.port, bridge.host.token, cut);
    expect(session.status).toBe(101);
    // A frame claiming 2^53 bytes, and a bare partial header.
    await rawBridgeSession(bridge.host.port, bridge.host.token, clientFrame(0x1, Buffer.alloc(0), 2 ** 53));
    await rawBridgeSession(bridge.host.port, bridge.host.token, Buffer.from([0x81]));
    await vi.waitFor(() => expect(bridge.sessions.all()).toHaveLength(0));
    expect(bridge.logger.lines.filter((l) => l.message === 'bridge: client disconnected').length - before).toBe(3);
    expect(await instrumentsOverBridge(bridge.host.port, bridge.host.token)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
  });

  it('leaves the engine untouched by all of it', async () => {
    expect(bridge.terminal.orders()).toEqual([]);
    expect(bridge.terminal.killState().engaged).toBe(false);
  });
});
