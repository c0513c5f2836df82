import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannels } from '../contract/channels';
import { recordingLogger, SimulatedClock } from '../engine/core';
import { Terminal } from '../engine/terminal';
import { Dispatcher } from './bridge/dispatcher';
import { createHandlers } from './bridge/handlers';
import { SessionRegistry } from './bridge/router';
import { IpcBridge, type InvokeEvent, type IpcMainLike, type WindowContents } from './ipcBridge';

/** Electron's ipcMain as far as handle() goes: one handler per channel, a second registration throws. */
class IpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  /** What ipcRenderer.invoke from `frame` of `sender` arrives as. */
  invoke(sender: unknown, frame: unknown, name: unknown, input?: unknown): Promise<unknown> {
    const handler = this.handlers.get(ipcChannels.call);
    if (!handler) throw new Error('no handler registered');
    return Promise.resolve(handler({ sender, senderFrame: frame }, name, input));
  }
}

/** A window's webContents: its own main frame, a subframe, and what it was sent. */
class Contents implements WindowContents {
  private static nextId = 1;
  readonly id = Contents.nextId++;
  readonly mainFrame = { name: `main frame of ${this.id}` };
  readonly subFrame = { name: `subframe of ${this.id}` };
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
}

const logger = recordingLogger();
let dataDir: string;
let terminal: Terminal;
let sessions: SessionRegistry;
let dispatcher: Dispatcher;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sq-ipc-'));
  terminal = await Terminal.start({ dataDir, clock: new SimulatedClock(1_700_000_000_000), logger, mode: 'electron', seed: 5 });
  sessions = new SessionRegistry();
  dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
});

afterAll(async () => {
  await terminal.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const unauthorized = { ok: false, error: { code: 'UNAUTHORIZED', message: 'calls are accepted from the terminal window only' } };
const focus = { venue: 'SIM', symbol: 'BTC-USDT', timeframe: '1m' };

describe('Electron IPC bridge', () => {
  it('registers its handler once, however many windows open, and serves each from its own session', async () => {
    const ipcMain = new IpcMain();
    const bridge = new IpcBridge(ipcMain, { dispatcher, sessions, logger });
    const first = new Contents();
    const second = new Contents(); // e.g. the window macOS recreates on 'activate'
    const detachFirst = bridge.attach(first);
    const detachSecond = bridge.attach(second);
    expect([...ipcMain.handlers.keys()]).toEqual([ipcChannels.call]);

    expect(await ipcMain.invoke(first, first.mainFrame, 'system.ping')).toMatchObject({ ok: true });
    expect(await ipcMain.invoke(second, second.mainFrame, 'market.focus', focus)).toMatchObject({ ok: true });
    // The focus landed on the second window's session only.
    const byId = new Map(sessions.all().map((s) => [s.id, s]));
    expect(byId.get(`ipc-${second.id}`)?.focus).toMatchObject(focus);
    expect(byId.get(`ipc-${first.id}`)?.focus).toBeUndefined();

    // Engine events reach both windows on the event channel.
    sessions.publish('kill', terminal.killState());
    expect(first.sent.at(-1)?.channel).toBe(ipcChannels.event);
    expect(first.sent.at(-1)?.args[0]).toBe('kill');
    expect(second.sent.at(-1)?.args[0]).toBe('kill');
    detachFirst();
    detachSecond();
  });

  it('refuses calls from a subframe, from a frame that is gone, and from any webContents not attached', async () => {
    const ipcMain = new IpcMain();
    const bridge = new IpcBridge(ipcMain, { dispatcher, sessions, logger });
    const window = new Contents();
    const other = new Contents(); // devtools, a webview guest, anything never attached
    const detach = bridge.attach(window);

    expect(await ipcMain.invoke(window, window.subFrame, 'kill.engage', {})).toEqual(unauthorized);
    expect(await ipcMain.invoke(window, null, 'kill.engage', {})).toEqual(unauthorized);
    expect(await ipcMain.invoke(other, other.mainFrame, 'kill.engage', {})).toEqual(unauthorized);
    // Another window's main frame presented as this window's sender is not its main frame.
    expect(await ipcMain.invoke(window, other.mainFrame, 'kill.engage', {})).toEqual(unauthorized);
    expect(terminal.killState().engaged).toBe(false);
    expect(logger.lines.filter((l) => l.message === 'ipc: call refused').length).toBeGreaterThanOrEqual(4);
    detach();
  });

  it('forgets a closed window: its session leaves the registry and its calls are refused', async () => {
    const ipcMain = new IpcMain();
    const bridge = new IpcBridge(ipcMain, { dispatcher, sessions, logger });
    const window = new Contents();
    const detach = bridge.attach(window);
    const id = `ipc-${window.id}`;
    expect(sessions.all().some((s) => s.id === id)).toBe(true);

    detach();
    detach(); // 'closed' twice is harmless
    expect(sessions.all().some((s) => s.id === id)).toBe(false);
    expect(await ipcMain.invoke(window, window.mainFrame, 'system.ping')).toEqual(unauthorized);
  });

  it('sends nothing to a destroyed webContents and refuses to attach one window twice', () => {
    const ipcMain = new IpcMain();
    const bridge = new IpcBridge(ipcMain, { dispatcher, sessions, logger });
    const window = new Contents();
    const detach = bridge.attach(window);
    expect(() => bridge.attach(window)).toThrow(/already attached/);
    window.destroyed = true;
    sessions.publish('kill', terminal.killState());
    expect(window.sent).toEqual([]);
    detach();
  });

  it('answers a malformed call with the dispatcher’s error, like any other transport', async () => {
    const ipcMain = new IpcMain();
    const bridge = new IpcBridge(ipcMain, { dispatcher, sessions, logger });
    const window = new Contents();
    const detach = bridge.attach(window);
    expect(await ipcMain.invoke(window, window.mainFrame, 'no.such.call')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ipcMain.invoke(window, window.mainFrame, 'market.focus', { venue: 'SIM' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    detach();
  });
});
