import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AccountsState } from '../../../contract/api';
import { FormField } from '../../components/FormField';
import { Panel } from '../../components/Panel';
import { createVault, unlockVault } from '../../state/accountActions';
import { passphrasePairProblem } from '../../view/accounts';

/** What a submit left to show: a problem with one of the inputs, or the engine's reason. */
type Problem = { field: 'passphrase' | 'confirm' | 'form'; message: string } | null;

/**
 * The way into the vault: create it when there is none, unlock it when it is locked. A passphrase is
 * sent once and cleared from the form at once, whatever the answer.
 */
export function VaultGate({ state }: { state: AccountsState }) {
  const creating = state.vault === 'absent';
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The passphrase takes the focus only if nothing else has it (or the trader just picked this tab): a workspace
  // restored with this tab open mounts it late, and it must not take the keys of someone typing in the
  // instrument picker or the ticket (a passphrase field would swallow them).
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body || active.closest('.dv-tab') !== null) form.current?.querySelector('input')?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const local = creating ? passphrasePairProblem(passphrase, confirm) : passphrase === '' ? 'enter the passphrase' : undefined;
    if (local) {
      setProblem({ field: local === 'the two passphrases differ' ? 'confirm' : 'passphrase', message: local });
      return;
    }
    const sent = { passphrase, confirm };
    setPassphrase('');
    setConfirm('');
    setProblem(null);
    setBusy(true);
    const reply = creating ? await createVault(sent.passphrase, sent.confirm) : await unlockVault(sent.passphrase);
    setBusy(false);
    if (!reply.ok) setProblem({ field: reply.error.code === 'UNAUTHORIZED' ? 'passphrase' : 'form', message: reply.error.message });
  };

  const fieldError = (field: 'passphrase' | 'confirm') => (problem?.field === field ? problem.message : undefined);
  return (
    <Panel name="Vault" title={creating ? 'Vault · none yet' : 'Vault · locked'}>
      <div className="risk-scroll">
        <form className="vault-gate" onSubmit={submit} ref={form}>
          <h3>{creating ? 'Create the vault for your venue accounts' : 'The vault is locked'}</h3>
          <p className="muted">
            {creating
              ? 'API keys and secrets are kept encrypted in vault.json in the data directory, under this passphrase (8 characters or more). It cannot be recovered: lose it and the accounts must be added again.'
              : `Enter the passphrase to see and use the venue accounts. It locks again after ${state.idleLockMinutes === 0 ? 'you lock it' : `${state.idleLockMinutes} min without use`}.`}
          </p>
          <div className="form-grid">
            <FormField
              label="Passphrase"
              error={fieldError('passphrase')}
              input={{ type: 'password', value: passphrase, autoComplete: creating ? 'new-password' : 'current-password', onChange: (e) => setPassphrase(e.target.value) }}
            />
            {creating && (
              <FormField
                label="Confirm passphrase"
                error={fieldError('confirm')}
                input={{ type: 'password', value: confirm, autoComplete: 'new-password', onChange: (e) => setConfirm(e.target.value) }}
              />
            )}
          </div>
          <div className="limits-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {creating ? 'Create vault' : 'Unlock'}
            </button>
            {busy && (
              <span className="limits-result" role="status">
                {creating ? 'Creating…' : 'Unlocking…'}
              </span>
            )}
            {problem?.field === 'form' && (
              <span className="limits-result bad" role="alert">
                {problem.message}
              </span>
            )}
          </div>
        </form>
      </div>
    </Panel>
  );
}
