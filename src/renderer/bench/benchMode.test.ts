import { describe, expect, it } from 'vitest';
import { benchModeOf } from './benchMode';

describe('benchModeOf', () => {
  it('is off for the normal terminal, with or without the headless token', () => {
    expect(benchModeOf('')).toBeUndefined();
    expect(benchModeOf('?token=abc')).toBeUndefined();
  });

  it('reads ui and floor next to the token, and nothing else', () => {
    expect(benchModeOf('?token=abc&bench=ui')).toBe('ui');
    expect(benchModeOf('?bench=floor&token=abc')).toBe('floor');
    expect(benchModeOf('?bench=everything')).toBeUndefined();
  });
});
