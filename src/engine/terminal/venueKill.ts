import type { Logger } from '../core';
import type { KillSwitch } from '../risk';
import type { VenueAdapter } from '../venues';

/**
 * A venue with its own part of the kill switch (Kite: every open order at the venue including those
 * placed elsewhere, its GTTs when the trader chose so, a square-off of intraday positions with flatten)
 * runs it each time the switch engages, beside the OMS's cancel of the orders it knows. Each call that
 * failed is logged by name in the venue's words. Returns the function that detaches it.
 */
export function bindVenueKill(killSwitch: KillSwitch, venue: VenueAdapter, logger: Logger): () => void {
  const kill = venue.killSwitch?.bind(venue);
  if (!kill) return () => {};
  return killSwitch.events.on('kill', (status) => {
    if (status.state !== 'engaged') return;
    kill({ flatten: killSwitch.flattenOnEngage() }).then(
      (report) => {
        if (report.failed.length > 0) logger.error({ venue: venue.id, failed: report.failed, canceled: report.canceled.length }, 'kill switch: venue calls failed');
        else logger.warn({ venue: venue.id, canceled: report.canceled.length }, 'kill switch: venue done');
      },
      (error: unknown) => logger.error({ venue: venue.id, error: String(error) }, 'kill switch: the venue\'s own kill failed'),
    );
  });
}
