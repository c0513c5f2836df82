import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { MIN_QUOTES, sviVol } from '../../options';
import { baseSmile, SIM_INSTRUMENT_SPECS } from '../../venues';
import type { Terminal } from '../terminal';
import { startSimOptionsTerminal, waitFor } from '../testSupport';
import { SURFACE_REFIT_MS } from './surfaces';
import type { OptionSurfaceView, SurfaceSliceView } from './surfaceView';

// Monday 7 December 2026, 14:00 UTC: the SIM lists four expiries of eleven strikes per underlying.
const MONDAY = Date.UTC(2026, 11, 7, 14, 0);
/** The fit's root mean square error against the SIM's mid IVs, in vol points: the SIM quotes off an SVI smile, so the fit is close. */
const RMSE_BOUND_VOL_POINTS = 0.5;
/**
 * How far the fitted ATM vol may be from the SIM's own surface at the forward, in vol (0.01 = one point):
 * the chain's forward is the book mid, the SIM's smile is centred on its fair value, and the nearest
 * expiry (hours away) has only a handful of two-sided strikes.
 */
const ATM_TOLERANCE = 0.01;

let terminal: Terminal;
let clock: SimulatedClock;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sq-surface-'));
  clock = new SimulatedClock(MONDAY);
  terminal = await startSimOptionsTerminal(dataDir, clock);
  const options = terminal.instruments().filter((i) => i.venue === 'SIM' && i.contract);
  // Every option book reaches the book worker before the surface is read.
  await waitFor(
    () =>
      options.every((i) => {
        const book = terminal.marketSnapshot('SIM', i.symbol, 60, 1).book;
        return book !== undefined && !book.stale && book.asks.length > 0;
      }),
    'option books live',
  );
});

afterAll(async () => {
  await terminal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The SIM's long-run annual vol of an underlying (its makers scale their smile from it). */
function simBaseVol(symbol: string): number {
  const spec = SIM_INSTRUMENT_SPECS.find((s) => s.instrument.symbol === symbol)!;
  return spec.market.volPerSqrtSec * Math.sqrt(365 * 24 * 3600);
}

/**
 * The SIM's own smile for a slice: its makers quote scale × base smile, where the scale follows the
 * underlying's (hidden) GARCH state and is the same for every strike of an expiry. It is read off the
 * market as the median of mid IV / base IV, and the spread of that ratio shows the shape is the SIM's.
 */
function simSmile(slice: SurfaceSliceView, baseVol: number): { scale: number; ratios: number[]; atm: number } {
  const base = baseSmile(baseVol, slice.years);
  const ratios = slice.points.map((p) => p.iv / sviVol(base, p.k, slice.years)).sort((a, b) => a - b);
  const scale = ratios[Math.floor(ratios.length / 2)]!;
  return { scale, ratios, atm: scale * sviVol(base, 0, slice.years) };
}

describe('volatility surface of the SIM options', () => {
  for (const underlying of ['BTC-USDT', 'ETH-USDT']) {
    it(`${underlying}: every expiry fits, ATM vol matches the SIM's surface, the skew is the SIM's put skew`, () => {
      const surface: OptionSurfaceView = terminal.optionSurface({ venue: 'SIM', underlying }, 'test-view');
      expect(surface.problem).toBeUndefined();
      expect(surface.slices).toHaveLength(4);
      expect(surface.expiriesListed).toBe(4);
      expect(surface.slices.map((s) => s.expiry)).toEqual([...surface.slices.map((s) => s.expiry)].sort((a, b) => a - b));
      const baseVol = simBaseVol(underlying);
      for (const slice of surface.slices) {
        expect(slice.problem, slice.label).toBeUndefined();
        const fit = slice.fit!;
        const sim = simSmile(slice, baseVol);
        expect(fit.quotesUsed).toBe(slice.points.length);
        // Far out-of-the-money options of the nearest expiry have no bid; the rest are enough.
        expect(slice.points.length).toBeGreaterThanOrEqual(MIN_QUOTES);
        expect(fit.rmseVolPoints, slice.label).toBeLessThan(RMSE_BOUND_VOL_POINTS);
        // Market points: bid IV ≤ mid IV ≤ ask IV, out of the money where two-sided.
        for (const p of slice.points) {
          expect(p.bidIv).toBeLessThanOrEqual(p.iv);
          expect(p.iv).toBeLessThanOrEqual(p.askIv);
          expect(p.k).toBeCloseTo(Math.log(p.strike / slice.forward!), 12);
        }
        // The market's shape is the SIM's: one scale explains every strike to within a few percent.
        expect(sim.ratios[sim.ratios.length - 1]! / sim.ratios[0]!, slice.label).toBeLessThan(1.05);
        expect(Math.abs(fit.atmVol! - sim.atm), `${slice.label}: fitted ATM ${fit.atmVol} vs SIM ${sim.atm}`).toBeLessThan(ATM_TOLERANCE);
        // The SIM's smile leans to the downside (rho < 0): puts richer than calls, a negative risk reversal; its curvature gives a positive butterfly.
        expect(fit.riskReversal25!, slice.label).toBeLessThan(0);
        expect(fit.butterfly25!, slice.label).toBeGreaterThan(0);
        // The fitted curve spans the quoted strikes.
        expect(slice.curve.length).toBeGreaterThan(10);
        expect(slice.curve[0]!.k).toBeLessThanOrEqual(slice.points[0]!.k);
        expect(slice.curve[slice.curve.length - 1]!.k).toBeGreaterThanOrEqual(slice.points[slice.points.length - 1]!.k);
        expect(slice.butterfly).toEqual([]);
      }
      // The SIM's surface is built free of arbitrage; its fit says so.
      expect(surface.arbitrage).toEqual([]);
    });
  }

  it('refits at most every SURFACE_REFIT_MS of engine time', () => {
    const first = terminal.optionSurface({ venue: 'SIM', underlying: 'BTC-USDT' }, 'cache-view');
    expect(terminal.optionSurface({ venue: 'SIM', underlying: 'BTC-USDT' }, 'cache-view')).toBe(first);
    clock.advance(SURFACE_REFIT_MS - 1);
    expect(terminal.optionSurface({ venue: 'SIM', underlying: 'BTC-USDT' }, 'cache-view')).toBe(first);
    clock.advance(1);
    const second = terminal.optionSurface({ venue: 'SIM', underlying: 'BTC-USDT' }, 'cache-view');
    expect(second).not.toBe(first);
    expect(second.fittedAt).toBe(first.fittedAt + SURFACE_REFIT_MS);
    // A different rate is a different surface (the forward moves with it).
    const carried = terminal.optionSurface({ venue: 'SIM', underlying: 'BTC-USDT', rate: 0.05 }, 'cache-view');
    expect(carried).not.toBe(second);
    expect(carried.slices[3]!.forward!).toBeGreaterThan(second.slices[3]!.forward!);
    terminal.closeOptionSurface('cache-view');
  });

  it('refuses an underlying without options in words', () => {
    expect(() => terminal.optionSurface({ venue: 'SIM', underlying: 'DOGE-USDT' }, 'test-view')).toThrow(/SIM has no options on DOGE-USDT/);
  });
});
