import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type WebSocket from 'ws';
import { callInputs } from '../../contract';
import {
  clientFrame,
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

/**
 * Property tests of the whole HTTP + WebSocket surface of the real wsHost in front of a real engine:
 * whatever arrives gets a clear 4xx or an error reply, nothing leaves the renderer directory, the
 * process keeps running (an uncaught throw here would fail the run), and at the end the bridge still
 * answers a real call and the engine holds no order and no engaged kill switch.
 * Bounded: RUNS cases per property, loopback only, each case ends by itself.
 */
const RUNS = Number(process.env.SQ_FUZZ_RUNS ?? 200);

let bridge: TestBridge;
beforeAll(async () => {
  bridge = await startTestBridge();
});
afterAll(async () => {
  await bridge?.stop();
});

const traversalBits = ['..', '.', '%2e%2e', '%2E%2e', '..%2f', '%2f', '%2F', '%5c', '\\', '%00', '%', '%E0%A4%A', '%zz', '%ff', '%c0%ae', '~', '', '//'];
const realBits = ['index.html', 'assets', 'app.js', 'a%20b.css', 'escape.txt', 'secret.txt', 'renderer'];
const pathSegment = fc.oneof(fc.constantFrom(...traversalBits, ...realBits), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));
const target = fc.oneof(
  { weight: 6, arbitrary: fc.array(pathSegment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 3000, max: 20_000 }).map((n) => `/${'a'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.constantFrom('*', 'http://evil.example/', '//evil.example/x', '127.0.0.1:80', '/bridge', '/bridge?token=guess') },
);
const method = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET', 'HEAD') },
  { weight: 2, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'get', 'FOO', 'G ET', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const headerLine = fc.oneof(
  fc.constantFrom('Accept: */*', 'Upgrade: websocket', 'Connection: Upgrade', 'Origin: http://evil.example', 'Content-Length: 3', 'Transfer-Encoding: chunked', 'Expect: 100-continue', 'Range: bytes=0-3'),
  fc.tuple(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 })).map(([name, value]) => `${name}: ${value}`),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => `X-Long: ${'h'.repeat(n)}`),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
/**
 * A whole request head (the server answers and closes), or raw bytes that may be the start of one; the
 * client half-closes after those, as a dying client would, so the server is not left waiting for the rest.
 */
const httpRequest = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(method, target, fc.array(headerLine, { maxLength: 4 }))
      .map(([m, t, h]) => ({ bytes: [`${m} ${t} HTTP/1.1`, 'Host: 127.0.0.1', ...h, 'Connection: close', '', ''].join('\r\n'), halfClose: false })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => ({ bytes: Buffer.from(bytes), halfClose: true })) },
);

/** Calls that change nothing in the engine: the fuzzer may hit them with any input. */
const readOnlyCalls = ['system.ping', 'status.get', 'instruments.list', 'orders.history', 'audit.query', 'audit.csv', 'orders.list', 'fills.list', 'positions.list', 'market.focus', 'kill.state', 'risk.state', 'accounts.state'];
const mutating = new Set(Object.keys(callInputs).filter((name) => !readOnlyCalls.includes(name)));
const callName = fc.oneof(fc.constantFrom(...readOnlyCalls, 'orders.nuke', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 70 })).filter((n) => !mutating.has(n));
const envelope = fc.record(
  {
    t: fc.oneof(fc.constant('call'), fc.string({ maxLength: 6 })),
    id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string({ maxLength: 4 }), fc.constant(null)),
    name: callName,
    input: fc.oneof(fc.constant({}), fc.anything({ maxDepth: 3 })),
    extra: fc.anything({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
type Frame =
  | { kind: 'text'; text: string }
  | { kind: 'envelope'; value: Record<string, unknown> }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'notUtf8'; bytes: Uint8Array }
  | { kind: 'oversized'; size: number };
const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 3 })).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 6, arbitrary: envelope.map((value) => ({ kind: 'envelope' as const, value })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'binary' as const, bytes })) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 20 }).map((bytes) => ({ kind: 'notUtf8' as const, bytes: Uint8Array.from([0xc3, 0x28, ...bytes]) })) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_FRAME_BYTES + 1, max: MAX_FRAME_BYTES + 4096 }).map((size) => ({ kind: 'oversized' as const, size })) },
);

function sendFrame(ws: WebSocket, f: Frame): void {
  if (f.kind === 'text') ws.send(f.text);
  else if (f.kind === 'envelope') ws.send(JSON.stringify(f.value));
  else if (f.kind === 'binary') ws.send(f.bytes, { binary: true });
  else if (f.kind === 'notUtf8') ws.send(Buffer.from(f.bytes), { binary: false });
  else ws.send('x'.repeat(f.size));
}

/** Whether an envelope is one the contract accepts, so its reply must carry its id. */
const wellFormed = (v: Record<string, unknown>) =>
  v.t === 'call' && Number.isSafeInteger(v.id) && (v.id as number) >= 0 && typeof v.name === 'string' && v.name.length >= 1 && v.name.length <= 64 && !('extra' in v);

describe('bridge surface under fuzzing', () => {
  it('answers every HTTP request with a status, never a 5xx, never a file from outside the renderer', async () => {
    const served = new Set(bridge.files.values());
    await fc.assert(
      fc.asyncProperty(httpRequest, async ({ bytes, halfClose }) => {
        const reply = await rawExchange(bridge.host.port, bytes, { halfClose });
        const raw = reply.raw.toString('latin1');
        expect(raw).not.toContain(bridge.secret);
        // Only empty lines (which HTTP lets precede a request) are not a request at all: closed, unanswered.
        const noRequest = halfClose && [...Buffer.from(bytes)].every((b) => b === 0x0a || b === 0x0d);
        if (noRequest) return void expect(reply.raw.length).toBe(0);
        expect(reply.status, JSON.stringify(String(bytes).slice(0, 200))).toBeDefined();
        expect(reply.status).not.toBe(101); // no upgrade without the token
        expect(reply.status).toBeLessThan(500);
        if (reply.status === 200 && reply.body.length > 0) expect(served.has(reply.body.toString())).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every upgrade without the right token or from another origin', async () => {
    const { port, token } = bridge.host;
    const attempt = fc.record({
      query: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }).filter((t) => t !== token).map((t) => `?token=${encodeURIComponent(t)}`), fc.constant(`?token=${token}`)),
      origin: fc.oneof(fc.constant(undefined), fc.constantFrom('http://evil.example', 'null', `http://127.0.0.1:${port + 1}`), fc.string({ maxLength: 20 })),
    });
    await fc.assert(
      fc.asyncProperty(attempt, async ({ query, origin }) => {
        const allowedOrigin = origin === undefined;
        const reply = await rawExchange(port, upgradeRequest(`/bridge${query}`, origin === undefined ? [] : [`Origin: ${origin.replace(/[\r\n]/g, '')}`]), { halfClose: true });
        if (query === `?token=${token}` && allowedOrigin) expect(reply.status).toBe(101);
        else expect([400, 401, 403]).toContain(reply.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every WebSocket frame with a reply, or closes with 1007/1009 for bad UTF-8/oversized', async () => {
    let ws = await openBridge(bridge.host.port, bridge.host.token);
    onTestFinished(() => ws.close());
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        if (ws.readyState !== ws.OPEN) ws = await openBridge(bridge.host.port, bridge.host.token);
        const outcome = await sendAndAwait(ws, (s) => sendFrame(s, f));
        if (f.kind === 'oversized') return void expect(outcome).toEqual({ kind: 'closed', code: 1009 });
        if (f.kind === 'notUtf8') return void expect(outcome).toEqual({ kind: 'closed', code: 1007 });
        expect(outcome.kind).toBe('reply');
        if (outcome.kind !== 'reply') return;
        const { msg } = outcome;
        // What the server saw (-0 arrives as 0, NaN as null).
        const sent = f.kind === 'envelope' ? (JSON.parse(JSON.stringify(f.value)) as Record<string, unknown>) : undefined;
        if (sent && wellFormed(sent)) {
          expect(msg.id).toBe(sent.id);
          if (!msg.ok) expect(msg.error).toEqual({ code: expect.any(String), message: expect.any(String) });
          if (!readOnlyCalls.includes(sent.name as string)) expect(msg).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        } else {
          expect(msg).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String) } });
          if (sent) {
            const id = sent.id;
            expect(msg.id).toBe(Number.isSafeInteger(id) && (id as number) >= 0 ? id : null);
          }
          if (f.kind === 'binary') expect(msg.id).toBeNull();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('survives raw bytes after the handshake, then a half-close, from any number of clients', async () => {
    const { port, token } = bridge.host;
    const afterHandshake = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      fc
        .tuple(fc.integer({ min: 0, max: 15 }), fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 70_000 }), fc.boolean())
        .map(([opcode, payload, claimed, fin]) => clientFrame(opcode, Buffer.from(payload), Math.max(claimed, 0), fin)),
    );
    await fc.assert(
      fc.asyncProperty(afterHandshake, async (bytes) => {
        const session = await rawBridgeSession(port, token, bytes);
        expect(session.status).toBe(101);
      }),
      { numRuns: RUNS },
    );
    // Every one of those connections has been forgotten: no events go to dead sessions.
    await vi.waitFor(() => expect(bridge.sessions.all()).toHaveLength(0));
  });

  it('still answers a real call afterwards, with the engine untouched', async () => {
    expect(await instrumentsOverBridge(bridge.host.port, bridge.host.token)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    expect(bridge.terminal.orders()).toEqual([]);
    expect(bridge.terminal.killState().engaged).toBe(false);
    expect(bridge.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
