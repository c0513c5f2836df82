import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalStep, divCeil, divRound, formatScaled, parseScaled, parseScaledCeil } from './decimal';

describe('decimal strings <-> scaled integers', () => {
  it('parses exactly, without floating point', () => {
    expect(parseScaled('0.1', 8)).toEqual({ ok: true, value: 10_000_000 });
    expect(parseScaled('95000.5', 1)).toEqual({ ok: true, value: 950_005 });
    expect(parseScaled('-2.50', 2)).toEqual({ ok: true, value: -250 });
    expect(parseScaled('007', 0)).toEqual({ ok: true, value: 7 });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; here it is 3 tenths, exactly.
    const a = parseScaled('0.1', 1);
    const b = parseScaled('0.2', 1);
    expect(a.ok && b.ok && formatScaled(a.value + b.value, 1)).toBe('0.3');
  });

  it('refuses what it cannot represent rather than rounding it', () => {
    expect(parseScaled('1.234', 2)).toEqual({ ok: false, reason: 'at most 2 decimals' });
    expect(parseScaled('1.230', 2)).toEqual({ ok: true, value: 123 });
    expect(parseScaled('abc', 2)).toEqual({ ok: false, reason: 'not a number' });
    expect(parseScaled('1e5', 2)).toEqual({ ok: false, reason: 'not a number' });
    expect(parseScaled('', 2)).toEqual({ ok: false, reason: 'not a number' });
    expect(parseScaled('.5', 2)).toEqual({ ok: false, reason: 'not a number' });
    expect(parseScaled('99999999999999999', 2)).toEqual({ ok: false, reason: 'too large' });
  });

  it('formats with the full scale, for negatives and bigints too', () => {
    expect(formatScaled(5, 3)).toBe('0.005');
    expect(formatScaled(-1234, 2)).toBe('-12.34');
    expect(formatScaled(42, 0)).toBe('42');
    expect(formatScaled(10n ** 20n, 2)).toBe('1000000000000000000.00');
  });

  it('format then parse is the identity for every safe integer and scale', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (value, scale) => {
        expect(parseScaled(formatScaled(value, scale), scale)).toEqual({ ok: true, value });
      }),
    );
  });

  it('rounds integer divisions the documented way', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
    expect(divCeil(1, 10_000)).toBe(1);
    expect(divCeil(20_000, 10_000)).toBe(2);
    expect(() => divRound(1, 0)).toThrow(RangeError);
  });

  it('reads a step as integer units of its significant decimals', () => {
    expect(decimalStep('0.01000000')).toEqual({ units: 1, decimals: 2 });
    expect(decimalStep('0.50')).toEqual({ units: 5, decimals: 1 });
    expect(decimalStep('1.00')).toEqual({ units: 1, decimals: 0 });
    expect(decimalStep('0.00000000')).toBeUndefined();
    expect(decimalStep('-1')).toBeUndefined();
    expect(decimalStep(undefined)).toBeUndefined();
  });

  it('scales a minimum up, never understating it, and refuses what does not fit a safe integer', () => {
    expect(parseScaledCeil('10.0000001', 3)).toBe(10_001);
    expect(parseScaledCeil('5', 2)).toBe(500);
    expect(parseScaledCeil('1e3', 2)).toBeUndefined();
    expect(parseScaledCeil('99999999999999999', 2)).toBeUndefined();
  });
});
