import { describe, expect, it } from 'vitest';
import { buildSurface } from './surface';
import { fitSmile } from './fitSmile';
import { sliceFromFit, type SurfaceSlice } from './slice';
import { quotesFrom } from './testQuotes.fixture';

const dec: SurfaceSlice = { label: 'DEC', years: 0.1, forward: 100, params: { a: 0.002, b: 0.04, rho: -0.5, m: 0, s: 0.1 } };
const mar: SurfaceSlice = { label: 'MAR', years: 0.35, forward: 101, params: { a: 0.01, b: 0.06, rho: -0.4, m: 0, s: 0.2 } };

describe('buildSurface', () => {
  it('orders slices by expiry and reports no arbitrage on a clean surface', () => {
    const built = buildSurface('NIFTY', [mar, dec]);
    if (!built.ok) throw new Error(built.reason);
    expect(built.surface.slices.map((s) => s.label)).toEqual(['DEC', 'MAR']);
    expect(built.surface.butterfly.map((b) => b.ok)).toEqual([true, true]);
    expect(built.surface.calendar.ok).toBe(true);
  });

  it('builds a surface with arbitrage but reports it', () => {
    const crossing: SurfaceSlice = { ...dec, params: { ...dec.params, b: 0.15 } };
    const built = buildSurface('NIFTY', [crossing, mar]);
    if (!built.ok) throw new Error(built.reason);
    expect(built.surface.calendar.ok).toBe(false);
    expect(built.surface.calendar.messages[0]).toContain('calendar arbitrage between DEC and MAR');
  });

  it('takes slices straight from fitted smiles', () => {
    const fits = [dec, mar].map((s) => fitSmile(quotesFrom(s.params, s.years, { forward: s.forward })));
    const slices = fits.map((f, i) => {
      if (!f.ok) throw new Error(f.reason);
      return sliceFromFit(i === 0 ? 'DEC' : 'MAR', f);
    });
    const built = buildSurface('NIFTY', slices);
    if (!built.ok) throw new Error(built.reason);
    expect(built.surface.slices.map((s) => [s.label, s.years, s.forward])).toEqual([
      ['DEC', 0.1, 100],
      ['MAR', 0.35, 101],
    ]);
    expect(built.surface.calendar.ok).toBe(true);
  });

  it.each<[string, SurfaceSlice[], string]>([
    ['no slices', [], 'NIFTY: no fitted expiries'],
    ['an expired slice', [{ ...dec, years: 0 }], 'NIFTY: expiry DEC: years to expiry must be a positive number'],
    ['a NaN forward', [{ ...dec, forward: Number.NaN }], 'NIFTY: expiry DEC: forward must be a positive number'],
    ['rho = 1', [{ ...dec, params: { ...dec.params, rho: 1 } }], 'NIFTY: expiry DEC: SVI rho must be inside (-1, 1)'],
    ['negative b', [{ ...dec, params: { ...dec.params, b: -0.1 } }], 'NIFTY: expiry DEC: SVI b must not be negative'],
    ['s = 0', [{ ...dec, params: { ...dec.params, s: 0 } }], 'NIFTY: expiry DEC: SVI s must be positive'],
    ['a NaN parameter', [{ ...dec, params: { ...dec.params, m: Number.NaN } }], 'NIFTY: expiry DEC: SVI parameters must be finite numbers'],
    ['negative variance', [{ ...dec, params: { ...dec.params, a: -0.01 } }], 'NIFTY: expiry DEC: SVI smile has negative variance'],
    ['two slices at one time', [dec, { ...mar, years: dec.years }], 'NIFTY: two expiries with the time to expiry of MAR'],
  ])('refuses %s', (_what, slices, reason) => {
    expect(buildSurface('NIFTY', slices)).toEqual({ ok: false, reason });
  });
});
