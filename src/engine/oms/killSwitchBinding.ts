import { silentLogger, type Logger } from '../core';
import type { KillSwitch } from '../risk';
import type { OrderManager } from './orderManager';

/**
 * What engaging the kill switch does to orders: a cancel for every working order on every venue.
 * Lives here, not in risk, because risk must not depend on the OMS (the OMS depends on risk).
 * Returns the unsubscribe function.
 */
export function bindKillSwitch(killSwitch: KillSwitch, oms: OrderManager, logger: Logger = silentLogger): () => void {
  return killSwitch.events.on('kill', (status) => {
    if (status.state !== 'engaged') return;
    const sent = oms.cancelAll({}, 'kill_switch');
    logger.warn({ sent, reason: status.reason }, `kill switch: cancel sent for ${sent} working orders`);
  });
}

/**
 * For start-up, after restore() and reconcile(): a switch that was engaged when the engine stopped
 * is still engaged, and any order still working at a venue (a cancel lost in the crash) must go.
 * Returns how many cancels were sent (0 when the switch is not engaged).
 */
export function enforceKillSwitch(killSwitch: KillSwitch, oms: OrderManager, logger: Logger = silentLogger): number {
  if (!killSwitch.isEngaged()) return 0;
  const sent = oms.cancelAll({}, 'kill_switch');
  if (sent > 0) logger.warn({ sent }, `kill switch engaged at start: cancel sent for ${sent} working orders`);
  return sent;
}
