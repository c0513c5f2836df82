import type { Symbol, VenueId } from '../../core';
import type { VenueEvent } from '../../venues';

export type BookSnapshotEvent = Extract<VenueEvent, { type: 'bookSnapshot' }>;
export type BookDeltaEvent = Extract<VenueEvent, { type: 'bookDelta' }>;
/** The canonical book events a normaliser emits: integer ticks/lots, the normaliser's own contiguous seq. */
export type BookEvent = BookSnapshotEvent | BookDeltaEvent;

/** A price level exactly as the venue wrote it: [price, qty] decimal strings (already checked to be decimals). */
export type DecimalLevel = readonly [price: string, qty: string];

/**
 * Where a normaliser stands with its venue's sequence:
 * - `awaitingSnapshot`: no snapshot yet; nothing can be applied.
 * - `live`: the book built from the events emitted so far is the venue's book.
 * - `stale`: the sequence broke (a gap) or a message could not be read; nothing is applied until a
 *   new snapshot arrives. The book keeps its last good state and must be shown as stale.
 */
export type SyncState = 'awaitingSnapshot' | 'live' | 'stale';

/** A broken venue sequence: the book is stale from here until a new snapshot. */
export interface SequenceGap {
  venue: VenueId;
  symbol: Symbol;
  /** The venue update id the rule required (e.g. previous u + 1). */
  expected: number;
  /** The id the message carried instead (U, pu or u, depending on the venue's rule). */
  got: number;
  /** A sentence naming the rule that broke, for logs and the resync request. */
  reason: string;
}

/** Why a message changed nothing, for diagnostics and tests. */
export type SkipReason =
  /** Held until a snapshot arrives (Binance: diffs are buffered while the REST snapshot is fetched). */
  | 'buffered'
  /** Older than the book: already contained in the snapshot or in an applied event. */
  | 'superseded'
  /** No snapshot to apply it to and the venue's rule does not allow bridging it later. */
  | 'noSnapshot'
  /** Not book data (subscription acknowledgements, pongs). */
  | 'control';

export type SyncOutcome =
  /** Apply this canonical event to the book. */
  | { kind: 'apply'; event: BookEvent }
  /** The sequence broke: mark the book stale and request a snapshot (needsSnapshot is now true). */
  | { kind: 'gap'; gap: SequenceGap }
  | { kind: 'skip'; reason: SkipReason; detail: string };
