import { useEffect, useId, useRef } from 'react';
import { preferences, usePreferences } from '../../state/preferences';
import { settings, useSettings } from '../../state/settings';
import { localiseNumber } from '../../view/settings';

/**
 * The Settings screen: theme, time zone, number format, order confirmations and sounds. Each choice is
 * applied at once and kept by the engine; Escape or Close leaves, focus stays inside while open.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const s = useSettings((x) => x.settings);
  const confirm = usePreferences((x) => x.confirmProductionOrders);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeRef.current();
      if (e.key !== 'Tab' || !box.current) return;
      // Focus stays inside the dialog: Tab from the last control goes to the first, Shift+Tab the other way.
      const all = [...box.current.querySelectorAll<HTMLElement>('input, button, select')];
      const first = all[0];
      const last = all[all.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const radio = <K extends 'theme' | 'timeZone'>(key: K, value: (typeof s)[K], label: string) => (
    <label className="settings-choice">
      <input type="radio" name={`${titleId}-${key}`} checked={s[key] === value} onChange={() => void settings.change({ [key]: value })} />
      {label}
    </label>
  );
  const check = (key: 'thousands' | 'decimalComma' | 'sounds', label: string) => (
    <label className="settings-choice">
      <input type="checkbox" checked={s[key]} onChange={(e) => void settings.change({ [key]: e.target.checked })} />
      {label}
    </label>
  );

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog settings-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={box}>
        <h2 id={titleId}>Settings</h2>
        <fieldset>
          <legend>Theme</legend>
          {radio('theme', 'dark', 'Dark')}
          {radio('theme', 'light', 'Light')}
        </fieldset>
        <fieldset>
          <legend>Time zone</legend>
          {radio('timeZone', 'utc', 'UTC')}
          {radio('timeZone', 'local', 'Local time')}
        </fieldset>
        <fieldset>
          <legend>Numbers</legend>
          {check('thousands', 'Thousands separator')}
          {check('decimalComma', 'Decimal comma')}
          <span className="muted settings-sample">e.g. {localiseNumber('12345.67', s)}</span>
        </fieldset>
        <fieldset>
          <legend>Orders</legend>
          <label className="settings-choice">
            <input type="checkbox" checked={confirm} onChange={(e) => void preferences.setConfirmProductionOrders(e.target.checked)} />
            Confirm every order on production accounts
          </label>
        </fieldset>
        <fieldset>
          <legend>Sounds</legend>
          {check('sounds', 'Alert sounds')}
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
