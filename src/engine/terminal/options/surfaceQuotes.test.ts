import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { sviVol } from '../../options';
import { CHAIN_CONVENTIONS, type ChainSideView, type OptionChainView } from './chainView';
import { OptionSurfaces } from './surfaces';

/**
 * The surface service on chains written out by hand (what the chain service would read off books), for
 * the cases a live venue rarely shows on cue: one-sided quotes, strikes all on one side of the forward.
 */
const NOW = Date.UTC(2026, 11, 7, 14);
const EXPIRY = Date.UTC(2026, 11, 25, 8);
const YEARS = (EXPIRY - NOW) / (365 * 86_400_000);
const FORWARD = 100_000;
const SMILE = { a: 0.0005, b: 0.01, rho: -0.3, m: 0.01, s: 0.05 };

function side(strike: number, twoSided = true, smile = SMILE): ChainSideView {
  const iv = sviVol(smile, Math.log(strike / FORWARD), YEARS);
  const out: ChainSideView = { symbol: `X-${strike}`, displayName: `X ${strike}`, tickSize: 1, priceDecimals: 1, iv, markFrom: twoSided ? 'mid' : 'last', askIv: iv + 0.004 };
  if (twoSided) out.bidIv = iv - 0.004;
  return out;
}

function chainOf(strikes: number[], oneSided: number[] = [], smile = SMILE): OptionChainView {
  return {
    venue: 'SIM',
    underlying: 'BTC-USDT',
    expiry: EXPIRY,
    expiries: [EXPIRY],
    years: YEARS,
    model: 'bsm',
    rate: 0,
    forward: FORWARD,
    priceDecimals: 1,
    rows: strikes.map((strike) => ({ strike, call: side(strike, !oneSided.includes(strike), smile), put: side(strike, !oneSided.includes(strike), smile) })),
    conventions: CHAIN_CONVENTIONS,
    asOf: NOW,
  };
}

const surfaceOf = (chain: OptionChainView) => new OptionSurfaces({ clock: new SimulatedClock(NOW), chain: () => chain }).surface({ venue: 'SIM', underlying: 'BTC-USDT' })!;
const grid = (from: number, step: number, n: number) => Array.from({ length: n }, (_, i) => from + i * step);

describe('surface service on written-out chains', () => {
  it('leaves out strikes without a two-sided quote, and says why when too few remain', () => {
    const strikes = grid(90_000, 2_500, 9);
    const s = surfaceOf(chainOf(strikes, strikes.slice(0, 5)));
    expect(s.slices[0]!.points.map((p) => p.strike)).toEqual(strikes.slice(5));
    expect(s.slices[0]!.fit).toBeUndefined();
    expect(s.slices[0]!.problem).toBe('4 of 9 strikes have a two-sided quote with implied vols; at least 5 are needed to fit a smile');
    expect(s.problem).toBe('BTC-USDT: no fitted expiries');
  });

  it('fits a full chain from out-of-the-money options and reads RR and BF off it', () => {
    const s = surfaceOf(chainOf(grid(80_000, 2_500, 17)));
    const slice = s.slices[0]!;
    expect(slice.points.every((p) => p.side === (p.strike >= FORWARD ? 'call' : 'put'))).toBe(true);
    expect(slice.fit!.rmseVolPoints).toBeLessThan(0.01);
    expect(slice.fit!.atmVol!).toBeCloseTo(sviVol(SMILE, 0, YEARS), 4);
    expect(slice.fit!.riskReversal25!).toBeLessThan(0);
    expect(slice.fit!.metricsProblem).toBeUndefined();
  });

  it('withholds ATM vol, RR and BF that would be extrapolated past the quoted strikes, and says so', () => {
    // Every quoted strike is well below the forward: the market says nothing about the money.
    const s = surfaceOf(chainOf(grid(80_000, 1_000, 8)));
    const fit = s.slices[0]!.fit!;
    expect(fit.atmVol).toBeUndefined();
    expect(fit.riskReversal25).toBeUndefined();
    expect(fit.metricsProblem).toMatch(/^the forward lies outside the quoted strikes \(k=-0\.2231 to k=-0\.1393\): ATM vol would be extrapolated$/);
    // Strikes from just below to just above the money: the 25-delta strikes of an 18-day smile lie beyond them.
    const narrow = surfaceOf(chainOf(grid(99_000, 500, 5))).slices[0]!.fit!;
    expect(narrow.atmVol).toBeDefined();
    expect(narrow.riskReversal25).toBeUndefined();
    expect(narrow.metricsProblem).toMatch(/^a 25-delta strike \(k=-?0\.\d{4}\) lies outside the quoted strikes \(k=-0\.0101 to k=0\.0100\): RR and BF would be extrapolated$/);
  });

  it('reports butterfly arbitrage, and says when it lies only in the wing the fit extrapolated past the quotes', () => {
    // A smile whose right wing is too steep from k ≈ 0.1 on (its density goes negative there).
    const steep = { a: 0.0002, b: 0.6, rho: 0.9, m: 0.08, s: 0.02 };
    const strikes = (kMax: number) => grid(-0.03, 0.01, Math.round((kMax + 0.03) / 0.01) + 1).map((k) => Math.round(FORWARD * Math.exp(k)));
    const near = surfaceOf(chainOf(strikes(0.03), [], steep));
    expect(near.slices[0]!.butterfly).toHaveLength(1);
    expect(near.slices[0]!.butterfly[0]).toMatch(/^butterfly arbitrage between k=0\.\d{4} and k=1\.5000 \(beyond the quoted strikes: the fit extrapolated\)$/);
    expect(near.arbitrage).toEqual([`${near.slices[0]!.label}: ${near.slices[0]!.butterfly[0]}`]);
    // Quotes that reach into that wing: the arbitrage is the market's own.
    const wide = surfaceOf(chainOf(strikes(0.2), [], steep));
    expect(wide.slices[0]!.butterfly[0]).toMatch(/^butterfly arbitrage between k=0\.\d{4} and k=1\.5000$/);
  });
});
