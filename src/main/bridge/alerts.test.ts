import { describe, expect, it } from 'vitest';
import { addAlertInput, type EventName, type Notice } from '../../contract';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';
import type { SimulatedClock } from '../../engine/core';

/**
 * alerts.* through the real Dispatcher, handlers and engine: what a client sends is checked by the
 * contract's schema and then by the engine against the instrument; the rules and the log survive a
 * restart; `notice` reaches every view, whatever instrument it is looking at.
 */
const rigs = engineRigs('alerts');

const start = (dataDir: string, clock?: SimulatedClock) => rigs.start(dataDir, { ...(clock ? { clock } : {}), forward: ['notice'] });

describe('alerts.* over the bridge', () => {
  it('adds, lists, fires (a notice to a view focused elsewhere), logs, re-arms and removes, and keeps it all across a restart', async () => {
    const dir = rigs.dataDir();
    const first = await start(dir);
    expect(await first.call('alerts.list')).toEqual({ ok: true, value: { rules: [] } });
    const added = await first.call('alerts.add', { venue: 'SIM', symbol: 'SOL-USDT', kind: 'price', condition: 'above', price: '0.01', sound: true });
    expect(added).toMatchObject({ ok: true, value: { armed: true, sound: true, description: 'SIM SOL-USDT last at or above 0.01', spec: { kind: 'price', level: 1 } } });
    const id = (added as { value: { id: string } }).value.id;
    const move = await first.call('alerts.add', { venue: 'SIM', symbol: 'BTC-USDT', kind: 'move', percent: '2.5', windowSec: 300 });
    expect(move).toMatchObject({ ok: true, value: { spec: { kind: 'move', basisPoints: 250, windowMs: 300_000, direction: 'either', source: 'last' } } });

    await runUntil(first.clock, () => first.received.some((e) => e.name === 'notice'), 'the alert notice');
    const notice = first.received.find((e) => e.name === 'notice')!.payload as Notice;
    expect(notice).toMatchObject({ kind: 'alert', alertId: id, venue: 'SIM', symbol: 'SOL-USDT', sound: true });
    const log = await first.call('alerts.log', { limit: 10 });
    expect(log).toMatchObject({ ok: true, value: [{ alertId: id, text: notice.text }] });
    await rigs.stop(first.terminal);

    const again = await start(dir, first.clock);
    expect(await again.call('alerts.log')).toEqual(log);
    expect(await again.call('alerts.list')).toMatchObject({ ok: true, value: { rules: [{ id, armed: false, firedCount: 1 }, { armed: true, firedCount: 0, spec: { kind: 'move' } }] } });
    expect(await again.call('alerts.rearm', { id })).toMatchObject({ ok: true, value: { id, armed: true } });
    const removed = await again.call('alerts.remove', { id });
    expect(removed).toMatchObject({ ok: true, value: { rules: [{ spec: { kind: 'move' } }] } });
    expect(await again.call('alerts.remove', { id })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: `no alert ${id}` } });
  });

  it('refuses malformed rules at the schema and bad prices at the engine, naming each problem, and keeps nothing', async () => {
    const dir = rigs.dataDir();
    const rig = await start(dir);
    const schema = await rig.call('alerts.add', { venue: 'SIM', symbol: 'SOL-USDT', kind: 'move', percent: 'two', windowSec: -5, extra: 1 });
    expect(schema.ok).toBe(false);
    if (!schema.ok) {
      expect(schema.error.code).toBe('INVALID_INPUT');
      for (const field of ['percent', 'windowSec', 'input']) expect(schema.error.message).toContain(`${field}: `);
    }
    expect(await rig.call('alerts.add', { venue: 'SIM', symbol: 'SOL-USDT', kind: 'price', condition: 'above', price: '100.001' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'alert not added: price: at most 2 decimals' },
    });
    expect(await rig.call('alerts.add', { venue: 'SIM', symbol: 'DOGE-USDT', kind: 'analytics', metric: 'vpin', condition: 'above', value: 0.6 })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_INSTRUMENT', message: 'alert not added: unknown instrument SIM:DOGE-USDT' },
    });
    expect((await rig.call('alerts.log', { limit: 0 })).ok).toBe(false);
    expect(await rig.call('alerts.list')).toEqual({ ok: true, value: { rules: [] } });
  });

  it("the bridge's schema and the engine's accept and refuse the same tickets (the contract may not load the engine's)", async () => {
    const dir = rigs.dataDir();
    const { terminal } = await start(dir);
    const on = { venue: 'SIM', symbol: 'SOL-USDT' };
    const tickets: unknown[] = [
      { ...on, kind: 'price', condition: 'crosses', price: '150' },
      { ...on, kind: 'price', condition: 'above', price: '150.25', source: 'mid', repeat: 'every', cooldownSec: 86_400, sound: false, note: 'n' },
      { ...on, kind: 'price', condition: 'between', price: '150' },
      { ...on, kind: 'price', condition: 'below', price: '150', source: 'ask' },
      { ...on, kind: 'price', condition: 'below', price: '150', cooldownSec: 86_401, repeat: 'every' },
      { ...on, kind: 'price', condition: 'below', price: '150', note: 'x'.repeat(201) },
      { ...on, kind: 'price', condition: 'below', price: 150 },
      { ...on, kind: 'move', percent: '2', windowSec: 300, direction: 'down' },
      { ...on, kind: 'move', percent: '2', windowSec: 86_401 },
      { ...on, kind: 'move', percent: '2', windowSec: 1.5 },
      { ...on, kind: 'move', percent: '2' },
      { ...on, kind: 'analytics', metric: 'realisedVol', condition: 'below', value: 0.2 },
      { ...on, kind: 'analytics', metric: 'microprice', condition: 'below', value: 1 },
      { ...on, kind: 'analytics', metric: 'vpin', condition: 'above', value: Number.POSITIVE_INFINITY },
      { ...on, kind: 'analytics', metric: 'vpin', condition: 'above', value: 0.5, price: '1' },
      { venue: 'SIM', symbol: '', kind: 'analytics', metric: 'vpin', condition: 'above', value: 0.5 },
    ];
    for (const ticket of tickets) {
      let engineOk = true;
      try {
        terminal.alerts.add(ticket);
      } catch {
        engineOk = false;
      }
      expect(addAlertInput.safeParse(ticket).success, JSON.stringify(ticket).slice(0, 120)).toBe(engineOk);
    }
    expect(terminal.alerts.state().rules).toHaveLength(4);
  });
});
