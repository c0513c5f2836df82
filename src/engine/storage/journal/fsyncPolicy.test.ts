import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import type { FsyncPolicy } from './fsyncPolicy';
import type { Journal } from './journal';
import { openOk, removeTempDirs, tempDataDir, until } from './testSupport';

afterEach(removeTempDirs);

const payload = Buffer.alloc(150, 7);

/** Lets the running fsync (on libuv's thread pool) finish and its callback run. */
const idle = (journal: Journal): Promise<void> => until(() => !journal.stats().syncing, 'the fsync to finish');

/** A journal whose first segment already exists, so fsync counts below are the policy's alone. */
async function opened(fsync: FsyncPolicy, clock = new SimulatedClock(0)) {
  const { journal } = openOk(tempDataDir(), { fsync, clock });
  journal.append(1, payload);
  await journal.sync();
  await idle(journal);
  return { journal, clock, fsyncsBefore: journal.stats().fsyncCalls };
}

describe("fsync policy 'always' (the default)", () => {
  it('is the default', () => {
    const { journal } = openOk(tempDataDir(), { fsync: undefined });
    expect(journal.policy).toEqual({ mode: 'always' });
    return journal.close();
  });

  it('resolves a commit only once its records are fsynced', async () => {
    const { journal } = await opened({ mode: 'always' });
    const seq = journal.append(1, payload);
    const committed = journal.commit().then((s) => ({ s, syncedThen: journal.stats().syncedSeq }));
    expect(journal.stats().syncedSeq).toBeLessThan(seq); // the fsync runs off-thread: not done yet
    expect(await committed).toEqual({ s: seq, syncedThen: seq });
    await journal.close();
  });

  it('commits a group of appends with one fsync', async () => {
    const { journal, fsyncsBefore } = await opened({ mode: 'always' });
    for (let i = 0; i < 200; i++) journal.append(1, payload);
    await journal.commit();
    expect(journal.stats().fsyncCalls - fsyncsBefore).toBe(1);
    await journal.close();
  });

  it('lets everything appended while an fsync runs share the next one', async () => {
    const { journal, fsyncsBefore } = await opened({ mode: 'always' });
    journal.append(1, payload);
    const first = journal.commit(); // fsync #1 starts
    const later: Promise<number>[] = [];
    for (let i = 0; i < 50; i++) later.push(journal.appendDurable(1, payload));
    await Promise.all([first, ...later]);
    expect(journal.stats().fsyncCalls - fsyncsBefore).toBe(2);
    expect(journal.stats().syncedSeq).toBe(journal.lastSeq);
    await journal.close();
  });

  it('fsyncs records even when nobody waits on a commit', async () => {
    const { journal } = await opened({ mode: 'always' });
    for (let i = 0; i < 10; i++) journal.append(1, payload);
    await until(() => journal.stats().syncedSeq === journal.lastSeq, 'the records to be fsynced');
    await journal.close();
  });

  it('commitSync returns with the group on the disk', async () => {
    const { journal } = await opened({ mode: 'always' });
    journal.append(1, payload);
    const seq = journal.append(1, payload);
    expect(journal.commitSync()).toBe(seq);
    expect(journal.stats().syncedSeq).toBe(seq);
    await journal.close();
  });
});

describe("fsync policy 'interval'", () => {
  it('acknowledges once written to the OS, and fsyncs when the interval has passed on the clock', async () => {
    const { journal, clock, fsyncsBefore } = await opened({ mode: 'interval', ms: 50 });
    const seq = journal.append(1, payload);
    expect(await journal.commit()).toBe(seq);
    expect(journal.stats()).toMatchObject({ writtenSeq: seq, syncedSeq: seq - 1 });
    clock.advance(49);
    expect(journal.stats().fsyncCalls).toBe(fsyncsBefore);
    clock.advance(1);
    expect(journal.stats().fsyncCalls).toBe(fsyncsBefore + 1);
    await idle(journal);
    expect(journal.stats().syncedSeq).toBe(seq);
    await journal.close();
  });

  it('fsyncs at most once per interval, and no record stays unsynced longer than the interval', async () => {
    const { journal, clock, fsyncsBefore } = await opened({ mode: 'interval', ms: 50 });
    const appendedAt: number[] = [];
    for (let step = 0; step < 200; step++) {
      appendedAt[journal.append(1, payload)] = clock.now();
      await journal.commit();
      clock.advance(1);
      await idle(journal);
      const synced = journal.stats().syncedSeq;
      // Every record at least 50 ms old is on the disk.
      for (let s = synced + 1; s <= journal.lastSeq; s++) expect(clock.now() - appendedAt[s]!).toBeLessThan(50);
    }
    expect(journal.stats().fsyncCalls - fsyncsBefore).toBe(4); // at t = 50, 100, 150, 200
    await journal.close();
  });

  it('sync() forces an fsync without waiting for the interval', async () => {
    const { journal } = await opened({ mode: 'interval', ms: 1_000 });
    const seq = journal.append(1, payload);
    expect(await journal.sync()).toBe(seq);
    expect(journal.stats().syncedSeq).toBe(seq);
    await journal.close();
  });
});

describe("fsync policy 'none'", () => {
  it('never fsyncs on its own, however much time passes; sync() still can', async () => {
    const { journal, clock, fsyncsBefore } = await opened({ mode: 'none' });
    for (let i = 0; i < 100; i++) journal.append(1, payload);
    expect(await journal.commit()).toBe(journal.lastSeq);
    clock.advance(60_000);
    await idle(journal);
    expect(journal.stats()).toMatchObject({ fsyncCalls: fsyncsBefore, writtenSeq: journal.lastSeq });
    expect(journal.stats().syncedSeq).toBeLessThan(journal.lastSeq);
    await journal.sync();
    expect(journal.stats().syncedSeq).toBe(journal.lastSeq);
    await journal.close();
  });
});
