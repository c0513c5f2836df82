import type { Logger } from '../core';
import type { Store } from '../storage';

/**
 * How the screen looks and reads (the Settings screen): kept in the engine like the watchlists, so a
 * served UI on any origin and the desktop app show the same after a restart. Nothing here touches an
 * order; the production-confirm option stays in Preferences.
 */
export interface ViewSettings {
  theme: 'dark' | 'light';
  /** Every time shown: the venue's UTC or the computer's local time. */
  timeZone: 'utc' | 'local';
  /** 12,345.67 rather than 12345.67. */
  thousands: boolean;
  /** 12345,67 (with thousands: 12.345,67). */
  decimalComma: boolean;
  /** Alert sounds (a rule must ask for one as well). */
  sounds: boolean;
}

export const DEFAULT_VIEW_SETTINGS: Readonly<ViewSettings> = Object.freeze({ theme: 'dark', timeZone: 'utc', thousands: false, decimalComma: false, sounds: true });

const SETTING = 'ui.view';

/** Each field read on its own: a stored field of the wrong shape falls back to its default, the rest is kept. */
function readStored(stored: unknown): { settings: ViewSettings; bad: string[] } {
  const settings: ViewSettings = { ...DEFAULT_VIEW_SETTINGS };
  const bad: string[] = [];
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return { settings, bad: stored === undefined ? [] : ['(row)'] };
  const row = stored as Record<string, unknown>;
  const pick = <K extends keyof ViewSettings>(key: K, ok: (v: unknown) => boolean): void => {
    if (!(key in row)) return;
    if (ok(row[key])) settings[key] = row[key] as ViewSettings[K];
    else bad.push(key);
  };
  pick('theme', (v) => v === 'dark' || v === 'light');
  pick('timeZone', (v) => v === 'utc' || v === 'local');
  pick('thousands', (v) => typeof v === 'boolean');
  pick('decimalComma', (v) => typeof v === 'boolean');
  pick('sounds', (v) => typeof v === 'boolean');
  return { settings, bad };
}

export class ViewSettingsStore {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  get(): ViewSettings {
    const { settings, bad } = readStored(this.store.getSetting<unknown>(SETTING));
    if (bad.length > 0) this.logger.warn({ setting: SETTING, fields: bad }, 'stored view settings have fields of an unexpected shape; their defaults are used');
    return settings;
  }

  /** Changes the fields given (the bridge schema checked them); a failed write is thrown, so the trader is told. */
  set(patch: Partial<ViewSettings>): ViewSettings {
    const next = { ...this.get(), ...patch };
    this.store.setSetting(SETTING, next);
    return next;
  }
}
