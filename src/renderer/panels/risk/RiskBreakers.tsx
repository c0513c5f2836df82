import { useState } from 'react';
import { LogTable } from '../../components/LogTable';
import { Panel, Placeholder } from '../../components/Panel';
import { resetBreaker } from '../../state/actions';
import { useRisk } from '../../state/risk';
import { timeText } from '../../view/numbers';
import { type BreakerView, scopeText, secondsUntil, sortBreakers } from '../../view/risk';

const stateLabel: Record<BreakerView['state'], string> = { CLOSED: 'CLOSED', OPEN: 'OPEN', HALF_OPEN: 'HALF-OPEN' };

function BreakerState(props: { state: BreakerView['state'] }) {
  return <span className={`breaker-state breaker-${props.state.toLowerCase()}`}>{stateLabel[props.state]}</span>;
}

/** Every circuit breaker, tripped ones first, with a manual reset; then the latest transitions. */
export function RiskBreakers() {
  const state = useRisk((s) => s.state);
  const [error, setError] = useState<string | null>(null);
  if (!state) {
    return (
      <Panel name="Breakers" title="Circuit breakers">
        <Placeholder>Waiting for risk…</Placeholder>
      </Panel>
    );
  }
  const now = state.utilisation.ts;
  const breakers = sortBreakers(state.breakers);
  const tripped = breakers.filter((b) => b.state !== 'CLOSED').length;
  const log = [...state.breakerLog].reverse().slice(0, 50);
  return (
    <Panel
      name="Breakers"
      title={
        <>
          Circuit breakers<span className="count">{tripped > 0 ? `${tripped} tripped` : 'all closed'}</span>
        </>
      }
    >
      <div className="risk-scroll">
        <table className="risk-table breakers-table">
          <thead>
            <tr>
              <th>Scope</th>
              <th>Venue</th>
              <th>Symbol</th>
              <th>State</th>
              <th>Since</th>
              <th>Reason</th>
              <th className="value">Reopen</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {breakers.map((b) => {
              const reopen = secondsUntil(b.reopenAt, now);
              return (
                <tr key={scopeText(b)} className={b.state !== 'CLOSED' ? 'tripped' : undefined}>
                  <td title={b.scope}>{b.scope === 'venue' ? 'venue' : 'instr.'}</td>
                  <td>{b.venue}</td>
                  <td>{b.symbol ?? '—'}</td>
                  <td>
                    <BreakerState state={b.state} />
                  </td>
                  <td className="num">{timeText(b.since)}</td>
                  <td className="reason" title={b.reason}>
                    {b.reason ?? ''}
                  </td>
                  <td className="value num">{reopen !== undefined ? `in ${reopen}s` : ''}</td>
                  <td>
                    {b.state !== 'CLOSED' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        title={`Close the ${scopeText(b)} breaker now`}
                        onClick={async () => {
                          setError(null);
                          const reply = await resetBreaker(b.venue, b.symbol);
                          if (!reply.ok) setError(`Reset failed: ${reply.error.message}`);
                        }}
                      >
                        Reset breaker
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {error && (
          <p className="risk-warn" role="alert">
            {error}
          </p>
        )}
        <h3 className="risk-subhead">Last transitions</h3>
        <LogTable
          entries={log}
          empty="No breaker has moved yet"
          rowKey={(t, i) => `${t.ts}-${scopeText(t)}-${i}`}
          columns={[
            { title: 'Scope', width: 100, cell: (t) => scopeText(t) },
            {
              title: 'From → to',
              width: 150,
              cell: (t) => (
                <>
                  <BreakerState state={t.from} /> → <BreakerState state={t.to} />
                </>
              ),
            },
          ]}
        />
      </div>
    </Panel>
  );
}
