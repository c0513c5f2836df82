/** The ticket's two order flags, as checkboxes named "Post-only" and "Reduce-only". */
export function TicketFlags(props: {
  postOnly: boolean;
  postOnlyAllowed: boolean;
  reduceOnly: boolean;
  postOnlyError: string | undefined;
  onPostOnly: (on: boolean) => void;
  onReduceOnly: (on: boolean) => void;
}) {
  return (
    <div className="ticket-flags">
      <div className="flags">
        <label className={props.postOnlyAllowed ? undefined : 'disabled'} title="Maker only: refused rather than taking liquidity (limit orders only)">
          <input type="checkbox" checked={props.postOnly} disabled={!props.postOnlyAllowed} onChange={(e) => props.onPostOnly(e.target.checked)} />
          Post-only
        </label>
        <label title="Only reduces the position: never opens one or adds to it">
          <input type="checkbox" checked={props.reduceOnly} onChange={(e) => props.onReduceOnly(e.target.checked)} />
          Reduce-only
        </label>
      </div>
      {props.postOnlyError && (
        <div className="field-error" role="alert">
          {props.postOnlyError}
        </div>
      )}
    </div>
  );
}
