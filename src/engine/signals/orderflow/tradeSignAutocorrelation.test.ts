import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Side } from '../../core';
import { pearson } from './metrics';
import { TradeSignAutocorrelation } from './tradeSignAutocorrelation';

/** Straight from the definition over the last `w` signs. */
function direct(signs: number[], w: number): number | undefined {
  const s = signs.slice(-w);
  if (s.length < 2) return undefined;
  const m = s.reduce((a, b) => a + b, 0) / s.length;
  let c = 0;
  for (let i = 1; i < s.length; i++) c += s[i]! * s[i - 1]!;
  c /= s.length - 1;
  const v = 1 - m * m;
  return v <= 1e-12 ? 0 : (c - m * m) / v;
}

describe('TradeSignAutocorrelation', () => {
  it('is +1-ish for runs, -1 for alternation, undefined before two trades', () => {
    const ac = new TradeSignAutocorrelation(10);
    expect(ac.value()).toBeUndefined();
    for (let i = 0; i < 10; i++) ac.onTrade(i % 2 ? 'buy' : 'sell');
    expect(ac.value()).toBeCloseTo(-1, 12);
    const runs = new TradeSignAutocorrelation(8);
    for (const s of ['buy', 'buy', 'buy', 'buy', 'sell', 'sell', 'sell', 'sell'] as Side[]) runs.onTrade(s);
    // m = 0, pairs: 6 same, 1 different over 7 → c = 5/7
    expect(runs.value()).toBeCloseTo(5 / 7, 12);
  });

  it('matches the definition over the last window trades on any sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 300 }), fc.integer({ min: 2, max: 40 }), (buys, w) => {
        const ac = new TradeSignAutocorrelation(w);
        const signs: number[] = [];
        for (const b of buys) {
          ac.onTrade(b ? 'buy' : 'sell');
          signs.push(b ? 1 : -1);
          const want = direct(signs, w);
          const got = ac.value();
          if (want === undefined) expect(got).toBeUndefined();
          else expect(Math.abs(got! - want)).toBeLessThan(1e-9);
        }
      }),
    );
  });

  it('is close to the sample lag-1 correlation on a long window', () => {
    const signs = Array.from({ length: 200 }, (_, i) => (Math.sin(i * 0.7) > 0 ? 1 : -1));
    const ac = new TradeSignAutocorrelation(200);
    for (const s of signs) ac.onTrade(s > 0 ? 'buy' : 'sell');
    expect(ac.value()!).toBeCloseTo(pearson(signs.slice(1), signs.slice(0, -1)), 1);
  });
});
