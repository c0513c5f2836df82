import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it('retries quickly after the first drop, then backs off to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => reconnectDelay(a))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('never exceeds the cap however many attempts failed', () => {
    expect(reconnectDelay(1000)).toBe(5000);
  });
});
