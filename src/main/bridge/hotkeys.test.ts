import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../engine/core';
import { engineRigs } from './engineRig.fixture';

/** hotkeys.* through the real Dispatcher, handlers and engine: the schema, then the engine's conflict rules, then the store. */
const rigs = engineRigs('hotkeys');

const start = (dataDir: string) => rigs.start(dataDir);

describe('hotkeys.* over the bridge', () => {
  it('serves the defaults, keeps a new map across a restart, and refuses conflicts, the kill chord and unknown actions', async () => {
    const dir = rigs.dataDir();
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
    await rigs.stop(first.terminal);

    const again = await start(dir);
    expect(await again.call('hotkeys.get')).toEqual({ ok: true, value: { bindings: { ...DEFAULT_HOTKEYS.bindings, joinBid: 'J' }, quantityPresets: ['1', '2', '5', '10'] } });
  });
});
