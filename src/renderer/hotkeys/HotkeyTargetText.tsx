import { useSyncExternalStore } from 'react';
import { useLinking } from '../state/linking';
import { useMarket } from '../state/market';
import { onShownPanelsChange } from '../state/panelMarket';
import { useActivePanel } from './activePanel';
import { hotkeyTargetText } from './hotkeyTarget';
import { hotkeyTargetNow } from './quickActions';

function subscribe(listener: () => void): () => void {
  const offs = [useActivePanel.subscribe(listener), useLinking.subscribe(listener), useMarket.subscribe(listener), onShownPanelsChange(listener)];
  return () => offs.forEach((off) => off());
}

/** "SIM ETH-USDT (Order book 2)": the instrument the hotkeys act on now; re-renders when it changes (a string, so book ticks do not). */
export function useHotkeyTargetText(): string {
  return useSyncExternalStore(subscribe, () => hotkeyTargetText(hotkeyTargetNow()));
}

/** In the status bar: which instrument a hotkey would trade, always in sight, so a key never surprises. */
export function HotkeyTargetItem() {
  const text = useHotkeyTargetText();
  return (
    <span className="item hotkey-target" title="The order hotkeys act on the instrument of the panel last clicked (the focus when it shows none)">
      Hotkeys act on: <span className="value">{text}</span>
    </span>
  );
}
