/**
 * How long to wait before the `attempt`-th consecutive reconnect (0 = the first): exponential from
 * `initialMs`, capped at `maxMs`, drawn from the upper half of the step so that many clients dropped
 * together (a venue restart) do not all come back in the same instant, and never sooner than half
 * the step. (marketdata has the same rule for the public feed; venues sit below it and cannot import it.)
 */
export interface ReconnectPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 500, maxMs: 30_000 };

/** `random`: uniform in [0, 1). */
export function reconnectDelayMs(attempt: number, policy: ReconnectPolicy, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}
