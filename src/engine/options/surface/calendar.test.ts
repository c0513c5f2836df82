import { describe, expect, it } from 'vitest';
import { sviTotalVariance } from '../svi';
import { checkCalendar, type CalendarSlice } from './calendar';

const range = { kMin: -1, kMax: 1, points: 201 };
const near: CalendarSlice = { label: 'DEC', years: 0.1, params: { a: 0.002, b: 0.04, rho: -0.5, m: 0, s: 0.1 } };
const far: CalendarSlice = { label: 'MAR', years: 0.35, params: { a: 0.01, b: 0.06, rho: -0.4, m: 0, s: 0.2 } };

describe('calendar arbitrage', () => {
  it('passes slices whose total variance grows with expiry at every k', () => {
    expect(checkCalendar([far, near], range)).toEqual({ ok: true, failures: [], messages: [] });
  });

  it('catches crossing slices and names the expiries and the k interval', () => {
    // Less variance at the money, much steeper wings on the near expiry: both wings cross above the far ones.
    const steepNear: CalendarSlice = { label: 'DEC', years: 0.1, params: { a: 0.002, b: 0.15, rho: -0.5, m: 0, s: 0.1 } };
    const check = checkCalendar([far, steepNear], range);
    expect(check.ok).toBe(false);
    for (const f of check.failures) {
      expect(f).toMatchObject({ earlier: 'DEC', later: 'MAR' });
      expect(f.worstGap).toBeGreaterThan(0);
      for (const k of [f.kFrom, f.kTo]) {
        expect(sviTotalVariance(steepNear.params, k)).toBeGreaterThan(sviTotalVariance(far.params, k));
      }
    }
    // Two intervals, one per wing, reaching the grid's ends; the money itself is fine.
    expect(check.failures).toHaveLength(2);
    expect(check.failures[0]).toMatchObject({ kFrom: -1 });
    expect(check.failures[1]).toMatchObject({ kTo: 1 });
    expect(check.failures[0]!.kTo).toBeLessThan(0);
    expect(check.failures[1]!.kFrom).toBeGreaterThan(0);
    expect(check.messages[0]).toMatch(/^calendar arbitrage between DEC and MAR for k=-1\.0000 to k=-0\.\d{4}$/);
    expect(check.messages[1]).toMatch(/^calendar arbitrage between DEC and MAR for k=0\.\d{4} to k=1\.0000$/);
  });

  it('catches a later expiry with less variance everywhere', () => {
    const inverted: CalendarSlice = { ...far, label: 'JUN', years: 0.6, params: { ...far.params, a: far.params.a / 4 } };
    const check = checkCalendar([near, far, inverted], range);
    expect(check.failures).toHaveLength(1);
    expect(check.failures[0]).toMatchObject({ earlier: 'MAR', later: 'JUN', kFrom: -1, kTo: 1 });
  });
});
