import { describe, expect, it } from 'vitest';
import { engineRigs } from './engineRig.fixture';

/**
 * Watchlists and the production-confirm option through the real Dispatcher, handlers and engine: what
 * a client sends is checked by the contract's schema, and what is kept survives a restart of the engine.
 */
const rigs = engineRigs('prefs');

const start = (dataDir: string) => rigs.start(dataDir);

describe('watchlist.* and preferences.* over the bridge', () => {
  it('keeps each account its watchlist and the confirm option across an engine restart', async () => {
    const dir = rigs.dataDir();
    const first = await start(dir);
    expect(await first.call('watchlist.get')).toEqual({ ok: true, value: {} });
    expect(await first.call('preferences.get')).toEqual({ ok: true, value: { confirmProductionOrders: true } });
    expect(await first.call('watchlist.set', { account: 'main', symbols: ['BTCUSDT', 'ETHUSDT'] })).toEqual({ ok: true, value: { main: ['BTCUSDT', 'ETHUSDT'] } });
    expect(await first.call('preferences.set', { confirmProductionOrders: false })).toEqual({ ok: true, value: { confirmProductionOrders: false } });
    await rigs.stop(first.terminal);

    const again = await start(dir);
    expect(await again.call('watchlist.get')).toEqual({ ok: true, value: { main: ['BTCUSDT', 'ETHUSDT'] } });
    expect(await again.call('preferences.get')).toEqual({ ok: true, value: { confirmProductionOrders: false } });
  });

  it('refuses a malformed or oversized request with a reason and keeps what it had', async () => {
    const dir = rigs.dataDir();
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
