import type { CallInput, GttView, Instrument, Product } from '../../contract/api';
import { formatPrice, formatQty } from '../../contract/format';
import { priceField, qtyField } from './fields';
import { priceText, qtyText } from './numbers';

/**
 * The GTT panel's logic: which accounts have GTTs (Kite's, whose instruments carry an exchange), the
 * rows of the list as text, and the create form checked field by field with the engine's own parsers
 * so the trader sees each problem beside its field before anything is sent.
 */

export type GttKind = 'single' | 'oco';

export interface GttLegFields {
  trigger: string;
  side: 'buy' | 'sell';
  qty: string;
  price: string;
  product: Product;
}

export interface GttFormFields {
  kind: GttKind;
  /** The price now that Kite checks the triggers against; empty: the engine takes its book's mid. */
  lastPrice: string;
  /** Single uses the first; OCO the first as stop-loss, the second as target. */
  legs: [GttLegFields, GttLegFields];
}

/** Field keys for the messages: `lastPrice`, `legs.0.trigger`, `legs.1.qty`, ... */
export type GttFieldKey = 'lastPrice' | `legs.${0 | 1}.${'trigger' | 'qty' | 'price'}`;

export type GttFormCheck = { ok: true; input: CallInput<'gtt.place'> } | { ok: false; errors: Partial<Record<GttFieldKey, string>> };

/** The accounts (venue ids) whose instruments are exchange-listed, i.e. Kite's: the only ones with GTTs. */
export function gttVenues(instruments: readonly Instrument[]): string[] {
  const out = new Set<string>();
  for (const i of instruments) if (i.exchange !== undefined) out.add(i.venue);
  return [...out].sort();
}

/** A fresh form: a single trigger, both legs selling the position's product by default (a stop on a holding). */
export function emptyGttForm(inst?: Instrument): GttFormFields {
  const product: Product = inst?.exchange === 'NSE' || inst?.exchange === 'BSE' ? 'CNC' : 'NRML';
  const leg = (): GttLegFields => ({ trigger: '', side: 'sell', qty: '', price: '', product });
  return { kind: 'single', lastPrice: '', legs: [leg(), leg()] };
}

/** The form filled with a GTT's terms as Kite holds them, to change it (`gtt.modify`). */
export function gttFormOf(g: GttView, inst: Instrument): GttFormFields {
  const blank = emptyGttForm(inst);
  const legOf = (i: 0 | 1): GttLegFields => {
    const l = g.legs[i];
    return l ? { trigger: formatPrice(inst, l.trigger), side: l.side, qty: formatQty(inst, l.qty), price: formatPrice(inst, l.price), product: l.product } : blank.legs[i];
  };
  return { kind: g.kind, lastPrice: '', legs: [legOf(0), legOf(1)] };
}

export function legNames(kind: GttKind): [string, string] {
  return kind === 'single' ? ['Order', ''] : ['Stop-loss', 'Target'];
}

/** Checks every field; with none wrong, the bridge input (amounts as typed, trimmed). */
export function checkGttForm(inst: Instrument, f: GttFormFields): GttFormCheck {
  const errors: Partial<Record<GttFieldKey, string>> = {};
  const count = f.kind === 'single' ? 1 : 2;
  const triggers: (number | undefined)[] = [];
  const legIndexes: (0 | 1)[] = count === 1 ? [0] : [0, 1];
  for (const i of legIndexes) {
    const leg = f.legs[i];
    const trigger = priceField(inst, leg.trigger);
    const qty = qtyField(inst, leg.qty);
    const price = priceField(inst, leg.price);
    if (!trigger.ok) errors[`legs.${i}.trigger`] = trigger.error;
    else if (trigger.value <= 0) errors[`legs.${i}.trigger`] = 'must be above zero';
    if (!qty.ok) errors[`legs.${i}.qty`] = qty.error;
    else if (qty.value <= 0) errors[`legs.${i}.qty`] = 'must be above zero';
    if (!price.ok) errors[`legs.${i}.price`] = price.error;
    else if (price.value <= 0) errors[`legs.${i}.price`] = 'must be above zero';
    triggers.push(trigger.ok ? trigger.value : undefined);
  }
  // Kite lists an OCO's lower trigger (the stop-loss) first.
  if (f.kind === 'oco' && triggers[0] !== undefined && triggers[1] !== undefined && triggers[0] >= triggers[1] && !errors['legs.1.trigger']) {
    errors['legs.1.trigger'] = 'must be above the stop-loss trigger';
  }
  if (f.lastPrice.trim() !== '') {
    const last = priceField(inst, f.lastPrice);
    if (!last.ok) errors.lastPrice = last.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const legs = f.legs.slice(0, count).map((l) => ({ trigger: l.trigger.trim(), side: l.side, qty: l.qty.trim(), price: l.price.trim(), product: l.product }));
  const input: CallInput<'gtt.place'> = { venue: inst.venue, symbol: inst.symbol, kind: f.kind, legs };
  if (f.lastPrice.trim() !== '') input.lastPrice = f.lastPrice.trim();
  return { ok: true, input };
}

export interface GttRow {
  id: number;
  /** For the Delete button's name and the confirmation. */
  name: string;
  symbol: string;
  type: 'Single' | 'OCO';
  triggers: string;
  orders: string;
  /** One line per leg (stop-loss, then target): the trigger, and the order Kite places at it. */
  legLines: { trigger: string; order: string }[];
  status: string;
  created: string;
  expires: string;
  /** Kite deletes only what it may still fire; finished triggers are shown, not deletable. */
  deletable: boolean;
}

/** The list as rows, active first, each newest first within its status group (by id: Kite's ids grow). */
export function gttRows(gtts: readonly GttView[], instrumentOf: (venue: string, symbol: string) => Instrument | undefined): GttRow[] {
  const sorted = [...gtts].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.id - a.id);
  return sorted.map((g) => {
    const inst = instrumentOf(g.venue, g.symbol);
    const price = (t: number) => (inst ? priceText(inst, t) : String(t));
    const qty = (l: number) => (inst ? qtyText(inst, l) : String(l));
    const type = g.kind === 'oco' ? 'OCO' : 'Single';
    const legLines = g.legs.map((l) => ({ trigger: price(l.trigger), order: `${l.side === 'buy' ? 'Buy' : 'Sell'} ${qty(l.qty)} @ ${price(l.price)} ${l.product}` }));
    return {
      id: g.id,
      name: `${type} GTT ${g.id} on ${g.symbol}`,
      symbol: g.symbol,
      type,
      triggers: legLines.map((l) => l.trigger).join(' / '),
      orders: legLines.map((l) => l.order).join('; '),
      legLines,
      status: g.status,
      created: minutes(g.createdAt),
      expires: minutes(g.expiresAt),
      deletable: g.status === 'active',
    };
  });
}

/** Kite's "2026-12-07 10:00:00" (IST) to the minute: the seconds only cost width. */
function minutes(kiteTime: string | undefined): string {
  return kiteTime === undefined ? '' : kiteTime.replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d):\d\d$/, '$1');
}

/** How often the list is read again while the panel is on screen: Kite allows 3 such requests a second for everything. */
export const GTT_REFRESH_MS = 30_000;
