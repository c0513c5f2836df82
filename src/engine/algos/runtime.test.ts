import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL, T0 } from './algoEngine.fixture';
import type { AlgoQuote, DecisionInput } from './algorithm';
import { capChild } from './parentRunner';
import { canMoveParent } from './parentStates';
import { FINAL_PARENT_STATES } from './types';

const quoteArb = fc.record({ bid: fc.integer({ min: 1, max: 1_000_000 }), spread: fc.integer({ min: 1, max: 100 }), bidQty: fc.integer({ min: 0, max: 1_000 }), askQty: fc.integer({ min: 0, max: 1_000 }) });

describe('the caps every child passes', () => {
  it('never exceeds what is left of the parent or the participation cap, never trades through the limit', () => {
    fc.assert(
      fc.property(
        quoteArb,
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.option(fc.integer({ min: 1, max: 1_000_200 }), { nil: undefined }),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.record({ qty: fc.integer({ min: -10, max: 200_000 }), price: fc.integer({ min: 1, max: 1_000_200 }), tif: fc.constantFrom('IOC' as const, 'GTC' as const) }),
        (q, side, total, doneRaw, openRaw, limit, cap, volume, intent) => {
          const done = Math.min(doneRaw, total);
          const open = Math.min(openRaw, total - done);
          const quote: AlgoQuote = { bid: q.bid, ask: q.bid + q.spread, bidQty: q.bidQty, askQty: q.askQty, stale: false };
          const input: DecisionInput = { now: T0, side, total, done, open, quote, limit, marketVolume: volume, startAt: T0, endAt: T0 + 1 };
          const child = capChild(intent, input, cap);
          if (!child) return;
          expect(Number.isSafeInteger(child.qty) && child.qty > 0).toBe(true);
          expect(done + open + child.qty).toBeLessThanOrEqual(total);
          if (cap !== undefined) expect(done + open + child.qty).toBeLessThanOrEqual(Math.floor(cap * volume));
          if (limit !== undefined) expect(side === 'buy' ? child.price <= limit : child.price >= limit).toBe(true);
          // An IOC is only sent when it can take something at its price.
          if (child.tif === 'IOC') expect(side === 'buy' ? child.price >= quote.ask : child.price <= quote.bid).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('final parent states go nowhere; completing only ends', () => {
    for (const s of FINAL_PARENT_STATES) for (const to of ['pending', 'running', 'paused', 'completing', ...FINAL_PARENT_STATES] as const) expect(canMoveParent(s, to)).toBe(false);
    expect(canMoveParent('completing', 'running')).toBe(false);
    expect(canMoveParent('completing', 'paused')).toBe(false);
  });
});

describe('the runtime on SIM', () => {
  const dirs = algoDirs();

  it('retries a rejected child with a growing backoff, then fails the parent with the venue\'s reason', async () => {
    const rig = await dirs.start({ retry: { maxRetries: 2, backoff: { initialMs: 1_000, maxMs: 8_000 } } });
    // 1 lot of ETH-USDT is under the venue's 5 USDT minimum notional: every child is refused.
    const started = await rig.algos.start({ venue: 'SIM', symbol: 'ETH-USDT', side: 'buy', qty: 10, endAt: rig.clock.now() + 60_000, params: { type: 'twap', slices: 10 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    await rig.run(20_000, 100);
    const view = rig.algos.get(started.value.id)!;
    expect(view.state).toBe('failed');
    expect(view.reason).toMatch(/^child rejected 3 times in a row: .*minimum notional/);
    expect(rig.childLog.map((c) => c.order.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const gaps = rig.childLog.slice(1).map((c, i) => c.at - rig.childLog[i]!.at);
    // Jittered exponential: the first wait is 500-1000 ms, the second 1000-2000 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_000);
    await rig.run(5_000);
    expect(rig.childLog.length).toBe(3);
  });

  it('fails the parent with the venue\'s own reason when the venue keeps rejecting its children', async () => {
    const rig = await dirs.start({ retry: { maxRetries: 3, backoff: { initialMs: 400, maxMs: 4_000 } } });
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 200, endAt: rig.clock.now() + 60_000, params: { type: 'twap', slices: 20 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    await rig.run(6_000);
    const sent = rig.childLog.length;
    const done = rig.algos.get(started.value.id)!.doneQty;
    expect(done).toBeGreaterThan(0);
    await rig.venue.disconnect(); // the venue itself now refuses every order
    await rig.run(20_000);
    const view = rig.algos.get(started.value.id)!;
    expect(view.state).toBe('failed');
    expect(view.reason).toBe('child rejected 4 times in a row: venue not connected');
    expect(view.doneQty).toBe(done);
    const refused = rig.childLog.slice(sent);
    expect(refused.map((c) => rig.oms.get(c.order.clientOrderId)!.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const gaps = refused.slice(1).map((c, i) => c.at - refused[i]!.at);
    for (let i = 0; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(200 * 2 ** i);
  });

  it('pauses on a stale book, sends nothing on it, and carries on once the book is live again', async () => {
    const rig = await dirs.start();
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 200, endAt: rig.clock.now() + 40_000, params: { type: 'twap', slices: 8 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    await rig.run(6_000);
    rig.staleBooks.add(`SIM:${SYMBOL}`);
    await rig.run(300);
    expect(rig.algos.get(id)).toMatchObject({ state: 'paused', reason: 'book stale' });
    const sent = rig.childLog.length;
    await rig.run(10_000);
    expect(rig.childLog.length).toBe(sent);
    rig.staleBooks.clear();
    await rig.run(30_000);
    expect(rig.algos.get(id)).toMatchObject({ state: 'completed', doneQty: 200 });
  });

  it('sends no child while the spread is wider than the maximum', async () => {
    const rig = await dirs.start();
    const spreadAtChild: number[] = [];
    let wideMoments = 0;
    const seen = new Set<string>();
    rig.oms.events.on('applied', (o) => {
      if (o.source !== 'algo' || seen.has(o.clientOrderId)) return;
      seen.add(o.clientOrderId);
      spreadAtChild.push(rig.quote().ask - rig.quote().bid);
    });
    const started = await rig.algos.start({ venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 300, maxSpread: 1, endAt: rig.clock.now() + 30_000, params: { type: 'twap', slices: 100 } }, 'ticket');
    if (!started.ok) throw new Error(started.error.message);
    for (let i = 0; i < 300; i++) {
      await rig.run(100);
      if (rig.quote().ask - rig.quote().bid > 1) wideMoments++;
    }
    expect(wideMoments).toBeGreaterThan(0);
    expect(spreadAtChild.length).toBeGreaterThan(0);
    expect(spreadAtChild.length).toBe(rig.childLog.length);
    expect(spreadAtChild.every((s) => s <= 1)).toBe(true);
  });
});
