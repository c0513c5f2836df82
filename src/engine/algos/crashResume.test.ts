import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL } from './algoEngine.fixture';
import type { ParentSpec } from './types';

const position = (venue: { positions(): Record<string, number> }): number => venue.positions()[SYMBOL] ?? 0;

describe('algos across a crash', () => {
  const dirs = algoDirs();

  it('resumes a TWAP after a crash mid-run with exactly the quantity still to do, re-sending nothing', async () => {
    const first = await dirs.start();
    const spec: ParentSpec = { venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 600, endAt: first.clock.now() + 60_000, seed: 9, params: { type: 'twap', slices: 12, sizeJitter: 0.2 } };
    const pos0 = position(first.venue);
    const started = await first.algos.start(spec, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await first.run(25_000);
    const before = first.algos.get(id)!;
    expect(before.doneQty).toBeGreaterThan(0);
    expect(before.doneQty).toBeLessThan(600);
    const sentBefore = first.childLog.map((c) => c.order.clientOrderId);
    first.crash();

    const second = await dirs.start({ clock: first.clock, carried: first.venue });
    const after = second.algos.get(id)!;
    expect(after.state).toBe('running');
    expect(after.doneQty).toBe(before.doneQty);
    expect(after.children).toBe(before.children);
    expect(after.doneQty).toBe(position(second.venue) - pos0);
    await second.run(40_000);
    const view = second.algos.get(id)!;
    expect(view.state).toBe('completed');
    expect(view.doneQty).toBe(600);
    // Exactly the parent's quantity was bought at the venue, and no child id was used twice.
    expect(position(second.venue) - pos0).toBe(600);
    const sentAfter = second.childLog.map((c) => c.order.clientOrderId);
    expect(sentAfter.filter((c) => sentBefore.includes(c))).toEqual([]);
    expect(new Set(sentAfter).size).toBe(sentAfter.length);
  });

  it('adopts a working child after the crash (never re-sent) and counts it against what is left', async () => {
    const first = await dirs.start();
    const limit = first.quote().bid - 20; // rests: nothing fills down there soon
    const started = await first.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 100, limit, endAt: first.clock.now() + 600_000, params: { type: 'iceberg', display: 30 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await first.run(2_000);
    const resting = first.oms.openOrders().filter((o) => o.parentId === id);
    expect(resting.length).toBe(1);
    first.crash();

    const second = await dirs.start({ clock: first.clock, carried: first.venue });
    const view = second.algos.get(id)!;
    expect(view.state).toBe('running');
    expect(view.workingQty).toBe(resting[0]!.qty - resting[0]!.filledQty);
    await second.run(2_000);
    expect(second.childLog).toEqual([]);
    expect(second.oms.openOrders().filter((o) => o.parentId === id).map((o) => o.clientOrderId)).toEqual([resting[0]!.clientOrderId]);
    // Canceling it cancels the adopted child at the venue first.
    expect(second.algos.cancel(id, 'ticket').ok).toBe(true);
    expect(second.algos.get(id)!.state).toBe('completing');
    await second.run(500);
    expect(second.algos.get(id)!.state).toBe('canceled');
    expect(second.oms.get(resting[0]!.clientOrderId)!.status).toBe('canceled');
  });

  it('stays paused after a crash when the trader chose "on restart: stop", and resumes by hand', async () => {
    const first = await dirs.start();
    const started = await first.algos.start(
      { venue: 'SIM', symbol: SYMBOL, side: 'sell', qty: 300, endAt: first.clock.now() + 60_000, onRestart: 'stop', params: { type: 'twap', slices: 6 } },
      'ticket',
    );
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await first.run(12_000);
    const done = first.algos.get(id)!.doneQty;
    first.crash();

    const second = await dirs.start({ clock: first.clock, carried: first.venue });
    await second.run(10_000);
    const paused = second.algos.get(id)!;
    expect(paused.state).toBe('paused');
    expect(paused.reason).toBe('stopped at restart (on restart: stop)');
    expect(paused.doneQty).toBe(done);
    expect(second.childLog).toEqual([]);
    expect(second.algos.resume(id).ok).toBe(true);
    await second.run(40_000);
    expect(second.algos.get(id)!.doneQty).toBe(300);
  });

  it('a clean stop and restart keeps finished parents as they ended', async () => {
    const first = await dirs.start();
    const started = await first.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 20, endAt: first.clock.now() + 5_000, params: { type: 'twap', slices: 2 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    await first.run(6_000);
    const ended = first.algos.get(started.value.id)!;
    expect(ended.state).toBe('completed');
    await first.stop();
    const second = await dirs.start({ clock: first.clock, carried: first.venue });
    expect(second.algos.get(started.value.id)).toMatchObject({ state: 'completed', doneQty: ended.doneQty, qty: 20 });
  });

  it('a parent canceled just before the crash ends canceled after it, its child canceled at the venue', async () => {
    const first = await dirs.start();
    const started = await first.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'sell', qty: 100, limit: first.quote().ask + 300, endAt: first.clock.now() + 600_000, params: { type: 'iceberg', display: 25 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await first.run(1_000);
    const child = first.oms.openOrders().find((o) => o.parentId === id)!;
    expect(first.algos.cancel(id, 'ticket').ok).toBe(true);
    await first.algos.settled();
    first.crash(); // the child's cancel may or may not have reached the venue

    const second = await dirs.start({ clock: first.clock, carried: first.venue });
    await second.run(500);
    expect(second.algos.get(id)).toMatchObject({ state: 'canceled', reason: 'canceled by ticket', workingQty: 0 });
    expect(second.oms.get(child.clientOrderId)!.status).toBe('canceled');
    expect(second.childLog).toEqual([]);
  });
});
