import { describe, expect, it } from 'vitest';
import type { OptionSurfaceView, SurfaceSliceView } from '../../contract/api';
import { niceTicks, pickSlice, SMILE_BOX, smileChart, surfaceRows, volPercent, volPoints } from './smile';

const forward = 100_000;
const point = (strike: number, iv: number, side: 'call' | 'put') => ({ strike, k: Math.log(strike / forward), side, bidIv: iv - 0.004, askIv: iv + 0.004, iv });
const fitted: SurfaceSliceView = {
  expiry: Date.UTC(2026, 11, 11, 8),
  label: '2026-12-11',
  years: 0.0107,
  forward,
  points: [point(90_000, 0.22, 'put'), point(95_000, 0.2, 'put'), point(100_000, 0.18, 'call'), point(105_000, 0.175, 'call'), point(110_000, 0.178, 'call')],
  fit: { params: { a: 0, b: 0.1, rho: -0.25, m: 0, s: 0.1 }, rmseVolPoints: 0.0751, maxErrorVolPoints: 0.12, quotesUsed: 5, atmVol: 0.18312, riskReversal25: -0.02289, butterfly25: 0.0055 },
  // The fitted curve runs wider than the quotes (±2.5 ATM standard deviations).
  curve: [-0.3, -0.1, 0, 0.1, 0.3].map((k) => ({ k, strike: forward * Math.exp(k), vol: 0.18 + 0.2 * k * k - 0.05 * k })),
  butterfly: [],
  calendar: [],
};
const unfitted: SurfaceSliceView = {
  expiry: Date.UTC(2026, 11, 8, 8),
  label: '2026-12-08',
  years: 0.002,
  forward,
  points: [point(100_000, 0.17, 'call')],
  curve: [],
  butterfly: [],
  calendar: [],
  problem: '1 of 11 strikes have a two-sided quote with implied vols; at least 5 are needed to fit a smile',
};
const arbitraged: SurfaceSliceView = { ...fitted, expiry: Date.UTC(2026, 11, 25, 8), label: '2026-12-25', butterfly: ['butterfly arbitrage between k=-0.4200 and k=-0.3100'], calendar: ['calendar arbitrage between 2026-12-11 and 2026-12-25 for k=0.1000 to k=0.2000'] };
const surface: OptionSurfaceView = {
  venue: 'SIM',
  underlying: 'BTC-USDT',
  slices: [unfitted, fitted, arbitraged],
  expiriesListed: 3,
  arbitrage: ['2026-12-25: butterfly arbitrage between k=-0.4200 and k=-0.3100', 'calendar arbitrage between 2026-12-11 and 2026-12-25 for k=0.1000 to k=0.2000'],
  fittedAt: 0,
  weighting: '1 / (ask IV - bid IV)',
};

describe('smile view', () => {
  it('writes vols as percentages and RR/BF as signed vol points', () => {
    expect(volPercent(0.18312)).toBe('18.31%');
    expect(volPercent(undefined)).toBe('—');
    expect(volPoints(-0.02289)).toBe('\u22122.29');
    expect(volPoints(0.0055)).toBe('+0.55');
    expect(volPoints(0.00001)).toBe('0.00');
    expect(volPoints(Number.NaN)).toBe('—');
  });

  it('one table row per expiry: ATM vol, RR, BF, RMSE and what is wrong with it', () => {
    const rows = surfaceRows(surface);
    expect(rows.map((r) => r.label)).toEqual(['2026-12-08', '2026-12-11', '2026-12-25']);
    expect(rows[0]).toMatchObject({ atm: '—', rr: '—', bf: '—', rmse: '—', points: '1', attention: true });
    expect(rows[0]!.status).toBe(`Not fitted: ${unfitted.problem}`);
    expect(rows[1]).toMatchObject({ atm: '18.31%', rr: '\u22122.29', bf: '+0.55', rmse: '0.08', points: '5', status: 'No arbitrage', attention: false });
    expect(rows[2]).toMatchObject({ status: 'Butterfly and Calendar arbitrage', attention: true });
    // RR and BF withheld by the engine: the row says why, beside the arbitrage status.
    const withheld = { ...fitted, fit: { ...fitted.fit!, riskReversal25: undefined, butterfly25: undefined, metricsProblem: 'a 25-delta strike (k=0.0500) lies outside the quoted strikes' } };
    const [row] = surfaceRows({ ...surface, slices: [withheld] });
    expect(row).toMatchObject({ atm: '18.31%', rr: '—', bf: '—', status: 'No arbitrage; a 25-delta strike (k=0.0500) lies outside the quoted strikes', attention: true });
  });

  it('shows the picked expiry, else the first fitted one', () => {
    expect(pickSlice(surface, arbitraged.expiry)).toBe(arbitraged);
    expect(pickSlice(surface, undefined)).toBe(fitted);
    expect(pickSlice(surface, 12345)).toBe(fitted);
    expect(pickSlice({ ...surface, slices: [unfitted] }, undefined)).toBe(unfitted);
    expect(pickSlice({ ...surface, slices: [] }, undefined)).toBeUndefined();
  });

  it('round ticks over a range', () => {
    expect(niceTicks(88_000, 112_000, 6)).toEqual([90_000, 95_000, 100_000, 105_000, 110_000]);
    expect(niceTicks(16.2, 23.1, 5)).toEqual([18, 20, 22]);
    expect(niceTicks(0.5, 1.7, 6)).toEqual([0.6, 0.8, 1, 1.2, 1.4, 1.6]);
    expect(niceTicks(1, 1, 5)).toEqual([]);
  });

  it('charts the smile: strikes left to right, higher vol higher up, bid below mid below ask, the curve inside the box', () => {
    const chart = smileChart(fitted)!;
    const xs = chart.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const plotLeft = SMILE_BOX.left;
    const plotRight = SMILE_BOX.width - SMILE_BOX.right;
    const plotTop = SMILE_BOX.top;
    const plotBottom = SMILE_BOX.height - SMILE_BOX.bottom;
    for (const p of chart.points) {
      expect(p.x).toBeGreaterThan(plotLeft);
      expect(p.x).toBeLessThan(plotRight);
      // SVG y grows downwards: the ask (higher IV) is above the mid, the bid below.
      expect(p.ask).toBeLessThan(p.mid);
      expect(p.mid).toBeLessThan(p.bid);
      expect(p.ask).toBeGreaterThanOrEqual(plotTop);
      expect(p.bid).toBeLessThanOrEqual(plotBottom);
    }
    // The 90k put (22%) sits above the 105k call (17.5%).
    expect(chart.points[0]!.mid).toBeLessThan(chart.points[3]!.mid);
    expect(chart.points[0]!.title).toBe('Put 90000: bid IV 21.60%, mid 22.00%, ask 22.40%');
    // The curve keeps to the quoted range: the ±0.3 wings are cut, the three inner points drawn.
    expect(chart.curve.split(' ')).toHaveLength(3);
    expect(chart.curve.startsWith('M')).toBe(true);
    // The forward is the ATM marker, at the 100k point's x.
    expect(chart.atm).toEqual({ x: chart.points[2]!.x, y: expect.any(Number), label: 'ATM 100000 · 18.31%' });
    expect(chart.xTicks.map((t) => t.label)).toEqual(['90000', '95000', '100000', '105000', '110000']);
    expect(chart.yTicks.length).toBeGreaterThanOrEqual(3);
    for (const t of chart.yTicks) expect(t.label).toMatch(/^\d+(\.\d+)?%$/);
  });

  it('charts an unfitted slice by its points alone, and nothing without a forward', () => {
    const chart = smileChart(unfitted)!;
    expect(chart.curve).toBe('');
    expect(chart.points).toHaveLength(1);
    expect(chart.atm?.y).toBeUndefined();
    const { forward: _omit, ...noForward } = unfitted;
    expect(smileChart(noForward)).toBeUndefined();
    expect(smileChart({ ...unfitted, points: [] })).toBeUndefined();
  });
});
