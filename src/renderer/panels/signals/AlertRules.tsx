import { type FormEvent, useState } from 'react';
import type { SignalSettingsView } from '../../../contract/api';
import { InlineField } from '../../components/FormField';
import { signals } from '../../state/signals';
import { type AlertForm, alertFromForm } from '../../view/signalForms';
import { COMPONENTS, componentLabel, thresholdText } from '../../view/signals';
import { SignalTextField } from './SignalTextField';
import { decimalText } from '../../view/numbers';

const SIGNALS = ['composite', ...COMPONENTS.map((c) => c.name)];

/**
 * Threshold alerts: a rule fires when its signal crosses the line (not when it is already beyond it when added),
 * then waits until the value is back past the hysteresis band. A firing shows a toast in every window.
 */
export function AlertRules({ settings, instrument }: { settings: SignalSettingsView; instrument: string }) {
  const [form, setForm] = useState<AlertForm>({ instrument, signal: 'composite', direction: 'above', threshold: '', hysteresis: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const set = (patch: Partial<AlertForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
    setRefusal(undefined);
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = alertFromForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    const r = await signals.addAlert(parsed.value);
    if (r.ok) setForm((f) => ({ ...f, threshold: '', hysteresis: '' }));
    else setRefusal(r.error.message);
  };
  const remove = async (ruleId: string) => {
    const r = await signals.removeAlert(ruleId);
    if (!r.ok) setRefusal(r.error.message);
  };

  const input = (key: 'instrument' | 'threshold' | 'hysteresis', label: string, placeholder: string) => (
    <SignalTextField
      name={key}
      label={label}
      value={form[key]}
      error={errors[key]}
      onValue={(v) => set({ [key]: v })}
      input={{ inputMode: key === 'instrument' ? undefined : 'decimal', placeholder }}
    />
  );

  return (
    <div className="sig-alerts">
      <div className="sig-sub-head">
        <span>Alert rules</span>
      </div>
      {settings.alerts.length === 0 ? (
        <p className="sig-empty">No alert rules.</p>
      ) : (
        <table className="sig-table" aria-label="Alert rules">
          <tbody>
            {settings.alerts.map((a) => {
              const text = `${a.instrument} ${componentLabel(a.signal)} ${a.direction} ${thresholdText(a.threshold)}`;
              return (
                <tr key={a.id}>
                  <th scope="row">{a.instrument}</th>
                  <td>{componentLabel(a.signal)}</td>
                  <td>{a.direction}</td>
                  <td className="num">{thresholdText(a.threshold)}</td>
                  <td className="num" title="Hysteresis: how far back the value must go before the rule can fire again">
                    ±{decimalText(a.hysteresis, 2)}
                  </td>
                  <td>
                    <button type="button" className="btn btn-small" aria-label={`Remove alert ${text}`} onClick={() => void remove(a.id)}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form className="sig-alert-form" aria-label="Add alert rule" onSubmit={(e) => void add(e)} noValidate>
        {input('instrument', 'Instrument', 'BTC-USDT')}
        <InlineField
          className="sig-field"
          label="Signal"
          control={({ id }) => (
            <select id={id} value={form.signal} onChange={(e) => set({ signal: e.target.value })}>
              {SIGNALS.map((s) => (
                <option key={s} value={s}>
                  {componentLabel(s)}
                </option>
              ))}
            </select>
          )}
        />
        <InlineField
          className="sig-field"
          label="When"
          control={({ id }) => (
            <select id={id} value={form.direction} onChange={(e) => set({ direction: e.target.value as 'above' | 'below' })}>
              <option value="above">crosses above</option>
              <option value="below">crosses below</option>
            </select>
          )}
        />
        {input('threshold', 'Threshold', '-1 … 1')}
        {input('hysteresis', 'Hysteresis', '0.05')}
        <button type="submit" className="btn btn-small">
          Add alert
        </button>
        {refusal !== undefined && (
          <p className="sig-error" role="alert">
            Alert rule refused: {refusal}
          </p>
        )}
      </form>
    </div>
  );
}
