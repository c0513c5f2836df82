import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal } from '../../engine/terminal';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * Watchlists and the production-confirm option through the real Dispatcher, handlers and engine: what
 * a client sends is checked by the contract's schema, and what is kept survives a restart of the engine.
 */
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
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  return { terminal, call: (name: Parameters<Dispatcher['handle']>[1], input: unknown = {}) => dispatcher.handle(session, name, input) };
}

describe('watchlist.* and preferences.* over the bridge', () => {
  it('keeps each account its watchlist and the confirm option across an engine restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-prefs-bridge-'));
    dirs.push(dir);
    const first = await start(dir);
    expect(await first.call('watchlist.get')).toEqual({ ok: true, value: {} });
    expect(await first.call('preferences.get')).toEqual({ ok: true, value: { confirmProductionOrders: true } });
    expect(await first.call('watchlist.set', { account: 'main', symbols: ['BTCUSDT', 'ETHUSDT'] })).toEqual({ ok: true, value: { main: ['BTCUSDT', 'ETHUSDT'] } });
    expect(await first.call('preferences.set', { confirmProductionOrders: false })).toEqual({ ok: true, value: { confirmProductionOrders: false } });
    await first.terminal.stop();
    terminals.splice(terminals.indexOf(first.terminal), 1);

    const again = await start(dir);
    expect(await again.call('watchlist.get')).toEqual({ ok: true, value: { main: ['BTCUSDT', 'ETHUSDT'] } });
    expect(await again.call('preferences.get')).toEqual({ ok: true, value: { confirmProductionOrders: false } });
  });

  it('refuses a malformed or oversized request with a reason and keeps what it had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-prefs-bridge-'));
    dirs.push(dir);
    const rig = await start(dir);
    await rig.call('watchlist.set', { account: 'main', symbols: ['BTCUSDT'] });
    for (const input of [
      { account: 'main', symbols: Array.from({ length: 501 }, (_, i) => `S${i}`) },
      { account: 'main', symbols: ['X'.repeat(33)] },
      { account: '', symbols: [] },
      { account: 'main', symbols: 'BTCUSDT' },
      { account: 'main', symbols: [], extra: 1 },
    ]) {
      const reply = await rig.call('watchlist.set', input);
      expect(reply.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('INVALID_INPUT');
    }
    expect((await rig.call('preferences.set', { confirmProductionOrders: 'no' })).ok).toBe(false);
    expect(await rig.call('watchlist.get')).toEqual({ ok: true, value: { main: ['BTCUSDT'] } });
    expect(await rig.call('preferences.get')).toEqual({ ok: true, value: { confirmProductionOrders: true } });
  });
});
