import type { CallOutput, Reply } from '../../contract/api';
import type { SubmitInput } from '../view/ticket';
import { account } from './account';
import { bridge } from './bridgeRef';

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
