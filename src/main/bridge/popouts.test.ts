import { describe, expect, it } from 'vitest';
import { engineRigs } from './engineRig.fixture';
import { Session } from './session';

/**
 * Panels open in pop-out windows, known to the engine (issue 18, pop-outs): each pop-out view names its panel,
 * the main window reads the list before numbering a new chart (so a reloaded main window never takes a popped-out
 * chart's number and turns it red), and a pop-out that closes frees its panel with its session.
 */
const rigs = engineRigs('popouts');

describe('workspace.popout / workspace.popouts over the bridge', () => {
  it('lists the panels open in pop-outs until their views go away, whatever the main window does', async () => {
    const rig = await rigs.start(rigs.dataDir());
    expect(await rig.call('workspace.popouts')).toEqual({ ok: true, value: { panels: [] } });

    // Two pop-out windows, each its own view: Chart 2 and Order book 3.
    const chartWindow = new Session('popout-chart', () => {});
    const bookWindow = new Session('popout-book', () => {});
    rig.sessions.add(chartWindow);
    rig.sessions.add(bookWindow);
    expect(await rig.dispatcher.handle(chartWindow, 'workspace.popout', { panel: 'chart-2' })).toEqual({ ok: true, value: { panels: ['chart-2'] } });
    // Told again on a reconnect: still once.
    await rig.dispatcher.handle(chartWindow, 'workspace.popout', { panel: 'chart-2' });
    expect(await rig.dispatcher.handle(bookWindow, 'workspace.popout', { panel: 'book-3' })).toEqual({ ok: true, value: { panels: ['book-3', 'chart-2'] } });

    // The main window reloads (its view goes and a new one comes): the pop-outs' panels are still taken.
    const mainWindow = new Session('main-1', () => {});
    rig.sessions.add(mainWindow);
    rig.sessions.remove(mainWindow);
    const reloaded = new Session('main-2', () => {});
    rig.sessions.add(reloaded);
    expect(await rig.dispatcher.handle(reloaded, 'workspace.popouts', {})).toEqual({ ok: true, value: { panels: ['book-3', 'chart-2'] } });

    // The Chart 2 window closes: its number is free again; Order book 3 stays taken.
    rig.sessions.remove(chartWindow);
    expect(await rig.dispatcher.handle(reloaded, 'workspace.popouts', {})).toEqual({ ok: true, value: { panels: ['book-3'] } });
    rig.sessions.remove(bookWindow);
    expect(await rig.call('workspace.popouts')).toEqual({ ok: true, value: { panels: [] } });
  });

  it('refuses a malformed panel id with a reason and keeps the list as it was', async () => {
    const rig = await rigs.start(rigs.dataDir());
    await rig.call('workspace.popout', { panel: 'chart-2' });
    for (const input of [{}, { panel: '' }, { panel: 'Chart 2' }, { panel: '../x' }, { panel: 'c'.repeat(41) }, { panel: 'chart-2', more: 1 }, { panel: 7 }]) {
      const reply = await rig.call('workspace.popout', input);
      expect(reply.ok, JSON.stringify(input)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('INVALID_INPUT');
    }
    expect(await rig.call('workspace.popouts')).toEqual({ ok: true, value: { panels: ['chart-2'] } });
  });
});
