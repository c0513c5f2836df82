import { silentLogger, type Logger } from '../core';
import type { KillSwitch } from '../risk';
import type { OrderManager } from './orderManager';

/**
 * While the kill switch is engaged, no order may stay working: a cancel goes to every working order on
 * every venue. Called when the switch is engaged, on each retry, and at start-up after restore() and
 * reconcile() (an order still working at a venue after a crash must go). Lives here, not in risk,
 * because risk must not depend on the OMS. Returns how many cancels were sent (0 when not engaged).
 */
export function enforceKillSwitch(killSwitch: KillSwitch, oms: OrderManager, logger: Logger = silentLogger): number {
  if (!killSwitch.isEngaged()) return 0;
  const sent = oms.cancelAll({}, 'kill_switch');
  if (sent > 0) logger.warn({ sent, reason: killSwitch.status().reason }, `kill switch: cancel sent for ${sent} working orders`);
  return sent;
}
