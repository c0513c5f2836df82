import { type FormEvent, useState } from 'react';
import { FormField } from '../../components/FormField';
import { Panel } from '../../components/Panel';
import { addAccount } from '../../state/accountActions';
import { accountRequest, type AccountField, type AccountForm, emptyAccountForm, type FieldErrors, fieldErrorsFromEngine, marketTypeChoices, type VenueKind, venueChoices } from '../../view/accounts';

type Outcome = { kind: 'added'; name: string } | { kind: 'refused'; message: string | undefined } | null;

/**
 * A new venue account. The API secret (and a ccxt venue's API passphrase) is sent once and cleared from the form's state as soon as the
 * form is submitted, whatever the answer; a refusal puts the vault's reasons next to the fields they
 * name, and the secret has to be typed again.
 */
export function AddAccount() {
  const [form, setForm] = useState<AccountForm>(emptyAccountForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const edit = <K extends keyof AccountForm>(key: K, value: AccountForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (outcome?.kind === 'added') setOutcome(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const request = accountRequest(form);
    if (!request.ok) {
      setErrors(request.errors);
      setOutcome(null);
      return;
    }
    setForm((f) => ({ ...f, secret: '', password: '' }));
    setErrors({});
    setOutcome(null);
    setBusy(true);
    const reply = await addAccount(request.input);
    setBusy(false);
    if (reply.ok) {
      setForm(emptyAccountForm);
      setOutcome({ kind: 'added', name: reply.value.name });
      return;
    }
    const placed = fieldErrorsFromEngine(reply.error.message, form.venue);
    setErrors(placed.fields);
    setOutcome({ kind: 'refused', message: placed.general });
  };

  const text = (field: AccountField & keyof AccountForm, label: string, extra: { type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <FormField
      label={label}
      error={errors[field]}
      input={{ ...extra, value: form[field] as string, onChange: (e) => edit(field, e.target.value) }}
    />
  );

  return (
    <Panel name="Add account">
      <div className="risk-scroll">
        <form className="account-form" onSubmit={submit} noValidate>
          <div className="form-grid form-grid-2">
            {text('name', 'Name', { placeholder: 'e.g. main' })}
            <FormField
              label="Venue"
              error={errors.venue ?? errors.ccxtId}
              control={({ id, invalid, describedBy }) => (
                <div className="field-inputs">
                  <select id={id} value={form.venue} aria-invalid={errors.venue ? invalid : undefined} onChange={(e) => edit('venue', e.target.value as VenueKind)}>
                    {venueChoices.map((v) => (
                      <option key={v.value} value={v.value}>
                        {v.label}
                      </option>
                    ))}
                  </select>
                  {form.venue === 'ccxt' && (
                    <input
                      aria-label="ccxt exchange id"
                      placeholder="exchange id, e.g. bybit"
                      autoComplete="off"
                      spellCheck={false}
                      value={form.ccxtId}
                      aria-invalid={errors.ccxtId ? invalid : undefined}
                      aria-describedby={describedBy}
                      onChange={(e) => edit('ccxtId', e.target.value)}
                    />
                  )}
                </div>
              )}
            />
            {text('apiKey', 'API key')}
            {text('secret', 'API secret', {
              type: 'password',
              autoComplete: 'new-password',
              placeholder: outcome?.kind === 'refused' ? 'type it again' : undefined,
            })}
            {form.venue === 'ccxt' &&
              text('password', 'API passphrase', { type: 'password', autoComplete: 'new-password', placeholder: 'if the venue has one (OKX, KuCoin, Bitget)' })}
            {form.venue === 'ccxt' && (
              <FormField
                label="Markets"
                error={errors.marketTypes}
                control={({ id, invalid, describedBy }) => (
                  // The one market type loaded and traded (swaps and futures: the linear ones): ccxt streams
                  // an account's orders and fills for one type, so each type is an account of its own.
                  <div id={id} role="radiogroup" aria-label="Market type" aria-invalid={invalid} aria-describedby={describedBy} className="field-inputs">
                    {marketTypeChoices.map((c) => (
                      <label key={c.value} className="check">
                        <input type="radio" name="market-type" checked={form.marketTypes.includes(c.value)} onChange={() => edit('marketTypes', [c.value])} />
                        {c.label}
                      </label>
                    ))}
                  </div>
                )}
              />
            )}
            {text('restUrl', 'REST URL', { placeholder: form.venue === 'kite' ? 'https://api.kite.trade' : "venue's default" })}
            {text('streamUrl', 'Stream URL', { placeholder: form.venue === 'kite' ? 'wss://ws.kite.trade' : "venue's default" })}
            {/* Kite has no WebSocket API and no testnet: a sandbox is its REST and stream URLs. */}
            {form.venue !== 'kite' && text('wsApiUrl', 'WS API URL', { placeholder: "venue's default" })}
            {form.venue !== 'kite' && <span className="field-label" aria-hidden="true" />}
            {form.venue !== 'kite' && (
              <label className="check field-check">
                <input type="checkbox" checked={form.testnet} onChange={(e) => edit('testnet', e.target.checked)} />
                Testnet
              </label>
            )}
            {form.venue === 'kite' && <span className="field-label" aria-hidden="true" />}
            {form.venue === 'kite' && <span className="muted field-note">Kite asks for a login every day: use "Log in to Kite" in the list once the account is added.</span>}
          </div>
          <div className="limits-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Add account
            </button>
            {outcome?.kind === 'refused' ? (
              <span className="limits-result bad" role="alert">
                {outcome.message ?? 'Refused: see the fields marked'}
              </span>
            ) : (
              <span className="limits-result good" role="status">
                {busy ? 'Adding…' : outcome?.kind === 'added' ? `Added ${outcome.name}` : ''}
              </span>
            )}
          </div>
        </form>
      </div>
    </Panel>
  );
}
