import type { SyntheticMarket } from '../syntheticMarket';
import { STEP_MS } from '../syntheticMarket';

/** The option makers follow a smoothed GARCH volatility: implied vol does not jump with every 50 ms draw. */
const VOL_SMOOTHING_HALF_LIFE_SEC = 60;
const SECONDS_PER_YEAR = 365 * 24 * 3600;

/**
 * What the option makers of one underlying read from its synthetic market: the spot (its fair value,
 * in quote currency) and its volatility regime (FairValue.volRatio, smoothed), once per step. Shared by all the options on that underlying.
 */
export class UnderlyingFeed {
  private lastTs = NaN;
  // Numbers from the start (the constructor sets them): declared bare, a field starts undefined and V8
  // boxes every double written to it, here once per step.
  private smoothed = 1;
  private readonly alpha = 1 - 2 ** (-(STEP_MS / 1000) / VOL_SMOOTHING_HALF_LIFE_SEC);
  private readonly priceUnit: number = 0;
  /** Long-run annual volatility of the underlying's price path. */
  readonly baseVol: number = 0;
  spot = 0;

  constructor(
    private readonly market: SyntheticMarket,
    /** One price tick of the underlying, in quote currency. */
    tickValue: number,
    volPerSqrtSec: number,
    smoothedVolRatio?: number,
  ) {
    this.priceUnit = tickValue;
    this.baseVol = volPerSqrtSec * Math.sqrt(SECONDS_PER_YEAR);
    this.smoothed = smoothedVolRatio ?? market.volRatio;
    this.spot = market.fairValue * this.priceUnit;
  }

  /** The smoothed volatility ratio (1 = the long-run level). */
  get volRatio(): number {
    return this.smoothed;
  }

  /** Reads the underlying once per step time (every option of the step sees the same numbers). */
  refresh(ts: number): void {
    if (ts === this.lastTs) return;
    const first = Number.isNaN(this.lastTs);
    this.lastTs = ts;
    this.spot = this.market.fairValue * this.priceUnit;
    if (!first) this.smoothed += this.alpha * (this.market.volRatio - this.smoothed);
  }

}
