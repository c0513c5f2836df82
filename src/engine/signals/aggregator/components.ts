/**
 * The component signals the aggregator combines, and the shape every one of them is reported in.
 * Every `value` is in [-1, 1]: +1 = the strongest bullish reading the mapping allows, −1 the strongest bearish.
 */
export const COMPONENT_NAMES = [
  'sentimentLevel',
  'sentimentMomentum',
  'fundingRate',
  'longShortRatio',
  'openInterest',
  'fearGreed',
  'orderFlow',
  'rsi',
  'macd',
  'bollinger',
] as const;

export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** One normalised component as the trader sees it. */
export interface ComponentReading {
  name: ComponentName;
  /** Mapped value in [-1, 1]; absent when the component has never had an input for this instrument. */
  value?: number;
  /** The raw figure the value was mapped from (decayed mean compound, funding rate, RSI, %B, ...). */
  raw?: number;
  /** When the newest input behind it was taken (ms since epoch, on the injected Clock). */
  ts?: number;
  /** True when it has a value no older than its `staleAfterMs`; a component that is not fresh drops out of the composite. */
  fresh: boolean;
}
