import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../core';
import { openStore, type Store } from '../storage';
import { DEFAULT_VIEW_SETTINGS, ViewSettingsStore } from './viewSettings';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dir = mkdtempSync(join(tmpdir(), 'sq-view-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = openStore(dir);
  stores.push(store);
  const logger = recordingLogger();
  return { dir, store, settings: new ViewSettingsStore(store, logger), logger };
}

describe('view settings (theme, time zone, number formats, sounds)', () => {
  it('starts dark, in UTC, plain numbers, sounds on; a change is kept across a reopen', () => {
    const first = open();
    expect(first.settings.get()).toEqual(DEFAULT_VIEW_SETTINGS);
    expect(first.settings.set({ theme: 'light', timeZone: 'local' })).toEqual({ ...DEFAULT_VIEW_SETTINGS, theme: 'light', timeZone: 'local' });
    first.settings.set({ thousands: true });
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);
    const again = open(first.dir);
    expect(again.settings.get()).toEqual({ ...DEFAULT_VIEW_SETTINGS, theme: 'light', timeZone: 'local', thousands: true });
  });

  it('keeps the good fields of a damaged row, uses defaults for the rest and says which', () => {
    const { store, settings, logger } = open();
    store.setSetting('ui.view', { theme: 'light', timeZone: 'mars', sounds: 'loud' });
    expect(settings.get()).toEqual({ ...DEFAULT_VIEW_SETTINGS, theme: 'light' });
    expect(JSON.stringify(logger.lines)).toContain('timeZone');
  });
});
