import { type FormEvent, useState } from 'react';
import { FormField } from '../../components/FormField';
import { Panel } from '../../components/Panel';
import type { AccountsState } from '../../../contract/api';
import { changePassphrase, setIdleLock, setRememberOnDevice } from '../../state/accountActions';
import { idleLockChoices, passphrasePairProblem } from '../../view/accounts';

type Outcome = { ok: boolean; text: string } | null;

/**
 * When the vault locks itself, whether its key is kept in the OS keychain, and a new passphrase (the data
 * key is re-wrapped; no account is rewritten).
 */
export function VaultSettings({ idleLockMinutes, device }: { idleLockMinutes: number; device: AccountsState['device'] }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [mismatch, setMismatch] = useState<string | undefined>(undefined);
  const [idleError, setIdleError] = useState<string | null>(null);
  const [rememberError, setRememberError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const pair = passphrasePairProblem(next, confirm);
    setMismatch(pair);
    setOutcome(current === '' ? { ok: false, text: 'enter the current passphrase' } : null);
    if (current === '' || pair) return;
    const sent = { current, next };
    setCurrent('');
    setNext('');
    setConfirm('');
    setBusy(true);
    const reply = await changePassphrase(sent.current, sent.next);
    setBusy(false);
    setOutcome(reply.ok ? { ok: true, text: 'Passphrase changed' } : { ok: false, text: reply.error.message });
  };

  return (
    <Panel name="Vault">
      <div className="risk-scroll vault-settings">
        <div className="form-grid">
          <FormField
            label="Lock when idle"
            error={idleError ?? undefined}
            control={({ id, invalid, describedBy }) => (
              <select
                id={id}
                value={idleLockMinutes}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={async (e) => {
                  setIdleError(null);
                  const reply = await setIdleLock(Number(e.target.value));
                  if (!reply.ok) setIdleError(reply.error.message);
                }}
              >
                {idleLockChoices(idleLockMinutes).map((c) => (
                  <option key={c.minutes} value={c.minutes}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          />
        </div>
        <label className="check field-check vault-remember" title={device.reason}>
          <input
            type="checkbox"
            checked={device.remembered}
            disabled={!device.available && !device.remembered}
            onChange={async (e) => {
              setRememberError(null);
              const reply = await setRememberOnDevice(e.target.checked);
              if (!reply.ok) setRememberError(`Not changed: ${reply.error.message}`);
            }}
          />
          Remember on this device
        </label>
        {!device.available && <p className="muted vault-device-note">{device.reason}</p>}
        {rememberError && (
          <p className="risk-warn" role="alert">
            {rememberError}
          </p>
        )}
        <h3 className="risk-subhead">Change passphrase</h3>
        <form onSubmit={submit}>
          <div className="form-grid">
            <FormField label="Current" input={{ type: 'password', 'aria-label': 'Current passphrase', autoComplete: 'current-password', value: current, onChange: (e) => setCurrent(e.target.value) }} />
            <FormField label="New" error={next === '' && mismatch ? mismatch : undefined} input={{ type: 'password', 'aria-label': 'New passphrase', autoComplete: 'new-password', value: next, onChange: (e) => setNext(e.target.value) }} />
            <FormField
              label="Confirm"
              error={next !== '' ? mismatch : undefined}
              input={{ type: 'password', 'aria-label': 'Confirm new passphrase', autoComplete: 'new-password', value: confirm, onChange: (e) => setConfirm(e.target.value) }}
            />
          </div>
          <div className="limits-actions">
            <button type="submit" className="btn" disabled={busy}>
              Change passphrase
            </button>
            {outcome && (
              <span className={`limits-result ${outcome.ok ? 'good' : 'bad'}`} role={outcome.ok ? 'status' : 'alert'}>
                {outcome.text}
              </span>
            )}
          </div>
        </form>
        <p className="vault-where muted">Kept in vault.json · from a shell: sq account</p>
      </div>
    </Panel>
  );
}
