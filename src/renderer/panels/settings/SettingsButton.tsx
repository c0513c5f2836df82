import { useState } from 'react';
import { SettingsDialog } from './SettingsDialog';
import './light.css';
import './settings.css';

/** "Settings" in the top bar: opens the Settings dialog. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn topbar-settings" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Settings
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
