import type { BookView, Instrument, Order, Side } from '../../contract/api';
import { formatPrice, formatQty } from '../../contract/format';
import type { HotkeySettings } from '../../contract/hotkeys';
import { amendOrder, cancelOrder, submitOrder } from '../state/actions';
import { useAccount } from '../state/account';
import { bridge } from '../state/bridgeRef';
import { linking, useLinking } from '../state/linking';
import { findInstrument, market, useMarket } from '../state/market';
import { marketView, shownPanels } from '../state/panelMarket';
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
import { useActivePanel } from './activePanel';
import { type HotkeyTarget, hotkeyTarget, hotkeyTargetText, nextInstrumentOf } from './hotkeyTarget';

/**
 * What one-click trading and the hotkeys do, through the same bridge calls (and so the same engine
 * risk checks) as the ticket. Every outcome, good or bad, is told on the ladder's notice line; a
 * refusal in the engine's or venue's own words.
 */

const engineNow = (): number => Date.now() + (useSession.getState().engineOffsetMs ?? 0);

/** Which instrument the hotkeys act on now: the active panel's, else the focus (hotkeyTarget.ts). */
export function hotkeyTargetNow(): HotkeyTarget {
  const shown = shownPanels();
  return hotkeyTarget(useActivePanel.getState(), (p) => shown.includes(p), useLinking.getState(), useMarket.getState().focus);
}

/** The hotkeys' instrument with its definition and book (a linked panel's watched market, or the focus's). */
function targetMarket(): { target: HotkeyTarget; inst: Instrument | undefined; book: BookView | null } {
  const target = hotkeyTargetNow();
  const view = target.panel ? marketView(target.panel) : useMarket.getState();
  return { target, inst: findInstrument(view.instruments, target.instrument.venue, target.instrument.symbol), book: view.book };
}

/**
 * Why an instant order may not go now, or undefined when it may. One-click must be on; and real money
 * with "confirm production orders" on is never sent by a single click (that option asks for a second
 * look at every order; the ticket is where that happens).
 */
function refusal(inst: Pick<Instrument, 'venue' | 'symbol'>): string | undefined {
  const { venue } = inst;
  if (!useQuickTrading.getState().oneClick) return 'One-click trading is off: turn it on above the ladder to trade by click or hotkey';
  if (usePreferences.getState().confirmProductionOrders && isProduction(useSession.getState().status, venue)) {
    return `Not sent: ${inst.symbol} is on ${venue}, a production account, and "confirm production orders" is on; use the ticket`;
  }
  return undefined;
}

/**
 * A limit at a price (ladder click, join/hit hotkeys) or a market order, of the chosen preset's size, for
 * `on` (the clicked ladder's instrument and book), else the hotkeys' instrument (the active panel's or the focus).
 */
export async function placeQuick(side: Side, where: QuickPrice, source: 'ladder' | 'hotkey', on?: { inst: Instrument | undefined; book: BookView | null }): Promise<Order | undefined> {
  const { inst, book } = on ?? targetMarket();
  if (!inst) return void quickTrading.tell({ kind: 'bad', text: on ? 'This ladder has no instrument loaded yet' : `${hotkeyTargetText(hotkeyTargetNow())} has no instrument loaded yet` });
  const refused = refusal(inst);
  if (refused) return void quickTrading.tell({ kind: 'bad', text: refused });
  const built = quickOrder(inst, side, where, presetQty(), source, {
    product: useTicket.getState().product,
    touch: touch(book),
    now: engineNow(),
  });
  if (!built.ok) return void quickTrading.tell({ kind: 'bad', text: `Not sent: ${built.error}` });
  const reply = await submitOrder(built.input);
  if (!reply.ok) return void quickTrading.tell({ kind: 'bad', text: failureText(reply.error) });
  const o = reply.value;
  // A hotkey names its instrument: it may be another than the ladder the notice is read on.
  const named = source === 'hotkey' ? `${inst.symbol} ` : '';
  const what = `${side === 'buy' ? 'Buy' : 'Sell'} ${qtyText(inst, o.qty)} ${named}${o.price !== undefined ? `@ ${priceText(inst, o.price)}` : 'at market'}`;
  quickTrading.tell(o.status === 'rejected' ? { kind: 'bad', text: `Rejected: ${o.rejectReason ?? 'by the venue'}` } : { kind: 'good', text: `${what} sent` });
  return o;
}

/** A hotkey priced from the touch: refused, saying so, when that side of the book is empty. */
export function placeAtTouch(side: Side, level: 'bid' | 'ask'): Promise<Order | undefined> {
  const on = targetMarket();
  const price = touch(on.book)[level];
  if (price === undefined) {
    quickTrading.tell({ kind: 'bad', text: `Not sent: there is no ${level} in the ${on.target.instrument.symbol} book` });
    return Promise.resolve(undefined);
  }
  return placeQuick(side, { kind: 'limit', price }, 'hotkey', on);
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
  const inst = of ?? (first ? findInstrument(useMarket.getState().instruments, first.venue, first.symbol) : undefined);
  if (!inst) return;
  const refused = refusal(inst);
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

/** Cancels every working order of the hotkeys' instrument (the active panel's, else the focus). */
export async function cancelAllFocused(): Promise<void> {
  const { instrument } = hotkeyTargetNow();
  const r = await bridge().call('orders.cancelAll', { venue: instrument.venue, symbol: instrument.symbol });
  quickTrading.tell(r.ok ? { kind: 'good', text: `Cancel sent for ${r.value.sent} ${instrument.symbol} order${r.value.sent === 1 ? '' : 's'}` } : { kind: 'bad', text: `Cancel refused: ${r.error.message}` });
}

/** Closes the position of the hotkeys' instrument with a market order of its size (reduce-only where the venue has it). */
export async function flattenFocused(): Promise<void> {
  const { target, inst, book } = targetMarket();
  if (!inst) return void quickTrading.tell({ kind: 'bad', text: `${hotkeyTargetText(target)} has no instrument loaded yet` });
  const pos = useAccount.getState().positions[instrumentKey(inst.venue, inst.symbol)];
  if (!pos || pos.qty === 0) return void quickTrading.tell({ kind: 'bad', text: `No ${inst.symbol} position to flatten` });
  const refused = refusal(inst);
  if (refused) return void quickTrading.tell({ kind: 'bad', text: refused });
  const built = quickOrder(inst, pos.qty > 0 ? 'sell' : 'buy', { kind: 'market' }, formatQty(inst, Math.abs(pos.qty)), 'hotkey', {
    product: useTicket.getState().product,
    reduceOnly: true,
    touch: touch(book),
    now: engineNow(),
  });
  if (!built.ok) return void quickTrading.tell({ kind: 'bad', text: `Not sent: ${built.error}` });
  const r = await submitOrder(built.input);
  quickTrading.tell(!r.ok ? { kind: 'bad', text: failureText(r.error) } : r.value.status === 'rejected' ? { kind: 'bad', text: `Rejected: ${r.value.rejectReason ?? 'by the venue'}` } : { kind: 'good', text: `Flatten ${inst.symbol} sent` });
}

/** Moves the hotkeys' instrument to the next of its account, wrapping round: the active panel's group follows (or the focus). */
export function nextInstrument(): void {
  const { instrument, panel } = hotkeyTargetNow();
  const next = nextInstrumentOf(useMarket.getState().instruments, instrument);
  if (!next) return;
  if (panel) linking.setInstrument(panel, next);
  else market.setFocus(next);
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
