import { SqError, type Clock, type Logger } from '../core';
import type { Store } from '../storage';
import { EngineRecordDecoder, type EngineRecord, type Journal } from '../storage';
import type { OrderLedger } from './orderLedger';
import { planReplay } from './replayPlan';
import type { StoreProjection } from './storeProjection';

export interface RecoveryReport {
  fromSnapshot: number | undefined;
  replayed: number;
  orders: number;
  working: number;
  /** Orders taken over from the store of a version without the journal. */
  imported: number;
  /** Records projected into SQLite again because it had lost them (deleted, rolled back, an older copy). */
  reprojected: number;
}

export interface RecoverySources {
  journal: Journal;
  store: Store;
  ledger: OrderLedger;
  projection: StoreProjection;
  clock: Clock;
  log: Logger;
  /** Journals a record the OMS's usual way (applied at once, its effects once durable). */
  record: (record: EngineRecord) => void;
}

/** While the journal is replayed into SQLite, it is written in transactions of this many records. */
const REPLAY_FLUSH_EVERY = 10_000;

/**
 * The OMS's start: the ledger rebuilt from the journal's snapshot and the records after it (as
 * planReplay says), every record SQLite lacks projected into it again, and the orders of a data dir
 * from before the journal taken over from SQLite. Throws if SQLite cannot be brought up to date.
 */
export function recoverFromJournal({ journal, store, ledger, projection, clock, log, record }: RecoverySources): RecoveryReport {
  const snapshot = journal.latestSnapshot();
  const plan = planReplay({ firstSeq: journal.firstSeq, lastSeq: journal.lastSeq, snapshotSeq: snapshot?.seq }, store.projectedSeq());
  if (plan.note) log[plan.note.level]({ snapshot: snapshot?.seq, journal: [journal.firstSeq, journal.lastSeq] }, plan.note.message);
  if (plan.clearStore) store.clearProjection();
  projection.resumeAfter(plan.projectedSeq);
  if (plan.restoreSnapshot && snapshot) ledger.restore(snapshot.bytes);
  if (plan.projectSnapshot && snapshot) projection.add({ orders: [...ledger.all()], fills: [], versions: [], audit: [], sends: [] }, snapshot.seq);
  const decoder = new EngineRecordDecoder();
  let reprojected = 0;
  const replayed = journal.replay(
    (seq, type, payload) => {
      const applied = ledger.apply(decoder.decode(type, payload), seq);
      if (seq <= plan.projectedSeq) return;
      projection.add(applied, seq);
      if (++reprojected % REPLAY_FLUSH_EVERY === 0) projection.flush();
    },
    { fromSeq: plan.fromSeq },
  );
  // Durable before anything trades on it: a power cut now must not undo the repair.
  if (!projection.flush({ durable: true })) {
    throw new SqError('INTERNAL', 'engine.sqlite could not be brought up to date with the order journal (see the log); refusing to start on incomplete fills');
  }
  // A data dir from before the journal: its orders (migrated in SQLite) enter the journal once, as they were.
  const legacy = !snapshot && replayed === 0 ? store.loadOrders() : [];
  for (const order of legacy) {
    record({ kind: 'orderState', at: clock.now(), order, source: 'recovery', detail: 'taken over from the store of an earlier version' });
  }
  const imported = legacy.length;
  const report: RecoveryReport = {
    fromSnapshot: plan.restoreSnapshot ? snapshot?.seq : undefined,
    replayed,
    orders: ledger.size,
    working: ledger.workingOrders().length,
    imported,
    reprojected,
  };
  log.info(report, 'orders recovered from the journal');
  return report;
}
