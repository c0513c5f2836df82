import { describe, expect, it } from 'vitest';
import type { SharedLinks } from '../../contract';
import { engineRigs } from './engineRig.fixture';
import { Session } from './session';

/**
 * Link groups shared by every window of a run (a popped-out green ETH chart stays green and follows
 * green): one window shares, every view hears it as a `links` event, a window opened later reads it.
 */
const rigs = engineRigs('links');

const green = { groupOf: { 'chart-2': 'green' }, groups: { green: { venue: 'SIM', symbol: 'ETH-USDT' } }, own: {}, focus: { venue: 'SIM', symbol: 'BTC-USDT' } };

describe('workspace.links over the bridge', () => {
  it('a share reaches every view, and a window opened later reads the latest', async () => {
    const rig = await rigs.start(rigs.dataDir());
    const popout: { name: string; payload: unknown }[] = [];
    rig.sessions.add(new Session('popout', (name, payload) => popout.push({ name, payload })));
    expect(await rig.call('workspace.links')).toEqual({ ok: true, value: null });

    const first = await rig.call<SharedLinks>('workspace.shareLinks', { links: green, from: 'main-1' });
    expect(first).toEqual({ ok: true, value: { links: green, from: 'main-1', seq: 1 } });
    // Both views hear it (the sender ignores its own by `from`).
    expect(popout.filter((e) => e.name === 'links').map((e) => e.payload)).toEqual([{ links: green, from: 'main-1', seq: 1 }]);
    expect(rig.received.filter((e) => e.name === 'links')).toHaveLength(1);

    // The pop-out moves green to SOL: the main window hears it, and a window opened now reads it.
    const sol = { ...green, groups: { green: { venue: 'SIM', symbol: 'SOL-USDT' } } };
    await rig.call('workspace.shareLinks', { links: sol, from: 'popout-7' });
    expect(rig.received.filter((e) => e.name === 'links').map((e) => e.payload)).toEqual([
      { links: green, from: 'main-1', seq: 1 },
      { links: sol, from: 'popout-7', seq: 2 },
    ]);
    expect(await rig.call('workspace.links')).toEqual({ ok: true, value: { links: sol, from: 'popout-7', seq: 2 } });
  });

  it('refuses oversized or malformed links with a reason, and keeps the last good ones', async () => {
    const rig = await rigs.start(rigs.dataDir());
    await rig.call('workspace.shareLinks', { links: green, from: 'main-1' });
    for (const input of [
      { links: { blob: 'x'.repeat(64 * 1024 + 1) }, from: 'main-1' },
      { links: [1, 2], from: 'main-1' },
      { links: green, from: '' },
      { links: green, from: 'has space' },
      { links: green },
      { links: green, from: 'main-1', more: 1 },
    ]) {
      const reply = await rig.call('workspace.shareLinks', input);
      expect(reply.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('INVALID_INPUT');
    }
    expect(await rig.call('workspace.links')).toEqual({ ok: true, value: { links: green, from: 'main-1', seq: 1 } });
    expect(rig.received.filter((e) => e.name === 'links')).toHaveLength(1);
  });
});
