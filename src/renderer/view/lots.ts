import type { Instrument } from '../../contract/api';
import { formatScaled } from '../../contract/format';
import { qtyField } from './fields';
import { numberText } from './numbers';

/**
 * Whether quantities of this instrument come in exchange lots (Indian F&O: a NIFTY lot is 75 units):
 * whole units in lots of more than one. A crypto step (0.001 BTC) is not a lot in this sense.
 */
export const tradesInLots = (inst: Pick<Instrument, 'lotSize' | 'qtyDecimals'>): boolean => inst.qtyDecimals === 0 && inst.lotSize > 1;

/**
 * The ticket's reading of a typed quantity for lot-traded instruments: "2 lots = 150" for a whole
 * number of lots, "lot size 75" otherwise (the field's error says what is wrong); undefined elsewhere.
 */
export function lotsHint(inst: Instrument, qtyText: string): string | undefined {
  if (!tradesInLots(inst)) return undefined;
  const lotText = `lot size ${numberText(formatScaled(inst.lotSize, inst.qtyDecimals))}`;
  if (qtyText.trim() === '') return lotText;
  const q = qtyField(inst, qtyText);
  if (!q.ok) return lotText;
  return `${q.value} ${q.value === 1 ? 'lot' : 'lots'} = ${numberText(formatScaled(q.value * inst.lotSize, inst.qtyDecimals))}`;
}
