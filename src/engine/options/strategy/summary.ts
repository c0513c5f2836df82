import type { Greeks } from '../pricing';
import { analyseExpiry, type ExpiryAnalysis } from './expiryAnalysis';
import { legProblems, type StrategyLeg, type StrategyMarket } from './legs';
import { chartRange, netGreeks, netPremium, payoffCurve, priceGrid, type NetPremium, type PayoffPoint } from './valuation';

/** Everything the strategy builder shows for a set of legs. */
export interface StrategySummary {
  premium: NetPremium;
  /** Net Greeks now, at the current underlying price. */
  greeks: Greeks;
  expiry: ExpiryAnalysis;
  /** The payoff chart: P&L now and at the first expiry on the same prices. */
  today: PayoffPoint[];
  atExpiry: PayoffPoint[];
}

export type StrategyResult = { ok: true; summary: StrategySummary } | { ok: false; problems: string[] };

/** Validates the legs, then values them at `spot` on `nowMs` (the injected clock's time). */
export function summariseStrategy(
  legs: readonly StrategyLeg[],
  market: StrategyMarket,
  spot: number,
  nowMs: number,
  points = 201,
): StrategyResult {
  const problems = legProblems(legs, nowMs);
  if (!Number.isFinite(spot) || !(spot > 0)) problems.push('the underlying price must be positive');
  if (problems.length > 0) return { ok: false, problems };
  const expiry = analyseExpiry(legs, market, spot);
  const { low, high } = chartRange(legs, spot);
  const grid = priceGrid(low, high, points);
  return {
    ok: true,
    summary: {
      premium: netPremium(legs),
      greeks: netGreeks(legs, market, spot, nowMs),
      expiry,
      today: payoffCurve(legs, market, grid, nowMs),
      atExpiry: payoffCurve(legs, market, grid, expiry.atMs),
    },
  };
}
