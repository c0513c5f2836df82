import { create } from 'zustand';

/** How the screen looks and reads; kept by the engine (see settings.load/set below). */
export interface ViewSettings {
  theme: 'dark' | 'light';
  /** Every time shown: the venue's UTC or this computer's local time. */
  timeZone: 'utc' | 'local';
  /** 12,345.67 rather than 12345.67. */
  thousands: boolean;
  /** 12345,67: for traders used to a decimal comma. */
  decimalComma: boolean;
  /** Alert sounds (the rule must ask for one too). */
  sounds: boolean;
}

export const DEFAULT_VIEW_SETTINGS: ViewSettings = { theme: 'dark', timeZone: 'utc', thousands: false, decimalComma: false, sounds: true };

interface SettingsState {
  settings: ViewSettings;
}

export const useSettings = create<SettingsState>()(() => ({ settings: DEFAULT_VIEW_SETTINGS }));
