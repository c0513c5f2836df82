import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { Reply } from '../../contract/api';
import { useFocusTrap } from './useFocusTrap';

/**
 * A step that cannot be undone takes a second, deliberate click. The safe choice has the focus, and
 * Escape or a click outside also takes it. A refusal from the engine is shown in the dialog, which
 * stays open; success closes it.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  /** The safe choice, e.g. "Keep engaged". */
  keepLabel: string;
  confirmLabel: string;
  /** Put before the engine's reason when it refuses, e.g. "Reset failed". */
  failure: string;
  onConfirm: () => Promise<Reply<unknown>>;
  onClose: () => void;
}) {
  const titleId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  // Tab stays in the dialog (the page behind is inert while it is open); closing gives focus back to the opener.
  useFocusTrap(dialogRef);
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
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        {error && (
          <p className="alert-text" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="btn" ref={keepRef} onClick={props.onClose}>
            {props.keepLabel}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              const reply = await props.onConfirm();
              setBusy(false);
              if (reply.ok) props.onClose();
              else setError(`${props.failure}: ${reply.error.message}`);
            }}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
