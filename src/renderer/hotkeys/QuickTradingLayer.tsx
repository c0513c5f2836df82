import { useEffect } from 'react';
import { useSession } from '../state/session';
import { CheatSheet } from './CheatSheet';
import { HotkeyEditor } from './HotkeyEditor';
import { loadHotkeys } from './quickActions';
import { quickTrading, useQuickTrading } from './quickTrading';
import { TrapDialog } from './TrapDialog';
import { useHotkeyTargetText } from './HotkeyTargetText';
import { useHotkeys } from './useHotkeys';
import '../styles/quickTrading.css';

/** The hotkeys (loaded from the engine at each connect) and the dialogs of one-click trading and the key map. */
export function QuickTradingLayer() {
  const connected = useSession((s) => s.connected);
  const dialog = useQuickTrading((s) => s.dialog);
  useHotkeys();
  useEffect(() => {
    if (connected) void loadHotkeys();
  }, [connected]);
  if (dialog === 'cheatSheet') return <CheatSheet />;
  if (dialog === 'editor') return <HotkeyEditor />;
  if (dialog === 'armOneClick') return <ArmOneClick />;
  return null;
}

/** The first turn-on in a session says plainly what changes. */
function ArmOneClick() {
  const target = useHotkeyTargetText();
  return (
    <TrapDialog title="Turn on one-click trading?" onClose={quickTrading.close}>
      <p>
        While it is on, a single click sends an order at once, with no ticket and no second look: a click on a bid price places a buy limit there,
        a click on an ask price a sell limit, of the quantity preset chosen above the ladder. Dragging your own order (on the ladder or the chart)
        amends its price; right-click on it cancels it. The order hotkeys (buy at ask, join, hit, lift, flatten) work only while it is on.
      </p>
      <p>
        The order hotkeys act on the instrument of the panel last clicked, now <strong>{target}</strong> (shown in the status bar).
      </p>
      <p>Every order still passes the engine's risk checks. It is off again at every start.</p>
      <div className="actions">
        <button type="button" className="btn" onClick={quickTrading.close}>
          Keep it off
        </button>
        <button type="button" className="btn btn-danger" onClick={quickTrading.acceptOneClick}>
          Turn on one-click trading
        </button>
      </div>
    </TrapDialog>
  );
}
