import { quickTrading, useQuickTrading } from '../../hotkeys/quickTrading';

/**
 * Above the ladder: the one-click switch (off at every start, and it says so), the quantity presets
 * every one-click and hotkey order uses, the hotkey sheet, and what the last quick action led to.
 */
export function OneClickBar() {
  const on = useQuickTrading((s) => s.oneClick);
  const presets = useQuickTrading((s) => s.settings.quantityPresets);
  const preset = useQuickTrading((s) => s.preset);
  const notice = useQuickTrading((s) => s.notice);
  return (
    <div className={`one-click${on ? ' on' : ''}`}>
      <div className="one-click-row">
        <button
          type="button"
          className="btn one-click-toggle"
          aria-pressed={on}
          title={on ? 'On: a click on a bid places a buy limit there, on an ask a sell limit. Click to turn off.' : 'Off: ladder clicks put the price in the ticket'}
          onClick={quickTrading.toggleOneClick}
        >
          One-click trading
        </button>
        <div className="presets" role="group" aria-label="Quantity presets">
          {presets.map((q, i) => (
            <button key={i} type="button" className="btn preset" aria-pressed={i === preset} aria-label={`Quantity preset ${q}`} onClick={() => quickTrading.choosePreset(i)}>
              {q}
            </button>
          ))}
        </div>
        <button type="button" className="btn hotkeys-open" aria-label="Hotkeys" title="Hotkeys (?)" onClick={() => quickTrading.open('cheatSheet')}>
          ?
        </button>
      </div>
      {notice && (
        <div className={`one-click-notice ${notice.kind}`} role={notice.kind === 'bad' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      )}
    </div>
  );
}
