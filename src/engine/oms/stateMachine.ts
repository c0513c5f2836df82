import { SqError } from '../core';
import type { Order, OrderStatus } from './types';

/**
 * The order lifecycle as data. Anything not listed is illegal. `submitted` may jump straight to a
 * fill or a cancel: a market or IOC order can be filled or expire before (or without) an ack.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  submitted: ['accepted', 'rejected', 'canceled', 'partially_filled', 'filled'],
  accepted: ['partially_filled', 'filled', 'canceled'],
  partially_filled: ['partially_filled', 'filled', 'canceled'],
  filled: [],
  canceled: [],
  rejected: [],
};

export const isTerminal = (status: OrderStatus): boolean => ORDER_TRANSITIONS[status].length === 0;

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

/** A venue told us something the lifecycle does not allow; the order is left as it was. */
export class IllegalTransitionError extends SqError {
  constructor(
    readonly clientOrderId: string,
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    readonly trigger: string,
  ) {
    super('ILLEGAL_TRANSITION', `order ${clientOrderId}: ${from} -> ${to} is not allowed (${trigger})`);
    this.name = 'IllegalTransitionError';
  }
}

/** Returns the error instead of throwing: an odd venue message is an event to log, not a crash. */
export function checkTransition(order: Order, to: OrderStatus, trigger: string): IllegalTransitionError | undefined {
  return canTransition(order.status, to) ? undefined : new IllegalTransitionError(order.clientOrderId, order.status, to, trigger);
}
