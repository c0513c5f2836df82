import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal } from '../../engine/terminal';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/** hotkeys.* through the real Dispatcher, handlers and engine: the schema, then the engine's conflict rules, then the store. */
const dirs: string[] = [];
const terminals: Terminal[] = [];
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string) {
  const logger = recordingLogger();
  const terminal = await Terminal.start({ dataDir, clock: new SimulatedClock(1_700_000_000_000), logger, mode: 'headless', seed: 5 });
  terminals.push(terminal);
  const sessions = new SessionRegistry();
  const session = new Session('test', () => {});
  sessions.add(session);
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  const call = (name: Parameters<Dispatcher['handle']>[1], input: unknown = {}) => dispatcher.handle(session, name, input);
  return { terminal, call };
}

describe('hotkeys.* over the bridge', () => {
  it('serves the defaults, keeps a new map across a restart, and refuses conflicts, the kill chord and unknown actions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-hotkeys-bridge-'));
    dirs.push(dir);
    const first = await start(dir);
    expect(await first.call('hotkeys.get')).toEqual({ ok: true, value: DEFAULT_HOTKEYS });
    const next = { bindings: { ...DEFAULT_HOTKEYS.bindings, joinBid: 'j' }, quantityPresets: ['1', '2', '5', '10'] };
    expect(await first.call('hotkeys.set', next)).toEqual({ ok: true, value: { bindings: { ...DEFAULT_HOTKEYS.bindings, joinBid: 'J' }, quantityPresets: ['1', '2', '5', '10'] } });

    expect(await first.call('hotkeys.set', { ...next, bindings: { buyAtAsk: 'Shift+B', hitBid: 'Shift+B' } })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Shift+B is already bound to "Buy at the best ask (limit)"' },
    });
    expect(await first.call('hotkeys.set', { ...next, bindings: { flattenFocused: 'Meta+Shift+K' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('reserved for the kill switch') },
    });
    expect(await first.call('hotkeys.set', { ...next, bindings: { sendAll: 'X' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await first.call('hotkeys.set', { ...next, quantityPresets: ['1', '2'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await first.terminal.stop();
    terminals.splice(terminals.indexOf(first.terminal), 1);

    const again = await start(dir);
    expect(await again.call('hotkeys.get')).toEqual({ ok: true, value: { bindings: { ...DEFAULT_HOTKEYS.bindings, joinBid: 'J' }, quantityPresets: ['1', '2', '5', '10'] } });
  });
});
