import { useMemo } from 'react';
import { Panel, Placeholder } from '../../components/Panel';
import { useRisk } from '../../state/risk';
import type { RiskLimitsConfig } from '../../view/risk';
import {
  configWithOptionForm,
  type GreekField,
  greekFields,
  greekLabels,
  type OptionLimitsForm,
  type OptionSlot,
  optionFormFromConfig,
  optionSlotFromEngineMessage,
  optionSlotKey,
  sameOptionForm,
} from '../../view/optionLimits';
import { SettingsForm, useSettingsForm } from './SettingsForm';

const unitOf: Record<GreekField, string> = { maxDelta: 'units', maxVega: 'quote/vol pt' };

/**
 * Risk's option limits: max |portfolio delta| (units of the underlying) and max |portfolio vega| (quote
 * currency per vol point) per underlying, a default for all and one row per underlying held or set.
 * Applied through risk.setLimits like the other limits.
 */
function OptionLimitsEditor({ config }: { config: RiskLimitsConfig }) {
  const used = useRisk((s) => s.state?.utilisation.options);
  const shown = useMemo(() => (used ?? []).map((o) => o.underlying), [used]);
  const scope = shown.join('|');
  const settings = useSettingsForm<OptionLimitsForm, OptionSlot>(
    config,
    {
      fromConfig: (c) => optionFormFromConfig(c, shown),
      sameForm: sameOptionForm,
      build: (b, form) => configWithOptionForm(b, form),
      slotOfMessage: optionSlotFromEngineMessage,
    },
    scope,
  );
  const { form, edit, badSlot } = settings;
  const invalid = (slot: OptionSlot) => (badSlot && optionSlotKey(badSlot) === optionSlotKey(slot) ? true : undefined);
  const input = (row: string, field: GreekField, label: string, value: string, placeholder: string) => (
    <input
      aria-label={label}
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      value={value}
      placeholder={placeholder}
      aria-invalid={invalid({ row, field })}
      onChange={(e) =>
        edit((x) =>
          row === 'defaults'
            ? { ...x, defaults: { ...x.defaults, [field]: e.target.value } }
            : { ...x, underlyings: { ...x.underlyings, [row]: { ...x.underlyings[row]!, [field]: e.target.value } } },
        )
      }
    />
  );
  return (
    <SettingsForm state={settings} applyLabel="Apply option limits" appliedText="Option limits applied">
      <table className="risk-table limits-table" aria-label="Option limits">
        <thead>
          <tr>
            <th title="Portfolio Greeks per underlying, summed over the option positions on it">Options</th>
            {greekFields.map((f) => (
              <th key={f}>
                {greekLabels[f]} <span className="unit">{unitOf[f]}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Default</th>
            {greekFields.map((f) => (
              <td key={f}>{input('defaults', f, `Default option ${greekLabels[f].toLowerCase()}`, form.defaults[f], 'no limit')}</td>
            ))}
          </tr>
          {Object.entries(form.underlyings).map(([key, t]) => (
            <tr key={key}>
              <th scope="row" title={key}>
                {key}
              </th>
              {greekFields.map((f) => (
                <td key={f}>{input(key, f, `${key} option ${greekLabels[f].toLowerCase()}`, t[f], form.defaults[f] || 'no limit')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </SettingsForm>
  );
}

/** Its own pane (below the instrument limits): its Apply and status are the option limits' alone. */
export function OptionLimits() {
  const config = useRisk((s) => s.state?.limits);
  return (
    <Panel name="Option limits">
      <div className="risk-scroll">{config ? <OptionLimitsEditor config={config} /> : <Placeholder>Waiting for risk…</Placeholder>}</div>
    </Panel>
  );
}
