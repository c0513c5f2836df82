/**
 * Delay before reconnect attempt `attempt` (0-based): doubles from `baseMs` up to `maxMs`.
 * The host is on the same machine, so there is no herd to spread out and no jitter is needed;
 * the cap keeps a restarted host from waiting long for its screen to come back.
 */
export function reconnectDelay(attempt: number, baseMs = 250, maxMs = 5000): number {
  if (attempt <= 0) return baseMs;
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
}
