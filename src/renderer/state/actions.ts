import type { CallInput, CallOutput, Order, Reply } from '../../contract/api';
import type { AmendInput } from '../view/amend';
import type { BracketInput, OcoInput, SubmitInput, TicketRequest } from '../view/ticket';
import { account } from './account';
import { bridge } from './bridgeRef';
import { risk } from './risk';

/** Commands the trader gives. Each returns the engine's reply; state changes arrive as events. */

export async function submitOrder(input: SubmitInput): Promise<Reply<CallOutput<'orders.submit'>>> {
  const reply = await bridge().call('orders.submit', input);
  if (reply.ok) account.applyOrder(reply.value);
  return reply;
}

/** An order above the freeze quantity, sent as several orders (the trader ticked Auto-slice); every child comes back. */
export async function submitSliced(input: SubmitInput): Promise<Reply<CallOutput<'orders.submitSliced'>>> {
  const reply = await bridge().call('orders.submitSliced', input);
  if (reply.ok) for (const o of reply.value) account.applyOrder(o);
  return reply;
}

/** A bracket: entry, take-profit and stop-loss, placed together; all three are known at once. */
export async function submitBracket(input: BracketInput): Promise<Reply<CallOutput<'orders.submitBracket'>>> {
  const reply = await bridge().call('orders.submitBracket', input);
  if (reply.ok) for (const o of [reply.value.entry, reply.value.takeProfit, reply.value.stopLoss]) account.applyOrder(o);
  return reply;
}

/** Two legs, one cancels the other. */
export async function submitOco(input: OcoInput): Promise<Reply<CallOutput<'orders.submitOco'>>> {
  const reply = await bridge().call('orders.submitOco', input);
  if (reply.ok) for (const o of reply.value.legs) account.applyOrder(o);
  return reply;
}

/** Changes a working order's price, stop or quantity; the reply shows it pending until the venue answers. */
export async function amendOrder(input: AmendInput): Promise<Reply<CallOutput<'orders.amend'>>> {
  const reply = await bridge().call('orders.amend', input);
  if (reply.ok) account.applyOrder(reply.value);
  return reply;
}

/** The engine's search of one venue's whole instrument list (for venues too large to list whole in the views). */
export function searchVenueInstruments(venue: string, query: string, limit: number): Promise<Reply<CallOutput<'instruments.search'>>> {
  return bridge().call('instruments.search', { query, venue, limit });
}

/** One order's versions and events, for the history drawer. */
export function loadOrderHistory(clientOrderId: string): Promise<Reply<CallOutput<'orders.history'>>> {
  return bridge().call('orders.history', { clientOrderId });
}

/** The audit trail as CSV: one order's, or everything when no order is given. */
export function auditCsv(clientOrderId?: string): Promise<Reply<CallOutput<'audit.csv'>>> {
  return bridge().call('audit.csv', clientOrderId === undefined ? {} : { clientOrderId });
}

/** Sends what the ticket built, whichever call it is; the reply lists the orders placed (entry first). */
export async function placeTicket(request: TicketRequest): Promise<Reply<Order[]>> {
  switch (request.call) {
    case 'orders.submit': {
      const r = await submitOrder(request.input);
      return r.ok ? { ok: true, value: [r.value] } : r;
    }
    case 'orders.submitSliced':
      return submitSliced(request.input);
    case 'orders.submitBracket': {
      const r = await submitBracket(request.input);
      return r.ok ? { ok: true, value: [r.value.entry, r.value.takeProfit, r.value.stopLoss] } : r;
    }
    case 'orders.submitOco': {
      const r = await submitOco(request.input);
      return r.ok ? { ok: true, value: r.value.legs } : r;
    }
  }
}

export function cancelOrder(clientOrderId: string): Promise<Reply<CallOutput<'orders.cancel'>>> {
  return bridge().call('orders.cancel', { clientOrderId });
}

export function cancelAll(): Promise<Reply<CallOutput<'orders.cancelAll'>>> {
  return bridge().call('orders.cancelAll', {});
}

export async function engageKill(source: 'bridge' | 'hotkey', reason?: string): Promise<Reply<CallOutput<'kill.engage'>>> {
  const reply = await bridge().call('kill.engage', reason ? { source, reason } : { source });
  if (reply.ok) account.setKill(reply.value);
  return reply;
}

export async function resetKill(): Promise<Reply<CallOutput<'kill.reset'>>> {
  const reply = await bridge().call('kill.reset', { confirm: true, source: 'bridge' });
  if (reply.ok) account.setKill(reply.value);
  return reply;
}

/** Turns "close every position when the kill switch engages" on or off. */
export async function setFlattenOnKill(on: boolean): Promise<Reply<CallOutput<'kill.setFlatten'>>> {
  const reply = await bridge().call('kill.setFlatten', { on });
  if (reply.ok) account.setKill(reply.value);
  return reply;
}

/** Kite: turns "delete every active GTT when the kill switch engages" on or off. */
export async function setDeleteGttsOnKill(on: boolean): Promise<Reply<CallOutput<'kill.setDeleteGtts'>>> {
  const reply = await bridge().call('kill.setDeleteGtts', { on });
  if (reply.ok) account.setKill(reply.value);
  return reply;
}

/** Kite: converts (part of) a position to another product; Kite's refusal comes back in its words. */
export async function convertPosition(input: CallInput<'positions.convert'>): Promise<Reply<CallOutput<'positions.convert'>>> {
  const reply = await bridge().call('positions.convert', input);
  if (reply.ok) account.applyPosition(reply.value);
  return reply;
}

/** Replaces the whole risk configuration; the engine refuses all of it, with a reason, if one value is wrong. */
export async function setRiskLimits(limits: CallInput<'risk.setLimits'>['limits']): Promise<Reply<CallOutput<'risk.setLimits'>>> {
  const reply = await bridge().call('risk.setLimits', { limits });
  if (reply.ok) risk.apply(reply.value);
  return reply;
}

/** Closes a tripped circuit breaker by hand (a venue's when symbol is absent). */
export async function resetBreaker(venue: string, symbol?: string): Promise<Reply<CallOutput<'risk.resetBreaker'>>> {
  const reply = await bridge().call('risk.resetBreaker', symbol === undefined ? { venue } : { venue, symbol });
  if (reply.ok) risk.apply(reply.value);
  return reply;
}
