import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF } from './backoff';

const policy = { initialMs: 500, maxMs: 30_000 };

describe('backoffDelayMs', () => {
  it('doubles per attempt from the initial delay, drawn from the upper half of each step', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, policy, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, policy, () => 0.999_999))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelayMs(10, policy, () => 0.5)).toBe(22_500);
  });

  it('never exceeds the cap, however many attempts failed or whatever the random source says', () => {
    expect(backoffDelayMs(1_000_000, policy, () => 0.999_999)).toBe(30_000);
    expect(backoffDelayMs(7, policy, () => 5)).toBe(30_000);
    expect(backoffDelayMs(7, policy, () => -1)).toBe(15_000);
  });

  it('never overflows nor goes under half the cap once the cap is reached', () => {
    for (const n of [7, 50, 1_000_000, Number.MAX_SAFE_INTEGER]) {
      for (const r of [-1, 0, 0.5, 1, 2]) {
        const d = backoffDelayMs(n, DEFAULT_RECONNECT_BACKOFF, () => r);
        expect(d).toBeGreaterThanOrEqual(DEFAULT_RECONNECT_BACKOFF.maxMs / 2);
        expect(d).toBeLessThanOrEqual(DEFAULT_RECONNECT_BACKOFF.maxMs);
      }
    }
  });

  it('treats a negative attempt count as the first attempt', () => {
    expect(backoffDelayMs(-3, policy, () => 0)).toBe(250);
  });
});
