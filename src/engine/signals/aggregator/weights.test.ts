import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENT_NAMES, type ComponentReading } from './components';
import { composite, parseSignalWeights, SignalWeightsError } from './weights';

const reading = (name: ComponentReading['name'], value: number | undefined, fresh = true): ComponentReading =>
  value === undefined ? { name, fresh: false } : { name, value, raw: value, ts: 0, fresh };

describe('parseSignalWeights', () => {
  it('accepts finite non-negative weights with at least one > 0 (missing = 0)', () => {
    expect(parseSignalWeights({ sentimentLevel: 2, rsi: 0 })).toEqual({ sentimentLevel: 2, rsi: 0 });
  });

  it.each([
    [{ rsi: -1 }, 'rsi: weight must be ≥ 0'],
    [{ rsi: Number.NaN }, 'rsi: weight must be a number'],
    [{ rsi: Number.POSITIVE_INFINITY, macd: 1 }, 'rsi: weight must be finite'],
    [{ rsi: 0, macd: 0 }, 'at least one weight must be > 0'],
    [{}, 'at least one weight must be > 0'],
    [{ rsi: '1' }, 'rsi: weight must be a number'],
    [{ rsi: 1, vibes: 1 }, 'vibes'],
    [null, 'invalid signal weights'],
  ])('rejects %j with a clear error', (input, message) => {
    let error: unknown;
    try { parseSignalWeights(input); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SignalWeightsError);
    expect((error as Error).message).toContain(message);
  });
});

describe('composite', () => {
  it('is the weighted mean with visible parts whose contributions sum to it', () => {
    const c = composite([reading('sentimentLevel', 0.5), reading('rsi', -1), reading('macd', 0.2)], { sentimentLevel: 3, rsi: 1 });
    expect(c.value).toBeCloseTo((3 * 0.5 - 1) / 4, 14);
    expect(c.renormalised).toBe(false);
    expect(c.parts.find((p) => p.name === 'sentimentLevel')).toMatchObject({ weight: 3, effectiveWeight: 0.75, contribution: 0.375 });
    expect(c.parts.find((p) => p.name === 'macd')).toMatchObject({ weight: 0, effectiveWeight: 0, contribution: 0, dropped: false });
    expect(c.parts.reduce((a, p) => a + p.contribution, 0)).toBeCloseTo(c.value!, 14);
  });

  it('drops a stale component and renormalises the rest, saying so', () => {
    const c = composite([reading('sentimentLevel', 0.5), reading('rsi', -1, false), reading('orderFlow', undefined)],
      { sentimentLevel: 1, rsi: 1, orderFlow: 2 });
    expect(c.value).toBe(0.5);
    expect(c.renormalised).toBe(true);
    expect(c.dropped).toEqual(['rsi', 'orderFlow']);
    expect(c.usedWeight).toBe(1);
    expect(c.totalWeight).toBe(4);
    expect(c.parts.find((p) => p.name === 'sentimentLevel')!.effectiveWeight).toBe(1);
    expect(c.parts.find((p) => p.name === 'rsi')).toMatchObject({ dropped: true, effectiveWeight: 0, contribution: 0, value: -1 });
  });

  it('has no value when no weighted component is fresh', () => {
    const c = composite([reading('rsi', 0.3, false), reading('macd', 0.9)], { rsi: 1 });
    expect(c.value).toBeUndefined();
    expect(c.renormalised).toBe(false);
    expect(c.dropped).toEqual(['rsi']);
  });

  it('stays in [-1, 1] for any values, weights and staleness (property)', () => {
    const comp = fc.record({
      value: fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: undefined }),
      fresh: fc.boolean(),
      weight: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1e-12, noNaN: true })),
    });
    fc.assert(fc.property(fc.array(comp, { minLength: COMPONENT_NAMES.length, maxLength: COMPONENT_NAMES.length }), (cs) => {
      const readings = cs.map((c, i) => reading(COMPONENT_NAMES[i]!, c.value, c.fresh));
      const weights = Object.fromEntries(cs.map((c, i) => [COMPONENT_NAMES[i]!, c.weight]));
      const r = composite(readings, weights);
      if (r.value === undefined) return r.usedWeight === 0;
      const sumEff = r.parts.reduce((a, p) => a + p.effectiveWeight, 0);
      return r.value >= -1 && r.value <= 1 && Math.abs(sumEff - 1) < 1e-9;
    }));
  });
});
