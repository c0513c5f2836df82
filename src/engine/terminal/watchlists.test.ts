import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../core';
import { openStore, type Store } from '../storage';
import { MAX_WATCHLIST_SYMBOLS, Preferences } from './watchlists';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dir = mkdtempSync(join(tmpdir(), 'sq-prefs-'))): { dir: string; store: Store; prefs: Preferences; logger: ReturnType<typeof recordingLogger> } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = openStore(dir);
  stores.push(store);
  const logger = recordingLogger();
  return { dir, store, prefs: new Preferences(store, logger), logger };
}

describe('Preferences (watchlists and the production-confirm option)', () => {
  it('keeps each account its own watchlist, in starring order, across a reopen of the store', () => {
    const first = open();
    first.prefs.setWatchlist('main', ['BTCUSDT', 'ETHUSDT', 'BTCUSDT']);
    first.prefs.setWatchlist('SIM', ['SOL-USDT']);
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);

    const again = open(first.dir);
    expect(again.prefs.watchlists()).toEqual({ main: ['BTCUSDT', 'ETHUSDT'], SIM: ['SOL-USDT'] });
    // An emptied watchlist goes away entirely.
    expect(again.prefs.setWatchlist('main', [])).toEqual({ SIM: ['SOL-USDT'] });
  });

  it('asks before production orders unless the trader turned it off, and remembers the choice', () => {
    const { dir, store, prefs } = open();
    expect(prefs.confirmProductionOrders()).toBe(true);
    expect(prefs.setConfirmProductionOrders(false)).toBe(false);
    store.close();
    stores.splice(stores.indexOf(store), 1);
    expect(open(dir).prefs.confirmProductionOrders()).toBe(false);
  });

  it('refuses an oversized watchlist and keeps the one it had', () => {
    const { prefs } = open();
    prefs.setWatchlist('main', ['BTCUSDT']);
    const tooMany = Array.from({ length: MAX_WATCHLIST_SYMBOLS + 1 }, (_, i) => `S${i}`);
    expect(() => prefs.setWatchlist('main', tooMany)).toThrow(/at most 500/);
    expect(prefs.watchlists()).toEqual({ main: ['BTCUSDT'] });
  });

  it('ignores (and logs) a stored row of the wrong shape instead of failing', () => {
    const { store, prefs, logger } = open();
    store.setSetting('ui.watchlists', { main: 'BTCUSDT' });
    expect(prefs.watchlists()).toEqual({});
    expect(logger.lines.map((l) => l.message)).toContain('stored watchlists have an unexpected shape; ignored');
  });
});
