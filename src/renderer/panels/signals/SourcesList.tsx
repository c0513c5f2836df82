import { useState } from 'react';
import type { SignalSourceView } from '../../../contract/api';
import { signals } from '../../state/signals';
import { agoText } from '../../view/signals';
import { dateTimeText } from '../../view/numbers';

const STATE_TEXT: Record<SignalSourceView['state'], string> = { idle: 'idle', connecting: 'connecting', connected: 'connected', error: 'error', stopped: 'stopped' };

/**
 * Every source with its health: state, newest item, its last error in its own words, next poll, items stored;
 * Refresh polls it now, Disable/Enable pauses it, Remove takes a source the trader added away (its stored items stay).
 */
export function SourcesList({ sources, now }: { sources: readonly SignalSourceView[]; now: number }) {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const act = async (id: string, what: string, run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(id);
    setProblem(undefined);
    const r = await run();
    setBusy(undefined);
    if (!r.ok) setProblem(`${what}: ${r.error?.message ?? 'failed'}`);
  };
  return (
    <div className="sig-sources">
      {problem !== undefined && (
        <p className="sig-error" role="alert">
          {problem}
        </p>
      )}
      <table className="sig-table" aria-label="Signal sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">State</th>
            <th scope="col">Last item</th>
            <th scope="col">Error</th>
            <th scope="col">Next poll</th>
            <th scope="col" className="num">Items</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} data-source={s.id} className={s.enabled ? undefined : 'sig-disabled'}>
              <th scope="row" title={`${s.id} · ${s.target}`}>
                <span className="sig-src-label">{s.label}</span>
                {s.simulated && <span className="sig-badge-sim">simulated</span>}
                <span className="sig-src-target">{s.target}</span>
              </th>
              <td className={`sig-state sig-state-${s.state}`}>{s.enabled ? STATE_TEXT[s.state] : 'disabled'}</td>
              <td className="num" title={s.lastItemAt !== undefined ? `${dateTimeText(s.lastItemAt)}` : undefined}>
                {agoText(s.lastItemAt, now)}
              </td>
              <td className="sig-src-error" title={s.error}>
                {s.error !== undefined ? (
                  <span aria-label={`${s.label} error: ${s.error}`}>
                    {s.error}
                    {s.errorsInRow > 1 ? ` (${s.errorsInRow} in a row)` : ''}
                  </span>
                ) : s.errorCount > 0 ? (
                  <span className="muted">{s.errorCount} since start</span>
                ) : (
                  ''
                )}
              </td>
              <td className="num">{s.enabled ? agoText(s.nextPollAt, now) : '–'}</td>
              <td className="num">{s.itemsStored}</td>
              <td className="sig-actions">
                <button type="button" className="btn btn-small" disabled={busy === s.id || !s.enabled} aria-label={`Refresh ${s.label}`} onClick={() => void act(s.id, `Refresh ${s.label}`, () => signals.pollSource(s.id))}>
                  Refresh
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy === s.id}
                  aria-label={`${s.enabled ? 'Disable' : 'Enable'} ${s.label}`}
                  onClick={() => void act(s.id, `${s.enabled ? 'Disable' : 'Enable'} ${s.label}`, () => signals.setSourceEnabled(s.id, !s.enabled))}
                >
                  {s.enabled ? 'Disable' : 'Enable'}
                </button>
                {!s.automatic && (
                  <button type="button" className="btn btn-small" disabled={busy === s.id} aria-label={`Remove ${s.label}`} onClick={() => void act(s.id, `Remove ${s.label}`, () => signals.removeSource(s.id))}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
