import { useEffect } from 'react';
import { alerts, useAlerts } from '../../state/alerts';
import { dateTimeText } from '../../view/numbers';
import { AlertForm } from './AlertForm';
import './alerts.css';
import { useFormatVersion } from '../../state/settings';

/**
 * Price and analytics alerts: the form, the rules (each with Re-arm and Remove), and the log of firings,
 * newest first. The engine keeps and fires them, window or not; this is only their view. The log is
 * reloaded whenever an alert notice arrives (state/alerts). Their texts are the engine's, in the trader's
 * number format (engine/terminal/alerts/noticeText.ts).
 */
export function AlertsPanel({ visible }: { visible: boolean }) {
  // Re-rendered when the Settings' number format or time zone changes; the rules are fetched again then, as
  // the engine writes their descriptions in the format of now (the log keeps what was shown when it fired).
  const formatVersion = useFormatVersion();
  const rules = useAlerts((s) => s.rules);
  const log = useAlerts((s) => s.log);
  const loadProblem = useAlerts((s) => s.loadProblem);
  const error = useAlerts((s) => s.error);
  const permission = useAlerts((s) => s.permission);
  useEffect(() => {
    if (visible) void alerts.reload();
  }, [visible, formatVersion]);

  return (
    <section className="alerts-panel" aria-label="Alerts">
      <div className="alerts-head">
        <AlertForm />
        {(permission === 'default' || permission === 'denied') && (
          <div className="alerts-permission">
            <button type="button" className="btn btn-small" disabled={permission === 'denied'} onClick={() => void alerts.askPermission()}>
              Enable desktop notifications
            </button>
            {permission === 'denied' && <span className="muted"> blocked in this browser's site settings</span>}
          </div>
        )}
      </div>
      {loadProblem !== undefined && <p className="alert-problem">{loadProblem}</p>}
      {error !== null && (
        <p className="alert-problem" role="alert">
          {error}
        </p>
      )}
      <div className="alerts-body">
        <div className="alerts-col">
          <h3 className="alerts-sub">Rules</h3>
          {rules.length === 0 ? (
            <p className="muted">No alerts.</p>
          ) : (
            <table className="alerts-table" aria-label="Alert rules list">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">State</th>
                  <th scope="col">Fired</th>
                  <th scope="col">Last fired</th>
                  <th scope="col" aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.description}
                      {r.note !== undefined && <span className="muted"> · {r.note}</span>}
                      {r.repeat === 'every' && <span className="muted"> · every {Math.round(r.cooldownMs / 1000)} s</span>}
                      {r.sound && <span className="muted"> · sound</span>}
                    </td>
                    <td>{r.armed ? 'armed' : 'fired'}</td>
                    <td className="num">{r.firedCount}</td>
                    <td className="num">{r.lastFiredAt !== undefined ? dateTimeText(r.lastFiredAt) : '—'}</td>
                    <td className="alerts-actions">
                      {!r.armed && (
                        <button type="button" className="btn btn-small" aria-label={`Re-arm ${r.description}`} onClick={() => void alerts.rearm(r.id)}>
                          Re-arm
                        </button>
                      )}
                      <button type="button" className="btn btn-small" aria-label={`Remove ${r.description}`} onClick={() => void alerts.remove(r.id)}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="alerts-col">
          <h3 className="alerts-sub">Log</h3>
          {log.length === 0 ? (
            <p className="muted">Nothing fired yet.</p>
          ) : (
            <table className="alerts-table" aria-label="Alert log">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Alert</th>
                  <th scope="col">What happened</th>
                </tr>
              </thead>
              <tbody>
                {log.map((f, i) => (
                  <tr key={`${f.alertId}-${f.ts}-${i}`}>
                    <td className="num">{dateTimeText(f.ts)}</td>
                    <td>
                      {f.description}
                      {f.note !== undefined && <span className="muted"> · {f.note}</span>}
                    </td>
                    <td>{f.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

export default AlertsPanel;
