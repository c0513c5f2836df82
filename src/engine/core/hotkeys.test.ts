import { describe, expect, it } from 'vitest';
import { actionFor, checkBindings, checkQuantityPresets, chordOf, DEFAULT_HOTKEYS, type KeyPress, normaliseChord, rebind, reservedFor } from './hotkeys';

const press = (p: Partial<KeyPress> & Pick<KeyPress, 'key' | 'code'>): KeyPress => ({ ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...p });

describe('chordOf (a key press as the map spells it)', () => {
  it('names letters and digits by the physical key, so Alt+B on a Mac (typing "∫") is still Alt+B', () => {
    expect(chordOf(press({ key: '∫', code: 'KeyB', altKey: true }))).toBe('Alt+B');
    expect(chordOf(press({ key: 'B', code: 'KeyB', shiftKey: true }))).toBe('Shift+B');
    expect(chordOf(press({ key: 'b', code: 'KeyB' }))).toBe('B');
    expect(chordOf(press({ key: '1', code: 'Digit1' }))).toBe('1');
    expect(chordOf(press({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+K');
  });

  it('treats Shift as part of a printed symbol: "?" is "?", not Shift+?', () => {
    expect(chordOf(press({ key: '?', code: 'Slash', shiftKey: true }))).toBe('?');
  });

  it('has no chord for a modifier pressed alone (the trader is still holding keys)', () => {
    expect(chordOf(press({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }))).toBeUndefined();
    expect(chordOf(press({ key: 'Control', code: 'ControlLeft', ctrlKey: true }))).toBeUndefined();
  });

  it('names named keys by their key and the space bar as Space', () => {
    expect(chordOf(press({ key: 'F2', code: 'F2', ctrlKey: true }))).toBe('Ctrl+F2');
    expect(chordOf(press({ key: ' ', code: 'Space' }))).toBe('Space');
  });
});

describe('normaliseChord', () => {
  it('orders modifiers one way and upper-cases a letter', () => {
    expect(normaliseChord('shift+ctrl+b')).toEqual({ chord: 'Ctrl+Shift+B' });
    expect(normaliseChord('Meta+Alt+F5')).toEqual({ chord: 'Alt+Meta+F5' });
    expect(normaliseChord('Ctrl++')).toEqual({ chord: 'Ctrl++' });
  });

  it('refuses what is not a chord, saying why', () => {
    expect(normaliseChord('')).toEqual({ error: '"" is not a key chord' });
    expect(normaliseChord('Hyper+B')).toHaveProperty('error', expect.stringContaining('unknown or repeated modifier "Hyper"'));
    expect(normaliseChord('Ctrl+Ctrl+B')).toHaveProperty('error', expect.stringContaining('repeated'));
    expect(normaliseChord('Ctrl+Shift')).toHaveProperty('error', expect.stringContaining('no key besides its modifiers'));
  });
});

describe('checkBindings and rebind (the map refuses conflicts, naming the action in the way)', () => {
  it('accepts the defaults unchanged', () => {
    expect(checkBindings(DEFAULT_HOTKEYS.bindings)).toEqual({ ok: true, bindings: DEFAULT_HOTKEYS.bindings });
  });

  it('refuses a chord already bound, naming the action that holds it', () => {
    const r = rebind(DEFAULT_HOTKEYS.bindings, 'joinBid', 'shift+b');
    expect(r).toEqual({ ok: false, error: 'Shift+B is already bound to "Buy at the best ask (limit)"' });
  });

  it('moves a chord to another action once its holder is unbound, and keeps the rest', () => {
    const freed = rebind(DEFAULT_HOTKEYS.bindings, 'buyAtAsk', '');
    expect(freed.ok).toBe(true);
    if (!freed.ok) return;
    expect(freed.bindings.buyAtAsk).toBeUndefined();
    const moved = rebind(freed.bindings, 'joinBid', 'Shift+B');
    expect(moved).toEqual({ ok: true, bindings: { ...freed.bindings, joinBid: 'Shift+B' } });
    if (moved.ok) expect(actionFor(moved.bindings, 'Shift+B')).toBe('joinBid');
  });

  it('never lets the kill switch shortcut be rebound or shadowed, whatever the extra modifiers', () => {
    for (const chord of ['Ctrl+Shift+K', 'Meta+Shift+K', 'Ctrl+Alt+Shift+K', 'ctrl+shift+k']) {
      const r = rebind(DEFAULT_HOTKEYS.bindings, 'cancelAllFocused', chord);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toContain('reserved for the kill switch');
    }
    expect(reservedFor('Ctrl+K')).toBeUndefined();
    expect(reservedFor('Shift+K')).toBeUndefined();
  });

  it('keeps "?" for the cheat sheet and Escape, Tab and Enter for the keyboard', () => {
    expect(rebind({}, 'focusTicket', '?')).toEqual({ ok: false, error: '? is reserved for the hotkey cheat sheet and cannot be bound to "Focus the order ticket"' });
    for (const chord of ['Escape', 'Tab', 'Shift+Tab', 'Enter', 'Space']) expect(rebind({}, 'focusTicket', chord).ok).toBe(false);
  });

  it('refuses an unknown action', () => {
    expect(checkBindings({ sendEverything: 'X' })).toEqual({ ok: false, error: 'unknown hotkey action "sendEverything"' });
  });
});

describe('checkQuantityPresets', () => {
  it('takes four positive decimals, trimmed', () => {
    expect(checkQuantityPresets([' 0.01', '1', '2.5', '100'])).toEqual({ ok: true, presets: ['0.01', '1', '2.5', '100'] });
  });

  it('refuses zero, negatives, text and the wrong count, naming the preset', () => {
    expect(checkQuantityPresets(['0', '1', '2', '3'])).toEqual({ ok: false, error: 'quantity preset 1: "0" is not a positive quantity' });
    expect(checkQuantityPresets(['1', '-1', '2', '3'])).toHaveProperty('error', 'quantity preset 2: "-1" is not a positive quantity');
    expect(checkQuantityPresets(['1', '2', '1e3', '3'])).toHaveProperty('ok', false);
    expect(checkQuantityPresets(['1', '2', '3'])).toEqual({ ok: false, error: 'give exactly 4 quantity presets' });
  });
});
