import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './reconnectBackoff';

const policy = { initialMs: 500, maxMs: 30_000 };

describe('backoffDelayMs', () => {
  it('doubles per attempt, drawn from the upper half of each step', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, policy, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, policy, () => 0.999_999))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never exceeds the cap, however many attempts failed or whatever the random source says', () => {
    expect(backoffDelayMs(1_000_000, policy, () => 0.999_999)).toBe(30_000);
    expect(backoffDelayMs(7, policy, () => 5)).toBe(30_000);
    expect(backoffDelayMs(7, policy, () => -1)).toBe(15_000);
  });
});
