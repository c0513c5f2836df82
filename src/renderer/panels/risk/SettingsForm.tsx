import { useEffect, useState, type ReactNode } from 'react';
import { setRiskLimits } from '../../state/actions';
import { useRisk } from '../../state/risk';
import type { RiskLimitsConfig } from '../../view/risk';

/** What the last Apply did: nothing yet, applied, or refused with the reason and the input it names. */
export type ApplyOutcome<Slot> = { kind: 'applied' } | { kind: 'error'; message: string; slot: Slot | undefined } | null;

type Built<Slot> = { ok: true; config: RiskLimitsConfig } | { ok: false; message: string; slot: Slot | undefined };

/**
 * A form over part of the risk configuration, applied through risk.setLimits. Untouched, it follows the
 * engine (another window may change the limits); once the trader types, their input is kept until
 * applied or discarded, whatever arrives meanwhile.
 */
export interface SettingsFormOptions<Form, Slot> {
  /** The form as the engine's configuration gives it now. */
  fromConfig(config: RiskLimitsConfig): Form;
  sameForm(a: Form, b: Form): boolean;
  /** The newest configuration with the form's values put in, or why they can't be. */
  build(base: RiskLimitsConfig, form: Form): Built<Slot>;
  /** The input an engine refusal names, if it names one. */
  slotOfMessage(message: string): Slot | undefined;
}

export function useSettingsForm<Form, Slot>(config: RiskLimitsConfig, options: SettingsFormOptions<Form, Slot>, scope: string) {
  const [form, setForm] = useState<Form>(() => options.fromConfig(config));
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ApplyOutcome<Slot>>(null);

  useEffect(() => {
    if (edited) return;
    const fresh = options.fromConfig(config);
    setForm((cur) => (options.sameForm(cur, fresh) ? cur : fresh));
    // `scope` names what the options' functions read besides the configuration (the focused instrument).
  }, [config, edited, scope]);

  const edit = (change: (f: Form) => Form) => {
    setForm(change);
    setEdited(true);
    if (outcome?.kind === 'applied') setOutcome(null);
  };

  const apply = async () => {
    setOutcome(null);
    // The newest configuration is the base, so settings the form does not show are sent back as they are now.
    const built = options.build(useRisk.getState().state?.limits ?? config, form);
    if (!built.ok) {
      setOutcome({ kind: 'error', message: built.message, slot: built.slot });
      return;
    }
    setBusy(true);
    const reply = await setRiskLimits(built.config);
    setBusy(false);
    if (reply.ok) {
      setEdited(false);
      setOutcome({ kind: 'applied' });
    } else {
      setOutcome({ kind: 'error', message: reply.error.message, slot: options.slotOfMessage(reply.error.message) });
    }
  };

  const discard = () => {
    setEdited(false);
    setOutcome(null);
  };

  const badSlot = outcome?.kind === 'error' ? outcome.slot : undefined;
  return { form, edit, apply, discard, edited, busy, outcome, badSlot };
}

/**
 * The form element around a settings table, with its foot: Apply (submits the form), Discard changes,
 * and what happened, as an alert when the engine (or the form's own check) refused the change.
 */
export function SettingsForm(props: {
  state: { busy: boolean; edited: boolean; outcome: ApplyOutcome<unknown>; apply(): Promise<void>; discard(): void };
  applyLabel: string;
  appliedText: string;
  children: ReactNode;
}) {
  const { busy, edited, outcome, apply, discard } = props.state;
  return (
    <form
      className="limits-form"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      {props.children}
      <div className="limits-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {props.applyLabel}
        </button>
        <button type="button" className="btn" disabled={!edited || busy} onClick={discard}>
          Discard changes
        </button>
        {outcome?.kind === 'error' ? (
          <span className="limits-result bad" role="alert">
            {outcome.message}
          </span>
        ) : (
          <span className="limits-result good" role="status">
            {busy ? 'Applying…' : outcome?.kind === 'applied' ? props.appliedText : edited ? 'Not applied yet' : ''}
          </span>
        )}
      </div>
    </form>
  );
}
