import { describe, expect, it } from 'vitest';
import { ClientOrderIds } from './clientOrderIds';
import { canTransition, checkTransition, IllegalTransitionError, isTerminal, ORDER_TRANSITIONS } from './stateMachine';
import type { Order, OrderStatus } from './types';

const ALL: OrderStatus[] = ['submitted', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected'];

describe('order lifecycle table', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      [
        'submitted->accepted',
        'submitted->rejected',
        'submitted->canceled',
        'submitted->partially_filled',
        'submitted->filled',
        'accepted->partially_filled',
        'accepted->filled',
        'accepted->canceled',
        'partially_filled->partially_filled',
        'partially_filled->filled',
        'partially_filled->canceled',
      ].sort(),
    );
  });

  it('treats filled, canceled and rejected as terminal', () => {
    expect(ALL.filter(isTerminal)).toEqual(['filled', 'canceled', 'rejected']);
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ALL].sort());
  });

  it('describes an illegal transition as a typed error value', () => {
    const order = { clientOrderId: 'a-1', status: 'filled' } as Order;
    const e = checkTransition(order, 'canceled', 'orderCanceled');
    expect(e).toBeInstanceOf(IllegalTransitionError);
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'filled', to: 'canceled', trigger: 'orderCanceled' });
    expect(e?.message).toBe('order a-1: filled -> canceled is not allowed (orderCanceled)');
    expect(checkTransition({ ...order, status: 'accepted' }, 'canceled', 'orderCanceled')).toBeUndefined();
  });
});

describe('ClientOrderIds', () => {
  it('numbers ids under a prefix taken from the clock, skipping ids already in use', () => {
    const ids = new ClientOrderIds(1_700_000_000_000);
    expect(ids.prefix).toBe(`sq${(1_700_000_000_000).toString(36)}`);
    const taken = new Set([`${ids.prefix}-2`]);
    expect([1, 2, 3].map(() => ids.next((id) => taken.has(id)))).toEqual([
      `${ids.prefix}-1`,
      `${ids.prefix}-3`,
      `${ids.prefix}-4`,
    ]);
    expect(new ClientOrderIds(0, 'desk').next(() => false)).toBe('desk-1');
  });
});
