import path from 'node:path';
import type { Clock, Logger } from '../core';
import { openJournal, type FsyncPolicy, type Journal } from '../storage';
import type { ParentAmend, ParentSpec, ParentState } from './types';

/**
 * The journal of parent orders: the storage layer's write-ahead journal (CRC'd records, group commit,
 * fsync policy, torn-tail repair, snapshots), opened as its own instance in `<dataDir>/algos/journal`.
 *
 * Why not records in the OMS's journal: the OMS sits below algos and its journal is the OrderLedger's
 * (every record is applied to the ledger, and its snapshot is the ledger's state): parent records
 * would have to be carried through the ledger, its snapshot and SQLite, making the OMS know parents.
 * What the OMS journal already holds is what matters for quantities: every child, with its parentId,
 * written before it is sent; a parent's done quantity is read from there, never from this journal.
 * This journal holds only what the OMS cannot: the parent's terms, its state moves and amends. A parent
 * is durable here before its first child exists, so no child is ever without its parent after a crash.
 *
 * Records (JSON payloads; parents are few and small): 1 created, 2 state, 3 amended.
 */
const CREATED = 1;
const STATE = 2;
const AMENDED = 3;

/** A parent as the journal knows it: its terms (amends applied) and its last state. */
export interface ParentRecord {
  id: string;
  /** startAt and seed are always set: the spec as resolved at creation. */
  spec: ParentSpec & { startAt: number; seed: number };
  createdAt: number;
  /** The mid when the parent was accepted (the TCA's arrival price), journaled with it to survive a restart. */
  arrivalMid?: number;
  state: ParentState;
  reason?: string;
  /** While completing: the final state once the working children have ended. */
  ending?: ParentEnding;
  updatedAt: number;
}

export type ParentEnding = 'completed' | 'canceled' | 'failed';

type Entry =
  | { k: 'created'; record: ParentRecord }
  | { k: 'state'; id: string; state: ParentState; reason?: string; ending?: ParentEnding; at: number }
  | { k: 'amended'; id: string; change: ParentAmend; at: number };

export class ParentJournal {
  private readonly parents = new Map<string, ParentRecord>();
  private failure: Error | undefined;

  private constructor(
    private readonly journal: Journal,
    private readonly log: Logger,
  ) {}

  /** Opens (creating) `<dataDir>/algos/journal` and replays it. Throws if it cannot be trusted: no algo may start on it. */
  static open(dataDir: string, clock: Clock, log: Logger, fsync?: FsyncPolicy): ParentJournal {
    const opened = openJournal(path.join(dataDir, 'algos'), { clock, ...(fsync ? { fsync } : {}) });
    if (!opened.ok) throw new Error(`the algo journal cannot be opened: ${opened.error.message}`);
    const { journal, recovery } = opened.value;
    if (recovery.truncated) log.warn(recovery.truncated, 'algo journal: a torn tail was cut off at open');
    const pj = new ParentJournal(journal, log);
    if (recovery.snapshot) for (const r of JSON.parse(recovery.snapshot.bytes.toString('utf8')) as ParentRecord[]) pj.parents.set(r.id, r);
    journal.replay((_seq, type, payload) => pj.apply(decode(type, payload)));
    return pj;
  }

  /** Every parent the journal holds, as last recorded. */
  all(): ParentRecord[] {
    return [...this.parents.values()];
  }

  get failed(): Error | undefined {
    return this.failure ?? this.journal.failed;
  }

  /** A new parent; resolves once durable (no child may exist before). */
  created(record: ParentRecord): Promise<void> {
    return this.write({ k: 'created', record });
  }

  state(id: string, state: ParentState, at: number, reason?: string, ending?: ParentEnding): Promise<void> {
    const entry: Extract<Entry, { k: 'state' }> = { k: 'state', id, state, at };
    if (reason !== undefined) entry.reason = reason;
    if (ending !== undefined) entry.ending = ending;
    return this.write(entry);
  }

  /** Resolves once every record written so far is durable (per the fsync policy). */
  async settled(): Promise<void> {
    if (this.failed) throw new Error(`the algo journal failed: ${this.failed.message}`);
    await this.journal.commit();
  }

  amended(id: string, change: ParentAmend, at: number): Promise<void> {
    return this.write({ k: 'amended', id, change, at });
  }

  /** Snapshot of every parent (a restart reads it instead of the records), then closes. */
  async close(): Promise<void> {
    if (!this.failed) {
      try {
        await this.journal.commit();
        // A journal that never held a record (no algo ever ran here) has nothing to snapshot.
        if (this.journal.lastSeq > 0) this.journal.writeSnapshot(this.journal.lastSeq, Buffer.from(JSON.stringify(this.all()), 'utf8'));
      } catch (error) {
        this.log.error({ error: String(error) }, 'algo journal snapshot failed at close');
      }
    }
    await this.journal.close();
  }

  private async write(entry: Entry): Promise<void> {
    if (this.failed) throw new Error(`the algo journal failed: ${this.failed.message}`);
    this.apply(entry);
    const { type, payload } = encode(entry);
    try {
      this.journal.append(type, payload);
      await this.journal.commit();
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
  }

  private apply(entry: Entry): void {
    if (entry.k === 'created') {
      this.parents.set(entry.record.id, { ...entry.record, spec: { ...entry.record.spec } });
      return;
    }
    const p = this.parents.get(entry.id);
    if (!p) return this.log.error({ id: entry.id, kind: entry.k }, 'algo journal: a record for an unknown parent (ignored)');
    if (entry.k === 'state') {
      p.state = entry.state;
      if (entry.reason === undefined) delete p.reason;
      else p.reason = entry.reason;
      if (entry.ending === undefined) delete p.ending;
      else p.ending = entry.ending;
    } else {
      if (entry.change.qty !== undefined) p.spec.qty = entry.change.qty;
      if (entry.change.limit !== undefined) p.spec.limit = entry.change.limit;
    }
    p.updatedAt = entry.at;
  }
}

function encode(entry: Entry): { type: number; payload: Buffer } {
  const type = entry.k === 'created' ? CREATED : entry.k === 'state' ? STATE : AMENDED;
  const { k: _k, ...body } = entry;
  return { type, payload: Buffer.from(JSON.stringify(body), 'utf8') };
}

function decode(type: number, payload: Uint8Array): Entry {
  const body = JSON.parse(Buffer.from(payload).toString('utf8')) as Record<string, unknown>;
  if (type === CREATED) return { k: 'created', ...(body as { record: ParentRecord }) };
  if (type === STATE) return { k: 'state', ...(body as { id: string; state: ParentState; reason?: string; ending?: ParentEnding; at: number }) };
  if (type === AMENDED) return { k: 'amended', ...(body as { id: string; change: ParentAmend; at: number }) };
  throw new Error(`algo journal: unknown record type ${type}`);
}
