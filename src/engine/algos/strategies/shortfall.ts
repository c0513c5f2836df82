import { IntentSlot, type Algorithm, type ChildIntent, type DecisionInput } from '../algorithm';
import { scheduledChild, SliceSchedule } from './sliceSchedule';

export interface ShortfallParams {
  slices: number;
  /** λ, the trader's aversion to risk (per tick² of variance): 0 = no urgency (TWAP). */
  riskAversion: number;
  /** σ, the price's volatility in ticks per √second. */
  volatility: number;
  /** η, the temporary impact: ticks of price concession per lot/second of trading rate. */
  impact: number;
}

/**
 * Implementation Shortfall on the Almgren–Chriss optimal trajectory (R. Almgren and N. Chriss, "Optimal
 * execution of portfolio transactions", Journal of Risk 3(2), 2000, pp. 5-39). Holding X lots to trade
 * over T seconds in N intervals of τ = T/N, the mean-variance optimal holdings at t_j = jτ are
 *
 *     x_j = X · sinh(κ (T − t_j)) / sinh(κ T),      j = 0..N,
 *
 * where κ solves  2 (cosh(κτ) − 1) / τ² = κ̃² = λ σ² / η̃  (their eq. for the discrete trajectory; we
 * take η̃ = η, the permanent-impact correction γτ/2 being negligible at our slice lengths). The trade
 * in interval j is n_j = x_{j−1} − x_j, sent at the interval's start. A large κ (urgent: high risk
 * aversion or volatility, cheap impact) front-loads; κ → 0 gives the straight line of TWAP.
 * Children as TWAP's (IOC at the far touch, capped at the limit, catch-up). Limits: σ and η are
 * estimates the trader supplies; nothing here re-estimates them during the run.
 */
export class Shortfall implements Algorithm {
  readonly schedule: SliceSchedule;
  private readonly slot = new IntentSlot();
  readonly kappa: number;

  constructor(params: ShortfallParams, startAt: number, endAt: number) {
    const n = params.slices;
    const T = (endAt - startAt) / 1000;
    const tau = T / n;
    const kTilde2 = (params.riskAversion * params.volatility * params.volatility) / params.impact;
    this.kappa = tau > 0 ? Math.acosh(1 + (kTilde2 * tau * tau) / 2) / tau : 0;
    const times = new Float64Array(n);
    const cumulative = new Float64Array(n);
    for (let j = 1; j <= n; j++) {
      times[j - 1] = Math.floor(startAt + (j - 1) * tau * 1000);
      cumulative[j - 1] = 1 - holdingFraction(this.kappa, T, j * tau);
    }
    cumulative[n - 1] = 1;
    this.schedule = new SliceSchedule(times, cumulative);
  }

  decide(input: DecisionInput): ChildIntent | undefined {
    return scheduledChild(this.schedule, input, this.slot);
  }
}

/** x(t)/X on the Almgren–Chriss trajectory; the linear limit when κT is too small to divide by. */
export function holdingFraction(kappa: number, T: number, t: number): number {
  if (kappa * T < 1e-9) return Math.max(0, 1 - t / T);
  // sinh overflows past ~710: in that regime the ratio is e^{-κt} to double precision.
  if (kappa * T > 700) return Math.exp(-kappa * t);
  return Math.sinh(kappa * (T - t)) / Math.sinh(kappa * T);
}
