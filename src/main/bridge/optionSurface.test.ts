import { describe, expect, it } from 'vitest';
import type { OptionSurfaceView } from '../../contract';
import { SURFACE_REFIT_MS } from '../../engine/terminal';
import { sviVol } from '../../engine/options';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS } from '../../engine/venues/kite/testSupport';
import { kiteBridgeRig } from './kiteRig.fixture';

/**
 * The volatility surface of Kite's NIFTY options through the real bridge handlers (their zod schemas),
 * engine and adapter, against the loopback Kite venue (one December expiry, eight strikes, priced from
 * the same-expiry future).
 */
const DEC_EXPIRY = Date.UTC(2026, 11, 29, 10, 0);

async function niftyRig() {
  const rig = await kiteBridgeRig({ extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS], markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS] });
  await rig.login();
  return rig;
}

describe('volatility surface over the bridge (Kite NFO options)', () => {
  it("fits NIFTY's expiry from its chain once the options stream: ATM vol, points and curve; RR and BF withheld where extrapolated", async () => {
    const rig = await niftyRig();
    // The surface asks the options to stream (as a chain does); it is polled until every strike has a two-sided IV.
    let surface: OptionSurfaceView | undefined;
    await rig.until(() => {
      void rig.call('options.surface', { venue: 'zerodha', underlying: 'NIFTY' }).then((r) => (surface = r.value as OptionSurfaceView));
      return surface !== undefined && surface.slices[0]?.points.length === 8;
    }, 'every strike quoted on both sides');
    const s = surface!;
    expect(s.venue).toBe('zerodha');
    expect(s.underlying).toBe('NIFTY');
    expect(s.expiriesListed).toBe(1);
    expect(s.problem).toBeUndefined();
    expect(s.weighting).toBe('1 / (ask IV - bid IV)');
    const [slice] = s.slices;
    expect(slice!.expiry).toBe(DEC_EXPIRY);
    expect(slice!.label).toBe('2026-12-29');
    expect(slice!.problem).toBeUndefined();
    const fit = slice!.fit!;
    // Eight strikes, each from its out-of-the-money option: puts below the forward, calls at and above it.
    expect(slice!.points.map((p) => p.strike)).toEqual([23800, 23900, 24000, 24100, 24200, 24300, 24400, 24500]);
    for (const p of slice!.points) expect(p.side).toBe(p.strike >= slice!.forward! ? 'call' : 'put');
    expect(fit.quotesUsed).toBe(8);
    expect(fit.rmseVolPoints).toBeLessThan(1);
    // The fitted smile goes through the market's mids to within its RMSE band, and the ATM vol is the fitted smile at the forward.
    expect(fit.atmVol!).toBeCloseTo(sviVol(fit.params, 0, slice!.years), 12);
    expect(fit.atmVol!).toBeGreaterThan(0.05);
    expect(fit.atmVol!).toBeLessThan(0.4);
    // The loopback quotes NIFTY's put skew: the fitted smile is higher below the money than above it.
    expect(sviVol(fit.params, -0.01, slice!.years)).toBeGreaterThan(sviVol(fit.params, 0.01, slice!.years));
    // Its eight strikes span ±1.5% around a three-week forward: the 25-delta strikes lie beyond them, so RR and
    // BF would be the fit's extrapolation; they are withheld, and the slice says why.
    expect(fit.riskReversal25).toBeUndefined();
    expect(fit.butterfly25).toBeUndefined();
    expect(fit.metricsProblem).toMatch(/^a 25-delta strike \(k=-?0\.\d{4}\) lies outside the quoted strikes \(k=-0\.\d{4} to k=0\.\d{4}\): RR and BF would be extrapolated$/);
    expect(slice!.curve.length).toBeGreaterThan(10);

    // The forward and the mid IVs are the chain's, read at the same market (both read now, with no await between).
    rig.clock.advance(SURFACE_REFIT_MS);
    const chain = rig.terminal.optionChain({ venue: 'zerodha', underlying: 'NIFTY' }, 'same-instant');
    const fresh = rig.terminal.optionSurface({ venue: 'zerodha', underlying: 'NIFTY' }, 'same-instant').slices[0]!;
    expect(fresh.forward).toBe(chain.forward);
    for (const p of fresh.points) {
      const side = chain.rows.find((r) => r.strike === p.strike)![p.side]!;
      expect([p.bidIv, p.iv, p.askIv]).toEqual([side.bidIv, side.iv, side.askIv]);
    }

    expect((await rig.call('options.closeSurface', {})).value).toEqual({ closed: true });
  });

  it('refuses unknown underlyings and bad input in words', async () => {
    const rig = await niftyRig();
    const unknown = await rig.call('options.surface', { venue: 'zerodha', underlying: 'NOSUCH' });
    expect(unknown.error).toEqual({ code: 'UNKNOWN_INSTRUMENT', message: 'zerodha has no options on NOSUCH' });
    expect((await rig.call('options.surface', { venue: 'zerodha', underlying: 'NIFTY', rate: 5 })).error?.code).toBe('INVALID_INPUT');
    expect((await rig.call('options.surface', { venue: 'zerodha', underlying: '' })).error?.code).toBe('INVALID_INPUT');
    expect((await rig.call('options.surface', { venue: 'zerodha', underlying: 'NIFTY', expiry: DEC_EXPIRY })).error?.code).toBe('INVALID_INPUT');
  });

  it('says why a slice cannot be fitted before its options stream', async () => {
    const rig = await niftyRig();
    // The first ask: nothing of the chain has streamed yet, so no strike has a two-sided IV.
    const first = (await rig.call('options.surface', { venue: 'zerodha', underlying: 'NIFTY' })).value as OptionSurfaceView;
    const slice = first.slices[0]!;
    expect(slice.fit).toBeUndefined();
    expect(slice.curve).toEqual([]);
    expect(slice.problem).toMatch(/^(\d of 8 strikes have a two-sided quote with implied vols; at least 5 are needed to fit a smile|no price for NFO:NIFTY26DECFUT yet)$/);
    expect(first.problem).toBe('NIFTY: no fitted expiries');
  });
});
