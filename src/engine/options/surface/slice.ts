import type { SviParams } from '../svi';

/**
 * One fitted expiry of a volatility surface. `years` is measured from the instant the surface was built
 * (the caller's injected clock), and every query against the surface must use years from that instant.
 */
export interface SurfaceSlice {
  /** How the UI names the expiry, e.g. "2026-12-31". */
  label: string;
  years: number;
  forward: number;
  params: SviParams;
}

const finite = (x: number): boolean => Number.isFinite(x);

/** Why a slice cannot join a surface, or undefined when it can. */
export function sliceProblem(s: SurfaceSlice): string | undefined {
  const p = s.params;
  const where = `expiry ${s.label}`;
  if (!(finite(s.years) && s.years > 0)) return `${where}: years to expiry must be a positive number`;
  if (!(finite(s.forward) && s.forward > 0)) return `${where}: forward must be a positive number`;
  if (![p.a, p.b, p.rho, p.m, p.s].every(finite)) return `${where}: SVI parameters must be finite numbers`;
  if (p.b < 0) return `${where}: SVI b must not be negative`;
  if (!(Math.abs(p.rho) < 1)) return `${where}: SVI rho must be inside (-1, 1)`;
  if (!(p.s > 0)) return `${where}: SVI s must be positive`;
  if (p.a + p.b * p.s * Math.sqrt(1 - p.rho * p.rho) < 0) return `${where}: SVI smile has negative variance`;
  return undefined;
}

/** The slice a successful fit gives, named for the UI. */
export function sliceFromFit(label: string, fit: { years: number; forward: number; params: SviParams }): SurfaceSlice {
  return { label, years: fit.years, forward: fit.forward, params: { ...fit.params } };
}
