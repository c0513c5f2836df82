import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL } from './algoEngine.fixture';
import type { AlgoParams, ParentSpec } from './types';

/*
 * Every algorithm, random terms, on the real SIM + OMS: whatever the algorithm asks, the runtime
 * never lets done + working exceed the parent's quantity, never prices a child through the limit,
 * and the parent's done is exactly what its children filled.
 */
const paramsArb: fc.Arbitrary<AlgoParams> = fc.oneof(
  fc.record({ type: fc.constant('twap' as const), slices: fc.integer({ min: 1, max: 200 }), sizeJitter: fc.double({ min: 0, max: 0.9, noNaN: true }), timeJitter: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constant('vwap' as const), profile: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 20 }) }),
  fc.record({ type: fc.constant('pov' as const), rate: fc.double({ min: 0.05, max: 0.5, noNaN: true }) }),
  fc.record({ type: fc.constant('iceberg' as const), display: fc.integer({ min: 1, max: 60 }), displayJitter: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
  fc.record({ type: fc.constant('peg' as const), reference: fc.constantFrom('primary' as const, 'market' as const, 'mid' as const), offset: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ type: fc.constant('shortfall' as const), slices: fc.integer({ min: 1, max: 50 }), riskAversion: fc.double({ min: 0, max: 1, noNaN: true }), volatility: fc.double({ min: 0.1, max: 5, noNaN: true }), impact: fc.double({ min: 0.01, max: 5, noNaN: true }) }),
  fc.record({ type: fc.constant('sniper' as const) }),
);

describe('algo invariants on SIM', () => {
  const dirs = algoDirs();

  it('children never exceed the parent and never trade through its limit, whatever the algorithm', async () => {
    const rig = await dirs.start();
    const problems: string[] = [];
    const seen = new Set<string>();
    const limits = new Map<string, { side: 'buy' | 'sell'; limit: number }>();
    rig.algos.events.on('algo', (v) => {
      if (v.doneQty + v.workingQty > v.qty) problems.push(`${v.id} ${v.type}: ${v.doneQty}+${v.workingQty} > ${v.qty}`);
      if (v.limit !== undefined) limits.set(v.id, { side: v.side, limit: v.limit });
    });
    rig.oms.events.on('applied', (o) => {
      if (o.source !== 'algo' || seen.has(o.clientOrderId)) return;
      seen.add(o.clientOrderId);
      const l = limits.get(o.parentId!);
      if (l && (l.side === 'buy' ? o.price! > l.limit : o.price! < l.limit)) problems.push(`${o.clientOrderId} at ${o.price} through ${l.limit}`);
    });
    await fc.assert(
      fc.asyncProperty(
        paramsArb,
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: -20, max: 20 }),
        fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
        async (params, side, qty, limitFromTouch, maxParticipation) => {
          const q = rig.quote();
          const touch = side === 'buy' ? q.ask : q.bid;
          const spec: ParentSpec = { venue: 'SIM', symbol: SYMBOL, side, qty, limit: touch + (side === 'buy' ? limitFromTouch : -limitFromTouch), endAt: rig.clock.now() + 4_000, params };
          if (maxParticipation !== undefined) spec.maxParticipation = maxParticipation;
          const started = await rig.algos.start(spec, 'ticket');
          if (!started.ok) throw new Error(started.error.message);
          await rig.run(5_000, 100);
          const v = rig.algos.get(started.value.id)!;
          expect(['completed', 'canceled', 'failed']).toContain(v.state);
          const filled = rig.oms.orders().filter((o) => o.parentId === v.id).reduce((n, o) => n + o.filledQty, 0);
          expect(v.doneQty).toBe(filled);
          expect(v.doneQty).toBeLessThanOrEqual(qty);
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
