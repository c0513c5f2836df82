import { useState } from 'react';
import { SettingsForm, useSettingsForm } from './SettingsForm';
import type { Instrument } from '../../../contract/api';
import { LogTable } from '../../components/LogTable';
import { Panel, Placeholder } from '../../components/Panel';
import { resetBreaker } from '../../state/actions';
import { useFocusedInstrument } from '../../state/market';
import { instrumentKey } from '../../state/reducers';
import { useRisk } from '../../state/risk';
import { timeText } from '../../view/numbers';
import {
  type BreakerColumn,
  breakerColumns,
  type BreakerField,
  breakerFieldLabels,
  breakerFields,
  breakerFieldUnit,
  type BreakerForm,
  breakerFormFromConfig,
  type BreakerSlot,
  breakerSlotFromEngineMessage,
  type BreakerView,
  configWithBreakerForm,
  inheritedBreakerText,
  type RiskLimitsConfig,
  scopeText,
  sameBreakerForm,
  secondsUntil,
  sortBreakers,
} from '../../view/risk';

const stateLabel: Record<BreakerView['state'], string> = { CLOSED: 'CLOSED', OPEN: 'OPEN', HALF_OPEN: 'HALF-OPEN' };

function BreakerState(props: { state: BreakerView['state'] }) {
  return <span className={`breaker-state breaker-${props.state.toLowerCase()}`}>{stateLabel[props.state]}</span>;
}


/**
 * The breaker settings of the three scopes that decide the focused instrument's breakers: the
 * defaults, its venue's overrides and its own. An empty input takes the broader scope's value (shown
 * greyed in it). Applied through risk.setLimits like the limits: a bad value is refused with the
 * engine's reason and nothing changes.
 */
function BreakerSettings({ inst, config }: { inst: Instrument; config: RiskLimitsConfig }) {
  const key = instrumentKey(inst.venue, inst.symbol);
  const names = { venue: inst.venue, instrument: inst.symbol };
  const settings = useSettingsForm<BreakerForm, BreakerSlot>(
    config,
    {
      fromConfig: (c) => breakerFormFromConfig(c, inst.venue, key),
      sameForm: sameBreakerForm,
      build: (base, form) => configWithBreakerForm(base, form, inst.venue, key, names),
      slotOfMessage: (message) => breakerSlotFromEngineMessage(message, inst.venue, key),
    },
    key,
  );
  const { form, badSlot } = settings;
  const invalid = (column: BreakerColumn, field: BreakerField) => (badSlot?.column === column && badSlot.field === field ? true : undefined);
  const edit = (column: BreakerColumn, field: BreakerField, value: string) =>
    settings.edit((f) => ({ ...f, [column]: { ...f[column], [field]: value } }));

  const heading: Record<BreakerColumn, string> = { defaults: 'Default', venue: inst.venue, instrument: inst.symbol };
  const cell = (column: BreakerColumn, field: BreakerField) => {
    const label = `${heading[column]} ${breakerFieldLabels[field].replace(/^…/, '').toLowerCase()}`;
    const inherited = inheritedBreakerText(form, column, field);
    if (field === 'staleBook') {
      return (
        <select aria-label={label} value={form[column][field]} aria-invalid={invalid(column, field)} onChange={(e) => edit(column, field, e.target.value)}>
          <option value="">{`as above (${inherited})`}</option>
          <option value="on">on</option>
          <option value="off">off</option>
        </select>
      );
    }
    return (
      <input
        aria-label={label}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={form[column][field]}
        placeholder={inherited}
        aria-invalid={invalid(column, field)}
        onChange={(e) => edit(column, field, e.target.value)}
      />
    );
  };

  return (
    <SettingsForm state={settings} applyLabel="Apply breaker settings" appliedText="Breaker settings applied">
      <table className="risk-table limits-table">
        <thead>
          <tr>
            <th>Setting</th>
            <th>Default</th>
            <th title={`Overrides for venue ${inst.venue} and its instruments; blank = the default`}>{inst.venue}</th>
            <th title={`Overrides for ${key}; blank = the venue's or the default`}>{inst.symbol}</th>
          </tr>
        </thead>
        <tbody>
          {breakerFields.map((field) => (
            <tr key={field}>
              <th scope="row">
                {breakerFieldLabels[field]}
                {breakerFieldUnit[field] && <span className="unit">{breakerFieldUnit[field]}</span>}
              </th>
              {breakerColumns.map((column) => (
                <td key={column}>{cell(column, field)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </SettingsForm>
  );
}

/** Every circuit breaker, tripped ones first, with a manual reset; then the latest transitions and the settings. */
export function RiskBreakers() {
  const state = useRisk((s) => s.state);
  const inst = useFocusedInstrument();
  const [error, setError] = useState<string | null>(null);
  if (!state) {
    return (
      <Panel name="Breakers" title="Circuit breakers">
        <Placeholder>Waiting for risk…</Placeholder>
      </Panel>
    );
  }
  const now = state.utilisation.ts;
  const breakers = sortBreakers(state.breakers);
  const tripped = breakers.filter((b) => b.state !== 'CLOSED').length;
  const log = [...state.breakerLog].reverse().slice(0, 50);
  return (
    <Panel
      name="Breakers"
      title={
        <>
          Circuit breakers<span className="count">{tripped > 0 ? `${tripped} tripped` : 'all closed'}</span>
        </>
      }
    >
      <div className="risk-scroll">
        <table className="risk-table breakers-table">
          <thead>
            <tr>
              <th>Scope</th>
              <th>Venue</th>
              <th>Symbol</th>
              <th>State</th>
              <th>Since</th>
              <th>Reason</th>
              <th className="value">Reopen</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {breakers.map((b) => {
              const reopen = secondsUntil(b.reopenAt, now);
              return (
                <tr key={scopeText(b)} className={b.state !== 'CLOSED' ? 'tripped' : undefined}>
                  <td title={b.scope}>{b.scope === 'venue' ? 'venue' : 'instr.'}</td>
                  <td>{b.venue}</td>
                  <td>{b.symbol ?? '—'}</td>
                  <td>
                    <BreakerState state={b.state} />
                  </td>
                  <td className="num">{timeText(b.since)}</td>
                  <td className="reason" title={b.reason}>
                    {b.reason ?? ''}
                  </td>
                  <td className="value num">{reopen !== undefined ? `in ${reopen}s` : ''}</td>
                  <td>
                    {b.state !== 'CLOSED' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        title={`Close the ${scopeText(b)} breaker now`}
                        onClick={async () => {
                          setError(null);
                          const reply = await resetBreaker(b.venue, b.symbol);
                          if (!reply.ok) setError(`Reset failed: ${reply.error.message}`);
                        }}
                      >
                        Reset breaker
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {error && (
          <p className="risk-warn" role="alert">
            {error}
          </p>
        )}
        <h3 className="risk-subhead">Last transitions</h3>
        <LogTable
          entries={log}
          empty="No breaker has moved yet"
          rowKey={(t, i) => `${t.ts}-${scopeText(t)}-${i}`}
          columns={[
            { title: 'Scope', width: 100, cell: (t) => scopeText(t) },
            {
              title: 'From → to',
              width: 150,
              cell: (t) => (
                <>
                  <BreakerState state={t.from} /> → <BreakerState state={t.to} />
                </>
              ),
            },
          ]}
        />
        <h3 className="risk-subhead">Settings{inst ? ` for ${instrumentKey(inst.venue, inst.symbol)}` : ''}</h3>
        {inst ? (
          <BreakerSettings key={instrumentKey(inst.venue, inst.symbol)} inst={inst} config={state.limits} />
        ) : (
          <Placeholder>Focus an instrument to see its breaker settings</Placeholder>
        )}
      </div>
    </Panel>
  );
}
