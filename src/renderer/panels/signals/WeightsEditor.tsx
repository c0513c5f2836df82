import { type FormEvent, useEffect, useState } from 'react';
import type { SignalSettingsView } from '../../../contract/api';
import { InlineField } from '../../components/FormField';
import { signals } from '../../state/signals';
import { parseWeightsForm } from '../../view/signalForms';
import { COMPONENTS } from '../../view/signals';

const textsOf = (s: SignalSettingsView): Record<string, string> => Object.fromEntries(COMPONENTS.map((c) => [c.name, String(s.weights[c.name] ?? 0)]));

/**
 * The ten component weights. The engine renormalises over the fresh components, so only their ratios matter;
 * Save sends all ten and the engine's refusal (every problem named) is shown word for word, the old weights kept.
 */
export function WeightsEditor({ settings }: { settings: SignalSettingsView }) {
  const [texts, setTexts] = useState<Record<string, string>>(() => textsOf(settings));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  // The engine's weights while nothing is being edited (another window may change them).
  useEffect(() => {
    if (!dirty) setTexts(textsOf(settings));
  }, [settings, dirty]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseWeightsForm(texts);
    setSaved(false);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    const r = await signals.setWeights(parsed.value);
    if (r.ok) {
      setRefusal(undefined);
      setDirty(false);
      setSaved(true);
    } else setRefusal(r.error.message);
  };

  return (
    <form className="sig-weights" aria-label="Signal weights" onSubmit={(e) => void save(e)} noValidate>
      <div className="sig-sub-head">
        <span>Weights</span>
        <button type="submit" className="btn btn-small" disabled={!dirty}>
          Save weights
        </button>
      </div>
      <div className="sig-weights-grid">
        {COMPONENTS.map((c) => (
          <InlineField
            key={c.name}
            className="sig-field"
            title={c.title}
            label={c.label}
            error={errors[c.name]}
            input={{
              inputMode: 'decimal',
              'aria-label': `${c.label} weight`,
              value: texts[c.name] ?? '',
              onChange: (e) => {
                setTexts((t) => ({ ...t, [c.name]: e.target.value }));
                setDirty(true);
                setSaved(false);
              },
            }}
          />
        ))}
      </div>
      {refusal !== undefined && (
        <p className="sig-error" role="alert">
          Weights not saved: {refusal}
        </p>
      )}
      {saved && (
        <p className="sig-ok" role="status">
          Weights saved
        </p>
      )}
    </form>
  );
}
