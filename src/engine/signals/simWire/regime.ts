/**
 * What the simulated news wire knows about its market: per underlying, the move over the last few
 * minutes (sampled from the SIM venue's fair value at each poll) measured against the market's
 * normal volatility, and its GARCH volatility regime. The reader is injected so the wire follows a
 * SimVenue in production and a scripted path in a test.
 */

/** One reading of an underlying's market (SimVenue.marketRegime has this shape). */
export interface MarketSample {
  /** Fair value in quote currency. */
  fairValue: number;
  /** Current volatility relative to the long-run level (1 = normal). */
  volRatio: number;
  /** Long-run volatility of the log price per sqrt(second). */
  volPerSqrtSec: number;
}

export type RegimeReader = (symbol: string) => MarketSample | undefined;

export type Mood = 'rally' | 'selloff' | 'volatile' | 'calm';

export interface Regime {
  symbol: string;
  price: number;
  /** Percentage move over `spanMs` (0.42 = +0.42 %). */
  changePct: number;
  spanMs: number;
  /** The log move in units of the move normal volatility gives over that span. */
  z: number;
  volRatio: number;
  mood: Mood;
}

/** |z| at or above this is a rally or a sell-off; a volRatio at or above HIGH_VOL is a volatile market. */
export const TREND_Z = 1;
export const HIGH_VOL = 1.8;

export function moodOf(z: number, volRatio: number): Mood {
  if (volRatio >= HIGH_VOL && Math.abs(z) < 2 * TREND_Z) return 'volatile';
  if (z >= TREND_Z) return 'rally';
  if (z <= -TREND_Z) return 'selloff';
  return volRatio >= HIGH_VOL ? 'volatile' : 'calm';
}

/** The recent fair values of one underlying, enough to measure the move over `windowMs`. */
export class RegimeTracker {
  private readonly samples: { ts: number; price: number }[] = [];

  constructor(
    readonly symbol: string,
    private readonly windowMs: number,
  ) {}

  /** Records a sample at `now` and returns the regime it implies. */
  observe(now: number, s: MarketSample): Regime {
    if (!(s.fairValue > 0) || !Number.isFinite(s.fairValue)) throw new Error(`the SIM market of ${this.symbol} has no fair value`);
    this.samples.push({ ts: now, price: s.fairValue });
    // Keep the newest sample at or before the window's start as the reference; drop older ones.
    while (this.samples.length > 2 && this.samples[1]!.ts <= now - this.windowMs) this.samples.shift();
    const ref = this.samples[0]!;
    const spanMs = now - ref.ts;
    const logMove = Math.log(s.fairValue / ref.price);
    const normal = s.volPerSqrtSec * Math.sqrt(Math.max(spanMs, 1) / 1000);
    const z = spanMs > 0 && normal > 0 ? logMove / normal : 0;
    return { symbol: this.symbol, price: s.fairValue, changePct: (Math.exp(logMove) - 1) * 100, spanMs, z, volRatio: s.volRatio, mood: moodOf(z, s.volRatio) };
  }
}
