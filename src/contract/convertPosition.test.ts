import { describe, expect, it } from 'vitest';
import { convertPositionInput } from './schemas';

describe('positions.convert schema', () => {
  const ok = { venue: 'zerodha', symbol: 'NSE:INFY', from: 'MIS', to: 'CNC', qty: 2, positionType: 'day' };
  it('takes a whole number of lots between MIS and another product, nothing else', () => {
    expect(convertPositionInput.safeParse(ok).success).toBe(true);
    expect(convertPositionInput.safeParse({ ...ok, qty: 1.5 }).success).toBe(false);
    expect(convertPositionInput.safeParse({ ...ok, qty: 0 }).success).toBe(false);
    expect(convertPositionInput.safeParse({ ...ok, to: 'MIS' }).success).toBe(false);
    expect(convertPositionInput.safeParse({ ...ok, from: 'CNC', to: 'NRML' }).success).toBe(false);
    expect(convertPositionInput.safeParse({ ...ok, side: 'buy' }).success).toBe(false);
    expect(convertPositionInput.safeParse({ ...ok, positionType: 'net' }).success).toBe(false);
  });
});
