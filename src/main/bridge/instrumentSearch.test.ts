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
 * `instruments.search` through the real Dispatcher, handlers and engine: the picker's way to find an
 * instrument among lists too large to ship to a view whole.
 */
const dirs: string[] = [];
const terminals: Terminal[] = [];
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-inst-search-'));
  dirs.push(dataDir);
  const logger = recordingLogger();
  const terminal = await Terminal.start({ dataDir, clock: new SimulatedClock(1_700_000_000_000), logger, mode: 'headless', seed: 5 });
  terminals.push(terminal);
  const dispatcher = new Dispatcher(createHandlers(terminal, new SessionRegistry()), logger);
  const session = new Session('test', () => {});
  return (input: unknown) => dispatcher.handle(session, 'instruments.search', input);
}

describe('instruments.search over the bridge', () => {
  it('answers the best matches, limited, with the total, optionally on one account', async () => {
    const search = await start();
    const eth = await search({ query: 'eth' });
    expect(eth).toMatchObject({ ok: true, value: { total: 1, instruments: [{ venue: 'SIM', symbol: 'ETH-USDT' }] } });
    const usdt = await search({ query: 'usdt', limit: 2 });
    expect(usdt).toMatchObject({ ok: true, value: { total: 3 } });
    expect(usdt.ok && (usdt.value as { instruments: unknown[] }).instruments).toHaveLength(2);
    expect(await search({ query: 'usdt', venue: 'nowhere' })).toEqual({ ok: true, value: { instruments: [], total: 0 } });
    expect(await search({ query: '' })).toMatchObject({ ok: true, value: { total: 3 } });
  });

  it('refuses malformed input with a reason', async () => {
    const search = await start();
    for (const input of [{}, { query: 'x'.repeat(101) }, { query: 'eth', limit: 0 }, { query: 'eth', limit: 501 }, { query: 'eth', extra: 1 }, { query: 3 }]) {
      expect(await search(input)).toMatchObject({ ok: false });
    }
  });
});
