import { describe, expect, it } from 'vitest';
import { callInputs } from './schemas';

describe('risk.setLimits over the bridge', () => {
  const schema = callInputs['risk.setLimits'];
  it('carries the option Greek limits (defaults and per underlying) to the risk manager', () => {
    const limits = { defaults: {}, instruments: {}, options: { defaults: { maxDelta: '25' }, underlyings: { NIFTY: { maxVega: '5000' } } } };
    expect(schema.parse({ limits })).toEqual({ limits });
  });
  it('refuses an unknown option limit field at the boundary', () => {
    expect(schema.safeParse({ limits: { defaults: {}, instruments: {}, options: { defaults: { maxGamma: '1' } } } }).success).toBe(false);
  });
});
