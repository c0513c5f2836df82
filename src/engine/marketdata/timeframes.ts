/** Bar lengths the engine keeps candles for, in seconds: 1s 5s 1m 5m 15m 1h. */
export const TIMEFRAME_SECONDS = [1, 5, 60, 300, 900, 3600] as const;
