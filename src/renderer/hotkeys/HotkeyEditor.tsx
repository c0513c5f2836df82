import { type KeyboardEvent, useState } from 'react';
import { checkQuantityPresets, chordOf, HOTKEY_ACTIONS, HOTKEY_LABELS, type HotkeyAction, type HotkeySettings, rebind } from '../../contract/hotkeys';
import { saveHotkeys } from './quickActions';
import { quickTrading, useQuickTrading } from './quickTrading';
import { TrapDialog } from './TrapDialog';

/**
 * The hotkey map and quantity presets, edited as a draft: click an action's key, press the new chord
 * (Escape leaves it as it was). A chord already taken is refused on the spot, naming the action that
 * holds it; the engine checks the whole map again when it is saved and keeps it.
 */
export function HotkeyEditor() {
  const saved = useQuickTrading((s) => s.settings);
  const [draft, setDraft] = useState<HotkeySettings>(saved);
  const [listening, setListening] = useState<HotkeyAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** While listening, every key is the chord being set (Escape cancels); the trap and Escape-to-close wait. */
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (!listening) return false;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') {
      setListening(null);
      return true;
    }
    const chord = chordOf(e);
    if (chord === undefined) return true; // a modifier alone: keep listening
    const r = rebind(draft.bindings, listening, chord);
    if (!r.ok) setError(`Not bound: ${r.error}`);
    else {
      setDraft({ ...draft, bindings: r.bindings });
      setError(null);
    }
    setListening(null);
    return true;
  };

  const save = async () => {
    const presets = checkQuantityPresets(draft.quantityPresets);
    if (!presets.ok) return setError(`Not saved: ${presets.error}`);
    setBusy(true);
    const r = await saveHotkeys({ ...draft, quantityPresets: presets.presets });
    setBusy(false);
    if (r.ok) quickTrading.open('cheatSheet');
    else setError(`Not saved: ${r.error}`);
  };

  return (
    <TrapDialog title="Edit hotkeys" onClose={quickTrading.close} wide onKeyDown={onKeyDown}>
      <table className="hotkey-table">
        <tbody>
          {HOTKEY_ACTIONS.map((a) => (
            <tr key={a}>
              <td>{HOTKEY_LABELS[a]}</td>
              <td>
                <button
                  type="button"
                  className={`btn chord${listening === a ? ' listening' : ''}`}
                  aria-label={`Key for ${HOTKEY_LABELS[a]}`}
                  onClick={() => {
                    setError(null);
                    setListening(a);
                  }}
                >
                  {listening === a ? 'Press keys…' : (draft.bindings[a] ?? 'not bound')}
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={`Unbind ${HOTKEY_LABELS[a]}`}
                  disabled={draft.bindings[a] === undefined}
                  onClick={() => {
                    const r = rebind(draft.bindings, a, '');
                    if (r.ok) setDraft({ ...draft, bindings: r.bindings });
                  }}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="preset-edit">
        <legend>Quantity presets</legend>
        {draft.quantityPresets.map((p, i) => (
          <label key={i}>
            {`Preset ${i + 1}`}
            <input
              type="text"
              inputMode="decimal"
              value={p}
              onChange={(e) => setDraft({ ...draft, quantityPresets: draft.quantityPresets.map((x, j) => (j === i ? e.target.value : x)) })}
            />
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="alert-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={quickTrading.close}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
          Save hotkeys
        </button>
      </div>
    </TrapDialog>
  );
}
