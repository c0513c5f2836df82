import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL, type AlgoRig } from './algoEngine.fixture';
import { childId } from './parentRunner';
import type { ParentSpec, ParentView } from './types';

const smartSpec = (now: number, limit: number, qty: number, over: Partial<ParentSpec> = {}): ParentSpec => ({
  venue: 'SIM-A',
  symbol: SYMBOL,
  side: 'buy',
  qty,
  limit,
  endAt: now + 60_000,
  params: { type: 'smart', venues: ['SIM-A', 'SIM-B'] },
  ...over,
});

/** A limit a couple of ticks above both venues' best ask, and the lots both show up to it: a sweep must use both. */
function acrossBoth(rig: AlgoRig): { limit: number; visible: number; atA: number; atB: number } {
  const a = rig.venue.book(SYMBOL, 50)!;
  const b = rig.extras[0]!.book(SYMBOL, 50)!;
  const limit = Math.max(a.asks[0]![0], b.asks[0]![0]) + 2;
  const within = (levels: [number, number][]) => levels.filter(([p]) => p <= limit).reduce((n, [, q]) => n + q, 0);
  const atA = within(a.asks);
  const atB = within(b.asks);
  return { limit, visible: atA + atB, atA, atB };
}

const VENUES = { venueId: 'SIM-A', extraVenues: ['SIM-B'], limits: { maxOrderQty: '100000' } };

describe('smart routing on SIM-A and SIM-B', () => {
  const dirs = algoDirs();

  it('sweeps both venues at once with IOC children, never above the limit, and completes exactly the quantity', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    const { limit, visible } = acrossBoth(rig);
    const started = await rig.algos.start(smartSpec(rig.clock.now(), limit, visible), 'cli');
    expect(started.ok).toBe(true);
    const id = (started as { value: ParentView }).value.id;
    // The first sweep went out in the same decision: one child per venue, both IOC.
    const first = rig.childLog.filter((c) => c.order.parentId === id);
    expect(new Set(first.map((c) => c.order.venue))).toEqual(new Set(['SIM-A', 'SIM-B']));
    expect(first.every((c) => c.order.tif === 'IOC' && c.order.price! <= limit)).toBe(true);
    expect(first.reduce((n, c) => n + c.order.qty, 0)).toBeLessThanOrEqual(visible);
    await rig.run(60_000, 250);
    const view = rig.algos.get(id)!;
    expect(view.doneQty).toBeLessThanOrEqual(view.qty);
    const children = rig.childLog.filter((c) => c.order.parentId === id).map((c) => rig.oms.get(c.order.clientOrderId)!);
    expect(children.every((o) => o.tif === 'IOC' && o.price! <= limit)).toBe(true);
    const filled = children.reduce((n, o) => n + o.filledQty, 0);
    expect(filled).toBe(view.doneQty);
    expect(['completed']).toContain(view.state);
    // Completed means all of it, or the window ran out with nothing left within the limit: both say so.
    if (view.doneQty < view.qty) expect(view.reason).toMatch(/window ended/);
    expect(view.arrivalMid).toBeGreaterThan(0);
  });

  it('plans on fee-adjusted prices: the cheaper venue first, and the preview shows the split it would send', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    const { limit, atA, atB } = acrossBoth(rig);
    const preview = rig.algos.preview(smartSpec(rig.clock.now(), limit, atA + atB));
    expect(preview.ok).toBe(true);
    const plan = (preview as { value: { route?: { children: { venue: string; qty: number; price: number }[]; plannedQty: number } } }).value.route!;
    expect(plan.children.map((c) => c.venue).sort()).toEqual(['SIM-A', 'SIM-B']);
    expect(plan.children.every((c) => c.price <= limit)).toBe(true);
    expect(plan.plannedQty).toBeLessThanOrEqual(atA + atB);
    // Nothing was sent by a preview.
    expect(rig.childLog.length).toBe(0);
  });

  it('refuses a smart parent without a limit, on a venue not routed to, or on a venue not connected', async () => {
    const rig = await dirs.start(VENUES);
    const now = rig.clock.now();
    const noLimit = await rig.algos.start({ ...smartSpec(now, 1, 10), limit: undefined }, 'cli');
    expect(!noLimit.ok && noLimit.error.message).toMatch(/limit/);
    const outside = await rig.algos.start(smartSpec(now, 1, 10, { params: { type: 'smart', venues: ['SIM-B'] } }), 'cli');
    expect(!outside.ok && outside.error.message).toMatch(/must be one of its venues/);
    const away = await rig.algos.start(smartSpec(now, 1, 10, { params: { type: 'smart', venues: ['SIM-A', 'SIM-C'] } }), 'cli');
    expect(!away.ok && away.error.code).toBe('VENUE_UNAVAILABLE');
  });

  it('the kill switch engaging while a sweep is going out stops the rest of the sweep: not one more child', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    const { limit, visible } = acrossBoth(rig);
    let atEngage = -1;
    rig.oms.events.on('applied', (o) => {
      if (o.source === 'algo' && atEngage < 0) {
        rig.killSwitch.engage('cli', 'test');
        atEngage = rig.childLog.filter((c) => c.order.source === 'algo').length;
      }
    });
    const started = await rig.algos.start(smartSpec(rig.clock.now(), limit, visible), 'cli');
    expect(started.ok).toBe(true);
    await rig.run(5_000);
    // The first child was being recorded when the switch engaged: it is the only one.
    expect(rig.childLog.length).toBe(1);
    const view = rig.algos.list()[0]!;
    expect(view.state).toBe('paused');
    expect(view.reason).toMatch(/^kill switch engaged/);
  });

  it('after a crash mid-run it resumes with exactly what is left: no child re-sent, never more than the quantity', async () => {
    const first = await dirs.start(VENUES);
    await first.run(2_000);
    const { limit, visible } = acrossBoth(first);
    const qty = visible * 3; // more than one sweep's worth: the parent is mid-run at the crash
    const started = await first.algos.start(smartSpec(first.clock.now(), limit + 20, qty), 'cli');
    expect(started.ok).toBe(true);
    const id = (started as { value: ParentView }).value.id;
    await first.algos.settled();
    await first.run(300);
    const sentBefore = first.childLog.map((c) => c.order.clientOrderId);
    expect(sentBefore.length).toBeGreaterThan(0);
    first.crash();
    const second = await dirs.start({ ...VENUES, clock: first.clock, carried: first.venue, carriedExtras: first.extras });
    await second.run(60_000, 250);
    const after = second.childLog.map((c) => c.order.clientOrderId);
    // Numbering continues: none of the children sent before the crash is sent again.
    for (const c of after) expect(sentBefore).not.toContain(c);
    const view = second.algos.get(id)!;
    const all: number[] = [];
    for (let n = 1; n <= view.children; n++) all.push(second.oms.get(childId(id, n))!.filledQty);
    expect(all.reduce((a, b) => a + b, 0)).toBe(view.doneQty);
    expect(view.doneQty).toBeLessThanOrEqual(qty);
    expect(view.state === 'completed' || view.state === 'running').toBe(true);
  });
});
