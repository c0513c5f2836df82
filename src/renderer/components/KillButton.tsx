import { useState } from 'react';
import { engageKill } from '../state/actions';
import { useAccount } from '../state/account';

/** Always in sight: one click stops trading. Ctrl/Cmd+Shift+K does the same from anywhere. */
export function KillButton() {
  const engaged = useAccount((s) => s.kill?.engaged ?? false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error && (
        <span className="topbar-error" role="alert">
          {error}
        </span>
      )}
      <button
        type="button"
        className={`kill-button${engaged ? ' engaged' : ''}`}
        aria-label="Kill switch"
        title="Engage the kill switch: cancel all orders and block new ones (Ctrl+Shift+K)"
        onClick={async () => {
          const reply = await engageKill('bridge');
          setError(reply.ok ? null : `Kill switch failed: ${reply.error.message}`);
        }}
      >
        KILL SWITCH <kbd>⌃⇧K</kbd>
      </button>
    </>
  );
}
