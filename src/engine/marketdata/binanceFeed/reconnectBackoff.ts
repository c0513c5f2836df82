/**
 * How long to wait before reconnecting after the `attempt`-th consecutive failure (0 = the first):
 * exponential from `initialMs`, capped at `maxMs`, with jitter so that many clients dropped together
 * (a venue restart) do not all come back in the same instant. The delay is drawn uniformly from the
 * upper half of the exponential step: never less than half of it, never more than the cap.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

/** `random` returns a number in [0, 1) (an injected source, so a test can fix it). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  // Math.min before the power would overflow to Infinity for a huge attempt count.
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}
