import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { openStore, type Store } from '../storage';
import { MAX_LINKS_BYTES, MAX_WORKSPACE_BYTES, MAX_WORKSPACES, Workspaces } from './workspaces';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dir = mkdtempSync(join(tmpdir(), 'sq-ws-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = openStore(dir);
  stores.push(store);
  const clock = new SimulatedClock(1_700_000_000_000);
  const logger = recordingLogger();
  return { dir, store, clock, logger, workspaces: new Workspaces(store, clock, logger) };
}

function reopen(first: ReturnType<typeof open>) {
  first.store.close();
  stores.splice(stores.indexOf(first.store), 1);
  return open(first.dir);
}

const layout = (panels: string[]) => ({ dock: { panels }, grids: { orders: [{ colId: 'symbol', width: 120 }] }, zoom: 1 });

describe('Workspaces (named screen layouts and the one last left)', () => {
  it('restores the screen as last left after a restart; nothing before the first save', () => {
    const first = open();
    expect(first.workspaces.load(undefined)).toBeNull();
    first.workspaces.save(undefined, layout(['book', 'chart']));
    first.workspaces.save(undefined, layout(['book', 'chart', 'risk']));
    const again = reopen(first);
    expect(again.workspaces.load(undefined)).toEqual(layout(['book', 'chart', 'risk']));
    // The screen as left is not one of the named workspaces.
    expect(again.workspaces.list()).toEqual({ saved: [] });
  });

  it('keeps named workspaces across a restart, replaces one of the same name, loads and deletes by name', () => {
    const first = open();
    first.workspaces.save('Scalping', layout(['book']));
    first.clock.advance(60_000);
    const view = first.workspaces.save('  Morning  ', layout(['chart']));
    expect(view).toEqual({ saved: [{ name: 'Morning', savedAt: 1_700_000_060_000 }, { name: 'Scalping', savedAt: 1_700_000_000_000 }], active: 'Morning' });
    first.workspaces.save('Scalping', layout(['book', 'tape']));
    const again = reopen(first);
    expect(again.workspaces.load('Scalping')).toEqual(layout(['book', 'tape']));
    expect(again.workspaces.list().active).toBe('Scalping');
    expect(again.workspaces.delete('Scalping')).toEqual({ saved: [{ name: 'Morning', savedAt: 1_700_000_060_000 }] });
    expect(() => again.workspaces.load('Scalping')).toThrow(/no workspace named "Scalping"/);
    expect(() => again.workspaces.delete('Scalping')).toThrow(/no workspace named/);
  });

  it('refuses a blank or long name, an oversized layout and one workspace too many, and loses nothing', () => {
    const { workspaces } = open();
    workspaces.save('Keep', layout(['book']));
    expect(() => workspaces.save('   ', layout([]))).toThrow(/needs a name/);
    expect(() => workspaces.save('x'.repeat(41), layout([]))).toThrow(/at most 40 characters/);
    expect(() => workspaces.save('Big', { blob: 'x'.repeat(MAX_WORKSPACE_BYTES) })).toThrow(/at most 256 KB/);
    expect(() => workspaces.save(undefined, { blob: 'x'.repeat(MAX_WORKSPACE_BYTES) })).toThrow(/at most 256 KB/);
    for (let i = 1; i < MAX_WORKSPACES; i++) workspaces.save(`W${i}`, layout([]));
    expect(() => workspaces.save('One too many', layout([]))).toThrow(/at most 32 workspaces/);
    expect(workspaces.list().saved).toHaveLength(MAX_WORKSPACES);
    expect(workspaces.load('Keep')).toEqual(layout(['book']));
  });

  it('ignores a damaged stored row with a warning instead of failing the start', () => {
    const { store, workspaces, logger } = open();
    store.setSetting('ui.workspace.current', 'not a layout');
    store.setSetting('ui.workspaces', { Good: { layout: { a: 1 }, savedAt: 5 }, Bad: { layout: 7 } });
    expect(workspaces.load(undefined)).toBeNull();
    expect(workspaces.list().saved).toEqual([{ name: 'Good', savedAt: 5 }]);
    expect(logger.lines.some((r) => r.level === 'warn')).toBe(true);
  });
});

describe('Workspaces: link groups shared by the windows of a run', () => {
  const links = (symbol: string) => ({ groupOf: { 'chart-2': 'green' }, groups: { green: { venue: 'SIM', symbol } }, own: {} });

  it('keeps the latest share, counting them, and who shared it', () => {
    const { workspaces } = open();
    expect(workspaces.sharedLinks()).toBeNull();
    expect(workspaces.shareLinks(links('ETH-USDT'), 'main')).toEqual({ links: links('ETH-USDT'), from: 'main', seq: 1 });
    workspaces.shareLinks(links('SOL-USDT'), 'popout');
    expect(workspaces.sharedLinks()).toEqual({ links: links('SOL-USDT'), from: 'popout', seq: 2 });
  });

  it('refuses oversized links with the size, keeping the last good ones', () => {
    const { workspaces } = open();
    workspaces.shareLinks(links('ETH-USDT'), 'main');
    expect(() => workspaces.shareLinks({ blob: 'x'.repeat(MAX_LINKS_BYTES) }, 'main')).toThrow(/at most 64 KB \(these are 65 KB\)/);
    expect(workspaces.sharedLinks()).toEqual({ links: links('ETH-USDT'), from: 'main', seq: 1 });
  });
});

describe('Workspaces: panels open in pop-out windows', () => {
  it('one panel per view, listed once each, freed when its view closes', () => {
    const { workspaces } = open();
    expect(workspaces.poppedOutPanels()).toEqual([]);
    expect(workspaces.showPoppedOut('view-a', 'chart-2')).toEqual(['chart-2']);
    // A view shows one panel: naming another replaces it (never both held by one window).
    expect(workspaces.showPoppedOut('view-a', 'chart-3')).toEqual(['chart-3']);
    // Two views on the same panel (the trader opened it twice): it is free only when both closed.
    workspaces.showPoppedOut('view-b', 'chart-3');
    workspaces.viewClosed('view-a');
    expect(workspaces.poppedOutPanels()).toEqual(['chart-3']);
    workspaces.viewClosed('view-b');
    expect(workspaces.poppedOutPanels()).toEqual([]);
    // A view that never popped anything out closing changes nothing.
    workspaces.viewClosed('main');
    expect(workspaces.poppedOutPanels()).toEqual([]);
  });
});
