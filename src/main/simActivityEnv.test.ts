import { describe, expect, it } from 'vitest';
import { simActivityFromEnv } from './engineHost';

describe('SQ_SIM_ACTIVITY', () => {
  it('is unset (the normal SIM) when absent or empty', () => {
    expect(simActivityFromEnv(undefined)).toBeUndefined();
    expect(simActivityFromEnv(' ')).toBeUndefined();
  });

  it('reads a whole multiplier 1..1000', () => {
    expect(simActivityFromEnv('80')).toBe(80);
    expect(simActivityFromEnv('1')).toBe(1);
  });

  it('refuses anything else with a message naming the variable, so a mistyped load is never silently ignored', () => {
    for (const bad of ['0', '1001', '2.5', 'fast', '-3']) expect(() => simActivityFromEnv(bad)).toThrow(/SQ_SIM_ACTIVITY/);
  });
});
