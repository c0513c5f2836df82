import type { Notice } from '../state/orderNotices';

/**
 * A one-line message across the top of a panel's body: a refusal (role alert, stays until dismissed or
 * replaced) or a confirmation (role status). The full text is in the tooltip when it does not fit.
 */
export function NoticeBar(props: { notice: Notice | null; onDismiss: () => void }) {
  if (!props.notice) return null;
  const { kind, text } = props.notice;
  return (
    <div className={`notice-bar ${kind}`}>
      <span role={kind === 'bad' ? 'alert' : 'status'} title={text}>
        {text}
      </span>
      <button type="button" className="btn btn-small" aria-label="Dismiss message" onClick={props.onDismiss}>
        ×
      </button>
    </div>
  );
}
