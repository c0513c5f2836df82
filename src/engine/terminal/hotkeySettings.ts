import { checkBindings, checkQuantityPresets, DEFAULT_HOTKEYS, type HotkeySettings, type Logger, SqError } from '../core';
import type { Store } from '../storage';

const HOTKEYS_SETTING = 'ui.hotkeys';

/**
 * The trader's hotkey map and quantity presets, kept in the settings store so they follow the trader to
 * any window (Electron or a served browser tab) and survive restarts. A map with a conflict is refused
 * whole, naming the action that already holds the chord; the kill switch's chord can never be taken.
 * A stored value that no longer passes the checks (damaged, or from an older rule set) is logged and
 * the defaults are used, so a bad row never stops the terminal or binds a reserved key.
 */
export class HotkeyStore {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  get(): HotkeySettings {
    const stored = this.store.getSetting<unknown>(HOTKEYS_SETTING);
    if (stored === undefined) return structuredClone(DEFAULT_HOTKEYS);
    const checked = check(stored);
    if ('error' in checked) {
      this.logger.warn({ setting: HOTKEYS_SETTING, reason: checked.error }, 'stored hotkeys refused; the defaults are used');
      return structuredClone(DEFAULT_HOTKEYS);
    }
    return checked;
  }

  /** Replaces the whole map and the presets; throws INVALID_INPUT (nothing kept) when either is wrong. */
  set(next: { bindings: Record<string, string | undefined>; quantityPresets: readonly string[] }): HotkeySettings {
    const checked = check(next);
    if ('error' in checked) throw new SqError('INVALID_INPUT', checked.error);
    this.store.setSetting(HOTKEYS_SETTING, checked);
    return checked;
  }
}

function check(value: unknown): HotkeySettings | { error: string } {
  if (typeof value !== 'object' || value === null) return { error: 'not an object' };
  const { bindings, quantityPresets } = value as { bindings?: unknown; quantityPresets?: unknown };
  if (typeof bindings !== 'object' || bindings === null || Array.isArray(bindings)) return { error: 'bindings are not a map' };
  if (!Object.values(bindings).every((c) => typeof c === 'string')) return { error: 'a binding is not text' };
  if (!Array.isArray(quantityPresets) || !quantityPresets.every((p) => typeof p === 'string')) return { error: 'quantity presets are not a list of text' };
  const b = checkBindings(bindings as Record<string, string>);
  if (!b.ok) return { error: b.error };
  const p = checkQuantityPresets(quantityPresets as string[]);
  if (!p.ok) return { error: p.error };
  return { bindings: b.bindings, quantityPresets: p.presets };
}
