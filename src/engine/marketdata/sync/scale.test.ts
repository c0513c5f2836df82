import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLots, formatTicks, inferScale, toLots, toTicks } from './scale';

describe('book scale', () => {
  it('infers decimals from the digits written, trailing zeros included', () => {
    expect(inferScale([[['20377.00', '1.770']], [['4.00000200', '12.00000000']]])).toEqual({
      priceDecimals: 8,
      qtyDecimals: 8,
      tickSize: 1,
      lotSize: 1,
    });
    expect(inferScale([[], []])).toBeUndefined();
  });

  it('converts decimal text to integers and back without loss', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 10 ** 12 }), fc.nat({ max: 10 ** 12 }), (d, ticks, lots) => {
        const scale = { priceDecimals: d, qtyDecimals: d, tickSize: 1, lotSize: 1 };
        const price = formatTicks(scale, ticks);
        const qty = formatLots(scale, lots);
        expect(toTicks(scale, price)).toEqual({ ok: true, value: ticks });
        expect(toLots(scale, qty)).toEqual({ ok: true, value: lots });
      }),
    );
  });

  it('refuses rather than rounds', () => {
    const scale = { priceDecimals: 2, qtyDecimals: 3, tickSize: 5, lotSize: 1 };
    expect(toTicks(scale, '0.1')).toEqual({ ok: true, value: 2 });
    expect(toTicks(scale, '0.11')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a multiple of the tick 0.05/) });
    expect(toTicks(scale, '0.101')).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 2 decimals/) });
    expect(toTicks(scale, '0.00')).toMatchObject({ ok: false, reason: expect.stringMatching(/greater than zero/) });
    expect(toLots(scale, '0.0001')).toMatchObject({ ok: false });
    expect(toLots(scale, '0')).toEqual({ ok: true, value: 0 });
  });
});
