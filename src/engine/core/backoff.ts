/**
 * Jittered exponential backoff: how long to wait before the next reconnect (or retry) after `attempt`
 * consecutive failures (0 = the first). The step doubles from `initialMs` up to `maxMs`; the delay is
 * drawn uniformly from the upper half of the step, so that many clients dropped together (a venue
 * restart) do not all come back in the same instant, and a wait is never under half its step nor
 * over the cap. Every reconnecting stream in the engine (market feeds, account streams, ccxt watch
 * loops) uses this one rule; each keeps its own policy values.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** The reconnect policy every venue stream uses unless told otherwise: from half a second, capped at 30 s. */
export const DEFAULT_RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

/** `random` returns a number in [0, 1): an injected source, so a test can fix it; out-of-range values are clamped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  // The exponent is bounded first: 2 ** a huge count is Infinity (and a negative count counts as the first).
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(Math.max(attempt, 0), 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}
