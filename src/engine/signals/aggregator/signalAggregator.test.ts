import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../core';
import type { SignalItem, SignalReading } from '../sources';
import { SignalAggregator, type SignalSnapshot } from './signalAggregator';
import type { SignalAlert } from './alerts';
import { COMPONENT_NAMES } from './components';

const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;

let nextId = 1;
const item = (ts: number, compound: number, instruments = ['BTC-USDT']): SignalItem => ({
  id: nextId++, source: 'wire', title: `headline ${nextId}`, ts, timeFromItem: true, firstSeen: ts, instruments,
  score: { compound, pos: 0, neu: 1, neg: 0 },
});
const reading = (metric: string, value: number, ts: number, instrument?: string): SignalReading => ({ source: 'binance', metric, value, ts, instrument });

function setup(weights: unknown = { sentimentLevel: 1 }, config = {}) {
  const clock = new SimulatedClock(T0);
  const logger = recordingLogger();
  const agg = new SignalAggregator({ clock, weights, config, logger });
  const signals: SignalSnapshot[] = [];
  const alerts: SignalAlert[] = [];
  agg.events.on('signal', (s) => signals.push(s));
  agg.events.on('alert', (a) => alerts.push(a));
  return { clock, agg, signals, alerts, logger };
}
const comp = (s: SignalSnapshot, name: string) => s.components.find((c) => c.name === name)!;

describe('SignalAggregator', () => {
  it('sentiment level is the decayed mean of tagged item scores with the configured half-life, on the Clock', () => {
    const { clock, agg, signals } = setup({ sentimentLevel: 1 }, { sentimentHalfLifeMs: HOUR });
    agg.addItem(item(T0 - HOUR, -0.6));
    agg.addItem(item(T0, 0.9));
    agg.addItem(item(T0, 0.5, ['ETH-USDT']));
    const btc = agg.snapshot('BTC-USDT');
    expect(comp(btc, 'sentimentLevel')).toMatchObject({ value: expect.closeTo((-0.3 + 0.9) / 1.5, 12), ts: T0, fresh: true });
    expect(btc.composite).toBeCloseTo(0.4, 12);
    expect(agg.snapshot('ETH-USDT').composite).toBe(0.5);
    expect(signals.map((s) => s.instrument)).toEqual(['BTC-USDT', 'BTC-USDT', 'ETH-USDT']);
    // Time alone scales every weight alike: the level holds until the item is older than staleAfterMs (6 h default).
    clock.advance(5 * HOUR);
    expect(agg.snapshot('BTC-USDT').composite).toBeCloseTo(0.4, 12);
    clock.advance(HOUR + 1);
    const stale = agg.snapshot('BTC-USDT');
    expect(comp(stale, 'sentimentLevel').fresh).toBe(false);
    expect(stale.composite).toBeUndefined();
  });

  it('sentiment momentum is half the short minus long decayed means: positive when news turns better', () => {
    const { agg } = setup({ sentimentMomentum: 1 }, { momentumShortHalfLifeMs: HOUR, momentumLongHalfLifeMs: 4 * HOUR });
    agg.addItem(item(T0 - 4 * HOUR, -0.8));
    agg.addItem(item(T0, 0.8));
    const short = (-0.8 / 16 + 0.8) / (1 / 16 + 1);
    const long = (-0.8 / 2 + 0.8) / (1 / 2 + 1);
    const m = comp(agg.snapshot('BTC-USDT'), 'sentimentMomentum');
    expect(m.value).toBeCloseTo((short - long) / 2, 12);
    expect(m.value).toBeGreaterThan(0);
  });

  it('a stale component drops out and the weights renormalise; the snapshot says so', () => {
    const { clock, agg } = setup({ orderFlow: 1, fundingRate: 3 });
    agg.addReading(reading('fundingRate', 0.0005, T0, 'BTC-USDT'));
    agg.addOrderFlow('BTC-USDT', { signal: 0.6 });
    let s = agg.snapshot('BTC-USDT');
    expect(s.composite).toBeCloseTo((0.6 + 3 * -Math.tanh(1)) / 4, 12);
    expect(s.renormalised).toBe(false);
    clock.advance(30_001); // order flow is stale after 30 s by default; funding lasts 9 h
    s = agg.snapshot('BTC-USDT');
    expect(s.composite).toBeCloseTo(-Math.tanh(1), 12);
    expect(s.renormalised).toBe(true);
    expect(s.dropped).toEqual(['orderFlow']);
    expect(s.parts.find((p) => p.name === 'fundingRate')!.effectiveWeight).toBe(1);
  });

  it('maps positioning readings; fear & greed applies to every instrument; OI needs the price move', () => {
    const { clock, agg } = setup({ longShortRatio: 1 });
    agg.addClose('BTC-USDT', 100, T0);
    agg.addReading(reading('longShortRatio', 2, T0, 'BTC-USDT'));
    agg.addReading(reading('openInterest', 1000, T0, 'BTC-USDT'));
    agg.addReading(reading('fearGreed', 20, T0));
    let s = agg.snapshot('BTC-USDT');
    expect(comp(s, 'longShortRatio')).toMatchObject({ raw: 2, value: expect.closeTo(-Math.tanh(1), 12), fresh: true });
    expect(comp(s, 'fearGreed')).toMatchObject({ raw: 20, value: 0.6 });
    expect(comp(s, 'openInterest').value).toBeUndefined(); // one reading: no change yet
    clock.advance(60_000);
    agg.addClose('BTC-USDT', 98, T0 + 60_000);
    agg.addReading(reading('openInterest', 1050, T0 + 60_000, 'BTC-USDT'));
    s = agg.snapshot('BTC-USDT');
    // +5 % OI while price fell: new shorts, bearish
    expect(comp(s, 'openInterest')).toMatchObject({ raw: expect.closeTo(0.05, 12), value: expect.closeTo(-Math.tanh(1), 12) });
    expect(comp(agg.snapshot('ETH-USDT'), 'fearGreed').value).toBe(0.6);
  });

  it('drops malformed inputs with a log line and keeps what it had', () => {
    const { agg, logger } = setup({ fundingRate: 1 });
    agg.addReading(reading('fundingRate', 0.0001, T0, 'BTC-USDT'));
    agg.addReading(reading('fundingRate', Number.NaN, T0 + 1, 'BTC-USDT'));
    agg.addReading(reading('fundingRate', 0.0002, T0 + 2)); // no instrument
    agg.addItem({ ...item(T0, 0.5), score: { compound: 7, pos: 0, neu: 0, neg: 0 } });
    agg.addClose('BTC-USDT', Number.POSITIVE_INFINITY);
    agg.addOrderFlow('BTC-USDT', { signal: Number.NaN });
    expect(comp(agg.snapshot('BTC-USDT'), 'fundingRate').raw).toBe(0.0001);
    expect(comp(agg.snapshot('BTC-USDT'), 'sentimentLevel').value).toBeUndefined();
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(5);
  });

  it('rejects bad weights with a clear error and keeps the old ones', () => {
    const { agg } = setup({ rsi: 1 });
    expect(() => agg.setWeights({ rsi: -2 })).toThrow(/rsi: weight must be ≥ 0/);
    expect(agg.weights()).toEqual({ rsi: 1 });
    expect(() => new SignalAggregator({ clock: new SimulatedClock(), weights: { macd: 0 } })).toThrow(/at least one weight must be > 0/);
    expect(() => new SignalAggregator({ clock: new SimulatedClock(), weights: { rsi: 1 }, config: { sentimentHalfLifeMs: 0 } })).toThrow(/sentimentHalfLifeMs: sentimentHalfLifeMs must be > 0/);
    expect(() => new SignalAggregator({ clock: new SimulatedClock(), weights: { rsi: 1 }, config: { fundingScale: Number.POSITIVE_INFINITY } }))
      .toThrow(/fundingScale: fundingScale must be finite/);
    expect(() => new SignalAggregator({ clock: new SimulatedClock(), weights: { rsi: 1 }, config: { momentumShortHalfLifeMs: 10, momentumLongHalfLifeMs: 5 } }))
      .toThrow(/momentumShortHalfLifeMs must be < momentumLongHalfLifeMs/);
  });

  it('feeds closes to the trading-signals indicators and republishes on the Clock when started', () => {
    const { clock, agg, signals } = setup({ rsi: 1, macd: 1, bollinger: 1 });
    for (let i = 0; i < 40; i++) agg.addClose('BTC-USDT', 100 + 0.1 * i * i, T0 + i); // accelerating: the histogram stays > 0
    const s = agg.snapshot('BTC-USDT');
    expect(comp(s, 'rsi')).toMatchObject({ raw: 100, value: -1, fresh: true });
    expect(comp(s, 'macd').value).toBeGreaterThan(0);
    expect(s.composite).toBeGreaterThanOrEqual(-1);
    const before = signals.length;
    agg.start(60_000);
    clock.advance(3 * 60_000);
    expect(signals.length - before).toBe(3);
    agg.stop();
    clock.advance(3 * 60_000);
    expect(signals.length - before).toBe(3);
  });

  it('a throwing subscriber is logged and does not stop other subscribers', () => {
    const { agg, logger, signals } = setup({ orderFlow: 1 });
    agg.events.on('signal', () => { throw new Error('strategy bug'); });
    const after: number[] = [];
    agg.events.on('signal', (s) => after.push(s.composite!));
    agg.addOrderFlow('BTC-USDT', { signal: 0.25 });
    expect(signals).toHaveLength(1);
    expect(after).toEqual([0.25]);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });
});

describe('threshold alerts', () => {
  it('fire once per crossing; noise around the line inside the hysteresis band does not refire', () => {
    const { agg, alerts } = setup({ orderFlow: 1 });
    agg.addOrderFlow('BTC-USDT', { signal: 0.1 });
    agg.addAlert({ id: 'of-up', instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: 0.5, hysteresis: 0.1 });
    for (const v of [0.3, 0.51, 0.49, 0.52, 0.45, 0.55, 0.41, 0.6]) agg.addOrderFlow('BTC-USDT', { signal: v });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ruleId: 'of-up', instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: 0.5, value: 0.51 });
    agg.addOrderFlow('BTC-USDT', { signal: 0.4 }); // re-armed (≤ 0.4)
    agg.addOrderFlow('BTC-USDT', { signal: 0.7 });
    expect(alerts.map((a) => a.value)).toEqual([0.51, 0.7]);
  });

  it('below-rules on a component, a value already beyond the line does not fire, other instruments are ignored', () => {
    const { agg, alerts } = setup({ orderFlow: 1 });
    agg.addReading(reading('fundingRate', 0.001, T0, 'BTC-USDT')); // already strongly bearish
    agg.addAlert({ id: 'fund', instrument: 'BTC-USDT', signal: 'fundingRate', direction: 'below', threshold: -0.5, hysteresis: 0.2 });
    agg.addReading(reading('fundingRate', 0.0011, T0 + 1, 'BTC-USDT'));
    agg.addReading(reading('fundingRate', 0.001, T0 + 1, 'ETH-USDT'));
    expect(alerts).toHaveLength(0);
    agg.addReading(reading('fundingRate', 0, T0 + 2, 'BTC-USDT')); // value 0 ≥ −0.3: re-armed
    agg.addReading(reading('fundingRate', 0.0005, T0 + 3, 'BTC-USDT')); // −0.76 < −0.5: fires
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ruleId: 'fund', signal: 'fundingRate', direction: 'below', value: expect.closeTo(-Math.tanh(1), 12) });
  });

  it('rejects bad rules with every problem named, and removes rules by id', () => {
    const { agg } = setup();
    expect(() => agg.addAlert({ id: '', instrument: 'X', signal: 'vibes', direction: 'up', threshold: 2, hysteresis: -1 }))
      .toThrow(/id:.*signal:.*direction:.*threshold: threshold must be in \[-1, 1\].*hysteresis: hysteresis must be in \[0, 2\]/);
    expect(() => agg.addAlert({ id: 'n', instrument: 'X', signal: 'rsi', direction: 'above', threshold: Number.NaN, hysteresis: 0 }))
      .toThrow(/threshold: threshold must be a number/);
    agg.addAlert({ id: 'a', instrument: 'X', signal: 'rsi', direction: 'above', threshold: 0, hysteresis: 0 });
    expect(agg.alerts().map((r) => r.id)).toEqual(['a']);
    expect(agg.removeAlert('a')).toBe(true);
    expect(agg.alerts()).toEqual([]);
  });
});

describe('composite for any inputs (property)', () => {
  it('every component and the composite stay in [-1, 1] whatever the feeds send', () => {
    const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    const input = fc.oneof(
      fc.record({ k: fc.constant('item' as const), v: fc.double({ min: -1, max: 1, noNaN: true }), dt: fc.integer({ min: -1e7, max: 0 }) }),
      fc.record({ k: fc.constantFrom('fundingRate', 'longShortRatio', 'openInterest', 'fearGreed'), v: finite, dt: fc.integer({ min: 0, max: 1e6 }) }),
      fc.record({ k: fc.constant('close' as const), v: fc.double({ min: 1e-6, max: 1e9, noNaN: true }), dt: fc.integer({ min: 0, max: 1e6 }) }),
      fc.record({ k: fc.constant('flow' as const), v: fc.double({ min: -1, max: 1, noNaN: true }), dt: fc.integer({ min: 0, max: 1e6 }) }),
    );
    const weights = fc.dictionary(fc.constantFrom(...COMPONENT_NAMES),
      fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minKeys: 1 });
    fc.assert(fc.property(fc.array(input, { maxLength: 80 }), weights, (inputs, w) => {
      const clock = new SimulatedClock(T0);
      const agg = new SignalAggregator({ clock, weights: w });
      for (const x of inputs) {
        clock.advance(x.k === 'item' ? 0 : x.dt);
        if (x.k === 'item') agg.addItem(item(clock.now() + x.dt, x.v));
        else if (x.k === 'close') agg.addClose('BTC-USDT', x.v);
        else if (x.k === 'flow') agg.addOrderFlow('BTC-USDT', { signal: x.v });
        else agg.addReading(reading(x.k, x.v, clock.now(), x.k === 'fearGreed' ? undefined : 'BTC-USDT'));
      }
      const s = agg.snapshot('BTC-USDT');
      const inUnit = (v: number | undefined) => v === undefined || (v >= -1 && v <= 1);
      return inUnit(s.composite) && s.components.every((c) => inUnit(c.value));
    }), { numRuns: 200 });
  });
});
