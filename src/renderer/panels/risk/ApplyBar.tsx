/** What the last Apply did: nothing yet, applied, or refused with the reason. */
export type ApplyOutcome = { kind: 'applied' } | { kind: 'error'; message: string } | null;

/**
 * The foot of a settings form: Apply (submits the form), Discard changes, and what happened, as an
 * alert when the engine (or the form's own check) refused the change.
 */
export function ApplyBar(props: { applyLabel: string; appliedText: string; busy: boolean; edited: boolean; outcome: ApplyOutcome; onDiscard(): void }) {
  const { busy, edited, outcome } = props;
  return (
    <div className="limits-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {props.applyLabel}
      </button>
      <button type="button" className="btn" disabled={!edited || busy} onClick={props.onDiscard}>
        Discard changes
      </button>
      {outcome?.kind === 'error' ? (
        <span className="limits-result bad" role="alert">
          {outcome.message}
        </span>
      ) : (
        <span className="limits-result good" role="status">
          {busy ? 'Applying…' : outcome?.kind === 'applied' ? props.appliedText : edited ? 'Not applied yet' : ''}
        </span>
      )}
    </div>
  );
}
