import { describe, expect, it } from 'vitest';
import { mapMacdHistogram, mapPercentB, mapRsi } from './mappings';
import { stdev, TechnicalState, type TechnicalPeriods } from './technicals';

const P: TechnicalPeriods = { rsi: 3, macdShort: 2, macdLong: 4, macdSignal: 2, bollinger: 4, bollingerDeviations: 2 };
const CLOSES = [10, 11, 10.5, 12, 11.5, 13, 12, 12.5, 14, 13.5];

/** Wilder RSI written from the definition: seed = mean of the first n gains/losses, then avg += (x − avg) / n. */
function referenceRsi(closes: number[], n: number): number {
  let g = 0; let l = 0;
  for (let i = 1; i <= n; i++) { const d = closes[i]! - closes[i - 1]!; g += Math.max(d, 0); l += Math.max(-d, 0); }
  g /= n; l /= n;
  for (let i = n + 1; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    g += (Math.max(d, 0) - g) / n; l += (Math.max(-d, 0) - l) / n;
  }
  return l === 0 ? 100 : 100 - 100 / (1 + g / l);
}

/** MACD as trading-signals defines it: EMAs seeded with the first input, output from the long-th close on. */
function referenceMacdHistogram(closes: number[], s: number, lg: number, sig: number): number {
  const ks = 2 / (s + 1); const kl = 2 / (lg + 1); const kg = 2 / (sig + 1);
  let es = closes[0]!; let el = closes[0]!; let eg: number | undefined;
  let hist = NaN;
  for (let i = 0; i < closes.length; i++) {
    if (i > 0) { es = closes[i]! * ks + es * (1 - ks); el = closes[i]! * kl + el * (1 - kl); }
    if (i + 1 >= lg) {
      const macd = es - el;
      eg = eg === undefined ? macd : macd * kg + eg * (1 - kg);
      hist = macd - eg;
    }
  }
  return hist;
}

function referencePercentB(closes: number[], n: number, k: number): number {
  const w = closes.slice(-n);
  const m = w.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / n);
  return (closes.at(-1)! - (m - k * sd)) / (2 * k * sd);
}

describe('TechnicalState (trading-signals RSI, MACD, Bollinger)', () => {
  it('gives the documented mapped values on a known series', () => {
    const t = new TechnicalState(P);
    CLOSES.forEach((c, i) => t.addClose(c, i * 60_000));
    const rsi = referenceRsi(CLOSES, 3);
    expect(t.rsiValue!.raw).toBeCloseTo(rsi, 9);
    expect(t.rsiValue!.value).toBeCloseTo((50 - rsi) / 50, 9);

    const hist = referenceMacdHistogram(CLOSES, 2, 4, 2);
    const changes = CLOSES.slice(1).map((c, i) => c - CLOSES[i]!).slice(-4);
    expect(t.macdValue!.raw).toBeCloseTo(hist, 9);
    expect(t.macdValue!.value).toBeCloseTo(Math.tanh(hist / stdev(changes)), 9);
    expect(t.macdValue!.value).toBeCloseTo(mapMacdHistogram(hist, stdev(changes)), 12);

    const pb = referencePercentB(CLOSES, 4, 2);
    expect(t.bollingerValue!.raw).toBeCloseTo(pb, 9);
    expect(t.bollingerValue!.value).toBeCloseTo(1 - 2 * pb, 9);
    expect(t.lastTs).toBe(9 * 60_000);
  });

  it('a steady rise is overbought (RSI 100 → −1), above its bands (%B → bearish) and trending up (MACD > 0)', () => {
    const t = new TechnicalState(P);
    for (let i = 0; i < 20; i++) t.addClose(100 + i * i * 0.5, i);
    expect(t.rsiValue).toEqual({ raw: 100, value: mapRsi(100) });
    expect(t.rsiValue!.value).toBe(-1);
    expect(t.macdValue!.value).toBeGreaterThan(0);
    expect(t.bollingerValue!.value).toBeLessThan(0);
    expect(t.bollingerValue!.value).toBe(mapPercentB(t.bollingerValue!.raw));
  });

  it('is neutral on a flat series and silent until each indicator has its inputs', () => {
    const t = new TechnicalState(P);
    t.addClose(50, 0);
    t.addClose(50, 1);
    expect(t.rsiValue).toBeUndefined();
    expect(t.bollingerValue).toBeUndefined();
    for (let i = 2; i < 10; i++) t.addClose(50, i);
    expect(t.macdValue).toEqual({ raw: 0, value: 0 });
    expect(t.bollingerValue).toEqual({ raw: 0.5, value: 0 });
  });

  it('is scale-free: the same series in ticks maps to the same values', () => {
    const a = new TechnicalState(P);
    const b = new TechnicalState(P);
    CLOSES.forEach((c, i) => { a.addClose(c, i); b.addClose(c * 100, i); });
    expect(b.rsiValue!.value).toBeCloseTo(a.rsiValue!.value, 9);
    expect(b.macdValue!.value).toBeCloseTo(a.macdValue!.value, 9);
    expect(b.bollingerValue!.value).toBeCloseTo(a.bollingerValue!.value, 9);
  });
});
