import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core';
// The journal's own modules, not its index: the index also carries the OMS's record codec.
import { describeDamage, openJournal, type Journal, type Recovery } from '../../storage';
import { decodeLedgerRecord, encodeLedgerRecord, type LedgerRecord } from './ledgerRecords';
import { SimLedger } from './simLedger';

/** Each simulated venue keeps its order journal under `<dataDir>/sim-venues/<venue id>/`. */
export const SIM_VENUES_DIR = 'sim-venues';

export function simVenueDir(dataDir: string, venue: string): string {
  // A venue id is ours (SIM, SIM-A), but it still must not be able to point outside the folder.
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(venue) ? venue : encodeURIComponent(venue).replace(/\./g, '%2E');
  return path.join(dataDir, SIM_VENUES_DIR, name);
}

/** A snapshot every this many records keeps a restart's replay short. */
export const SNAPSHOT_EVERY_RECORDS = 1000;

/**
 * 'interval': a commit returns once the record is written to the operating system, so it survives
 * the process being killed, and the disk flush runs at most every 200 ms. A real exchange would pay
 * for an fsync per order; a simulator on a laptop should not block on one.
 */
const FSYNC = { mode: 'interval', ms: 200 } as const;

export interface OpenedLedger {
  ledger: SimLedger;
  journal: LedgerJournal;
  /** What went wrong restoring, for the venue's restoreProblem (a cut tail, a set-aside journal). */
  problems: string[];
}

/**
 * The simulated exchange's write-ahead journal of user-order changes, on the project's journal
 * (src/engine/storage/journal). The venue appends every change, commits it before emitting the
 * events that report it, and the ledger is rebuilt from the latest snapshot plus the records after.
 */
export class LedgerJournal {
  private snapshotSeq: number;
  private committedSeq: number;

  private constructor(
    private readonly journal: Journal,
    private readonly ledger: SimLedger,
  ) {
    this.snapshotSeq = journal.latestSnapshot()?.seq ?? 0;
    this.committedSeq = journal.lastSeq;
  }

  /**
   * Opens the journal in `dir` and replays it into a fresh ledger. A torn tail is cut off by the
   * journal and reported; a journal that cannot be read at all (a gap, a record this build does
   * not understand) is moved aside whole, reported, and the venue starts with an empty ledger.
   */
  static open(dir: string, clock: Clock): OpenedLedger {
    const problems: string[] = [];
    const first = LedgerJournal.tryOpen(dir, clock, problems);
    if (first.ok) return { ...first.value, problems };
    const aside = `${dir}.unreadable-${clock.now()}`;
    fs.renameSync(dir, aside);
    problems.push(`order journal unreadable (${first.reason}); moved to ${aside}, starting afresh`);
    const second = LedgerJournal.tryOpen(dir, clock, problems);
    if (!second.ok) throw new Error(`cannot open a fresh SIM order journal in ${dir}: ${second.reason}`);
    return { ...second.value, problems };
  }

  private static tryOpen(
    dir: string,
    clock: Clock,
    problems: string[],
  ): { ok: true; value: { ledger: SimLedger; journal: LedgerJournal } } | { ok: false; reason: string } {
    // Its snapshot is its whole state and nothing is projected from its records: old segments can go.
    const opened = openJournal(dir, { clock, fsync: FSYNC, onMidCorruption: 'quarantine', pruneSegments: true });
    if (!opened.ok) return { ok: false, reason: opened.error.message };
    const { journal, recovery } = opened.value;
    const ledger = new SimLedger();
    try {
      if (recovery.snapshot) ledger.restore(JSON.parse(recovery.snapshot.bytes.toString('utf8')));
      journal.replay((_, type, payload) => ledger.apply(decodeLedgerRecord(type, payload)));
    } catch (error) {
      // close() releases the files at once (nothing is in flight right after opening).
      void journal.close().catch(() => undefined);
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    problems.push(...describeRecovery(recovery));
    return { ok: true, value: { ledger, journal: new LedgerJournal(journal, ledger) } };
  }

  /** Appends a record (not yet durable: see commit) and applies it to the ledger. */
  record(record: LedgerRecord): void {
    const { type, payload } = encodeLedgerRecord(record);
    this.journal.append(type, payload);
    this.ledger.apply(record);
  }

  /**
   * Makes everything recorded so far survive a crash of the process (written to the OS), and
   * snapshots the ledger once enough records have piled up since the last snapshot.
   */
  commit(): void {
    const last = this.journal.lastSeq;
    if (last === this.committedSeq) return;
    this.journal.commitSync();
    this.committedSeq = last;
    if (last - this.snapshotSeq >= SNAPSHOT_EVERY_RECORDS) this.snapshot();
  }

  /**
   * Writes a snapshot of the ledger (fsyncing the journal first) if records came since the last one.
   * A snapshot only shortens the next replay, so one that cannot be written (a full disk) is
   * reported and retried after the next batch of records; a journal that failed is another matter.
   */
  snapshot(): void {
    const last = this.journal.lastSeq;
    if (last === 0 || last === this.snapshotSeq) return;
    try {
      this.journal.writeSnapshot(last, Buffer.from(JSON.stringify(this.ledger.snapshot()), 'utf8'));
      this.committedSeq = last;
    } catch (error) {
      if (this.journal.failed) throw error;
      console.warn(`SIM order journal snapshot not written (replay from the previous one): ${String(error)}`);
    }
    this.snapshotSeq = last;
  }

  get lastSeq(): number {
    return this.journal.lastSeq;
  }

  /** Set once a write or fsync failed: from then on nothing the venue does is durable. */
  get failed(): Error | undefined {
    return this.journal.failed;
  }
}

function describeRecovery(recovery: Recovery): string[] {
  const out: string[] = [];
  const t = recovery.truncated;
  if (t) {
    out.push(
      `order journal tail cut at open: ${describeDamage(t.reason)} in ${path.basename(t.file)} at byte ${t.offset} ` +
        `(${t.bytes} bytes after record ${t.lastGoodSeq} removed); changes after that record are lost`,
    );
  }
  const q = recovery.quarantined;
  if (q) {
    out.push(
      `order journal damaged mid-file: ${describeDamage(q.reason)} in ${path.basename(q.file)} at byte ${q.offset}; ` +
        `records after ${q.lastGoodSeq} moved to quarantine`,
    );
  }
  for (const s of recovery.corruptSnapshots) out.push(`order journal snapshot ${path.basename(s.file)} set aside: ${s.reason}`);
  return out;
}
