import type { StrategyLeg, StrategyMarket } from './legs';
import { firstExpiry } from './legs';
import { pnlAt } from './valuation';

/** A P&L bound in cash, or 'unlimited' when the payoff keeps growing (or falling) with the underlying. */
export type PnlBound = number | 'unlimited';

export interface ExpiryAnalysis {
  /** The first expiry: where the payoff is taken (later legs still have time value there). */
  atMs: number;
  /**
   * True when every option leg expires at atMs: the payoff is then piecewise linear in the underlying and
   * the breakevens and bounds below are exact. Otherwise (a calendar) the later legs are valued by BSM
   * and the breakevens are solved by bisection, the bounds taken on a fine grid.
   */
  exact: boolean;
  /** Underlying prices where the P&L at expiry crosses zero, ascending. */
  breakevens: number[];
  /** The highest P&L at expiry (may be negative: a position that loses everywhere). */
  maxProfit: PnlBound;
  /** The deepest loss at expiry as a positive amount (may be negative: a position that wins everywhere). */
  maxLoss: PnlBound;
}

const GRID_POINTS = 4_000;
const BISECTIONS = 80;

/**
 * The payoff at the first expiry: breakevens and max profit / max loss, 'unlimited' when the slope beyond
 * the last strike does not vanish (below the first strike the underlying stops at zero, so that side is
 * always bounded and its value at zero is one of the candidates).
 */
export function analyseExpiry(legs: readonly StrategyLeg[], market: StrategyMarket, spot: number): ExpiryAnalysis {
  const atMs = firstExpiry(legs);
  const f = (s: number): number => pnlAt(legs, market, s, atMs);
  const strikes = [...new Set(legs.flatMap((l) => (l.kind === 'option' ? [l.strike] : [])))].sort((a, b) => a - b);
  const exact = legs.every((l) => l.kind !== 'option' || l.expiryMs === atMs);
  const slope = slopeAtInfinity(legs, market, atMs);
  // Below this a value is rounding noise of the sums (prices and premiums in the legs' own units).
  let scale = 0;
  for (const l of legs) scale += Math.abs(l.quantity * l.multiplier) * (l.entryPrice + (l.kind === 'option' ? l.strike : spot));
  const eps = scale * 1e-12;
  const slopeEps = legs.reduce((s, l) => s + Math.abs(l.quantity * l.multiplier), 0) * 1e-9;
  const nodes = exact ? [0, ...strikes] : denseNodes(strikes, spot);
  const values = nodes.map((s) => {
    const v = f(s);
    return Math.abs(v) <= eps ? 0 : v;
  });

  let max = -Infinity;
  let min = Infinity;
  for (const v of values) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const breakevens: number[] = [];
  const allZero = values.every((v) => v === 0) && Math.abs(slope) <= slopeEps;
  if (!allZero) {
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i]!;
      const fa = values[i]!;
      if (fa === 0 && (i > 0 || a > 0)) pushUnique(breakevens, a);
      if (i + 1 === nodes.length) break;
      const b = nodes[i + 1]!;
      const fb = values[i + 1]!;
      if (fa * fb < 0) pushUnique(breakevens, exact ? a + ((b - a) * -fa) / (fb - fa) : bisect(f, a, b, fa));
    }
    // Beyond the last node the payoff is a line of slope `slope` (exactly so when exact).
    const last = nodes[nodes.length - 1]!;
    const fl = values[values.length - 1]!;
    if (Math.abs(slope) > slopeEps && fl * slope < 0) {
      pushUnique(breakevens, exact ? last - fl / slope : bisect(f, last, farEnough(f, last, slope), fl));
    }
  }
  return {
    atMs,
    exact,
    breakevens,
    maxProfit: slope > slopeEps ? 'unlimited' : max,
    maxLoss: slope < -slopeEps ? 'unlimited' : min === 0 ? 0 : -min, // never -0
  };
}

/**
 * dP&L/dS as S → ∞ at `atMs`: a call expiring then moves 1 for 1, a later call its forward's discount
 * e^(-qτ) (Black-76: e^(-rτ)), a put nothing; the underlying 1 for 1.
 */
function slopeAtInfinity(legs: readonly StrategyLeg[], market: StrategyMarket, atMs: number): number {
  let slope = 0;
  for (const l of legs) {
    const size = l.quantity * l.multiplier;
    if (l.kind === 'underlying') slope += size;
    else if (l.right === 'call') {
      const years = Math.max(0, (l.expiryMs - atMs) / (365 * 86_400_000));
      const q = market.model === 'black76' ? market.rate : market.dividend;
      slope += size * Math.exp(-q * years);
    }
  }
  return slope;
}

/** 0, the strikes and a fine grid up to well past the last strike (where the later legs' time value has faded). */
function denseNodes(strikes: readonly number[], spot: number): number[] {
  const top = 3 * Math.max(spot, strikes[strikes.length - 1] ?? spot);
  const set = new Set<number>(strikes);
  for (let i = 0; i <= GRID_POINTS; i++) set.add((top * i) / GRID_POINTS);
  return [...set].sort((a, b) => a - b);
}

function bisect(f: (s: number) => number, a: number, b: number, fa: number): number {
  let lo = a;
  let hi = b;
  const loSign = Math.sign(fa);
  for (let i = 0; i < BISECTIONS && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (Math.sign(f(mid)) === loSign) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** A price past the last node where the P&L has the slope's sign (for the last breakeven's bracket). */
function farEnough(f: (s: number) => number, from: number, slope: number): number {
  let b = 2 * from + 1;
  for (let i = 0; i < 60 && Math.sign(f(b)) !== Math.sign(slope); i++) b *= 2;
  return b;
}

function pushUnique(list: number[], x: number): void {
  if (list.length === 0 || Math.abs(list[list.length - 1]! - x) > 1e-9 * Math.max(1, Math.abs(x))) list.push(x);
}
