import { useState } from 'react';
import { LogTable } from '../../components/LogTable';
import { Panel, Placeholder } from '../../components/Panel';
import { setDeleteGttsOnKill, setFlattenOnKill } from '../../state/actions';
import { venueKillLines } from '../../view/killReport';
import { useAccount } from '../../state/account';
import { timeText } from '../../view/numbers';
import type { CancelOutcome } from '../../view/risk';

function LastCancel({ c }: { c: CancelOutcome | undefined }) {
  if (!c) return <p className="risk-empty">The kill switch has not canceled anything yet</p>;
  const all = c.canceled === c.requested;
  return (
    <div className="last-cancel">
      <p>
        <span className="muted">Last cancel-all at {timeText(c.startedAt)}:</span> took <b className="num">{c.durationMs} ms</b>, canceled{' '}
        <b className={`num ${all ? 'good' : 'bad'}`}>
          {c.canceled} of {c.requested}
        </b>
      </p>
      {c.notCanceled.length > 0 && (
        <ul className="not-canceled" aria-label="Orders not canceled">
          {c.notCanceled.map((o) => (
            <li key={`${o.venue}:${o.clientOrderId}`}>
              <span className="num">{o.clientOrderId}</span> <span className="muted">{o.venue}</span> — {o.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What the kill switch did last time, whether it also flattens, and everything it has done. */
export function KillSwitchDetails() {
  const kill = useAccount((s) => s.kill);
  const [pending, setPending] = useState<boolean | null>(null);
  const [pendingGtts, setPendingGtts] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!kill) {
    return (
      <Panel name="Kill switch details" title="Kill switch">
        <Placeholder>Waiting for the kill switch…</Placeholder>
      </Panel>
    );
  }
  const history = [...kill.history].reverse();
  return (
    <Panel
      name="Kill switch details"
      title="Kill switch"
      extra={kill.engaged ? <span className="badge badge-kill">ENGAGED</span> : undefined}
    >
      <div className="risk-scroll kill-details">
        <label className="check">
          <input
            type="checkbox"
            checked={pending ?? kill.flattenOnEngage}
            disabled={pending !== null}
            onChange={async (e) => {
              // Shows the choice at once; the engine's state takes over when it answers.
              const on = e.target.checked;
              setPending(on);
              setError(null);
              const reply = await setFlattenOnKill(on);
              setPending(null);
              if (!reply.ok) setError(`Not changed: ${reply.error.message}`);
            }}
          />
          Flatten positions on kill switch
        </label>
        <label className="check" title="Kite: a GTT may be a stop-loss you rely on; off unless you choose it">
          <input
            type="checkbox"
            checked={pendingGtts ?? kill.deleteGttsOnKill}
            disabled={pendingGtts !== null}
            onChange={async (e) => {
              const on = e.target.checked;
              setPendingGtts(on);
              setError(null);
              const reply = await setDeleteGttsOnKill(on);
              setPendingGtts(null);
              if (!reply.ok) setError(`Not changed: ${reply.error.message}`);
            }}
          />
          Delete GTTs on kill switch
        </label>
        {error && (
          <p className="risk-warn" role="alert">
            {error}
          </p>
        )}
        <LastCancel c={kill.lastCancel} />
        {kill.venueKill.length > 0 && (
          <ul className="not-canceled" aria-label="At the venues">
            {venueKillLines(kill).map((l) => (
              <li key={l.text} className={l.bad ? 'bad' : undefined}>
                {l.text}
              </li>
            ))}
          </ul>
        )}
        <h3 className="risk-subhead">History</h3>
        <LogTable
          entries={history}
          empty="Never engaged"
          rowKey={(e, i) => `${e.ts}-${i}`}
          columns={[
            { title: 'Action', width: 58, cell: (e) => e.action, className: (e) => (e.action === 'engage' ? 'bad' : 'good') },
            { title: 'Source', width: 60, cell: (e) => e.source },
          ]}
        />
      </div>
    </Panel>
  );
}
