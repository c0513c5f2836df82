import type { BookView, Instrument, Order, Side } from '../../contract/api';
import { formatPrice, formatQty } from '../../contract/format';
import type { HotkeySettings } from '../../contract/hotkeys';
import { amendOrder, cancelOrder, submitOrder } from '../state/actions';
import { useAccount } from '../state/account';
import { bridge } from '../state/bridgeRef';
import { findInstrument, market, useMarket } from '../state/market';
import { usePreferences } from '../state/preferences';
import { instrumentKey, isRestingOrder } from '../state/reducers';
import { useSession } from '../state/session';
import { useTicket } from '../state/ticket';
import { touch } from '../view/ladder';
import { type QuickPrice, quickOrder } from '../view/quickOrder';
import { failureText } from '../view/ticket';
import { isProduction } from '../view/venues';
import { presetQty, quickTrading, useQuickTrading } from './quickTrading';
import { priceText, qtyText } from '../view/numbers';

/**
 * What one-click trading and the hotkeys do, through the same bridge calls (and so the same engine
 * risk checks) as the ticket. Every outcome, good or bad, is told on the ladder's notice line; a
 * refusal in the engine's or venue's own words.
 */

const engineNow = (): number => Date.now() + (useSession.getState().engineOffsetMs ?? 0);

function focusedInstrument() {
  const { instruments, focus } = useMarket.getState();
  return findInstrument(instruments, focus.venue, focus.symbol);
}

/**
 * Why an instant order may not go now, or undefined when it may. One-click must be on; and real money
 * with "confirm production orders" on is never sent by a single click (that option asks for a second
 * look at every order; the ticket is where that happens).
 */
function refusal(venue: string): string | undefined {
  if (!useQuickTrading.getState().oneClick) return 'One-click trading is off: turn it on above the ladder to trade by click or hotkey';
  if (usePreferences.getState().confirmProductionOrders && isProduction(useSession.getState().status, venue)) {
    return `Not sent: ${venue} is a production account and "confirm production orders" is on; use the ticket`;
  }
  return undefined;
}

/**
 * A limit at a price (ladder click, join/hit hotkeys) or a market order, of the chosen preset's size, for the
 * focused instrument, or for `on` (a ladder linked to another group: its instrument and its book).
 */
export async function placeQuick(side: Side, where: QuickPrice, source: 'ladder' | 'hotkey', on?: { inst: Instrument | undefined; book: BookView | null }): Promise<Order | undefined> {
  const inst = on ? on.inst : focusedInstrument();
  if (!inst) return void quickTrading.tell({ kind: 'bad', text: on ? 'This ladder has no instrument loaded yet' : 'No instrument is focused yet' });
  const refused = refusal(inst.venue);
  if (refused) return void quickTrading.tell({ kind: 'bad', text: refused });
  const built = quickOrder(inst, side, where, presetQty(), source, {
    product: useTicket.getState().product,
    touch: touch(on ? on.book : useMarket.getState().book),
    now: engineNow(),
  });
  if (!built.ok) return void quickTrading.tell({ kind: 'bad', text: `Not sent: ${built.error}` });
  const reply = await submitOrder(built.input);
  if (!reply.ok) return void quickTrading.tell({ kind: 'bad', text: failureText(reply.error) });
  const o = reply.value;
  const what = `${side === 'buy' ? 'Buy' : 'Sell'} ${qtyText(inst, o.qty)} ${o.price !== undefined ? `@ ${priceText(inst, o.price)}` : 'at market'}`;
  quickTrading.tell(o.status === 'rejected' ? { kind: 'bad', text: `Rejected: ${o.rejectReason ?? 'by the venue'}` } : { kind: 'good', text: `${what} sent` });
  return o;
}

/** A hotkey priced from the touch: refused, saying so, when that side of the book is empty. */
export function placeAtTouch(side: Side, level: 'bid' | 'ask'): Promise<Order | undefined> {
  const price = touch(useMarket.getState().book)[level];
  if (price === undefined) {
    quickTrading.tell({ kind: 'bad', text: `Not sent: there is no ${level} in the book` });
    return Promise.resolve(undefined);
  }
  return placeQuick(side, { kind: 'limit', price }, 'hotkey');
}

/** Right-click on a level (or × on a chart line): cancels these working orders. Cancel never needs one-click. */
export async function cancelOrders(orders: readonly Order[]): Promise<void> {
  const failures: string[] = [];
  for (const o of orders) {
    const r = await cancelOrder(o.clientOrderId);
    if (!r.ok) failures.push(r.error.message);
  }
  quickTrading.tell(failures.length > 0 ? { kind: 'bad', text: `Cancel refused: ${failures.join('; ')}` } : { kind: 'good', text: `Cancel sent for ${orders.length} order${orders.length === 1 ? '' : 's'}` });
}

/** A drag to another price: each order amended to it (a new version once the venue confirms). */
export async function moveOrders(orders: readonly Order[], price: number, of?: Instrument): Promise<void> {
  // The orders' own instrument (a linked ladder or chart may show another than the focus).
  const first = orders[0];
  const inst = of ?? (first ? findInstrument(useMarket.getState().instruments, first.venue, first.symbol) : undefined) ?? focusedInstrument();
  if (!inst) return;
  const refused = refusal(inst.venue);
  if (refused) return void quickTrading.tell({ kind: 'bad', text: refused });
  const text = formatPrice(inst, price);
  const failures: string[] = [];
  for (const o of orders) {
    if (o.price === price) continue;
    const r = await amendOrder({ clientOrderId: o.clientOrderId, price: text, source: 'ladder' });
    if (!r.ok) failures.push(r.error.message);
  }
  quickTrading.tell(failures.length > 0 ? { kind: 'bad', text: `Amend refused: ${failures.join('; ')}` } : { kind: 'good', text: `Amend to ${text} sent` });
}

/** Our working orders of the focused instrument. */
export function focusedWorkingOrders(): Order[] {
  const { focus } = useMarket.getState();
  return Object.values(useAccount.getState().orders).filter((o) => isRestingOrder(o) && o.venue === focus.venue && o.symbol === focus.symbol);
}

export async function cancelAllFocused(): Promise<void> {
  const { focus } = useMarket.getState();
  const r = await bridge().call('orders.cancelAll', { venue: focus.venue, symbol: focus.symbol });
  quickTrading.tell(r.ok ? { kind: 'good', text: `Cancel sent for ${r.value.sent} ${focus.symbol} order${r.value.sent === 1 ? '' : 's'}` } : { kind: 'bad', text: `Cancel refused: ${r.error.message}` });
}

/** Closes the focused position with a market order of its size (reduce-only where the venue has it). */
export async function flattenFocused(): Promise<void> {
  const inst = focusedInstrument();
  if (!inst) return;
  const pos = useAccount.getState().positions[instrumentKey(inst.venue, inst.symbol)];
  if (!pos || pos.qty === 0) return void quickTrading.tell({ kind: 'bad', text: `No ${inst.symbol} position to flatten` });
  const refused = refusal(inst.venue);
  if (refused) return void quickTrading.tell({ kind: 'bad', text: refused });
  const built = quickOrder(inst, pos.qty > 0 ? 'sell' : 'buy', { kind: 'market' }, formatQty(inst, Math.abs(pos.qty)), 'hotkey', {
    product: useTicket.getState().product,
    reduceOnly: true,
    touch: touch(useMarket.getState().book),
    now: engineNow(),
  });
  if (!built.ok) return void quickTrading.tell({ kind: 'bad', text: `Not sent: ${built.error}` });
  const r = await submitOrder(built.input);
  quickTrading.tell(!r.ok ? { kind: 'bad', text: failureText(r.error) } : r.value.status === 'rejected' ? { kind: 'bad', text: `Rejected: ${r.value.rejectReason ?? 'by the venue'}` } : { kind: 'good', text: `Flatten ${inst.symbol} sent` });
}

/** Moves the focus to the next instrument of the focused account, wrapping round. */
export function nextInstrument(): void {
  const { instruments, focus } = useMarket.getState();
  const same = instruments.filter((i) => i.venue === focus.venue);
  if (same.length < 2) return;
  const at = same.findIndex((i) => i.symbol === focus.symbol);
  const next = same[(at + 1) % same.length]!;
  market.setFocus({ venue: next.venue, symbol: next.symbol });
}

/** Puts the keyboard in the ticket's first field (price or quantity), ready to type. */
export function focusTicket(): void {
  const field = document.querySelector<HTMLInputElement>('form.ticket input[inputmode], form.ticket input[type="text"]');
  field?.focus();
  field?.select();
}

export async function loadHotkeys(): Promise<void> {
  const r = await bridge().call('hotkeys.get', {});
  if (r.ok) quickTrading.setSettings(r.value);
}

/** Keeps a new map and presets in the engine; the refusal (a conflict, a reserved key) comes back to show. */
export async function saveHotkeys(next: HotkeySettings): Promise<{ ok: true } | { ok: false; error: string }> {
  const r = await bridge().call('hotkeys.set', { bindings: next.bindings, quantityPresets: next.quantityPresets });
  if (!r.ok) return { ok: false, error: r.error.message };
  quickTrading.setSettings(r.value);
  return { ok: true };
}
