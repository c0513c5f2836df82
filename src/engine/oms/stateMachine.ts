import { SqError } from '../core';
import type { Order, OrderStatus } from './types';

/**
 * The order lifecycle as data. Anything not listed is illegal. How venues really behave shaped it:
 * - a market/IOC order may fill or expire before (or without) its ack, so `submitted` reaches them all;
 * - a cancel or amend may be sent before the ack (`submitted` -> pending_*), and the order keeps
 *   trading while one is in flight: fills move pending_* to itself (or to filled);
 * - a refused cancel or amend returns the order to where it was (accepted, triggered,
 *   partially_filled or submitted, or pending_update when an amend sent before the cancel is still
 *   in flight), so those are legal from pending_*;
 * - a venue may still reject an order a cancel or amend was sent for before its ack;
 * - `initialized` is ours alone (journaling, or an unarmed bracket child): it is sent, refused by
 *   risk, or canceled locally.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  initialized: ['submitted', 'rejected', 'canceled'],
  submitted: ['accepted', 'rejected', 'triggered', 'partially_filled', 'filled', 'pending_update', 'pending_cancel', 'canceled', 'expired'],
  accepted: ['triggered', 'partially_filled', 'filled', 'pending_update', 'pending_cancel', 'canceled', 'expired'],
  triggered: ['partially_filled', 'filled', 'pending_update', 'pending_cancel', 'canceled', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'pending_update', 'pending_cancel', 'canceled', 'expired'],
  pending_update: ['pending_update', 'submitted', 'accepted', 'triggered', 'partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired', 'rejected'],
  pending_cancel: ['pending_cancel', 'pending_update', 'submitted', 'accepted', 'triggered', 'partially_filled', 'filled', 'canceled', 'expired', 'rejected'],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

export const ORDER_STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];

export const isTerminal = (status: OrderStatus): boolean => ORDER_TRANSITIONS[status].length === 0;

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

/** A venue told us (or a caller asked) something the lifecycle does not allow; the order is left as it was. */
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

/**
 * Where a working order stands when nothing is in flight: what a refused amend or cancel returns it
 * to, and what a confirmed amend leaves it in.
 */
export function restingStatus(order: Order): OrderStatus {
  if (order.filledQty > 0) return 'partially_filled';
  const prior = order.priorStatus ?? order.status;
  if (prior === 'submitted') return 'submitted';
  return order.triggeredAt !== undefined ? 'triggered' : 'accepted';
}
