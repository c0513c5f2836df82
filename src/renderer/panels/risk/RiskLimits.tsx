import { SettingsForm, useSettingsForm } from './SettingsForm';
import type { Instrument } from '../../../contract/api';
import { Panel, Placeholder } from '../../components/Panel';
import { useFocusedInstrument } from '../../state/market';
import { instrumentKey } from '../../state/reducers';
import { useRisk } from '../../state/risk';
import {
  configFromForm,
  fieldLabels,
  fieldUnit,
  type FormSlot,
  formFromConfig,
  instrumentFields,
  type LimitsForm,
  type RiskLimitsConfig,
  sameForm,
  slotFromEngineMessage,
  slotKey,
} from '../../view/risk';

function LimitsEditor({ inst, config }: { inst: Instrument; config: RiskLimitsConfig }) {
  const key = instrumentKey(inst.venue, inst.symbol);
  const currency = inst.quote;
  const settings = useSettingsForm<LimitsForm, FormSlot>(
    config,
    {
      fromConfig: (c) => formFromConfig(c, key, currency),
      sameForm,
      build: (base, form) => configFromForm(base, form, key, currency, { instrument: inst.symbol }),
      slotOfMessage: (message) => slotFromEngineMessage(message, key),
    },
    `${key} ${currency}`,
  );
  const { form, edit, badSlot } = settings;
  const invalid = (slot: FormSlot) => (badSlot && slotKey(badSlot) === slotKey(slot) ? true : undefined);

  const input = (slot: FormSlot, label: string, value: string, placeholder: string, onChange: (v: string) => void) => (
    <input
      aria-label={label}
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      value={value}
      placeholder={placeholder}
      aria-invalid={invalid(slot)}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  return (
    <SettingsForm state={settings} applyLabel="Apply limits" appliedText="Limits applied">
      <table className="risk-table limits-table">
        <thead>
          <tr>
            <th>Limit</th>
            <th>Default</th>
            <th title={`Overrides for ${key}; blank = the default`}>{inst.symbol}</th>
          </tr>
        </thead>
        <tbody>
          {instrumentFields.map((f) => {
            const label = fieldLabels[f];
            const unit = fieldUnit(f, inst.base, inst.quote);
            const lower = label.charAt(0).toLowerCase() + label.slice(1);
            return (
              <tr key={f}>
                <th scope="row">
                  {label.replace(/ (%|ms)$/, '')}
                  <span className="unit">{unit}</span>
                </th>
                <td>
                  {input({ column: 'defaults', field: f }, `Default ${lower}`, form.defaults[f], 'no limit', (v) =>
                    edit((x) => ({ ...x, defaults: { ...x.defaults, [f]: v } })),
                  )}
                </td>
                <td>
                  {input({ column: 'override', field: f }, `${inst.symbol} ${lower}`, form.override[f], form.defaults[f] || 'no limit', (v) =>
                    edit((x) => ({ ...x, override: { ...x.override, [f]: v } })),
                  )}
                </td>
              </tr>
            );
          })}
          <tr className="subhead">
            <th colSpan={3}>Account max · {currency}</th>
          </tr>
          <tr>
            <th scope="row">
              Daily loss<span className="unit">{currency}</span>
            </th>
            <td>
              {input({ column: 'account', field: 'dailyLoss' }, `Max daily loss ${currency}`, form.dailyLoss, 'no limit', (v) =>
                edit((x) => ({ ...x, dailyLoss: v })),
              )}
            </td>
            <td className="hint" title="A loss beyond it engages the kill switch">trips kill switch</td>
          </tr>
          <tr>
            <th scope="row">
              Gross exposure<span className="unit">{currency}</span>
            </th>
            <td>
              {input({ column: 'account', field: 'grossExposure' }, `Max gross exposure ${currency}`, form.grossExposure, 'no limit', (v) =>
                edit((x) => ({ ...x, grossExposure: v })),
              )}
            </td>
            <td className="hint" title="Positions plus working orders, at market value">positions + orders</td>
          </tr>
        </tbody>
      </table>
    </SettingsForm>
  );
}

/** The limits the engine enforces: defaults, the focused instrument's overrides, the account's money limits. */
export function RiskLimits() {
  const inst = useFocusedInstrument();
  const config = useRisk((s) => s.state?.limits);
  const loadProblem = useRisk((s) => s.state?.loadProblem);
  return (
    <Panel name="Limits" title={loadProblem ? <span title={loadProblem}>Limits · stored limits not loaded</span> : 'Limits'}>
      <div className="risk-scroll">
        {loadProblem && <p className="risk-warn">Stored limits could not be loaded ({loadProblem}); the defaults are in force.</p>}
        {inst && config ? (
          <LimitsEditor key={instrumentKey(inst.venue, inst.symbol)} inst={inst} config={config} />
        ) : (
          <Placeholder>Waiting for risk…</Placeholder>
        )}
      </div>
    </Panel>
  );
}
