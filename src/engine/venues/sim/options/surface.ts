import { sviVol, type SviParams } from '../../../options';

/**
 * The simulated market maker's volatility surface for one underlying: one raw-SVI smile per expiry,
 * built from Gatheral's SSVI (power-law phi = eta / sqrt(theta)), which is free of butterfly
 * arbitrage when theta * phi * (1 + |rho|) <= 4 and free of calendar arbitrage as long as the ATM
 * total variance theta grows with the expiry (it does: theta = atmVol^2 * T).
 *
 * The surface moves with the underlying: sticky-moneyness (the smile is a function of ln(K / S), so
 * it travels with the spot) and with the underlying's current GARCH volatility, by a scale on the
 * whole smile that is strongest for the nearest expiry (see volScale).
 */

/** Put skew: crypto smiles lean to the downside a little. */
const SKEW_RHO = -0.25;
/** Curvature of the smile (SSVI eta). */
const SMILE_ETA = 0.8;
/** Implied trades above realized: the variance risk premium of option sellers. */
const IMPLIED_OVER_REALIZED = 1.1;
/** How strongly the scale follows the GARCH volatility: 0.5 = with its square root. */
const VOL_ELASTICITY = 0.5;
/** The scale's sensitivity fades with time to expiry over this many days. */
const SENSITIVITY_DAYS = 7;
/** Bounds on the scale, so a freak GARCH draw cannot make the quotes absurd. */
const MIN_SCALE = 0.6;
const MAX_SCALE = 2.5;

/**
 * The smile, into `out`, of an expiry `years` away at the base (long-run) volatility `atmVol`. It is
 * rebuilt from the time left whenever it is used, so the ATM total variance decays as expiry nears.
 */
export function baseSmileInto(atmVol: number, years: number, out: SviParams): SviParams {
  const theta = atmVol * IMPLIED_OVER_REALIZED * atmVol * IMPLIED_OVER_REALIZED * years;
  const phi = SMILE_ETA / Math.sqrt(theta);
  const rho = SKEW_RHO;
  out.a = (theta / 2) * (1 - rho * rho);
  out.b = (theta * phi) / 2;
  out.rho = rho;
  out.m = -rho / phi;
  out.s = Math.sqrt(1 - rho * rho) / phi;
  return out;
}

export function baseSmile(atmVol: number, years: number): SviParams {
  return baseSmileInto(atmVol, years, { a: 0, b: 0, rho: 0, m: 0, s: 0 });
}

/**
 * The factor on the whole smile of an expiry `years` away when the underlying's (smoothed) GARCH
 * volatility is `volRatio` times its long-run level: short expiries follow it, long ones hardly do,
 * as realized volatility mean-reverts well before they expire.
 */
export function volScale(volRatio: number, years: number): number {
  const weight = 1 / (1 + (years * 365) / SENSITIVITY_DAYS);
  const scale = Math.pow(Math.max(1e-6, volRatio), VOL_ELASTICITY * weight);
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Implied volatility of strike `strike` at spot `spot`, `years` before expiry, scaled by `scale`. */
export function smileVol(smile: SviParams, spot: number, strike: number, years: number, scale: number): number {
  return scale * sviVol(smile, Math.log(strike / spot), years);
}
