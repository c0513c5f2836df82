import type { Instrument, Position, Product } from '../../contract/api';
import { parseQty } from '../../contract/format';
import { typedDecimal } from './fields';
import { qtyText as formatQty } from './numbers';

type ProductPart = NonNullable<Position['venueProducts']>[number];

/**
 * The Positions panel's reading of a venue's own position (Kite): per product, net and today's
 * quantities in the instrument's units, as "NRML 75 · MIS -25"; products at zero are left out.
 */
export function productsText(inst: Instrument, parts: readonly ProductPart[] | undefined): string {
  const shown = (parts ?? []).filter((p) => p.netQty !== 0);
  return shown.length === 0 ? '—' : shown.map((p) => `${p.product} ${formatQty(inst, p.netQty)}`).join(' · ');
}

/** Today's part of each product ("MIS -25"), or a dash when nothing was traded today. */
export function dayText(inst: Instrument, parts: readonly ProductPart[] | undefined): string {
  const shown = (parts ?? []).filter((p) => p.dayQty !== 0);
  return shown.length === 0 ? '—' : shown.map((p) => `${p.product} ${formatQty(inst, p.dayQty)}`).join(' · ');
}

/** Kite's M2M in rupees as Kite states it ("-1250.50"), or a dash: plain, for a grid cell (the column localises it). */
export function m2mText(m2m: string | undefined): string {
  return m2m === undefined ? '—' : `₹${m2m}`;
}

/** Columns for what only some venues report appear only when a row has it (a Binance-only screen stays as it was). */
export function venueColumnsShown(positions: readonly Position[]): { products: boolean; m2m: boolean } {
  return { products: positions.some((p) => p.venueProducts !== undefined), m2m: positions.some((p) => p.venueM2m !== undefined) };
}

/** One conversion the trader can choose for a position: a product's day or carried quantity to another product. */
export interface ConversionChoice {
  from: Product;
  to: Product;
  positionType: 'day' | 'overnight';
  /** Lots, unsigned: the most that can be converted. */
  max: number;
  label: string;
}

/**
 * What Kite converts for this position: MIS <-> NRML for futures and options, MIS <-> CNC for equity,
 * each of today's quantity and of the quantity carried from earlier days separately (Kite's
 * position_type). The engine checks again against Kite's report; this only offers what makes sense.
 */
export function conversionChoices(inst: Instrument, parts: readonly ProductPart[] | undefined): ConversionChoice[] {
  const equity = inst.contract === undefined;
  const out: ConversionChoice[] = [];
  for (const p of parts ?? []) {
    const targets: Product[] = p.product === 'MIS' ? [equity ? 'CNC' : 'NRML'] : p.product === (equity ? 'CNC' : 'NRML') ? ['MIS'] : [];
    for (const to of targets) {
      for (const [positionType, qty] of [['day', p.dayQty], ['overnight', p.overnightQty]] as const) {
        if (qty === 0) continue;
        const kind = positionType === 'day' ? "today's" : 'carried';
        out.push({ from: p.product, to, positionType, max: Math.abs(qty), label: `${p.product} → ${to} (${kind} ${formatQty(inst, qty)})` });
      }
    }
  }
  return out;
}

/** The typed quantity (in the instrument's units, as shown) as lots, or why it cannot be converted. */
export function convertQty(inst: Instrument, text: string, choice: ConversionChoice): { ok: true; lots: number } | { ok: false; reason: string } {
  const typed = typedDecimal(text);
  if (!typed.ok) return { ok: false, reason: `Quantity: ${typed.error}` };
  const q = parseQty(inst, typed.text);
  if (!q.ok) return { ok: false, reason: `Quantity ${q.reason}` };
  if (q.value > choice.max) return { ok: false, reason: `Quantity: at most ${formatQty(inst, choice.max)} can be converted` };
  return { ok: true, lots: q.value };
}
