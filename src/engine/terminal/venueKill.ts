import type { Logger } from '../core';
import type { KillSwitch } from '../risk';
import type { VenueAdapter } from '../venues';
import type { VenueKillOutcomes } from './venueKillOutcomes';

/** What the venue's kill is told beyond flatten, and where its outcome goes. */
export interface VenueKillHooks {
  /** The trader's "Delete GTTs on kill switch", read at each engage (a change needs no reconnect). */
  deleteGtts(): boolean;
  outcomes: VenueKillOutcomes;
}

/**
 * A venue with its own part of the kill switch (Kite: every open order at the venue including those
 * placed elsewhere, its GTTs when the trader chose so, a square-off of intraday positions with flatten)
 * runs it each time the switch engages, beside the OMS's cancel of the orders it knows. Each call that
 * failed is logged by name in the venue's words and kept in the outcomes the kill state shows. Returns
 * the function that detaches it.
 */
export function bindVenueKill(killSwitch: KillSwitch, venue: VenueAdapter, logger: Logger, hooks: VenueKillHooks): () => void {
  const kill = venue.killSwitch?.bind(venue);
  if (!kill) return () => {};
  return killSwitch.events.on('kill', (status) => {
    if (status.state !== 'engaged') return;
    hooks.outcomes.started(venue.id);
    let deleteGtts = false;
    try {
      deleteGtts = hooks.deleteGtts();
    } catch (error) {
      // The setting could not be read: the kill goes on without deleting GTTs, and says so.
      logger.error({ venue: venue.id, error: String(error) }, 'kill switch: the "delete GTTs" setting could not be read; GTTs are left');
    }
    let running: Promise<Awaited<ReturnType<typeof kill>>>;
    try {
      running = kill({ flatten: killSwitch.flattenOnEngage(), deleteGtts });
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (report) => {
        hooks.outcomes.finished(venue.id, report);
        if (report.failed.length > 0) logger.error({ venue: venue.id, failed: report.failed, canceled: report.canceled.length }, 'kill switch: venue calls failed');
        else logger.warn({ venue: venue.id, canceled: report.canceled.length }, 'kill switch: venue done');
      },
      (error: unknown) => {
        hooks.outcomes.threw(venue.id, error);
        logger.error({ venue: venue.id, error: String(error) }, 'kill switch: the venue\'s own kill failed');
      },
    );
  });
}
