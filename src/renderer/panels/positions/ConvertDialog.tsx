import { useState } from 'react';
import type { Instrument, Position } from '../../../contract/api';
import { formatQty } from '../../../contract/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormField } from '../../components/FormField';
import { convertPosition } from '../../state/actions';
import { conversionChoices, convertQty } from '../../view/venuePositions';
import { qtyText as shownQty } from '../../view/numbers';

/**
 * "Convert" a Kite position's product (MIS <-> NRML, MIS <-> CNC for equity): which part, how much,
 * then a deliberate click on the terms as written. Kite's refusal stays in the dialog in its words.
 */
export function ConvertDialog(props: { position: Position; inst: Instrument; onClose: () => void }) {
  const { position, inst } = props;
  const choices = conversionChoices(inst, position.venueProducts);
  const [index, setIndex] = useState(0);
  const choice = choices[index];
  const [qtyText, setQtyText] = useState(choice ? formatQty(inst, choice.max) : '');
  const checked = choice ? convertQty(inst, qtyText, choice) : undefined;
  const name = inst.displayName ?? position.symbol;
  return (
    <ConfirmDialog
      title={`Convert ${name} on ${position.venue}`}
      keepLabel="Keep as is"
      confirmLabel="Convert position"
      failure="Not converted"
      onClose={props.onClose}
      onConfirm={async () => {
        if (!choice) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Kite reports nothing in this position that can be converted' } };
        if (!checked?.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: checked?.reason ?? 'no quantity' } };
        return convertPosition({ venue: position.venue, symbol: position.symbol, from: choice.from, to: choice.to, qty: checked.lots, positionType: choice.positionType });
      }}
    >
      {choice ? (
        <div className="form-grid">
          <FormField
            label="Conversion"
            control={({ id }) => (
              <select
                id={id}
                value={index}
                onChange={(e) => {
                  const next = Number(e.target.value);
                  setIndex(next);
                  setQtyText(formatQty(inst, choices[next]!.max));
                }}
              >
                {choices.map((c, i) => (
                  <option key={c.label} value={i}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          />
          <FormField label="Quantity" error={checked && !checked.ok ? checked.reason : undefined} input={{ value: qtyText, inputMode: 'decimal', onChange: (e) => setQtyText(e.target.value) }} />
        </div>
      ) : (
        <p>Kite reports nothing in this position that can be converted.</p>
      )}
      {choice && checked?.ok && (
        <p>
          Converts {shownQty(inst, checked.lots)} of the {choice.positionType === 'day' ? "today's" : 'carried'} {choice.from} position to {choice.to} at Kite. Margin
          and square-off rules change with the product.
        </p>
      )}
    </ConfirmDialog>
  );
}
