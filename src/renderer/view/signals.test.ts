import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument, OrderFlowModelView, SignalSnapshot } from '../../contract/api';
import { agoText, collectingText, COMPONENT_KEYS, compactNumber, compareSignal, durationText, fundingText, orderFlowRecord, rawText, scoreSparkline, seriesSlots, seriesSummary, signalColour, signalInstruments, signalRows, signedText, thresholdText, toneOf } from './signals';
import { btc } from './testing';

const alpha = (css: string | undefined): number => Number(/, ([\d.]+)\)$/.exec(css ?? '')?.[1]);
const rgb = (css: string | undefined): string => /^rgba\((\d+, \d+, \d+)/.exec(css ?? '')?.[1] ?? '';

describe('signalColour: red … neutral … green', () => {
  it('is no fill at 0 and for no value, green above 0, red below, strongest at ±1', () => {
    expect(alpha(signalColour(0))).toBe(0);
    expect(signalColour(undefined)).toBeUndefined();
    expect(signalColour(Number.NaN)).toBeUndefined();
    expect(rgb(signalColour(0.5))).toBe('34, 192, 122');
    expect(rgb(signalColour(-0.5))).toBe('240, 74, 93');
    expect(alpha(signalColour(1))).toBe(alpha(signalColour(-1)));
    expect(alpha(signalColour(1))).toBeLessThanOrEqual(0.6);
  });

  it('grows with |value|, symmetric, and clamps outside [-1, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (a, b) => {
        if (Math.abs(a) <= Math.abs(b)) expect(alpha(signalColour(a))).toBeLessThanOrEqual(alpha(signalColour(b)));
        expect(alpha(signalColour(a))).toBe(alpha(signalColour(-a)));
      }),
    );
    expect(signalColour(7)).toBe(signalColour(1));
    expect(signalColour(-7)).toBe(signalColour(-1));
  });
});

describe('texts', () => {
  it('signs every value so a column lines up, and never shows "-0.00"', () => {
    expect(signedText(0.4213)).toBe('+0.42');
    expect(signedText(-0.4213)).toBe('-0.42');
    expect(signedText(-0.001)).toBe('0.00');
    expect(signedText(0)).toBe('0.00');
    expect(signedText(undefined)).toBe('–');
    expect(signedText(0.12345, 3)).toBe('+0.123');
  });

  it('shows a threshold with the decimals it was given, two at least, four at most', () => {
    expect(thresholdText(0.5)).toBe('+0.50');
    expect(thresholdText(-0.1752)).toBe('-0.1752');
    expect(thresholdText(0.12)).toBe('+0.12');
    expect(thresholdText(0.123)).toBe('+0.123');
    expect(thresholdText(0)).toBe('0.00');
  });

  it('tones at VADER’s ±0.05', () => {
    expect(toneOf(0.06)).toBe('pos');
    expect(toneOf(-0.06)).toBe('neg');
    expect(toneOf(0.05)).toBe('neutral');
    expect(toneOf(undefined)).toBe('neutral');
  });

  it('gives each raw figure its units', () => {
    expect(rawText('fundingRate', 0.0001)).toBe('+0.0100 % / funding');
    expect(rawText('longShortRatio', 1.854)).toBe('1.85 long/short');
    expect(rawText('openInterest', -0.0123)).toBe('-1.23 % OI');
    expect(rawText('fearGreed', 23)).toBe('23 / 100');
    expect(rawText('orderFlow', 0.1)).toBe('P(up) 0.550');
    expect(rawText('rsi', 71.26)).toBe('RSI 71.3');
    expect(rawText('bollinger', 0.8)).toBe('%B 0.80');
    expect(rawText('sentimentLevel', 0.2)).toBe('+0.200 compound');
    expect(rawText('macd', 12345)).toBe('histogram 12.3 k');
    expect(rawText('rsi', undefined)).toBe('–');
    expect(fundingText(-0.00035)).toBe('-0.0350 %');
  });

  it('compacts figures of any size', () => {
    expect(compactNumber(1_234_567)).toBe('1.23 M');
    expect(compactNumber(2.5e9)).toBe('2.50 B');
    expect(compactNumber(54_321)).toBe('54.3 k');
    expect(compactNumber(321.4)).toBe('321');
    expect(compactNumber(0.000123)).toBe('0.000123');
    expect(compactNumber(0)).toBe('0.00');
  });

  it('says how long ago, or how long until', () => {
    const now = 1_000_000_000;
    expect(agoText(now - 12_000, now)).toBe('12 s ago');
    expect(agoText(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(agoText(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(agoText(now - 2 * 86_400_000, now)).toBe('2 d ago');
    expect(agoText(now + 40_000, now)).toBe('in 40 s');
    expect(agoText(undefined, now)).toBe('–');
    expect(durationText(5000)).toBe('5 s');
    expect(durationText(120_000)).toBe('2 min');
    expect(durationText(250)).toBe('250 ms');
  });
});

describe('per-source series → sparkline', () => {
  const hour = 3_600_000;
  const now = 100 * hour + 30 * 60_000; // half way through hour 100

  it('lays the bucket means on the last 24 h, newest at the right, gaps where a bucket had no item', () => {
    const slots = seriesSlots({ bucketMs: hour, points: [{ ts: 100 * hour, mean: 0.5, count: 2 }, { ts: 98 * hour, mean: -0.25, count: 1 }] }, now);
    expect(slots).toHaveLength(24);
    expect(slots[23]).toBe(0.5);
    expect(slots[21]).toBe(-0.25);
    expect(Number.isNaN(slots[22]!)).toBe(true);
    expect(slots.filter((v) => !Number.isNaN(v))).toHaveLength(2);
  });

  it('leaves out points older than the span, in the future, or from an empty bucket', () => {
    const slots = seriesSlots({ bucketMs: hour, points: [{ ts: 70 * hour, mean: 1, count: 1 }, { ts: 101 * hour, mean: 1, count: 1 }, { ts: 99 * hour, mean: 0.3, count: 0 }] }, now);
    expect(slots.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('draws on the fixed [-1, 1] scale: +1 at the top, -1 at the bottom, the zero line in the middle', () => {
    const sp = scoreSparkline({ bucketMs: hour, points: [{ ts: 99 * hour, mean: 1, count: 1 }, { ts: 100 * hour, mean: -1, count: 1 }] }, now, 100, 20);
    expect(sp.zeroY).toBe(10);
    expect(sp.last).toEqual({ x: 98, y: 18 });
    expect(sp.d.startsWith('M')).toBe(true);
    expect(sp.d).toContain(' 2L');
    // A single small value is not stretched to the box: 0.1 stays near the middle.
    const small = scoreSparkline({ bucketMs: hour, points: [{ ts: 100 * hour, mean: 0.1, count: 1 }] }, now, 100, 20);
    expect(small.last!.y).toBeCloseTo(9.2, 1);
  });

  it('summarises the series for its accessible name', () => {
    expect(seriesSummary({ points: [{ ts: 1, mean: 0.2, count: 2 }, { ts: 2, mean: -0.3, count: 1 }] })).toBe('3 items, latest mean -0.30');
    expect(seriesSummary({ points: [] })).toBe('0 items');
  });
});

describe('order-flow record', () => {
  const trained = (hitRate: number, hitRateSe: number, majorityHitRate: number): Extract<OrderFlowModelView, { state: 'trained' }> => ({
    state: 'trained',
    instrument: 'BTC-USDT',
    venue: 'SIM',
    trainedAt: 0,
    data: 'simulated',
    samples: 10_000,
    stats: { horizonMs: 5000, embargoMs: 5000, folds: 5, testSamples: 8000, hitRate, hitRateSe, hitCount: 4000, ic: 0.0412, foldIc: [], baseRateUp: 0.503, majorityHitRate },
  });

  it('claims an edge only past the majority call (or a coin) by two standard errors', () => {
    const r = orderFlowRecord(trained(0.56, 0.005, 0.51));
    expect(r.edge).toBe(true);
    expect(r.hitRate).toBe('56.0 % ± 0.5');
    expect(r.baseRate).toBe('50.3 %');
    expect(r.majority).toBe('51.0 %');
    expect(r.ic).toBe('+0.041');
    expect(r.folds).toBe('5');
    expect(r.testSamples).toBe('8000'); // grouped only when Settings asks (numbers.test.ts)
    expect(r.horizon).toBe('5 s');
    expect(orderFlowRecord(trained(0.52, 0.01, 0.51)).edge).toBe(false);
    expect(orderFlowRecord(trained(0.52, 0.01, 0.51)).verdict).toBe('no edge shown: within two standard errors of the majority call (51.0 %)');
    expect(orderFlowRecord(trained(0.56, 0.005, 0.51)).verdict).toBe('beats the majority call (51.0 %) by more than two standard errors, out of sample');
    expect(orderFlowRecord(trained(0.52, 0.019, 0.448)).verdict).toBe('no edge shown: within two standard errors of a coin toss (50.0 %)');
    // A majority call below a coin does not lower the bar below 50 %.
    expect(orderFlowRecord(trained(0.505, 0.005, 0.4)).edge).toBe(false);
  });

  it('shows collecting progress, capped at 100 %', () => {
    expect(collectingText(1234, 5000)).toEqual({ text: '1234 / 5000 samples (24 %)', fraction: 0.2468 });
    expect(collectingText(9000, 5000).fraction).toBe(1);
    expect(collectingText(5, 0).fraction).toBe(0);
  });
});

describe('the Signals grid', () => {
  const inst = (venue: string, symbol: string, over: Partial<Instrument> = {}): Instrument => ({ ...btc, venue, symbol, ...over });
  const instruments = [
    inst('SIM', 'BTC-USDT'),
    inst('SIM', 'ETH-USDT'),
    inst('SIM', 'BTC-261225-100000-C', { contract: { kind: 'call', expiry: 1, underlying: 'BTC-USDT' } as Instrument['contract'] }),
    inst('main', 'BTC-USDT'),
    inst('main', 'SOL-USDT'),
  ];

  it('lists the watchlists (the focused venue first), each symbol once, dropping what is not listed', () => {
    const got = signalInstruments({ main: ['SOL-USDT', 'BTC-USDT'], SIM: ['BTC-USDT', 'GONE-USDT'] }, instruments, 'SIM');
    expect(got).toEqual([
      { symbol: 'BTC-USDT', venue: 'SIM' },
      { symbol: 'SOL-USDT', venue: 'main' },
    ]);
  });

  it('falls back to the focused venue’s instruments without options when the watchlist is empty', () => {
    expect(signalInstruments({ SIM: [] }, instruments, 'SIM')).toEqual([
      { symbol: 'BTC-USDT', venue: 'SIM' },
      { symbol: 'ETH-USDT', venue: 'SIM' },
    ]);
  });

  it('makes one row per instrument with the composite, each component and how many are fresh', () => {
    const snap: SignalSnapshot = {
      instrument: 'BTC-USDT',
      ts: 1,
      composite: 0.3,
      components: [
        { name: 'sentimentLevel', value: 0.5, raw: 0.5, ts: 1, fresh: true },
        { name: 'rsi', value: -0.2, raw: 60, ts: 1, fresh: false },
        { name: 'fundingRate', fresh: false },
      ],
      parts: [],
      renormalised: false,
      dropped: [],
      usedWeight: 1,
      totalWeight: 1,
    };
    const rows = signalRows([{ symbol: 'BTC-USDT', venue: 'SIM' }, { symbol: 'ETH-USDT', venue: 'SIM' }], [snap]);
    expect(rows[0]).toEqual({ id: 'BTC-USDT', instrument: 'BTC-USDT', venue: 'SIM', composite: 0.3, sentimentLevel: 0.5, rsi: -0.2, fresh: 1 });
    expect(rows[1]).toEqual({ id: 'ETH-USDT', instrument: 'ETH-USDT', venue: 'SIM', fresh: 0 });
    expect(COMPONENT_KEYS).toHaveLength(10);
  });

  it('sorts by value with a missing value last, ascending and descending alike', () => {
    const values = [0.2, null, -0.5, 0.9, null, 0];
    const asc = [...values].sort((a, b) => compareSignal(a, b, false));
    expect(asc).toEqual([-0.5, 0, 0.2, 0.9, null, null]);
    // AG Grid reverses the comparator's order for a descending sort.
    const desc = [...values].sort((a, b) => compareSignal(a, b, true)).reverse();
    expect(desc).toEqual([0.9, 0.2, 0, -0.5, null, null]);
  });
});
