/**
 * How long a connector waits before its next reconnect after `failures` consecutive failures (0 = the
 * first): doubling from `initialMs` up to `maxMs`, jittered so that many clients dropped at once (a
 * venue restart) do not all come back in the same instant. The wait is drawn from the upper half of the
 * doubled step, so it is never under half of it and never over the cap.
 *
 * (marketdata's binanceFeed has the same rule for the market streams; venues sits below marketdata and
 * cannot import it, so the account streams have this one.)
 */
export interface ReconnectPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { initialMs: 500, maxMs: 30_000 };

/** `random` returns a number in [0, 1): an injected source, so a test can fix it. */
export function reconnectDelayMs(failures: number, policy: ReconnectPolicy, random: () => number): number {
  // The exponent is bounded first: 2 ** a huge count is Infinity.
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(Math.max(failures, 0), 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}
