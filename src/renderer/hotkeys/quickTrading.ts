import { create } from 'zustand';
import { DEFAULT_HOTKEYS, type HotkeySettings } from '../../contract/hotkeys';

/** What the last one-click or hotkey action led to, shown under the ladder's bar (the venue's words on a refusal). */
export interface QuickNotice {
  kind: 'good' | 'bad';
  text: string;
}

interface QuickTradingState {
  /** The map and presets as the engine keeps them (the defaults until the engine answered). */
  settings: HotkeySettings;
  /** One-click trading (ladder clicks, chart drags, order hotkeys): off at every start, by design. */
  oneClick: boolean;
  /** The trader has read and accepted what one-click trading does, this session. */
  oneClickAccepted: boolean;
  /** Which quantity preset one-click and hotkey orders use (0-based). */
  preset: number;
  notice: QuickNotice | null;
  dialog: 'cheatSheet' | 'editor' | 'armOneClick' | null;
}

export const useQuickTrading = create<QuickTradingState>()(() => ({
  settings: DEFAULT_HOTKEYS,
  oneClick: false,
  oneClickAccepted: false,
  preset: 0,
  notice: null,
  dialog: null,
}));

export const quickTrading = {
  setSettings(settings: HotkeySettings): void {
    useQuickTrading.setState((s) => ({ settings, preset: Math.min(s.preset, settings.quantityPresets.length - 1) }));
  },
  /** Turning it on the first time in a session asks first (the dialog says what it does); off is immediate. */
  toggleOneClick(): void {
    const s = useQuickTrading.getState();
    if (s.oneClick) useQuickTrading.setState({ oneClick: false });
    else if (s.oneClickAccepted) useQuickTrading.setState({ oneClick: true });
    else useQuickTrading.setState({ dialog: 'armOneClick' });
  },
  acceptOneClick(): void {
    useQuickTrading.setState({ oneClick: true, oneClickAccepted: true, dialog: null });
  },
  choosePreset(index: number): void {
    if (index >= 0 && index < useQuickTrading.getState().settings.quantityPresets.length) useQuickTrading.setState({ preset: index });
  },
  open(dialog: QuickTradingState['dialog']): void {
    useQuickTrading.setState({ dialog });
  },
  close(): void {
    useQuickTrading.setState({ dialog: null });
  },
  tell(notice: QuickNotice | null): void {
    useQuickTrading.setState({ notice });
  },
};

/** The quantity one-click and hotkey orders use now. */
export function presetQty(): string {
  const s = useQuickTrading.getState();
  return s.settings.quantityPresets[s.preset] ?? s.settings.quantityPresets[0]!;
}
