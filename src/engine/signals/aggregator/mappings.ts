/**
 * How each raw figure becomes a value in [-1, 1]. Conventions (the trader weighs them; signs are documented so a
 * strategy knows what it subscribes to):
 * - Positioning is CONTRARIAN for funding and the long/short ratio: a crowd paying to be long (positive funding)
 *   or outnumbering shorts is the side that gets squeezed, so both map to a bearish (negative) value.
 * - Open interest is TREND-CONFIRMING: new money entering (OI up) in the direction price moved confirms that
 *   move; OI leaving says the move is closing positions, not conviction. value = sign(price move) · tanh(ΔOI/scale).
 * - Fear & Greed is CONTRARIAN ("buy fear"): (50 − index) / 50.
 * - RSI is CONTRARIAN (mean reversion): (50 − RSI) / 50, so overbought (RSI 70) = −0.4, RSI 100 = −1.
 * - MACD is TREND-FOLLOWING: tanh(histogram / σ), σ = standard deviation of close-to-close changes over the long
 *   EMA window, so the value does not depend on the instrument's price level or tick size.
 * - Bollinger %B is CONTRARIAN: 1 − 2·%B clamped to [-1, 1]; at the upper band −1, at the middle 0, at the lower +1.
 * tanh is used where the raw figure is unbounded: monotone, odd, and saturating so one outlier cannot dominate.
 */

export const clampUnit = (x: number): number => (x > 1 ? 1 : x < -1 ? -1 : x);

/** Funding rate per funding interval (0.0001 = 0.01 %). `scale` = the rate that maps to −tanh(1) ≈ −0.76. */
export function mapFundingRate(rate: number, scale: number): number {
  return -Math.tanh(rate / scale);
}

/** Long/short account ratio (> 0). Symmetric in log space: ratio r and 1/r map to opposite values. */
export function mapLongShortRatio(ratio: number, scaleLog: number): number {
  if (!(ratio > 0)) return 0;
  return -Math.tanh(Math.log(ratio) / scaleLog);
}

/** Relative OI change between two readings and the sign of the price move over the same span. */
export function mapOpenInterestChange(relChange: number, priceMove: number, scale: number): number {
  const s = priceMove > 0 ? 1 : priceMove < 0 ? -1 : 0;
  return s * Math.tanh(relChange / scale);
}

/** Crypto Fear & Greed index (0 extreme fear … 100 extreme greed). */
export function mapFearGreed(index: number): number {
  return clampUnit((50 - index) / 50);
}

export function mapRsi(rsi: number): number {
  return clampUnit((50 - rsi) / 50);
}

export function mapMacdHistogram(histogram: number, sigma: number): number {
  if (!(sigma > 0)) return 0; // a flat series has no trend to follow
  return Math.tanh(histogram / sigma);
}

/** %B = (close − lower) / (upper − lower). */
export function mapPercentB(percentB: number): number {
  return clampUnit(1 - 2 * percentB);
}

/** Order-flow prediction: the predictor's own 2·pUp − 1, clamped only against rounding. */
export function mapOrderFlow(signal: number): number {
  return clampUnit(signal);
}
