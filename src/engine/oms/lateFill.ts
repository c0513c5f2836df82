import type { Clock, Logger } from '../core';
import type { EngineRecord, Store, VenueOrderEvent } from '../storage';
import type { StoreProjection } from './storeProjection';
import type { Order } from './types';

export interface LateFillSources {
  /** An order that is no longer in the ledger: leaving it, waiting for SQLite, or in SQLite. */
  evicted: (clientOrderId: string) => Order | undefined;
  store: Store;
  projection: StoreProjection;
  clock: Clock;
  log: Logger;
  /** Journals a record the OMS's usual way (applied at once, its effects once durable). */
  record: (record: EngineRecord) => void;
}

const TAKEN_BACK = 'taken back into memory from the store: a fill arrived after the order had finished and left memory';

/**
 * A fill for an order that finished and left memory: it traded, so it must be booked. The order is
 * taken back from SQLite as a journaled record (so a replay does the same) before the fill; a fill
 * SQLite already has is the venue resending it. False = drop the event. An order SQLite does not
 * know either goes on to the ledger, which reports it.
 */
export function takeBackForLateFill(e: Extract<VenueOrderEvent, { type: 'orderFilled' }>, { evicted, store, projection, clock, log, record }: LateFillSources): boolean {
  let stored: Order | undefined;
  try {
    stored = evicted(e.clientOrderId);
    if (!stored || stored.venue !== e.venue) return true;
    projection.flush();
    if (store.hasFill(e.venue, e.fillId)) {
      log.debug({ clientOrderId: e.clientOrderId, fillId: e.fillId }, 'duplicate fill for an order no longer in memory');
      return false;
    }
  } catch (error) {
    // SQLite cannot be read: the fill is still journaled (the ledger reports it as for an unknown order).
    log.error({ clientOrderId: e.clientOrderId, fillId: e.fillId, error: String(error) }, 'fill for an order no longer in memory: the store cannot be read');
    return true;
  }
  log.warn({ clientOrderId: e.clientOrderId, fillId: e.fillId, status: stored.status }, 'fill for an order no longer in memory: taken back from the store to book it');
  record({ kind: 'orderState', at: clock.now(), order: stored, source: 'system', detail: TAKEN_BACK });
  return true;
}
