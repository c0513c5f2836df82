import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs } from './reconnectDelay';

describe('account stream reconnect delay', () => {
  it('doubles from the initial delay up to the cap, jittered within the upper half of each step', () => {
    const policy = { initialMs: 500, maxMs: 30_000 };
    expect([0, 1, 2, 3].map((n) => reconnectDelayMs(n, policy, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((n) => reconnectDelayMs(n, policy, () => 0.999_999))).toEqual([500, 1000, 2000, 4000]);
    expect(reconnectDelayMs(10, policy, () => 0.5)).toBe(22_500);
  });

  it('never exceeds the cap nor overflows, whatever the count or the random source says', () => {
    for (const n of [7, 50, 1_000_000, Number.MAX_SAFE_INTEGER]) {
      for (const r of [-1, 0, 0.5, 1, 2]) {
        const d = reconnectDelayMs(n, DEFAULT_RECONNECT_POLICY, () => r);
        expect(d).toBeGreaterThanOrEqual(DEFAULT_RECONNECT_POLICY.maxMs / 2);
        expect(d).toBeLessThanOrEqual(DEFAULT_RECONNECT_POLICY.maxMs);
      }
    }
  });
});
