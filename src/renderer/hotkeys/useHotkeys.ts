import { useEffect } from 'react';
import { actionFor, chordOf, type HotkeyAction } from '../../contract/hotkeys';
import { cancelAllFocused, flattenFocused, focusTicket, nextInstrument, placeAtTouch, placeQuick } from './quickActions';
import { quickTrading, useQuickTrading } from './quickTrading';
import { trackActivePanel } from './activePanel';

/** What each action does when its chord is pressed. */
const run: Record<HotkeyAction, () => unknown> = {
  buyAtAsk: () => placeAtTouch('buy', 'ask'),
  sellAtBid: () => placeAtTouch('sell', 'bid'),
  joinBid: () => placeAtTouch('buy', 'bid'),
  joinAsk: () => placeAtTouch('sell', 'ask'),
  liftAsk: () => placeQuick('buy', { kind: 'market' }, 'hotkey'),
  hitBid: () => placeQuick('sell', { kind: 'market' }, 'hotkey'),
  cancelAllFocused,
  flattenFocused,
  focusTicket,
  nextInstrument,
  preset1: () => quickTrading.choosePreset(0),
  preset2: () => quickTrading.choosePreset(1),
  preset3: () => quickTrading.choosePreset(2),
  preset4: () => quickTrading.choosePreset(3),
};

/** Keys typed into a field are text, never orders. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
}

/**
 * Runs the trader's hotkeys. Listens in the bubbling phase, so the kill switch's capturing listener
 * always sees its chord first (and the map can never hold that chord anyway). Not while typing in a
 * field, not while a dialog is open (it owns the keyboard), and never on auto-repeat: holding a key
 * down must not send an order per repeat.
 */
export function useHotkeys(): void {
  // The panel last clicked or focused is the one whose instrument the order hotkeys trade.
  useEffect(() => trackActivePanel(document), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || typing(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const chord = chordOf(e);
      if (chord === undefined) return;
      if (chord === '?') {
        e.preventDefault();
        quickTrading.open('cheatSheet');
        return;
      }
      const action = actionFor(useQuickTrading.getState().settings.bindings, chord);
      if (!action) return;
      e.preventDefault();
      void run[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
