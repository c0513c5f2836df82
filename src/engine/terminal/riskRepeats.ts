import type { RiskState } from './views';

/** At least this often the risk state goes out even unchanged: a view's clock-driven text stays current. */
export const RISK_HEARTBEAT_MS = 10_000;

/**
 * Decides whether the once-a-second risk state is worth sending. It lists every instrument's
 * utilisation and breaker (with SIM's options, 179 rows, some 48 kB), broadcast to every view: sent
 * every second unchanged it was most of the bridge's traffic. It goes out when anything in it changed
 * (its timestamp aside), every second while a breaker is not closed (its cool-down counts down on
 * screen), and otherwise every RISK_HEARTBEAT_MS.
 */
export class RiskRepeats {
  private lastText: string | undefined;
  private lastSentAt = -Infinity;

  shouldSend(state: RiskState, now: number): boolean {
    const text = JSON.stringify({ ...state, utilisation: { ...state.utilisation, ts: 0 } });
    const changed = text !== this.lastText;
    const counting = state.breakers.some((b) => b.state !== 'CLOSED');
    if (!changed && !counting && now - this.lastSentAt < RISK_HEARTBEAT_MS) return false;
    this.lastText = text;
    this.lastSentAt = now;
    return true;
  }
}
