import { type FormEvent, useState } from 'react';
import { InlineField } from '../../components/FormField';
import { signals } from '../../state/signals';
import { EMPTY_SOURCE_FORM, type SourceForm, type SourceKindChoice, sourceTicketFromForm } from '../../view/signalForms';
import { SignalTextField } from './SignalTextField';

const KINDS: { key: SourceKindChoice; label: string }[] = [
  { key: 'rss', label: 'RSS / Atom feed' },
  { key: 'reddit', label: 'Reddit subreddit' },
  { key: 'cryptopanic', label: 'CryptoPanic' },
  { key: 'fearGreed', label: 'Fear & Greed index' },
];

/** Adds a news, social or index source. The engine checks it again and its refusal is shown here as it says it. */
export function AddSourceForm() {
  const [form, setForm] = useState<SourceForm>(EMPTY_SOURCE_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SourceForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A field being edited is no longer the one that was refused.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
    setRefusal(undefined);
    setDone(undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = sourceTicketFromForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await signals.addSource(parsed.value);
    setBusy(false);
    if (r.ok) {
      setDone(`${KINDS.find((k) => k.key === form.kind)?.label ?? 'Source'} added`);
      // The token is never kept in the form once the engine has it (in the vault).
      setForm({ ...EMPTY_SOURCE_FORM, kind: form.kind });
    } else setRefusal(r.error.message);
  };

  const field = (key: keyof SourceForm, label: string, input: { type?: string; placeholder?: string; title?: string } = {}) => (
    <SignalTextField name={key} label={label} value={form[key]} error={errors[key]} onValue={(v) => set({ [key]: v })} input={{ type: 'text', ...input }} />
  );

  return (
    <form className="sig-add-source" aria-label="Add source" onSubmit={(e) => void submit(e)} noValidate>
      <InlineField
        className="sig-field"
        label="Kind"
        control={({ id }) => (
          <select id={id} value={form.kind} onChange={(e) => set({ kind: e.target.value as SourceKindChoice })}>
            {KINDS.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      />
      {form.kind === 'rss' && field('url', 'Feed URL', { placeholder: 'https://…/rss', title: 'An RSS or Atom feed address' })}
      {form.kind === 'reddit' && field('subreddit', 'Subreddit', { placeholder: 'CryptoCurrency' })}
      {form.kind === 'cryptopanic' && (
        <>
          {field('token', 'API token', { type: 'password', title: 'Your CryptoPanic API token: kept in the vault (it must be unlocked), never shown again' })}
          {field('currencies', 'Currencies', { placeholder: 'BTC, ETH' })}
        </>
      )}
      {(form.kind === 'rss' || form.kind === 'reddit') && field('label', 'Label', { placeholder: 'optional' })}
      {field('intervalSec', 'Every (s)', { placeholder: 'default', title: 'Seconds between polls (15 … 86400); empty: the source’s default' })}
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Adding…' : 'Add source'}
      </button>
      {refusal !== undefined && (
        <p className="sig-error" role="alert">
          Not added: {refusal}
        </p>
      )}
      {done !== undefined && (
        <p className="sig-ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
