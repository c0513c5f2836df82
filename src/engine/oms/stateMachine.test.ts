import { describe, expect, it } from 'vitest';
import { canTransition, checkTransition, IllegalTransitionError, isTerminal, ORDER_STATUSES, ORDER_TRANSITIONS, restingStatus } from './stateMachine';
import { testOrder } from './testSupport';
import type { Order, OrderStatus } from './types';

/** The table as a trader would read it: every legal move, written out once more by hand. */
const LEGAL: Record<OrderStatus, OrderStatus[]> = {
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

const order = (status: OrderStatus, over: Partial<Order> = {}): Order => testOrder({ status, price: 100, ...over });

describe('order lifecycle table', () => {
  it('has all eleven states', () => {
    expect(ORDER_STATUSES.sort()).toEqual(Object.keys(LEGAL).sort());
    expect(ORDER_STATUSES).toHaveLength(11);
  });

  it('walks every (from, to) pair: legal exactly where listed, a typed error everywhere else', () => {
    let legal = 0;
    let illegal = 0;
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const expected = LEGAL[from].includes(to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
        const error = checkTransition(order(from), to, 'test');
        if (expected) {
          expect(error).toBeUndefined();
          legal++;
        } else {
          expect(error).toBeInstanceOf(IllegalTransitionError);
          expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from, to, clientOrderId: 'o-1' });
          illegal++;
        }
      }
    }
    expect(legal + illegal).toBe(121);
    expect(legal).toBe(Object.values(LEGAL).flat().length);
  });

  it('treats filled, canceled, rejected and expired as terminal, and nothing else', () => {
    expect(ORDER_STATUSES.filter(isTerminal).sort()).toEqual(['canceled', 'expired', 'filled', 'rejected']);
    expect(Object.values(ORDER_TRANSITIONS).every((list) => list.every((s) => ORDER_STATUSES.includes(s)))).toBe(true);
  });

  it('every state is reachable from initialized', () => {
    const seen = new Set<OrderStatus>(['initialized']);
    const queue: OrderStatus[] = ['initialized'];
    while (queue.length) for (const next of ORDER_TRANSITIONS[queue.shift()!]) if (!seen.has(next)) seen.add(next), queue.push(next);
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });
});

describe('restingStatus: where a refused cancel or amend leaves an order', () => {
  it('partially filled once anything filled', () => {
    expect(restingStatus(order('pending_cancel', { priorStatus: 'accepted', filledQty: 3 }))).toBe('partially_filled');
  });
  it('back to submitted when the ack never came', () => {
    expect(restingStatus(order('pending_cancel', { priorStatus: 'submitted' }))).toBe('submitted');
  });
  it('triggered for a stop that has triggered, accepted otherwise', () => {
    expect(restingStatus(order('pending_update', { priorStatus: 'triggered', triggeredAt: 5 }))).toBe('triggered');
    expect(restingStatus(order('pending_update', { priorStatus: 'accepted' }))).toBe('accepted');
  });
});
