/** Where the OMS's start replays the journal from, and what it re-projects into SQLite. */
export interface ReplayPlan {
  /** Restore the journal's snapshot before replaying (otherwise the ledger starts empty). */
  restoreSnapshot: boolean;
  /** First record to replay into the ledger. */
  fromSeq: number;
  /** Records up to this one are in SQLite already; every later one is projected again. */
  projectedSeq: number;
  /** SQLite holds records the journal does not: empty its projection and rebuild it from the journal. */
  clearStore: boolean;
  /** Write the snapshot's orders to SQLite: the records before it that would have are gone. */
  projectSnapshot: boolean;
  /** What was found, for the log; absent on a normal start. */
  note?: { level: 'info' | 'warn' | 'error'; message: string };
}

export interface JournalBounds {
  /** First record the journal still holds (1 unless an earlier version pruned segments). */
  firstSeq: number;
  lastSeq: number;
  /** The latest snapshot's sequence, if there is one. */
  snapshotSeq: number | undefined;
}

/**
 * The journal is the only truth; SQLite is a projection of it that says how far it got (its
 * watermark, `projected`). A normal start restores the snapshot, replays what follows and projects
 * what SQLite lacks. When SQLite is behind the snapshot (deleted, an older copy, a power cut that
 * rolled back its last commits), the ledger is rebuilt from record 1 instead (it is a pure function
 * of the records, so it ends in the same state) and every record past the watermark is projected on
 * the way. `projected` undefined is a database from before the watermark, whose projection was
 * complete up to the snapshot.
 */
export function planReplay(journal: JournalBounds, projected: number | undefined): ReplayPlan {
  const snapshotSeq = journal.snapshotSeq ?? 0;
  let at = projected ?? snapshotSeq;
  let clearStore = false;
  let note: ReplayPlan['note'];
  const from = (restoreSnapshot: boolean, projectedSeq: number, projectSnapshot = false): ReplayPlan => {
    const plan: ReplayPlan = { restoreSnapshot, fromSeq: restoreSnapshot ? snapshotSeq + 1 : 1, projectedSeq, clearStore, projectSnapshot };
    if (note) plan.note = note;
    return plan;
  };

  if (at > journal.lastSeq) {
    const ahead = `engine.sqlite has projected up to record ${at} but the journal ends at ${journal.lastSeq}`;
    if (journal.lastSeq === 0 && snapshotSeq === 0) {
      // No journal at all (removed by hand): SQLite is all there is; its orders are taken over as from an earlier version.
      note = { level: 'error', message: `${ahead}: the journal is gone; taking over what SQLite holds` };
      return from(false, 0);
    }
    if (journal.firstSeq > 1) {
      note = { level: 'error', message: `${ahead}, and records before ${journal.firstSeq} were pruned: SQLite cannot be rebuilt, it is kept as it is` };
      return from(snapshotSeq > 0, journal.lastSeq);
    }
    // Records it projected were lost from the journal (a power cut under a relaxed fsync policy). The
    // journal is the truth: the venue's reconcile books again whatever really happened.
    note = { level: 'warn', message: `${ahead}: rebuilding SQLite from the journal` };
    clearStore = true;
    at = 0;
  }
  if (at >= snapshotSeq) return from(snapshotSeq > 0, at);
  const behind = `engine.sqlite is at record ${at}, behind the snapshot at ${snapshotSeq}`;
  if (journal.firstSeq === 1) {
    note ??= { level: 'warn', message: `${behind}: replaying the journal from record 1 to rebuild what it lost` };
    return from(false, at);
  }
  note = {
    level: 'error',
    message: `${behind}, and records before ${journal.firstSeq} were pruned by an earlier version: fills between ${at + 1} and ${snapshotSeq} cannot be rebuilt`,
  };
  return from(true, snapshotSeq, true);
}
