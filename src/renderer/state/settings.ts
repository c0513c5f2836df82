import { create } from 'zustand';
import type { ViewSettings } from '../../contract/api';
import { setDisplayFormat } from '../view/numbers';
import { bridge } from './bridgeRef';
import { useSession } from './session';

/** Until the engine answers: the look the terminal always had (dark, UTC, plain numbers), sounds on. */
export const DEFAULT_VIEW_SETTINGS: ViewSettings = { theme: 'dark', timeZone: 'utc', thousands: false, decimalComma: false, sounds: true };

interface SettingsState {
  settings: ViewSettings;
  /** Bumped on each change that alters how text reads, so panels that only re-render on data can follow. */
  version: number;
}

export const useSettings = create<SettingsState>()(() => ({ settings: DEFAULT_VIEW_SETTINGS, version: 0 }));

/**
 * For a component that writes numbers or times through view/numbers: it re-renders when the number
 * format or time zone changes, so what is on screen follows Settings at once (the value is a counter).
 */
export const useFormatVersion = (): number => useSettings((s) => s.version);

/** Puts the settings to work at once, without a reload: CSS variables by theme, and the text helpers. */
function apply(next: ViewSettings): void {
  setDisplayFormat(next.timeZone, { thousands: next.thousands, decimalComma: next.decimalComma });
  if (typeof document !== 'undefined') {
    document.documentElement.dataset.theme = next.theme;
    document.documentElement.style.colorScheme = next.theme;
  }
  useSettings.setState((s) => ({ settings: next, version: s.version + 1 }));
}

/** The engine keeps these (bridge settings.get/set): a change shows at once and is taken back if not kept. */
export const settings = {
  load(next: ViewSettings): void {
    apply(next);
  },
  async change(patch: Partial<ViewSettings>): Promise<void> {
    const before = useSettings.getState().settings;
    apply({ ...before, ...patch });
    const reply = await bridge().call('settings.set', patch);
    if (reply.ok) apply(reply.value);
    else {
      apply(before);
      useSession.setState({ lastError: `setting not saved: ${reply.error.message}` });
    }
  },
};
