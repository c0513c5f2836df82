import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { algoDirs, SYMBOL, T0 } from './algoEngine.fixture';
import { holdingFraction, Shortfall } from './strategies/shortfall';
import { profileFromTrades, Vwap } from './strategies/vwap';
import type { ParentView } from './types';

describe('POV on SIM', () => {
  const dirs = algoDirs();

  it('tracks the traded volume inside its rate band and never above the maximum', async () => {
    const rig = await dirs.start();
    const v0 = rig.traded();
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 100_000, endAt: rig.clock.now() + 120_000, params: { type: 'pov', rate: 0.1, minRate: 0.05, maxRate: 0.15 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const over: string[] = [];
    rig.algos.events.on('algo', (v) => {
      const cap = Math.floor(0.15 * (rig.traded() - v0));
      if (v.doneQty + v.workingQty > cap) over.push(`${v.doneQty}+${v.workingQty} > ${cap}`);
    });
    const shares: number[] = [];
    for (let i = 0; i < 30; i++) {
      await rig.run(2_000);
      if (i >= 4) shares.push(rig.algos.get(started.value.id)!.doneQty / (rig.traded() - v0));
    }
    expect(over).toEqual([]);
    for (const s of shares) {
      expect(s).toBeGreaterThanOrEqual(0.05);
      expect(s).toBeLessThanOrEqual(0.15);
    }
    // And on average near the target rate.
    expect(shares.reduce((a, b) => a + b, 0) / shares.length).toBeGreaterThan(0.08);
  });
});

describe('Iceberg on SIM', () => {
  const dirs = algoDirs();

  it('shows one varied display at a time at its limit, refills, and cancels its resting child before it ends', async () => {
    const rig = await dirs.start();
    const limit = rig.quote().bid;
    const started = await rig.algos.start(
      { venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 4_000, limit, endAt: rig.clock.now() + 120_000, params: { type: 'iceberg', display: 20, displayJitter: 0.25 } },
      'ticket',
    );
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    let mostWorking = 0;
    rig.oms.events.on('applied', () => {
      mostWorking = Math.max(mostWorking, rig.oms.openOrders().filter((o) => o.parentId === id).length);
    });
    await rig.run(30_000, 200);
    expect(mostWorking).toBe(1);
    expect(rig.childLog.length).toBeGreaterThan(1);
    let placed = 0;
    for (const { order } of rig.childLog) {
      expect(order.price).toBe(limit);
      expect(order.tif).toBe('GTC');
      // display 20 ± 25%, or what is left when that is less (the last refill)
      expect(order.qty).toBeGreaterThanOrEqual(Math.min(15, 4_000 - placed));
      expect(order.qty).toBeLessThanOrEqual(25);
      placed += order.qty;
    }
    // Refills vary in size.
    expect(new Set(rig.childLog.map((c) => c.order.qty)).size).toBeGreaterThan(1);
    const swept = rig.algos.get(id)!;
    expect(swept.doneQty).toBeGreaterThan(0);
    expect(swept.doneQty + swept.workingQty).toBeLessThanOrEqual(4_000);
    expect(rig.algos.cancel(id, 'ticket').ok).toBe(true);

    // One resting well under the market: a cancel goes to its child first, and the parent ends after it.
    const far = await rig.algos.start(
      { venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 100, limit: rig.quote().bid - 300, endAt: rig.clock.now() + 120_000, params: { type: 'iceberg', display: 20 } },
      'ticket',
    );
    if (!far.ok) throw new Error(far.error.message);
    await rig.run(1_000);
    expect(rig.algos.get(far.value.id)).toMatchObject({ state: 'running', workingQty: 20 });
    const resting = rig.oms.openOrders().find((o) => o.parentId === far.value.id)!;
    expect(rig.algos.cancel(far.value.id, 'ticket').ok).toBe(true);
    // The parent waits for its child: canceled only once the venue has canceled the child.
    expect(rig.algos.get(far.value.id)!.state).toBe('completing');
    await rig.run(500);
    expect(rig.oms.get(resting.clientOrderId)!.status).toBe('canceled');
    expect(rig.algos.get(far.value.id)).toMatchObject({ state: 'canceled', reason: 'canceled by ticket', workingQty: 0 });
    expect(rig.algos.cancel(far.value.id, 'ticket').ok).toBe(false);
  });
});

describe('amend and start time', () => {
  const dirs = algoDirs();

  it('re-places a resting iceberg at an amended limit, and waits for its start time', async () => {
    const rig = await dirs.start();
    const limit = rig.quote().bid - 300;
    const startAt = rig.clock.now() + 5_000;
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 100, limit, startAt, endAt: startAt + 600_000, params: { type: 'iceberg', display: 20 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await rig.run(4_500);
    expect(rig.algos.get(id)!.state).toBe('pending');
    expect(rig.childLog).toEqual([]);
    await rig.run(1_000);
    expect(rig.algos.get(id)).toMatchObject({ state: 'running', workingQty: 20 });
    const first = rig.oms.openOrders().find((o) => o.parentId === id)!;
    expect(first.price).toBe(limit);

    expect(rig.algos.amend(id, { limit: limit - 10 }).ok).toBe(true);
    await rig.run(1_000);
    expect(rig.oms.get(first.clientOrderId)!.status).toBe('canceled');
    const working = rig.oms.openOrders().filter((o) => o.parentId === id);
    expect(working.map((o) => o.price)).toEqual([limit - 10]);
    expect(rig.algos.get(id)).toMatchObject({ limit: limit - 10, workingQty: 20 });
    // A quantity under what is done and working is refused.
    expect(rig.algos.amend(id, { qty: 19 }).ok).toBe(false);
  });
});

describe('Peg on SIM', () => {
  const dirs = algoDirs();

  it('rests at the primary touch and follows it, never past the limit', async () => {
    const rig = await dirs.start();
    const bid0 = rig.quote().bid;
    const limit = bid0 + 3;
    const placedAt: { price: number; bid: number }[] = [];
    const seen = new Set<string>();
    rig.oms.events.on('applied', (o) => {
      if (o.source !== 'algo' || seen.has(o.clientOrderId)) return;
      seen.add(o.clientOrderId);
      placedAt.push({ price: o.price!, bid: rig.quote().bid });
    });
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 50, limit, endAt: rig.clock.now() + 60_000, params: { type: 'peg', reference: 'primary', offset: 0 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    await rig.run(30_000, 100);
    expect(placedAt.length).toBeGreaterThan(1);
    for (const p of placedAt) expect(p.price).toBe(Math.min(p.bid, limit));
    expect(rig.oms.openOrders().filter((o) => o.parentId === started.value.id).length).toBeLessThanOrEqual(1);
  });
});

describe('Peg does not chase itself', () => {
  const dirs = algoDirs();

  it('a mid peg that improves the bid stays put instead of re-pegging to its own price', async () => {
    const rig = await dirs.start();
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 5_000, limit: rig.quote().ask + 100, endAt: rig.clock.now() + 60_000, params: { type: 'peg', reference: 'mid', offset: 1 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    let bookMoves = 0;
    let last = '';
    for (let i = 0; i < 100; i++) {
      await rig.run(100);
      const q = rig.quote();
      const key = `${q.bid}/${q.ask}`;
      if (key !== last) bookMoves++;
      last = key;
    }
    // Re-placed when the market moves, not on every echo of its own order.
    expect(rig.childLog.length).toBeLessThanOrEqual(bookMoves + 1);
  });
});

describe('Sniper on SIM', () => {
  const dirs = algoDirs();

  it('takes displayed size at or better than its limit and waits otherwise', async () => {
    const rig = await dirs.start();
    const far = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 100, limit: rig.quote().bid - 200, endAt: rig.clock.now() + 60_000, params: { type: 'sniper' } }, 'ticket');
    if (!far.ok) throw new Error(far.error.message);
    await rig.run(5_000);
    expect(rig.childLog).toEqual([]);
    const shown: { price: number; qty: number; ask: number; askQty: number }[] = [];
    const seen = new Set<string>();
    rig.oms.events.on('applied', (o) => {
      if (o.source !== 'algo' || seen.has(o.clientOrderId)) return;
      seen.add(o.clientOrderId);
      const q = rig.quote();
      shown.push({ price: o.price!, qty: o.qty, ask: q.ask, askQty: q.askQty });
    });
    const limit = rig.quote().ask + 2;
    const near = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 30, limit, endAt: rig.clock.now() + 60_000, params: { type: 'sniper' } }, 'ticket');
    if (!near.ok) throw new Error(near.error.message);
    await rig.run(10_000);
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) {
      expect(s.price).toBeLessThanOrEqual(limit);
      expect(s.price).toBe(s.ask);
      expect(s.qty).toBeLessThanOrEqual(s.askQty);
    }
    expect(rig.algos.get(near.value.id)!.doneQty).toBeGreaterThan(0);
  });
});

describe('VWAP', () => {
  const dirs = algoDirs();

  it('trades each bucket its share of the profile and completes on SIM', async () => {
    const rig = await dirs.start();
    const profile = [1, 3, 1, 5];
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'sell', qty: 200, endAt: rig.clock.now() + 40_000, params: { type: 'vwap', profile } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const vwap = new Vwap(profile, started.value.startAt, started.value.endAt);
    expect(vwap.schedule.sliceQtys(200)).toEqual([20, 60, 20, 100]);
    const ahead: string[] = [];
    rig.algos.events.on('algo', (v: ParentView) => {
      const due = Math.round(vwap.schedule.dueFraction(rig.clock.now()) * 200);
      if (v.doneQty + v.workingQty > due) ahead.push(`${v.doneQty}+${v.workingQty} > ${due}`);
    });
    await rig.run(41_000);
    expect(ahead).toEqual([]);
    expect(rig.algos.get(started.value.id)).toMatchObject({ state: 'completed', doneQty: 200 });
  });

  it('follows the volume recorded at the same time of day when given buckets instead of a profile', async () => {
    const first = await dirs.start();
    await first.run(60_000, 200); // a minute of the market, recorded
    const recorded = [...(first.prints.get(SYMBOL) ?? [])];
    expect(recorded.length).toBeGreaterThan(0);
    // Nothing recorded at this hour: refused, with the reason.
    const none = await first.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 100, endAt: first.clock.now() + 60_000, params: { type: 'vwap', buckets: 6 } }, 'ticket');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toMatch(/no recorded volume/);
    await first.stop();
    await first.venue.disconnect();

    // The next day, the same minute: the profile is yesterday's volume in six ten-second buckets.
    const rig = await dirs.start({ clock: new SimulatedClock(T0 + 86_400_000), prints: first.prints });
    const startAt = rig.clock.now();
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 120, endAt: startAt + 60_000, params: { type: 'vwap', buckets: 6 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const expected = profileFromTrades(recorded, startAt, startAt + 60_000, 6);
    expect(expected.length).toBe(6);
    expect(started.value.params).toEqual({ type: 'vwap', profile: expected, buckets: 6 });
    await rig.run(61_000, 200);
    expect(rig.algos.get(started.value.id)).toMatchObject({ state: 'completed', doneQty: 120 });
  });

  it('builds a profile from recorded prints by time of day', () => {
    const day = 86_400_000;
    const start = 10 * day + 9 * 3_600_000; // 09:00
    const end = start + 4 * 3_600_000; // 13:00
    const trades = [
      { ts: 3 * day + 9.5 * 3_600_000, qty: 10 }, // 09:30, another day: bucket 0
      { ts: 4 * day + 11.2 * 3_600_000, qty: 30 }, // 11:12: bucket 2
      { ts: 5 * day + 12.9 * 3_600_000, qty: 60 }, // 12:54: bucket 3
      { ts: 6 * day + 14 * 3_600_000, qty: 999 }, // outside the window's hours
    ];
    const p = profileFromTrades(trades, start, end, 4);
    expect(p[0]).toBe(10);
    expect(p[1]).toBe(0.25); // nothing traded: the floor, total / buckets / 100
    expect(p[2]).toBe(30);
    expect(p[3]).toBe(60);
    expect(profileFromTrades([{ ts: 6 * day + 14 * 3_600_000, qty: 5 }], start, end, 4)).toEqual([]);
  });
});

describe('Implementation Shortfall (Almgren–Chriss)', () => {
  const dirs = algoDirs();

  it('is TWAP at zero risk aversion and front-loads more as urgency grows', () => {
    const flat = new Shortfall({ slices: 10, riskAversion: 0, volatility: 1, impact: 1 }, 0, 100_000);
    expect(flat.schedule.sliceQtys(1000)).toEqual(new Array(10).fill(100));
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.double({ min: 1.1, max: 10, noNaN: true }), (lambda, factor) => {
        const low = new Shortfall({ slices: 20, riskAversion: lambda, volatility: 0.5, impact: 2 }, 0, 600_000);
        const high = new Shortfall({ slices: 20, riskAversion: lambda * factor, volatility: 0.5, impact: 2 }, 0, 600_000);
        expect(high.kappa).toBeGreaterThan(low.kappa);
        for (let i = 0; i < 20; i++) expect(high.schedule.cumulative[i]! + 1e-12).toBeGreaterThanOrEqual(low.schedule.cumulative[i]!);
        // Holdings fall monotonically to zero.
        for (let i = 1; i < 20; i++) expect(low.schedule.cumulative[i]!).toBeGreaterThanOrEqual(low.schedule.cumulative[i - 1]!);
        expect(low.schedule.cumulative[19]).toBe(1);
      }),
    );
  });

  it('holds X·sinh(κ(T−t))/sinh(κT), with κ from 2(cosh κτ − 1)/τ² = λσ²/η', () => {
    const s = new Shortfall({ slices: 4, riskAversion: 0.02, volatility: 3, impact: 0.5 }, 0, 40_000);
    const tau = 10;
    const kTilde2 = (0.02 * 9) / 0.5;
    expect((2 * (Math.cosh(s.kappa * tau) - 1)) / tau ** 2).toBeCloseTo(kTilde2, 12);
    for (let j = 1; j < 4; j++) expect(s.schedule.cumulative[j - 1]).toBeCloseTo(1 - Math.sinh(s.kappa * (40 - j * tau)) / Math.sinh(s.kappa * 40), 12);
    expect(holdingFraction(1_000, 40, 10)).toBeCloseTo(Math.exp(-10_000), 12);
  });

  it('completes on SIM', async () => {
    const rig = await dirs.start();
    const started = await rig.algos.start(
      { venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 300, endAt: rig.clock.now() + 30_000, params: { type: 'shortfall', slices: 10, riskAversion: 0.05, volatility: 2, impact: 0.5 } },
      'ticket',
    );
    if (!started.ok) throw new Error(started.error.message);
    await rig.run(31_000);
    expect(rig.algos.get(started.value.id)).toMatchObject({ state: 'completed', doneQty: 300 });
  });
});
