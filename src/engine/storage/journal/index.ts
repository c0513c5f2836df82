/**
 * The write-ahead journal: every command and venue event is appended here before it takes effect;
 * SQLite stays the queryable store, fed from it. See journal.ts for the lifecycle.
 */
export { crc32c } from './crc32c';
export { MAX_PAYLOAD_BYTES, RECORD_HEADER_BYTES } from './format';
export { DEFAULT_FSYNC_POLICY, type FsyncPolicy } from './fsyncPolicy';
export { Journal, openJournal, type JournalOptions, type JournalStats, type OpenJournalResult, type ReplayOptions, type SnapshotWritten } from './journal';
export { JournalFailedError } from './journalWriter';
export { WriteAhead } from './writeAhead';
export {
  describeDamage,
  type Damage,
  type DamageReason,
  type JournalOpenError,
  type JournalOpenErrorCode,
  type MidCorruptionPolicy,
  type Recovery,
  type SegmentState,
  type TailTruncation,
} from './recovery';
export type { RecordVisitor } from './replay';
export { JOURNAL_DIR } from './segmentFiles';
export type { Snapshot } from './snapshots';
export { EngineRecordDecoder, EngineRecordEncoder, RECORD_TYPE, type EngineRecord, type VenueOrderEvent } from './codec/engineRecords';
export { PayloadDecodeError, PayloadReader } from './codec/payloadReader';
export { PayloadWriter } from './codec/payloadWriter';
