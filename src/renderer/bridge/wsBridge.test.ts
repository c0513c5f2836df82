import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { type SocketLike, type Timers, WsBridge } from './wsBridge';

/** A real WebSocket server speaking the host's envelope; `handle` decides what each call gets back. */
async function startHost(handle: (msg: { id: number; name: string; input: unknown }, socket: WebSocket) => void) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => handle(JSON.parse(String(data)), socket));
  });
  const url = () => `ws://127.0.0.1:${(server.address() as AddressInfo).port}/bridge?token=t`;
  return { server, sockets, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Timers that fire only when the test says so, so nothing depends on wall-clock time. */
function manualTimers(): Timers & { fireAll(): void } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    set: (fn) => {
      queue.set(next, fn);
      return next++;
    },
    clear: (h) => void queue.delete(h as number),
    fireAll: () => {
      const fns = [...queue.values()];
      queue.clear();
      fns.forEach((f) => f());
    },
  };
}

const nodeSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

function waitForConnection(bridge: WsBridge, state: boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = bridge.onConnection((c) => {
      if (c === state) {
        queueMicrotask(() => off());
        resolve();
      }
    });
  });
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('WsBridge', () => {
  it('matches replies to calls by id and delivers events to the listeners of that event only', async () => {
    const host = await startHost((msg, socket) => {
      // Answer out of order to prove matching is by id, and push an event in between.
      socket.send(JSON.stringify({ t: 'event', name: 'kill', payload: { engaged: true, history: [] } }));
      socket.send(JSON.stringify({ t: 'reply', id: msg.id, ok: true, value: { serverTime: msg.id * 1000 } }));
    });
    cleanups.push(host.close);
    const bridge = new WsBridge({ url: host.url(), connect: nodeSocket, timers: manualTimers() });
    cleanups.push(() => bridge.stop());
    const kills: unknown[] = [];
    const orders: unknown[] = [];
    bridge.on('kill', (k) => kills.push(k));
    bridge.on('order', (o) => orders.push(o));
    bridge.start();
    await waitForConnection(bridge, true);

    const [a, b] = await Promise.all([bridge.call('system.ping', {}), bridge.call('system.ping', {})]);
    expect(a).toEqual({ ok: true, value: { serverTime: 1000 } });
    expect(b).toEqual({ ok: true, value: { serverTime: 2000 } });
    expect(kills).toEqual([
      { engaged: true, history: [] },
      { engaged: true, history: [] },
    ]);
    expect(orders).toEqual([]);
  });

  it('passes the engine refusal through as an error reply', async () => {
    const host = await startHost((msg, socket) =>
      socket.send(JSON.stringify({ t: 'reply', id: msg.id, ok: false, error: { code: 'rejected', message: 'kill switch engaged' } })),
    );
    cleanups.push(host.close);
    const bridge = new WsBridge({ url: host.url(), connect: nodeSocket, timers: manualTimers() });
    cleanups.push(() => bridge.stop());
    bridge.start();
    await waitForConnection(bridge, true);
    const reply = await bridge.call('kill.reset', { confirm: true });
    expect(reply).toEqual({ ok: false, error: { code: 'rejected', message: 'kill switch engaged' } });
  });

  it('fails a call at once when not connected instead of leaving it pending', async () => {
    const bridge = new WsBridge({ url: 'ws://127.0.0.1:9/bridge', connect: nodeSocket, timers: manualTimers() });
    const reply = await bridge.call('orders.list', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('disconnected');
  });

  it('fails pending calls when the connection drops, reports it, and reconnects', async () => {
    const host = await startHost((msg, socket) => {
      if (msg.name === 'orders.list') socket.terminate(); // drop with the call unanswered
      else socket.send(JSON.stringify({ t: 'reply', id: msg.id, ok: true, value: { serverTime: 1 } }));
    });
    cleanups.push(host.close);
    const timers = manualTimers();
    const bridge = new WsBridge({ url: host.url(), connect: nodeSocket, timers });
    cleanups.push(() => bridge.stop());
    const states: boolean[] = [];
    bridge.onConnection((c) => states.push(c));
    bridge.start();
    await waitForConnection(bridge, true);

    const lost = waitForConnection(bridge, false);
    const reply = await bridge.call('orders.list', {});
    await lost;
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      // Sent but unanswered: the order may or may not have reached the engine, and the code says so.
      expect(reply.error.code).toBe('connection_lost');
    }

    const back = waitForConnection(bridge, true);
    timers.fireAll(); // the backoff delay elapses
    await back;
    expect(states).toEqual([false, true, false, true]);
    expect(await bridge.call('system.ping', {})).toEqual({ ok: true, value: { serverTime: 1 } });
  });

  it('fails a call the engine never answers once the call timeout elapses', async () => {
    const host = await startHost(() => {});
    cleanups.push(host.close);
    const timers = manualTimers();
    const bridge = new WsBridge({ url: host.url(), connect: nodeSocket, timers, callTimeoutMs: 15_000 });
    cleanups.push(() => bridge.stop());
    bridge.start();
    await waitForConnection(bridge, true);
    const pending = bridge.call('status.get', {});
    timers.fireAll();
    expect(await pending).toEqual({ ok: false, error: { code: 'timeout', message: 'no reply from the engine within 15 s' } });
  });
});
