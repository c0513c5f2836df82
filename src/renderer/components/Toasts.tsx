import { useEffect } from 'react';
import { toasts, useToasts } from '../state/toasts';
import type { Toast } from '../view/toasts';

/**
 * The toast stack, bottom right over everything: each toast leaves by itself after its time, or with its
 * close button. Each one is a live region of its own
 * (role status, or alert for what must interrupt), so a screen reader speaks it once as it appears.
 */
export function Toasts() {
  const list = useToasts((s) => s.toasts);
  return (
    <div className="toasts">
      {list.map((t) => (
        <ToastCard key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = window.setTimeout(() => toasts.dismiss(toast.id), toast.ttlMs);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.ttlMs]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.urgency} aria-label={toast.title}>
      <div className="toast-text">
        <div className="toast-title">{toast.title}</div>
        {toast.body !== undefined && <div className="toast-body">{toast.body}</div>}
      </div>
      <button type="button" className="toast-close" aria-label={`Dismiss: ${toast.title}`} onClick={() => toasts.dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
