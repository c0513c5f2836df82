import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, recordingLogger } from '../core';
import { openStore, type Store } from '../storage';
import { HotkeyStore } from './hotkeySettings';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dir = mkdtempSync(join(tmpdir(), 'sq-hotkeys-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = openStore(dir);
  stores.push(store);
  const logger = recordingLogger();
  return { dir, store, hotkeys: new HotkeyStore(store, logger), logger };
}

describe('HotkeyStore (the hotkey map kept in the settings store)', () => {
  it('starts with the defaults and keeps a changed map and presets across a reopen', () => {
    const first = open();
    expect(first.hotkeys.get()).toEqual(DEFAULT_HOTKEYS);
    const kept = first.hotkeys.set({ bindings: { ...DEFAULT_HOTKEYS.bindings, focusTicket: 'ctrl+t' }, quantityPresets: ['1', '2', '5', '10'] });
    expect(kept.bindings.focusTicket).toBe('Ctrl+T');
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);
    const again = open(first.dir);
    expect(again.hotkeys.get()).toEqual(kept);
  });

  it('refuses a conflicting map whole, naming the conflict, and keeps what it had', () => {
    const { hotkeys } = open();
    expect(() => hotkeys.set({ bindings: { buyAtAsk: 'Shift+B', sellAtBid: 'shift+b' }, quantityPresets: DEFAULT_HOTKEYS.quantityPresets })).toThrow(
      'Shift+B is already bound to "Buy at the best ask (limit)"',
    );
    expect(hotkeys.get()).toEqual(DEFAULT_HOTKEYS);
  });

  it('refuses the kill switch chord', () => {
    const { hotkeys } = open();
    expect(() => hotkeys.set({ bindings: { cancelAllFocused: 'Ctrl+Shift+K' }, quantityPresets: DEFAULT_HOTKEYS.quantityPresets })).toThrow('reserved for the kill switch');
  });

  it('ignores a damaged stored map (logged) and serves the defaults, so no reserved key is ever bound', () => {
    const { store, hotkeys, logger } = open();
    store.setSetting('ui.hotkeys', { bindings: { cancelAllFocused: 'Ctrl+Shift+K' }, quantityPresets: ['1', '2', '3', '4'] });
    expect(hotkeys.get()).toEqual(DEFAULT_HOTKEYS);
    expect(logger.lines.some((l) => l.level === 'warn' && String(l.message).includes('stored hotkeys refused'))).toBe(true);
  });
});
