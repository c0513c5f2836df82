import { HOTKEY_ACTIONS, HOTKEY_LABELS, TRADING_ACTIONS } from '../../contract/hotkeys';
import { quickTrading, useQuickTrading } from './quickTrading';
import { TrapDialog } from './TrapDialog';
import { useHotkeyTargetText } from './HotkeyTargetText';

/** Every hotkey on one screen, `?` to open; the fixed ones (kill switch, this sheet) are listed too. */
export function CheatSheet() {
  const { bindings, quantityPresets } = useQuickTrading((s) => s.settings);
  const target = useHotkeyTargetText();
  return (
    <TrapDialog title="Hotkeys" onClose={quickTrading.close} wide>
      <p className="hotkey-target-line">
        Hotkeys act on: <strong>{target}</strong>. Click a panel (a linked ladder or chart) to trade its instrument by key.
      </p>
      <table className="hotkey-table">
        <tbody>
          <tr>
            <td>
              <kbd>Ctrl+Shift+K</kbd> / <kbd>Cmd+Shift+K</kbd>
            </td>
            <td>Engage the kill switch (fixed, works everywhere)</td>
          </tr>
          <tr>
            <td>
              <kbd>?</kbd>
            </td>
            <td>This cheat sheet (fixed)</td>
          </tr>
          {HOTKEY_ACTIONS.map((a) => (
            <tr key={a}>
              <td>{bindings[a] ? <kbd>{bindings[a]}</kbd> : <span className="muted">not bound</span>}</td>
              <td>
                {HOTKEY_LABELS[a]}
                {a.startsWith('preset') ? ` (${quantityPresets[Number(a.slice(-1)) - 1]})` : ''}
                {TRADING_ACTIONS.has(a) ? ' *' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">* sends orders: only while One-click trading is on. Hotkeys never act while you type in a field.</p>
      <div className="actions">
        <button type="button" className="btn" onClick={() => quickTrading.open('editor')}>
          Edit hotkeys
        </button>
        <button type="button" className="btn" onClick={quickTrading.close}>
          Close
        </button>
      </div>
    </TrapDialog>
  );
}
