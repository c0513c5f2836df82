import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineRecord } from './codec/engineRecords';
import { EngineRecordDecoder } from './codec/engineRecords';
import { JournalFailedError } from './journalWriter';
import { journalDirOf, openOk, removeTempDirs, tempDataDir, until } from './testSupport';
import { WriteAhead } from './writeAhead';

afterEach(removeTempDirs);

const cancel = (clientOrderId: string): EngineRecord => ({ kind: 'cancelRequested', at: 1, venue: 'SIM', clientOrderId, source: 'ticket' });

function collector() {
  const failures: Error[] = [];
  const effectErrors: [unknown, number][] = [];
  return { failures, effectErrors, handlers: { onFailure: (e: Error) => failures.push(e), onEffectError: (e: unknown, seq: number) => effectErrors.push([e, seq]) } };
}

describe('write ahead: effects run after their record is durable', () => {
  it("under 'always', each effect sees its record fsynced, and effects run in journal order", async () => {
    const { journal } = openOk(tempDataDir(), { fsync: { mode: 'always' } });
    const c = collector();
    const wal = new WriteAhead(journal, c.handlers);
    const ran: { seq: number; synced: number }[] = [];
    const seqs = ['a', 'b', 'c'].map((id) => {
      const seq: number = wal.record(cancel(id), () => ran.push({ seq, synced: journal.stats().syncedSeq }));
      return seq;
    });
    expect(ran).toEqual([]); // nothing takes effect before the disk has it
    await until(() => ran.length === 3, 'three effects');
    expect(ran.map((r) => r.seq)).toEqual(seqs);
    for (const r of ran) expect(r.synced).toBeGreaterThanOrEqual(r.seq);
    await journal.close();
  });

  it('records an effect makes wait for the next group and still run in order', async () => {
    const { journal } = openOk(tempDataDir(), { fsync: { mode: 'always' } });
    const wal = new WriteAhead(journal, collector().handlers);
    const order: string[] = [];
    wal.record(cancel('first'), () => {
      order.push('first');
      wal.record(cancel('from-effect'), () => order.push('from-effect'));
    });
    wal.record(cancel('second'), () => order.push('second'));
    await until(() => order.length === 3, 'three effects');
    expect(order).toEqual(['first', 'second', 'from-effect']);
    // And the journal holds the records in that order too.
    const decoder = new EngineRecordDecoder();
    const ids: string[] = [];
    journal.replay((_seq, type, payload) => {
      const r = decoder.decode(type, payload);
      if (r.kind === 'cancelRequested') ids.push(r.clientOrderId);
    });
    expect(ids).toEqual(['first', 'second', 'from-effect']);
    await journal.close();
  });

  it('an effect that throws is reported and does not stop the ones after it', async () => {
    const { journal } = openOk(tempDataDir());
    const c = collector();
    const wal = new WriteAhead(journal, c.handlers);
    const ran: string[] = [];
    const bad = wal.record(cancel('bad'), () => {
      throw new Error('bug in an effect');
    });
    wal.record(cancel('good'), () => ran.push('good'));
    await until(() => ran.length === 1, 'the good effect');
    expect(ran).toEqual(['good']);
    expect(c.effectErrors.map(([e, seq]) => [String(e), seq])).toEqual([['Error: bug in an effect', bad]]);
    await journal.close();
  });

  it('when the journal fails, no effect runs, the failure is reported once, and recording throws', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir, { fsync: { mode: 'always' } });
    fs.mkdirSync(path.join(journalDirOf(dataDir), 'journal-00000000000000000001.log')); // the segment cannot be created
    const c = collector();
    const wal = new WriteAhead(journal, c.handlers);
    const ran: string[] = [];
    wal.record(cancel('a'), () => ran.push('a')); // its group write fails at once
    expect(() => wal.record(cancel('b'), () => ran.push('b'))).toThrow(JournalFailedError);
    await until(() => c.failures.length > 0, 'the failure report');
    expect(ran).toEqual([]);
    expect(c.failures).toHaveLength(1);
    expect(c.failures[0]).toBeInstanceOf(JournalFailedError);
    expect(wal.failed).toBe(c.failures[0]);
    expect(() => wal.record(cancel('c'))).toThrow(JournalFailedError);
    await journal.close();
  });
});
