import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL } from './algoEngine.fixture';
import type { ParentSpec } from './types';

/** A TWAP cut so fine that every tick and every book event finds a slice due: children at the highest rate. */
const flood = (now: number, side: 'buy' | 'sell' = 'buy'): ParentSpec => ({
  venue: 'SIM',
  symbol: SYMBOL,
  side,
  qty: 5_000,
  endAt: now + 20_000,
  params: { type: 'twap', slices: 10_000 },
});

describe('kill switch and algos', () => {
  const dirs = algoDirs();

  it('stops every running algo first: no child after it engages, working children canceled; its reset restarts nothing', async () => {
    const rig = await dirs.start();
    const a = await rig.algos.start(flood(rig.clock.now()), 'ticket');
    const b = await rig.algos.start({ ...flood(rig.clock.now(), 'sell'), params: { type: 'iceberg', display: 10 }, limit: rig.quote().ask + 50 }, 'ticket');
    if (!a.ok || !b.ok) throw new Error('not started');
    await rig.run(3_000, 50);
    const before = rig.childLog.length;
    expect(before).toBeGreaterThan(20);
    expect(rig.algos.get(b.value.id)!.workingQty).toBeGreaterThan(0);

    rig.killSwitch.engage('cli', 'test');
    const atEngage = rig.childLog.length;
    await rig.run(5_000, 50);
    expect(rig.childLog.length).toBe(atEngage);
    for (const id of [a.value.id, b.value.id]) {
      const v = rig.algos.get(id)!;
      expect(v.state).toBe('paused');
      expect(v.reason).toMatch(/^kill switch engaged/);
      expect(v.workingQty).toBe(0);
    }
    expect(rig.oms.openOrders().filter((o) => o.source === 'algo')).toEqual([]);
    expect(rig.algos.resume(a.value.id).ok).toBe(false);
    expect((await rig.algos.start(flood(rig.clock.now()), 'ticket')).ok).toBe(false);

    rig.killSwitch.reset('cli');
    await rig.run(3_000, 50);
    expect(rig.childLog.length).toBe(atEngage);
    expect(rig.algos.get(a.value.id)!.state).toBe('paused');
    // The trader may resume by hand once the switch is reset.
    expect(rig.algos.resume(a.value.id).ok).toBe(true);
    await rig.run(1_000, 50);
    expect(rig.childLog.length).toBeGreaterThan(atEngage);
  });

  it('engaged from inside a child\'s own placement, not one more child leaves', async () => {
    const rig = await dirs.start();
    let engagedAt = -1;
    rig.oms.events.on('applied', (o) => {
      if (o.source === 'algo' && engagedAt < 0 && rig.childLog.length >= 15) {
        engagedAt = rig.childLog.length;
        rig.killSwitch.engage('risk', 'breach in the middle of a burst');
      }
    });
    const a = await rig.algos.start(flood(rig.clock.now()), 'ticket');
    if (!a.ok) throw new Error(a.error.message);
    await rig.run(6_000, 50);
    expect(engagedAt).toBeGreaterThan(0);
    expect(rig.childLog.length).toBe(engagedAt);
    expect(rig.algos.get(a.value.id)!.state).toBe('paused');
  });

  it('a parent paused by a stale book when the switch engages does not resume by itself once the book is live and the switch reset', async () => {
    const rig = await dirs.start();
    const a = await rig.algos.start(flood(rig.clock.now()), 'ticket');
    if (!a.ok) throw new Error(a.error.message);
    await rig.run(1_000, 50);
    rig.staleBooks.add('*');
    await rig.run(200, 50);
    expect(rig.algos.get(a.value.id)!.reason).toBe('book stale');
    rig.killSwitch.engage('cli', 'test');
    rig.killSwitch.reset('cli');
    rig.staleBooks.clear();
    const sent = rig.childLog.length;
    await rig.run(3_000, 50);
    expect(rig.algos.get(a.value.id)!.state).toBe('paused');
    expect(rig.childLog.length).toBe(sent);
  });
});
