import type { CallInput, CallOutput, Reply } from '../../contract/api';
import type { SubmitInput } from '../view/ticket';
import { account } from './account';
import { bridge } from './bridgeRef';
import { risk } from './risk';

/** Commands the trader gives. Each returns the engine's reply; state changes arrive as events. */

export async function submitOrder(input: SubmitInput): Promise<Reply<CallOutput<'orders.submit'>>> {
  const reply = await bridge().call('orders.submit', input);
  if (reply.ok) account.applyOrder(reply.value);
  return reply;
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
