import type { Rng } from '../../core';

/**
 * The latent "true" price the synthetic participants trade around. It is a model variable, not
 * money: it lives as a float in ticks and only ever becomes a price through Math.floor/ceil.
 *
 * Log returns follow GARCH(1,1) so quiet and busy periods cluster, as in real markets; a very weak
 * pull towards the anchor (half-life of half a day) keeps a long-running simulation from wandering
 * to absurd prices without being visible on the scale of minutes.
 */
export interface FairValueState {
  /** Fair value in ticks. */
  value: number;
  /** Current conditional variance of one step's log return. */
  variance: number;
}

// Per-step GARCH weights: alpha + beta = 0.995 gives volatility regimes with a half-life of
// ~7 s at 50 ms steps, long enough to show clustering in 1-second returns and on the chart.
const ALPHA = 0.03;
const BETA = 0.968;
const REVERSION_HALF_LIFE_SEC = 12 * 3600;
/** Bounds on the variance relative to its long-run level, so a freak draw cannot blow it up. */
const MIN_VARIANCE_RATIO = 1 / 25;
const MAX_VARIANCE_RATIO = 60;

export class FairValue {
  // Every field starts as a number (the constructor sets the real values): declared bare, a field starts
  // undefined and V8 then boxes each double step() writes as a new heap number (62 GCs per 4M steps; none since).
  private logValue = 0;
  private variance = 0;
  private readonly longRunVariance: number = 0;
  private readonly omega: number = 0;
  private readonly logAnchor: number = 0;
  private readonly reversion: number = 0;

  constructor(
    anchorTicks: number,
    volPerSqrtSec: number,
    stepMs: number,
    state?: FairValueState,
  ) {
    const dtSec = stepMs / 1000;
    this.longRunVariance = volPerSqrtSec * volPerSqrtSec * dtSec;
    this.omega = this.longRunVariance * (1 - ALPHA - BETA);
    this.logAnchor = Math.log(anchorTicks);
    this.reversion = (Math.LN2 / REVERSION_HALF_LIFE_SEC) * dtSec;
    this.logValue = Math.log(state?.value ?? anchorTicks);
    this.variance = state?.variance ?? this.longRunVariance;
  }

  /** Fair value in ticks (fractional). */
  get value(): number {
    return Math.exp(this.logValue);
  }

  /** Current volatility relative to its long-run level (1 = normal, 3 = a busy period). */
  get volRatio(): number {
    return Math.sqrt(this.variance / this.longRunVariance);
  }

  /** Volatility of one step, in ticks: how far the value typically moves per step right now. */
  get stepSigmaTicks(): number {
    return Math.sqrt(this.variance) * this.value;
  }

  /** Advances one step. */
  step(rng: Rng): void {
    const shock = Math.sqrt(this.variance) * rng.normal();
    this.logValue += shock - this.reversion * (this.logValue - this.logAnchor);
    const next = this.omega + ALPHA * shock * shock + BETA * this.variance;
    this.variance = Math.min(
      this.longRunVariance * MAX_VARIANCE_RATIO,
      Math.max(this.longRunVariance * MIN_VARIANCE_RATIO, next),
    );
  }

  state(): FairValueState {
    return { value: this.value, variance: this.variance };
  }
}
