import { describe, expect, it } from 'vitest';
import { engineRigs } from './engineRig.fixture';

/**
 * Workspaces through the real Dispatcher, handlers and engine: the screen as left and named workspaces
 * survive an engine restart; a bad name or an oversized layout is refused by the contract with a reason.
 */
const rigs = engineRigs('ws');

const start = (dataDir: string) => rigs.start(dataDir);

const layout = { version: 1, dock: { grid: { root: {} }, panels: { book: { id: 'book', contentComponent: 'book' } } }, grids: {}, zoom: 1 };

describe('workspace.* over the bridge', () => {
  it('keeps the screen as left and named workspaces across an engine restart', async () => {
    const dir = rigs.dataDir();
    const first = await start(dir);
    expect(await first.call('workspace.load')).toEqual({ ok: true, value: null });
    expect(await first.call('workspace.save', { layout })).toEqual({ ok: true, value: { saved: [] } });
    expect(await first.call('workspace.save', { name: 'Scalping', layout: { ...layout, zoom: 1.2 } })).toEqual({
      ok: true,
      value: { saved: [{ name: 'Scalping', savedAt: 1_700_000_000_000 }], active: 'Scalping' },
    });
    await rigs.stop(first.terminal);

    const again = await start(dir);
    expect(await again.call('workspace.load')).toEqual({ ok: true, value: layout });
    expect(await again.call('workspace.load', { name: 'Scalping' })).toEqual({ ok: true, value: { ...layout, zoom: 1.2 } });
    expect(await again.call('workspace.delete', { name: 'Scalping' })).toEqual({ ok: true, value: { saved: [] } });
    const missing = await again.call('workspace.load', { name: 'Scalping' });
    expect(missing.ok ? undefined : missing.error.message).toMatch(/no workspace named "Scalping"/);
  });

  it('refuses a bad name or an oversized or malformed layout with a reason, and keeps what it had', async () => {
    const dir = rigs.dataDir();
    const rig = await start(dir);
    await rig.call('workspace.save', { name: 'Keep', layout });
    for (const input of [
      { name: '', layout },
      { name: 'x'.repeat(41), layout },
      { name: 'tab\there', layout },
      { name: 'Big', layout: { blob: 'x'.repeat(256 * 1024 + 1) } },
      { name: 'List', layout: [1, 2] },
      { name: 'Extra', layout, more: 1 },
    ]) {
      const reply = await rig.call('workspace.save', input);
      expect(reply.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('INVALID_INPUT');
    }
    expect(await rig.call('workspace.list')).toEqual({ ok: true, value: { saved: [{ name: 'Keep', savedAt: 1_700_000_000_000 }], active: 'Keep' } });
  });
});
