import { type FormEvent, useId, useState } from 'react';
import type { AlertMetric } from '../../../contract/api';
import { alerts } from '../../state/alerts';
import { useMarket } from '../../state/market';
import { ALERT_METRIC_LABELS, type AlertForm as Form, type AlertKind, alertTicket, emptyAlertForm } from '../../view/alerts';

const KINDS: { key: AlertKind; label: string }[] = [
  { key: 'price', label: 'Price' },
  { key: 'move', label: '% move' },
  { key: 'analytics', label: 'Analytics' },
];

/**
 * A new alert on the focused instrument: one form whose middle row changes with the kind. The engine
 * decides what is valid (a price in whole ticks, ranges); its refusal is shown as it said it.
 */
export function AlertForm() {
  const id = useId();
  const focus = useMarket((s) => s.focus);
  const [form, setForm] = useState<Form>(() => emptyAlertForm(focus.venue, focus.symbol));
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setAdded(null);
    const built = alertTicket({ ...form, venue: focus.venue, symbol: focus.symbol });
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setBusy(true);
    const reply = await alerts.add(built.ticket);
    setBusy(false);
    if (reply.ok) {
      setProblem(null);
      setAdded(`Alert added on ${focus.venue} ${focus.symbol}`);
      setForm((f) => ({ ...f, price: '', percent: '', value: '', note: '' }));
    } else setProblem(reply.message);
  }

  const field = (label: string, key: 'price' | 'percent' | 'windowSec' | 'value' | 'cooldownSec' | 'note', inputMode: 'decimal' | 'numeric' | 'text') => (
    <label className="alert-field">
      <span>{label}</span>
      <input
        id={`${id}-${key}`}
        value={form[key]}
        inputMode={inputMode}
        aria-invalid={problem !== null ? true : undefined}
        aria-describedby={problem !== null ? `${id}-problem` : undefined}
        onChange={(e) => set(key, e.target.value)}
      />
    </label>
  );

  return (
    <form className="alert-form" aria-label="New alert" onSubmit={(e) => void submit(e)} noValidate>
      <div className="alert-form-row">
        <span className="alert-instrument" title="Alerts are set on the focused instrument">
          {focus.venue} {focus.symbol}
        </span>
        <label className="alert-field">
          <span>Kind</span>
          <select aria-label="Kind" value={form.kind} onChange={(e) => set('kind', e.target.value as AlertKind)}>
            {KINDS.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {form.kind === 'price' && (
          <>
            <label className="alert-field">
              <span>Condition</span>
              <select aria-label="Condition" value={form.condition} onChange={(e) => set('condition', e.target.value as Form['condition'])}>
                <option value="crosses">crosses</option>
                <option value="above">at or above</option>
                <option value="below">at or below</option>
              </select>
            </label>
            {field('Price', 'price', 'decimal')}
          </>
        )}
        {form.kind === 'move' && (
          <>
            <label className="alert-field">
              <span>Direction</span>
              <select aria-label="Direction" value={form.direction} onChange={(e) => set('direction', e.target.value as Form['direction'])}>
                <option value="either">either way</option>
                <option value="up">up</option>
                <option value="down">down</option>
              </select>
            </label>
            {field('Move %', 'percent', 'decimal')}
            {field('Window (s)', 'windowSec', 'numeric')}
          </>
        )}
        {form.kind !== 'analytics' ? (
          <label className="alert-field">
            <span>Price source</span>
            <select aria-label="Price source" value={form.source} onChange={(e) => set('source', e.target.value as Form['source'])}>
              <option value="last">last trade</option>
              <option value="mid">mid</option>
            </select>
          </label>
        ) : (
          <>
            <label className="alert-field">
              <span>Metric</span>
              <select aria-label="Metric" value={form.metric} onChange={(e) => set('metric', e.target.value as AlertMetric)}>
                {Object.entries(ALERT_METRIC_LABELS).map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="alert-field">
              <span>Condition</span>
              <select aria-label="Condition" value={form.condition === 'below' ? 'below' : 'above'} onChange={(e) => set('condition', e.target.value as Form['condition'])}>
                <option value="above">at or above</option>
                <option value="below">at or below</option>
              </select>
            </label>
            {field('Value', 'value', 'decimal')}
          </>
        )}
      </div>
      <div className="alert-form-row">
        <label className="alert-field">
          <span>Repeat</span>
          <select aria-label="Repeat" value={form.repeat} onChange={(e) => set('repeat', e.target.value as Form['repeat'])}>
            <option value="once">once</option>
            <option value="every">every time</option>
          </select>
        </label>
        {form.repeat === 'every' && field('Cool-down (s)', 'cooldownSec', 'numeric')}
        <label className="alert-check">
          <input type="checkbox" checked={form.sound} onChange={(e) => set('sound', e.target.checked)} />
          <span>Sound</span>
        </label>
        {field('Note', 'note', 'text')}
        <button type="submit" className="btn" disabled={busy}>
          Add alert
        </button>
      </div>
      {problem !== null && (
        <p className="alert-problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
      {added !== null && (
        <p className="alert-added" role="status">
          {added}
        </p>
      )}
    </form>
  );
}
