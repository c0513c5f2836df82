import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL } from './algoEngine.fixture';
import { Twap } from './strategies/twap';
import type { ParentSpec, ParentView } from './types';

const twapSpec = (now: number, over: Partial<ParentSpec> = {}): ParentSpec => ({
  venue: 'SIM',
  symbol: SYMBOL,
  side: 'buy',
  qty: 400,
  endAt: now + 60_000,
  seed: 5,
  params: { type: 'twap', slices: 10, sizeJitter: 0.3, timeJitter: 0.5 },
  ...over,
});

describe('TWAP schedule', () => {
  it('puts each slice inside its own interval, sizes each within the jitter bounds, and adds up to the quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1_000, max: 8 * 3_600_000 }),
        fc.integer(),
        (n, sizeJitter, timeJitter, total, window, seed) => {
          const start = 1_700_000_000_000;
          const twap = new Twap({ slices: n, sizeJitter, timeJitter }, start, start + window, seed);
          const dt = window / n;
          const qtys = twap.schedule.sliceQtys(total);
          expect(qtys.reduce((a, b) => a + b, 0)).toBe(total);
          const even = total / n;
          // weights are 1 ± j before normalising: a slice is at most (1+j)/(1-j) of another, ± 1 lot of rounding.
          const lo = (even * (1 - sizeJitter)) / (1 + sizeJitter) - 1;
          const hi = (even * (1 + sizeJitter)) / (1 - sizeJitter) + 1;
          for (let i = 0; i < n; i++) {
            const t = twap.schedule.times[i]!;
            expect(t).toBeGreaterThanOrEqual(Math.floor(start + dt * i));
            expect(t).toBeLessThan(start + dt * (i + 1));
            expect(qtys[i]!).toBeGreaterThanOrEqual(Math.floor(lo));
            expect(qtys[i]!).toBeLessThanOrEqual(Math.ceil(hi));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is the same schedule from the same seed (what a restart rebuilds)', () => {
    const a = new Twap({ slices: 50, sizeJitter: 0.5, timeJitter: 1 }, 0, 600_000, 42);
    const b = new Twap({ slices: 50, sizeJitter: 0.5, timeJitter: 1 }, 0, 600_000, 42);
    expect([...a.schedule.times]).toEqual([...b.schedule.times]);
    expect(a.schedule.sliceQtys(1000)).toEqual(b.schedule.sliceQtys(1000));
  });
});

describe('TWAP on SIM', () => {
  const dirs = algoDirs();

  it('never runs ahead of its schedule, keeps every child in the window and under the limit, and completes the quantity', async () => {
    const rig = await dirs.start();
    const limit = rig.quote().ask + 500;
    const started = await rig.algos.start(twapSpec(rig.clock.now(), { limit }), 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    const twap = new Twap({ slices: 10, sizeJitter: 0.3, timeJitter: 0.5 }, started.value.startAt, started.value.endAt, 5);
    const ahead: string[] = [];
    rig.algos.events.on('algo', (v) => {
      const due = Math.round(twap.schedule.dueFraction(rig.clock.now()) * v.qty);
      if (v.id === id && v.doneQty + v.workingQty > due) ahead.push(`${rig.clock.now()}: ${v.doneQty}+${v.workingQty} > ${due}`);
    });
    await rig.run(61_000, 250);
    const view = rig.algos.get(id)!;
    expect(ahead).toEqual([]);
    expect(view.state).toBe('completed');
    expect(view.doneQty).toBe(400);
    expect(view.avgPrice).toBeLessThanOrEqual(limit);
    expect(rig.childLog.length).toBeGreaterThanOrEqual(10);
    for (const { order, at } of rig.childLog) {
      expect(order.parentId).toBe(id);
      expect(order.source).toBe('algo');
      expect(order.price).toBeLessThanOrEqual(limit);
      expect(at).toBeGreaterThanOrEqual(view.startAt);
      expect(at).toBeLessThan(view.endAt);
    }
    // Done is what the children filled, as the OMS booked it.
    const filled = rig.oms.orders().filter((o) => o.parentId === id).reduce((n, o) => n + o.filledQty, 0);
    expect(filled).toBe(400);
  });

  it('sends nothing while paused and finishes the quantity once resumed', async () => {
    const rig = await dirs.start();
    const started = await rig.algos.start(twapSpec(rig.clock.now()), 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await rig.run(15_000);
    expect(rig.algos.pause(id, 'ticket').ok).toBe(true);
    const pausedAt = rig.clock.now();
    const sentBefore = rig.childLog.length;
    await rig.run(20_000);
    expect(rig.childLog.length).toBe(sentBefore);
    const paused = rig.algos.get(id)!;
    expect(paused.state).toBe('paused');
    expect(paused.reason).toBe('paused by ticket');
    expect(paused.workingQty).toBe(0);
    expect(rig.algos.resume(id).ok).toBe(true);
    await rig.run(30_000);
    const view = rig.algos.get(id)!;
    expect(view.state).toBe('completed');
    expect(view.doneQty).toBe(400);
    expect(rig.childLog.slice(sentBefore).every((c) => c.at >= pausedAt + 20_000)).toBe(true);
    expect(rig.algos.resume(id).ok).toBe(false);
  });

  it('amends quantity and limit while running: more quantity is worked, a new limit caps every later child', async () => {
    const rig = await dirs.start();
    const started = await rig.algos.start(twapSpec(rig.clock.now(), { limit: rig.quote().ask + 1_000 }), 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await rig.run(20_000);
    const mid = rig.algos.get(id)!;
    // Below what is done and working: refused, nothing changes.
    const tooSmall = rig.algos.amend(id, { qty: Math.max(1, mid.doneQty + mid.workingQty - 1) });
    expect(tooSmall.ok).toBe(mid.doneQty + mid.workingQty <= 1);
    const newLimit = rig.quote().ask + 300;
    expect(rig.algos.amend(id, { qty: 600, limit: newLimit }).ok).toBe(true);
    const amendedAt = rig.clock.now();
    await rig.run(45_000);
    const view = rig.algos.get(id)!;
    expect(view.qty).toBe(600);
    expect(view.limit).toBe(newLimit);
    expect(view.doneQty).toBeLessThanOrEqual(600);
    for (const c of rig.childLog) if (c.at >= amendedAt) expect(c.order.price).toBeLessThanOrEqual(newLimit);
    if (view.state === 'completed' && view.doneQty < 600) expect(view.reason).toMatch(/window ended with/);
    else expect(view.doneQty).toBe(600);
  });

  it('takes the rest at once when the far touch reaches the "would" price', async () => {
    const rig = await dirs.start();
    const ask = rig.quote().ask;
    const started = await rig.algos.start(twapSpec(rig.clock.now(), { qty: 50, limit: ask + 2_000, wouldPrice: ask + 1_000, params: { type: 'twap', slices: 100 } }), 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    await rig.run(3_000);
    const view = rig.algos.get(started.value.id)!;
    expect(view.state).toBe('completed');
    expect(view.doneQty).toBe(50);
  });

  it('refuses a parent it cannot run, with the reason, and records nothing', async () => {
    const rig = await dirs.start();
    const now = rig.clock.now();
    const bad: [Partial<ParentSpec>, RegExp][] = [
      [{ qty: 0 }, /quantity/],
      [{ endAt: now - 1 }, /window/],
      [{ params: { type: 'twap', slices: 0 } }, /slices/],
      [{ params: { type: 'iceberg', display: 5 } }, /limit/],
      [{ params: { type: 'pov', rate: 1.5 } }, /rate/],
      [{ venue: 'NOPE' }, /not connected/],
      [{ limit: 100, wouldPrice: 200 }, /would/],
    ];
    for (const [over, why] of bad) {
      const r = await rig.algos.start(twapSpec(now, over), 'ticket');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(why);
    }
    expect(rig.algos.list()).toEqual([] as ParentView[]);
  });
});
