import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal } from '../../engine/terminal';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { startWsHost, type WsHost } from './wsHost';

const logger = recordingLogger();
let terminal: Terminal;
let host: WsHost;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-ws-'));
  terminal = await Terminal.start({ dataDir, clock: new SimulatedClock(1_700_000_000_000), logger, mode: 'headless', seed: 3 });
  const sessions = new SessionRegistry();
  host = await startWsHost({
    port: 0,
    rendererDir: dataDir,
    dispatcher: new Dispatcher(createHandlers(terminal, sessions), logger),
    sessions,
    logger,
  });
});

afterAll(async () => {
  await host.close();
  await terminal.stop();
});

function connect(query: string, headers: Record<string, string> = {}): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${host.port}/bridge${query}`, { headers });
}

const refusal = (ws: WebSocket) =>
  new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));

/** Sends raw text and resolves with the next reply. */
async function exchange(ws: WebSocket, text: string): Promise<{ id: number | null; ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  if (ws.readyState !== ws.OPEN) await new Promise((r) => ws.once('open', r));
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.t !== 'reply') return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

describe('headless bridge transport', () => {
  it('refuses a connection without the token, with a wrong token, or from another origin', async () => {
    expect(await refusal(connect(''))).toBe(401);
    expect(await refusal(connect('?token=wrong'))).toBe(401);
    expect(await refusal(connect(`?token=${host.token}`, { Origin: 'http://evil.example' }))).toBe(403);
  });

  it('admits this host own page origin with the token', async () => {
    const ws = connect(`?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
    const reply = await exchange(ws, JSON.stringify({ t: 'call', id: 1, name: 'status.get', input: {} }));
    expect(reply).toMatchObject({ id: 1, ok: true, value: { mode: 'headless' } });
    ws.close();
  });

  it('answers malformed messages with structured errors, logs them, and keeps serving', async () => {
    const ws = connect(`?token=${host.token}`);
    expect(await exchange(ws, '{not json')).toMatchObject({ id: null, ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await exchange(ws, JSON.stringify({ t: 'call', id: 'x' }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await exchange(ws, JSON.stringify({ t: 'call', id: 2, name: 'orders.nuke', input: {} }))).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'unknown call orders.nuke' },
    });
    const badOrder = { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '-5', qty: '1', extra: true };
    const reply = await exchange(ws, JSON.stringify({ t: 'call', id: 3, name: 'orders.submit', input: badOrder }));
    expect(reply).toMatchObject({ id: 3, ok: false, error: { code: 'INVALID_INPUT' } });
    expect(reply.error?.message).toMatch(/price/);

    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toContain('bridge: malformed message dropped (not JSON)');
    expect(warnings).toContain('bridge: unknown call');

    // The engine is unaffected: the next well-formed call works.
    const ok = await exchange(ws, JSON.stringify({ t: 'call', id: 4, name: 'instruments.list', input: {} }));
    expect(ok).toMatchObject({ id: 4, ok: true });
    expect((ok.value as { symbol: string }[]).map((i) => i.symbol)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    ws.close();
  });

  it('rejects an off-tick price at the engine edge with the reason', async () => {
    const ws = connect(`?token=${host.token}`);
    const order = { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '90000.05', qty: '0.01' };
    const reply = await exchange(ws, JSON.stringify({ t: 'call', id: 5, name: 'orders.submit', input: order }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'price 90000.05: at most 1 decimals' } });
    ws.close();
  });
});
