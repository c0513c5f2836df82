import { useState } from 'react';
import type { GttChange, GttView, Instrument, Product } from '../../../contract/api';
import { FormField } from '../../components/FormField';
import { Panel, Placeholder } from '../../components/Panel';
import { Segmented } from '../../components/Segmented';
import { modifyGtt, placeGtt } from '../../state/gttActions';
import { checkGttForm, emptyGttForm, gttFormOf, type GttFieldKey, type GttFormFields, type GttKind, type GttLegFields, legNames } from '../../view/gtt';

const KINDS = [
  { key: 'single', label: 'Single', title: 'One trigger, one LIMIT order' },
  { key: 'oco', label: 'OCO', title: 'A stop-loss and a target: the first reached cancels the other' },
] as const;
const PRODUCTS: readonly Product[] = ['CNC', 'MIS', 'NRML'];

/**
 * Creates a GTT on the focused Kite instrument: single or OCO, the trigger(s) and the LIMIT order(s)
 * Kite places when one is reached; or, with `editing`, changes that GTT (its instrument's terms filled
 * in). Every field is checked with the engine's parsers, its message beside it from the first Create
 * on; Kite's own refusal is shown in its words.
 */
export function GttForm(props: { inst: Instrument | undefined; editing?: GttView | undefined; onChanged: (change: GttChange) => void; onDoneEditing?: () => void }) {
  const { inst, editing } = props;
  const [fields, setFields] = useState<GttFormFields>(() => (editing && inst ? gttFormOf(editing, inst) : emptyGttForm(inst)));
  // Messages appear from the first Create on, then follow the typing. Not on blur: a message appearing
  // as the trader presses Create would move the button from under the pointer and lose the click.
  const [attempted, setAttempted] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [sending, setSending] = useState(false);
  if (!inst || inst.exchange === undefined) {
    return (
      <Panel name="New GTT">
        <Placeholder>Focus a Kite instrument (NSE, BSE, NFO, MCX) to create a GTT on it</Placeholder>
      </Panel>
    );
  }
  const check = checkGttForm(inst, fields);
  const errorOf = (key: GttFieldKey) => (!check.ok && attempted ? check.errors[key] : undefined);
  const setLeg = (i: 0 | 1, change: Partial<GttLegFields>) =>
    setFields((f) => {
      const legs: GttFormFields['legs'] = [...f.legs];
      legs[i] = { ...legs[i], ...change };
      return { ...f, legs };
    });
  const names = legNames(fields.kind);
  const legIndexes: (0 | 1)[] = fields.kind === 'single' ? [0] : [0, 1];

  const create = async () => {
    setResult(undefined);
    setAttempted(true);
    if (!check.ok) return;
    setSending(true);
    const reply = editing ? await modifyGtt({ id: editing.id, ...check.input }) : await placeGtt(check.input);
    setSending(false);
    if (!reply.ok) return setResult({ ok: false, text: `Not ${editing ? 'changed' : 'created'}: ${reply.error.message}` });
    setResult({ ok: true, text: `GTT ${reply.value.id} ${editing ? 'changed' : 'created'} on ${inst.symbol}` });
    props.onChanged(reply.value);
  };
  const name = editing ? `Edit GTT ${editing.id}` : 'New GTT';

  return (
    <Panel name={name} title={`${name} · ${inst.symbol}`}>
      <form
        className="gtt-form"
        aria-label={name}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="gtt-form-top">
          <Segmented<GttKind> label="GTT type" options={KINDS} value={fields.kind} onChange={(kind) => setFields((f) => ({ ...f, kind }))} />
          <div className="form-grid">
            <FormField
              label="Last price"
              error={errorOf('lastPrice')}
              input={{ value: fields.lastPrice, inputMode: 'decimal', placeholder: 'from the book', onChange: (e) => setFields((f) => ({ ...f, lastPrice: e.target.value })) }}
            />
          </div>
        </div>
        {legIndexes.map((i) => {
          const leg = fields.legs[i];
          const name = names[i];
          const key = (field: 'trigger' | 'qty' | 'price') => `legs.${i}.${field}` as GttFieldKey;
          return (
            <fieldset key={i} className="gtt-leg">
              <legend>{name}</legend>
              {/* Short labels in the dense grid; each control's accessible name says which leg it is. */}
              <div className="form-grid gtt-leg-grid">
                <FormField
                  label="Trigger"
                  error={errorOf(key('trigger'))}
                  input={{ 'aria-label': `${name} trigger`, value: leg.trigger, inputMode: 'decimal', onChange: (e) => setLeg(i, { trigger: e.target.value }) }}
                />
                <FormField
                  label="Qty"
                  error={errorOf(key('qty'))}
                  input={{ 'aria-label': `${name} quantity`, value: leg.qty, inputMode: 'decimal', placeholder: inst.lotSize > 1 ? `lot ${inst.lotSize}` : undefined, onChange: (e) => setLeg(i, { qty: e.target.value }) }}
                />
                <FormField
                  label="Limit"
                  error={errorOf(key('price'))}
                  input={{ 'aria-label': `${name} limit price`, value: leg.price, inputMode: 'decimal', onChange: (e) => setLeg(i, { price: e.target.value }) }}
                />
                <FormField
                  label="Side"
                  control={({ id }) => (
                    <select id={id} aria-label={`${name} side`} value={leg.side} onChange={(e) => setLeg(i, { side: e.target.value as 'buy' | 'sell' })}>
                      <option value="buy">Buy</option>
                      <option value="sell">Sell</option>
                    </select>
                  )}
                />
                <FormField
                  label="Product"
                  control={({ id }) => (
                    <select id={id} aria-label={`${name} product`} value={leg.product} onChange={(e) => setLeg(i, { product: e.target.value as Product })}>
                      {PRODUCTS.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  )}
                />
              </div>
            </fieldset>
          );
        })}
        <div className="limits-actions">
          <button type="submit" className="btn btn-primary" disabled={sending}>
            {editing ? 'Save changes' : 'Create GTT'}
          </button>
          {editing && (
            <button type="button" className="btn" onClick={props.onDoneEditing}>
              Stop editing
            </button>
          )}
          {result && (
            <span className={`limits-result ${result.ok ? 'good' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
              {result.text}
            </span>
          )}
        </div>
      </form>
    </Panel>
  );
}
