import { describe, expect, it } from 'vitest';
import { dropToast, pushToast, type Toast } from './toasts';

const t = (id: number, key?: string): Toast => ({ id, tone: 'info', title: `t${id}`, ttlMs: 1000, urgency: 'status', ...(key ? { key } : {}) });

describe('toast stack', () => {
  it('puts the newest on top and keeps at most a few, dropping the oldest', () => {
    let stack: Toast[] = [];
    for (let i = 1; i <= 6; i++) stack = pushToast(stack, t(i), 4);
    expect(stack.map((x) => x.id)).toEqual([6, 5, 4, 3]);
  });

  it('replaces a toast with the same key instead of stacking a copy', () => {
    let stack = pushToast([], t(1, 'rule-a'));
    stack = pushToast(stack, t(2, 'rule-b'));
    stack = pushToast(stack, t(3, 'rule-a'));
    expect(stack.map((x) => x.id)).toEqual([3, 2]);
  });

  it('dismisses by id; an unknown id changes nothing', () => {
    const stack = [t(2), t(1)];
    expect(dropToast(stack, 2).map((x) => x.id)).toEqual([1]);
    expect(dropToast(stack, 9)).toBe(stack);
  });
});
