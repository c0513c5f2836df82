import { useEffect, useId, useRef, useState } from 'react';
import { resetKill } from '../state/actions';

/**
 * Resetting the kill switch lets orders flow again, so it takes a second, deliberate click. The safe
 * choice ("Keep engaged") has the focus, and Escape or a click outside also keeps it engaged.
 */
export function ResetKillDialog(props: { onClose: () => void }) {
  const titleId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;

  useEffect(() => {
    keepRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Reset the kill switch?</h2>
        <p>New orders will be accepted again. Orders canceled by the kill switch stay canceled.</p>
        {error && (
          <p className="alert-text" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="btn" ref={keepRef} onClick={props.onClose}>
            Keep engaged
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              const reply = await resetKill();
              setBusy(false);
              if (reply.ok) props.onClose();
              else setError(`Reset failed: ${reply.error.message}`);
            }}
          >
            Confirm reset
          </button>
        </div>
      </div>
    </div>
  );
}
