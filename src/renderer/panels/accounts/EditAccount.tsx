import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { AccountView } from '../../../contract/api';
import { FormField } from '../../components/FormField';
import { useFocusTrap } from '../../components/useFocusTrap';
import { editAccount } from '../../state/accountActions';
import { type EditForm, editFormFor, editRequest, urlFields, urlPlaceholder, venueKind } from '../../view/accountEdit';
import { type FieldErrors, fieldErrorsFromEngine, venueText } from '../../view/accounts';

type TextField = 'name' | 'apiKey' | 'secret' | 'password';

/**
 * Changes an account: its name, environment, URLs, or its key. The view has no URL (a proxy URL can hold
 * credentials), so each URL field only says whether one is set; a typed URL replaces it and "Use venue's
 * default" clears it. A new key goes with its secret; both are cleared from the form's state as soon as it is
 * submitted, whatever the answer. A refusal puts the vault's reasons next to the fields and keeps the dialog
 * open; success closes it (the list shows the change from the engine's event).
 */
export function EditAccount(props: { account: AccountView; onClose: (saved?: AccountView) => void }) {
  const { account } = props;
  const titleId = useId();
  const firstRef = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<EditForm>(() => editFormFor(account));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [retype, setRetype] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  useFocusTrap(dialogRef);
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;
  const ccxt = venueKind(account.venue) === 'ccxt';
  // Kite has no testnet and no WebSocket API: those controls are not offered for a kite account.
  const kite = account.venue === 'kite';

  useEffect(() => {
    firstRef.current?.querySelector('input')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const set = <K extends keyof EditForm>(key: K, value: EditForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const request = editRequest(account, form);
    if (!request.ok) {
      setErrors(request.errors);
      setMessage(request.unchanged ? 'Nothing to save: change a field first' : null);
      return;
    }
    const keyTyped = request.input.secret !== undefined;
    setForm((f) => ({ ...f, secret: '', password: '' }));
    setErrors({});
    setMessage(null);
    setBusy(true);
    const reply = await editAccount(request.input);
    setBusy(false);
    if (reply.ok) {
      props.onClose(reply.value);
      return;
    }
    const placed = fieldErrorsFromEngine(reply.error.message, venueKind(account.venue));
    setErrors(placed.fields);
    setMessage(placed.general ?? 'Not saved: see the fields marked');
    setRetype(keyTyped);
  };

  const text = (field: TextField, label: string, extra: { type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <FormField label={label} error={errors[field]} input={{ ...extra, value: form[field], onChange: (e) => set(field, e.target.value) }} />
  );
  const secretHint = retype ? 'type it again' : undefined;

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="dialog dialog-wide" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef}>
        <h2 id={titleId}>Edit {account.name}</h2>
        <p className="dialog-sub">
          {venueText(account.venue)} · key {account.keyFingerprint}. The terminal reconnects the account with what you save.
        </p>
        <form className="account-form" onSubmit={submit} noValidate>
          <div className="form-grid" ref={firstRef}>
            {text('name', 'Name')}
            {!kite && <span className="field-label" aria-hidden="true" />}
            {!kite && (
              <label className="check field-check">
                <input type="checkbox" checked={form.testnet} onChange={(e) => set('testnet', e.target.checked)} />
                Testnet
              </label>
            )}
            {urlFields.filter(({ field }) => !(kite && field === 'wsApiUrl')).map(({ field, label, flag }) => (
              <FormField
                key={field}
                label={label}
                error={errors[field]}
                control={({ id, invalid, describedBy }) => (
                  <div className="field-inputs url-edit">
                    <input
                      id={id}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={urlPlaceholder(account, flag)}
                      disabled={form.defaults[field]}
                      value={form[field]}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => set(field, e.target.value)}
                    />
                    {account.customEndpoints[flag] && (
                      <label className="check field-check" title={`Forget the custom ${label} and use the venue's documented one`}>
                        <input
                          type="checkbox"
                          aria-label={`Use venue's default ${label}`}
                          checked={form.defaults[field]}
                          onChange={(e) => set('defaults', { ...form.defaults, [field]: e.target.checked })}
                        />
                        Use venue's default
                      </label>
                    )}
                  </div>
                )}
              />
            ))}
          </div>
          <fieldset className="key-replace">
            <legend>Replace key</legend>
            <div className="form-grid">
              {text('apiKey', 'API key', { placeholder: 'leave empty to keep the key' })}
              {text('secret', 'API secret', { type: 'password', autoComplete: 'new-password', placeholder: secretHint })}
              {ccxt &&
                text('password', 'API passphrase', { type: 'password', autoComplete: 'new-password', placeholder: secretHint ?? "the new key's, if it has one" })}
            </div>
          </fieldset>
          {message && (
            <p className="alert-text" role="alert">
              {message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="btn" onClick={() => props.onClose()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save changes'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
