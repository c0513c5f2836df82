/**
 * Shared set-up for the bridge surface tests: a real engine (simulated clock) behind the real wsHost,
 * serving a small renderer directory with a secret file beside it (what a path traversal would reach),
 * and clients that speak raw bytes so malformed requests reach the server exactly as written.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal } from '../../engine/terminal';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { startWsHost, type WsHost } from './wsHost';

export interface TestBridge {
  host: WsHost;
  terminal: Terminal;
  sessions: SessionRegistry;
  logger: ReturnType<typeof recordingLogger>;
  /** The renderer's files by URL path, with their contents. */
  files: Map<string, string>;
  /** Content of a file outside the renderer directory: no reply may ever contain it. */
  secret: string;
  stop(): Promise<void>;
}

export async function startTestBridge(): Promise<TestBridge> {
  const dir = mkdtempSync(join(tmpdir(), 'sq-surface-'));
  const secret = `SECRET-${randomBytes(12).toString('hex')}`;
  writeFileSync(join(dir, 'secret.txt'), secret);
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  const files = new Map([
    ['/index.html', '<!doctype html><html><body>terminal</body></html>'],
    ['/assets/app.js', 'console.log("app");'],
    ['/a b.css', 'body{}'],
  ]);
  for (const [path, content] of files) writeFileSync(join(renderer, path), content);
  // A link inside the root to a file outside it: it must not be followed out.
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'escape.txt'));

  const logger = recordingLogger();
  const terminal = await Terminal.start({ dataDir: join(dir, 'data'), clock: new SimulatedClock(1_700_000_000_000), logger, mode: 'headless', seed: 3 });
  const sessions = new SessionRegistry();
  const host = await startWsHost({ port: 0, rendererDir: renderer, dispatcher: new Dispatcher(createHandlers(terminal, sessions), logger), sessions, logger });
  return {
    host,
    terminal,
    sessions,
    logger,
    files,
    secret,
    stop: async () => {
      await host.close();
      await terminal.stop();
    },
  };
}

export interface RawReply {
  /** The status code of the first response, or undefined when the server sent none. */
  status: number | undefined;
  head: string;
  body: Buffer;
  /** The whole byte stream the server sent, for "never contains" checks. */
  raw: Buffer;
}

/**
 * Writes `request` to a fresh connection exactly as given and resolves with what the server sent once
 * it closes (a request should say `Connection: close`, or be one the server refuses). With `halfClose`
 * the client also ends its side after writing. Never rejects: a reset is a reply without a status.
 */
export function rawExchange(port: number, request: Buffer | string, opts: { halfClose?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.once('close', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const head = (split < 0 ? raw : raw.subarray(0, split)).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), head, body: split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4), raw });
    });
    socket.write(request, () => {
      if (opts.halfClose) socket.end();
    });
  });
}

/** A header of the response, case-insensitively. */
export function headerOf(reply: RawReply, name: string): string | undefined {
  const line = reply.head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** An opening handshake for the bridge's path with the given query and extra header lines. */
export function upgradeRequest(target: string, extraHeaders: string[] = []): string {
  const key = randomBytes(16).toString('base64');
  return [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13', ...extraHeaders, '', ''].join('\r\n');
}

export function openBridge(port: number, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${token}`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.on('error', () => {}); // a close by the server is what the tests look at, via 'close'
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

export type Outcome = { kind: 'reply'; msg: { id: number | null; ok: boolean; value?: unknown; error?: { code: string; message: string } } } | { kind: 'closed'; code: number };

/** Sends one frame and resolves with the next reply, or with the close if the server closes instead. */
export function sendAndAwait(ws: WebSocket, send: (ws: WebSocket) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.t !== 'reply') return;
      done();
      resolve({ kind: 'reply', msg });
    };
    const onClose = (code: number) => {
      done();
      resolve({ kind: 'closed', code });
    };
    const done = () => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
    send(ws);
  });
}

/** A real call over a fresh, well-behaved connection: the proof that the bridge still serves. */
export async function instrumentsOverBridge(port: number, token: string): Promise<string[]> {
  const ws = await openBridge(port, token);
  try {
    const outcome = await sendAndAwait(ws, (s) => s.send(JSON.stringify({ t: 'call', id: 1, name: 'instruments.list', input: {} })));
    if (outcome.kind !== 'reply' || !outcome.msg.ok) throw new Error(`instruments.list failed: ${JSON.stringify(outcome)}`);
    return (outcome.msg.value as { symbol: string }[]).map((i) => i.symbol);
  } finally {
    ws.close();
  }
}

/** A client frame as RFC 6455 wants it (masked), whose header may claim more payload than follows. */
export function clientFrame(opcode: number, payload: Buffer, claimedLength = payload.length, fin = true): Buffer {
  const mask = randomBytes(4);
  const lengthBytes =
    claimedLength < 126
      ? Buffer.from([0x80 | claimedLength])
      : claimedLength < 65536
        ? Buffer.from([0x80 | 126, claimedLength >> 8, claimedLength & 0xff])
        : Buffer.concat([Buffer.from([0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(claimedLength)); return b; })()]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode]), lengthBytes, mask, masked]);
}

/**
 * Opens the bridge over a raw socket with the real token, then writes `bytes` as they are and
 * half-closes (as a client that dies mid-frame would). Resolves once the server has closed, with the
 * handshake's status and the bytes the server sent after it.
 */
export function rawBridgeSession(port: number, token: string, bytes: Buffer): Promise<{ status: number | undefined; after: Buffer }> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let headEnd = -1;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (headEnd >= 0) return;
      headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      socket.write(bytes, () => socket.end());
    });
    socket.once('close', () => {
      const head = received.subarray(0, Math.max(headEnd, 0)).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), after: headEnd < 0 ? Buffer.alloc(0) : received.subarray(headEnd + 4) });
    });
    socket.write(upgradeRequest(`/bridge?token=${token}`));
  });
}
