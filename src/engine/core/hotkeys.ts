/**
 * The trader's hotkey map: which key chord runs which action. Pure, so the engine (which keeps the map
 * and refuses a bad one) and the view (which shows a conflict while the trader presses keys) agree on
 * every rule. A chord is written "Ctrl+Alt+Shift+Meta+Key" with the modifiers in that order; a letter
 * key is upper case, a digit is the digit, any other key is its KeyboardEvent.key ("F2", "ArrowUp").
 */

export const HOTKEY_ACTIONS = [
  'buyAtAsk',
  'sellAtBid',
  'joinBid',
  'joinAsk',
  'liftAsk',
  'hitBid',
  'cancelAllFocused',
  'flattenFocused',
  'focusTicket',
  'nextInstrument',
  'preset1',
  'preset2',
  'preset3',
  'preset4',
] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

/** What each action does, in the trader's words (the cheat sheet, the editor and every refusal use these). */
export const HOTKEY_LABELS: Record<HotkeyAction, string> = {
  buyAtAsk: 'Buy at the best ask (limit)',
  sellAtBid: 'Sell at the best bid (limit)',
  joinBid: 'Join the bid (buy limit at the best bid)',
  joinAsk: 'Join the ask (sell limit at the best ask)',
  liftAsk: 'Lift the ask (buy market)',
  hitBid: 'Hit the bid (sell market)',
  cancelAllFocused: 'Cancel all orders of the instrument hotkeys act on',
  flattenFocused: 'Flatten the position of the instrument hotkeys act on',
  focusTicket: 'Focus the order ticket',
  nextInstrument: 'Next instrument',
  preset1: 'Quantity preset 1',
  preset2: 'Quantity preset 2',
  preset3: 'Quantity preset 3',
  preset4: 'Quantity preset 4',
};

/** An action that sends or cancels orders: runs only while one-click trading is on. */
export const TRADING_ACTIONS: ReadonlySet<HotkeyAction> = new Set(['buyAtAsk', 'sellAtBid', 'joinBid', 'joinAsk', 'liftAsk', 'hitBid', 'flattenFocused']);

/** Chord → action; an action without a chord is simply unbound. */
export type HotkeyBindings = Partial<Record<HotkeyAction, string>>;

export const QUANTITY_PRESET_COUNT = 4;

export interface HotkeySettings {
  bindings: HotkeyBindings;
  /** Order quantities (decimal text in the instrument's base unit) for the ladder's preset buttons and preset hotkeys. */
  quantityPresets: string[];
}

export const DEFAULT_HOTKEYS: HotkeySettings = {
  bindings: {
    buyAtAsk: 'Shift+B',
    sellAtBid: 'Shift+S',
    joinBid: 'Alt+B',
    joinAsk: 'Alt+S',
    liftAsk: 'Alt+Shift+B',
    hitBid: 'Alt+Shift+S',
    cancelAllFocused: 'Shift+C',
    flattenFocused: 'Shift+F',
    focusTicket: 'T',
    nextInstrument: 'N',
    preset1: '1',
    preset2: '2',
    preset3: '3',
    preset4: '4',
  },
  quantityPresets: ['0.001', '0.01', '0.1', '1'],
};

/**
 * Chords the map may not take, and why: the kill switch's shortcut is global and fixed (it must work
 * whatever else the trader set up), `?` opens the cheat sheet, and the keys that move focus and press
 * buttons stay the keyboard's.
 */
const RESERVED_CHORDS: ReadonlyMap<string, string> = new Map([
  ['?', 'the hotkey cheat sheet'],
  ['Escape', 'closing dialogs'],
  ['Tab', 'keyboard navigation'],
  ['Shift+Tab', 'keyboard navigation'],
  ['Enter', 'pressing the focused control'],
  ['Space', 'pressing the focused control'],
]);

/** Why a chord is not the map's to take, or undefined when it is free. */
export function reservedFor(chord: string): string | undefined {
  const parts = chord.split('+');
  // The kill switch answers Ctrl+Shift+K and Cmd+Shift+K with any other modifier held too (useKillHotkey).
  if (parts[parts.length - 1] === 'K' && parts.includes('Shift') && (parts.includes('Ctrl') || parts.includes('Meta'))) return 'the kill switch';
  return RESERVED_CHORDS.get(chord);
}

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof MODIFIERS)[number];
/** Pressed alone these are not a chord yet (the trader is still holding modifiers). */
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'OS']);
const MAX_CHORD_LENGTH = 40;

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/**
 * A key press as a chord, or undefined for a lone modifier. Letters and digits come from the physical
 * key (`code`), so Alt+B on a Mac (which types "∫") is still Alt+B; other keys from `key`, and for a
 * printed symbol Shift is part of the symbol ("?" is Shift+/), not a modifier of its own.
 */
export function chordOf(e: KeyPress): string | undefined {
  if (MODIFIER_KEYS.has(e.key)) return undefined;
  let key: string;
  let shiftCounts = true;
  const letter = /^Key([A-Z])$/.exec(e.code);
  const digit = /^Digit([0-9])$/.exec(e.code);
  if (letter) key = letter[1]!;
  else if (digit) key = digit[1]!;
  else if (e.key === ' ') key = 'Space';
  else if (e.key.length === 1) {
    key = e.key.toUpperCase();
    shiftCounts = false;
  } else key = e.key;
  const mods: Modifier[] = [];
  if (e.ctrlKey) mods.push('Ctrl');
  if (e.altKey) mods.push('Alt');
  if (e.shiftKey && shiftCounts) mods.push('Shift');
  if (e.metaKey) mods.push('Meta');
  return [...mods, key].join('+');
}

/** The chord in its one spelling (modifier order, case), or an error saying what is wrong with it. */
export function normaliseChord(text: string): { chord: string } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_CHORD_LENGTH) return { error: `"${text}" is not a key chord` };
  // "+" alone is the plus key; otherwise "+" separates the parts.
  const parts = trimmed === '+' ? ['+'] : trimmed.endsWith('++') ? [...trimmed.slice(0, -2).split('+'), '+'] : trimmed.split('+');
  const key = parts.pop()!;
  const mods = new Set<Modifier>();
  for (const p of parts) {
    const m = MODIFIERS.find((x) => x.toLowerCase() === p.toLowerCase());
    if (!m || mods.has(m)) return { error: `"${text}" is not a key chord (unknown or repeated modifier "${p}")` };
    mods.add(m);
  }
  if (key === '' || MODIFIER_KEYS.has(key)) return { error: `"${text}" has no key besides its modifiers` };
  const k = key.length === 1 ? key.toUpperCase() : key;
  return { chord: [...MODIFIERS.filter((m) => mods.has(m)), k].join('+') };
}

export type BindingsCheck = { ok: true; bindings: HotkeyBindings } | { ok: false; error: string };

/**
 * A whole map checked: every action known, every chord well formed, none reserved, none bound twice.
 * The refusal names the action already holding the chord, so the trader knows what to unbind first.
 */
export function checkBindings(bindings: Record<string, string | undefined>): BindingsCheck {
  const out: HotkeyBindings = {};
  const owner = new Map<string, HotkeyAction>();
  for (const [action, text] of Object.entries(bindings)) {
    if (!isHotkeyAction(action)) return { ok: false, error: `unknown hotkey action "${action}"` };
    if (text === undefined || text === '') continue;
    const n = normaliseChord(text);
    if ('error' in n) return { ok: false, error: `${HOTKEY_LABELS[action]}: ${n.error}` };
    const reserved = reservedFor(n.chord);
    if (reserved) return { ok: false, error: `${n.chord} is reserved for ${reserved} and cannot be bound to "${HOTKEY_LABELS[action]}"` };
    const other = owner.get(n.chord);
    if (other) return { ok: false, error: `${n.chord} is already bound to "${HOTKEY_LABELS[other]}"` };
    owner.set(n.chord, action);
    out[action] = n.chord;
  }
  return { ok: true, bindings: out };
}

/** One action rebound (or unbound with an empty chord), the rest kept: refused on a conflict like the whole map. */
export function rebind(bindings: HotkeyBindings, action: HotkeyAction, chord: string): BindingsCheck {
  const next: Record<string, string | undefined> = { ...bindings };
  delete next[action];
  // The action's own entry goes last so a conflict is reported against the action that already holds the chord.
  next[action] = chord;
  return checkBindings(next);
}

/** The action a chord runs under this map, if any. */
export function actionFor(bindings: HotkeyBindings, chord: string): HotkeyAction | undefined {
  for (const a of HOTKEY_ACTIONS) if (bindings[a] === chord) return a;
  return undefined;
}

export function isHotkeyAction(value: string): value is HotkeyAction {
  return (HOTKEY_ACTIONS as readonly string[]).includes(value);
}

const PRESET = /^(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,12})?$/;

/** The quantity presets checked: exactly four positive decimals (the venue still checks each order's size). */
export function checkQuantityPresets(presets: readonly string[]): { ok: true; presets: string[] } | { ok: false; error: string } {
  if (presets.length !== QUANTITY_PRESET_COUNT) return { ok: false, error: `give exactly ${QUANTITY_PRESET_COUNT} quantity presets` };
  const out: string[] = [];
  for (const [i, raw] of presets.entries()) {
    const p = raw.trim();
    if (!PRESET.test(p) || !/[1-9]/.test(p)) return { ok: false, error: `quantity preset ${i + 1}: "${raw}" is not a positive quantity` };
    out.push(p);
  }
  return { ok: true, presets: out };
}
