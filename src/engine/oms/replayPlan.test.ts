import { describe, expect, it } from 'vitest';
import { planReplay } from './replayPlan';

const journal = (lastSeq: number, snapshotSeq?: number, firstSeq = 1) => ({ firstSeq, lastSeq, snapshotSeq });

describe('planReplay: where the start replays from and what it projects again', () => {
  it('SQLite at or past the snapshot: restore it, replay after it, project past the watermark', () => {
    expect(planReplay(journal(120, 100), 110)).toEqual({ restoreSnapshot: true, fromSeq: 101, projectedSeq: 110, clearStore: false, projectSnapshot: false });
    expect(planReplay(journal(120, 100), 100)).toMatchObject({ restoreSnapshot: true, fromSeq: 101, projectedSeq: 100 });
    expect(planReplay(journal(50), 20)).toEqual({ restoreSnapshot: false, fromSeq: 1, projectedSeq: 20, clearStore: false, projectSnapshot: false });
  });

  it('a database from before the watermark counts as projected up to the snapshot, as that version guaranteed', () => {
    expect(planReplay(journal(120, 100), undefined)).toMatchObject({ restoreSnapshot: true, fromSeq: 101, projectedSeq: 100 });
    expect(planReplay(journal(0), undefined)).toMatchObject({ restoreSnapshot: false, fromSeq: 1, projectedSeq: 0 });
  });

  it('SQLite behind the snapshot (deleted, older copy, power cut): the ledger is rebuilt from record 1', () => {
    const plan = planReplay(journal(120, 100), 40);
    expect(plan).toMatchObject({ restoreSnapshot: false, fromSeq: 1, projectedSeq: 40, clearStore: false });
    expect(plan.note).toEqual({ level: 'warn', message: 'engine.sqlite is at record 40, behind the snapshot at 100: replaying the journal from record 1 to rebuild what it lost' });
    expect(planReplay(journal(120, 100), 0)).toMatchObject({ restoreSnapshot: false, fromSeq: 1, projectedSeq: 0 });
  });

  it('SQLite ahead of the journal: emptied and rebuilt from the journal, which is the truth', () => {
    const plan = planReplay(journal(120, 100), 130);
    expect(plan).toMatchObject({ restoreSnapshot: false, fromSeq: 1, projectedSeq: 0, clearStore: true });
    expect(plan.note?.message).toBe('engine.sqlite has projected up to record 130 but the journal ends at 120: rebuilding SQLite from the journal');
  });

  it('history pruned by an earlier version: what can be is rebuilt, and the gap is reported as an error', () => {
    const behind = planReplay(journal(120, 100, 81), 40);
    expect(behind).toMatchObject({ restoreSnapshot: true, fromSeq: 101, projectedSeq: 100, projectSnapshot: true });
    expect(behind.note).toMatchObject({ level: 'error', message: expect.stringContaining('fills between 41 and 100 cannot be rebuilt') });
    expect(planReplay(journal(120, 100, 81), 130)).toMatchObject({ restoreSnapshot: true, fromSeq: 101, clearStore: false, note: { level: 'error' } });
  });

  it('no journal at all but a projected SQLite: nothing is cleared (its orders are taken over)', () => {
    expect(planReplay(journal(0), 30)).toMatchObject({ restoreSnapshot: false, fromSeq: 1, clearStore: false, note: { level: 'error' } });
  });
});
