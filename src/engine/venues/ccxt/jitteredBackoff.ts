/**
 * How long to wait after the `attempt`-th consecutive failure (0 = the first): exponential from
 * `initialMs`, capped at `maxMs`, drawn uniformly from the upper half of the step so that many
 * clients dropped together (a venue restart) do not all come back in the same instant.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

/** `random` returns a number in [0, 1) (injected, so a test can fix it). */
export function jitteredDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}
