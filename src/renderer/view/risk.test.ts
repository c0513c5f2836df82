import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskState } from '../../contract/api';
import {
  barWidth,
  type BreakerForm,
  breakerFormFromConfig,
  breakerSlotFromEngineMessage,
  configFromForm,
  configWithBreakerForm,
  inheritedBreakerText,
  formFromConfig,
  type LimitsForm,
  type RiskLimitsConfig,
  riskAttention,
  secondsUntil,
  shortUsageText,
  slotFromEngineMessage,
  sortBreakers,
  usageLevel,
  usagePercent,
  usageText,
} from './risk';

const KEY = 'SIM:BTC-USDT';

describe('utilisation level and bar', () => {
  it('is green below 70%, amber below 90%, red from 90% on, and "none" without a limit', () => {
    expect(usageLevel(0)).toBe('ok');
    expect(usageLevel(0.6999)).toBe('ok');
    expect(usageLevel(0.7)).toBe('warn');
    expect(usageLevel(0.8999)).toBe('warn');
    expect(usageLevel(0.9)).toBe('high');
    expect(usageLevel(3)).toBe('high');
    expect(usageLevel(undefined)).toBe('none');
  });

  it('never labels an amber bar with "90%": the percent is floored', () => {
    expect(usagePercent(0.8999)).toBe(89);
    expect(usagePercent(1.5)).toBe(150);
    expect(usagePercent(undefined)).toBeUndefined();
  });

  it('fills the bar in proportion, capped at full when over the limit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (f) => {
        const w = barWidth(f);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(100);
        if (f <= 1) expect(w).toBeCloseTo(f * 100, 9);
      }),
    );
    expect(barWidth(undefined)).toBe(0);
  });

  it('writes the unit once when used and limit share it, and says "no limit" when there is none', () => {
    expect(usageText({ used: '0.5 BTC', limit: '2 BTC', fraction: 0.25 })).toBe('0.5 / 2 BTC');
    expect(usageText({ used: '3', limit: '10', fraction: 0.3 })).toBe('3 / 10');
    expect(usageText({ used: '0 BTC', limit: undefined, fraction: undefined })).toBe('0 BTC · no limit');
    expect(usageText({ used: 'unknown (a position has no mark)', limit: '5 USDT', fraction: undefined })).toBe(
      'unknown (a position has no mark) / 5 USDT',
    );
  });

  it('drops the units in a narrow cell but keeps words', () => {
    expect(shortUsageText({ used: '-0.5 BTC', limit: '2 BTC', fraction: 0 })).toBe('-0.5 / 2');
    expect(shortUsageText({ used: '3', limit: undefined, fraction: undefined })).toBe('3 · no limit');
  });
});

const use = (fraction?: number) => ({ used: '0', limit: fraction === undefined ? undefined : '1', fraction });
const state = (over: { fraction?: number; breaker?: 'CLOSED' | 'OPEN' | 'HALF_OPEN' } = {}): RiskState => ({
  limits: { defaults: {}, instruments: {} },
  utilisation: {
    ts: 0,
    killSwitch: { state: 'disengaged' },
    account: { openOrders: use(), orderRate: undefined },
    venues: [],
    instruments: [
      { venue: 'SIM', symbol: 'BTC-USDT', position: '0 BTC', long: use(over.fraction), short: use(), openOrders: use(), breaker: 'CLOSED' },
    ],
    currencies: [],
    options: [],
  },
  breakers: [{ scope: 'venue', venue: 'SIM', state: over.breaker ?? 'CLOSED', since: 0 }],
  breakerLog: [],
});

describe('the risk tab warning', () => {
  it('takes the worst level of any limit', () => {
    expect(riskAttention(state())).toBe('none');
    expect(riskAttention(state({ fraction: 0.5 }))).toBe('ok');
    expect(riskAttention(state({ fraction: 0.75 }))).toBe('warn');
    expect(riskAttention(state({ fraction: 0.95 }))).toBe('high');
  });

  it('is red while a breaker is not closed or the kill switch is engaged, whatever the limits', () => {
    expect(riskAttention(state({ breaker: 'HALF_OPEN' }))).toBe('high');
    expect(riskAttention(state(), true)).toBe('high');
    expect(riskAttention(null)).toBe('none');
  });
});

describe('breakers', () => {
  it('counts down whole seconds to the probe, never below zero', () => {
    expect(secondsUntil(10_000, 8_001)).toBe(2);
    expect(secondsUntil(10_000, 10_000)).toBe(0);
    expect(secondsUntil(10_000, 12_000)).toBe(0);
    expect(secondsUntil(undefined, 0)).toBeUndefined();
  });

  it('lists the ones needing attention first', () => {
    const sorted = sortBreakers([
      { scope: 'instrument', venue: 'SIM', symbol: 'ETH-USDT', state: 'CLOSED', since: 0 },
      { scope: 'venue', venue: 'SIM', state: 'CLOSED', since: 0 },
      { scope: 'instrument', venue: 'SIM', symbol: 'BTC-USDT', state: 'HALF_OPEN', since: 0 },
      { scope: 'instrument', venue: 'SIM', symbol: 'SOL-USDT', state: 'OPEN', since: 0 },
    ]);
    expect(sorted.map((b) => `${b.symbol ?? b.venue} ${b.state}`)).toEqual([
      'SOL-USDT OPEN',
      'BTC-USDT HALF_OPEN',
      'SIM CLOSED',
      'ETH-USDT CLOSED',
    ]);
  });
});

describe('the limits form', () => {
  const config: RiskLimitsConfig = {
    defaults: { maxOrderNotional: '1000000', priceCollarReference: 'last', selfTradePrevention: true, maxOpenOrders: 50 },
    instruments: { [KEY]: { maxLongPosition: '2' }, 'SIM:ETH-USDT': { maxOrderQty: '10' } },
    venues: { SIM: { ordersPerSecond: 5 } },
    account: { maxDailyLoss: { USDT: '5000', INR: '100000' }, dailyResetUtc: '03:30' },
  };
  const form = (): LimitsForm => formFromConfig(config, KEY, 'USDT');

  it('shows the configured values as text and blanks where there is no limit', () => {
    const f = form();
    expect(f.defaults.maxOrderNotional).toBe('1000000');
    expect(f.defaults.maxOpenOrders).toBe('50');
    expect(f.defaults.maxOrderQty).toBe('');
    expect(f.override.maxLongPosition).toBe('2');
    expect(f.dailyLoss).toBe('5000');
    expect(f.grossExposure).toBe('');
  });

  it('sends back exactly the same configuration when nothing was edited', () => {
    const r = configFromForm(config, form(), KEY, 'USDT');
    expect(r).toEqual({ ok: true, config });
  });

  it('changes only what was edited and keeps every setting the form does not show', () => {
    const f = form();
    f.defaults.maxOrderQty = ' 1.5 ';
    f.override.maxOpenOrders = '3';
    f.grossExposure = '250000';
    const r = configFromForm(config, f, KEY, 'USDT');
    if (!r.ok) throw new Error(r.message);
    expect(r.config.defaults).toEqual({ ...config.defaults, maxOrderQty: '1.5' });
    expect(r.config.instruments[KEY]).toEqual({ maxLongPosition: '2', maxOpenOrders: 3 });
    expect(r.config.instruments['SIM:ETH-USDT']).toEqual({ maxOrderQty: '10' });
    expect(r.config.venues).toEqual(config.venues);
    expect(r.config.account).toEqual({ maxDailyLoss: { USDT: '5000', INR: '100000' }, maxGrossExposure: { USDT: '250000' }, dailyResetUtc: '03:30' });
  });

  it('a cleared field removes the limit, and an instrument with no override left is dropped', () => {
    const f = form();
    f.defaults.maxOrderNotional = '';
    f.override.maxLongPosition = '';
    f.dailyLoss = '';
    const r = configFromForm(config, f, KEY, 'USDT');
    if (!r.ok) throw new Error(r.message);
    expect(r.config.defaults.maxOrderNotional).toBeUndefined();
    expect(KEY in r.config.instruments).toBe(false);
    expect(r.config.account?.maxDailyLoss).toEqual({ INR: '100000' });
  });

  it('refuses what is plainly not a number, naming the field, and sends nothing', () => {
    const f = form();
    f.override.maxShortPosition = '1,5';
    expect(configFromForm(config, f, KEY, 'USDT', { instrument: 'BTC-USDT' })).toEqual({
      ok: false,
      slot: { column: 'override', field: 'maxShortPosition' },
      message: 'BTC-USDT max short must be a decimal number like 2.5, got "1,5"',
    });
    const g = form();
    g.defaults.duplicateWindowMs = '2.5';
    const r = configFromForm(config, g, KEY, 'USDT');
    expect(r.ok === false && r.slot).toEqual({ column: 'defaults', field: 'duplicateWindowMs' });
  });

  it('round-trips any valid form through the configuration', () => {
    const dec = fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,6}(\.\d{1,4})?$/));
    const whole = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 100_000 }).map(String));
    const texts = fc.record({
      maxOrderQty: dec,
      maxOrderNotional: dec,
      maxLongPosition: dec,
      maxShortPosition: dec,
      priceCollarPct: dec,
      maxOpenOrders: whole,
      duplicateWindowMs: whole,
    });
    fc.assert(
      fc.property(fc.record({ defaults: texts, override: texts, dailyLoss: dec, grossExposure: dec }), (f) => {
        const r = configFromForm(config, f, KEY, 'USDT');
        if (!r.ok) throw new Error(r.message);
        expect(formFromConfig(r.config, KEY, 'USDT')).toEqual(f);
      }),
    );
  });

  it('points an engine refusal at the input it is about', () => {
    expect(slotFromEngineMessage('defaults.maxOrderQty must be a non-negative decimal amount, got "x"', KEY)).toEqual({
      column: 'defaults',
      field: 'maxOrderQty',
    });
    expect(slotFromEngineMessage('instruments["SIM:BTC-USDT"].maxLongPosition has too many decimals', KEY)).toEqual({
      column: 'override',
      field: 'maxLongPosition',
    });
    expect(slotFromEngineMessage('instruments["SIM:ETH-USDT"].maxLongPosition has too many decimals', KEY)).toBeUndefined();
    expect(slotFromEngineMessage('account.maxDailyLoss for USDT must be ...', KEY)).toEqual({ column: 'account', field: 'dailyLoss' });
    expect(slotFromEngineMessage('venues["SIM"].orderBurst needs ordersPerSecond', KEY)).toBeUndefined();
  });
});

describe('the breaker settings form', () => {
  const config: RiskLimitsConfig = {
    defaults: { maxOrderQty: '1' },
    instruments: {},
    breakers: {
      defaults: { maxErrors: 3, staleBook: true },
      venues: { SIM: { maxAckLatencyMs: 800 }, 'SIM-B': { maxErrors: 9 } },
      instruments: { [KEY]: { staleBook: false }, 'SIM:ETH-USDT': { slowAcksToTrip: 1 } },
    },
  };

  it('shows each scope as set, and what an empty input stands for', () => {
    const form = breakerFormFromConfig(config, 'SIM', KEY);
    expect(form.defaults).toMatchObject({ maxErrors: '3', staleBook: 'on', maxAckLatencyMs: '' });
    expect(form.venue).toMatchObject({ maxAckLatencyMs: '800', maxErrors: '' });
    expect(form.instrument).toMatchObject({ staleBook: 'off', slowAcksToTrip: '' });
    expect(inheritedBreakerText(form, 'instrument', 'maxAckLatencyMs')).toBe('800'); // from the venue
    expect(inheritedBreakerText(form, 'instrument', 'maxErrors')).toBe('3'); // from the defaults
    expect(inheritedBreakerText(form, 'venue', 'probeTimeoutMs')).toBe('5000'); // nobody sets it
    expect(inheritedBreakerText(form, 'defaults', 'maxRejectPct')).toBe('off');
  });

  it('replaces the three scopes and keeps every other venue and instrument as it was', () => {
    const form = breakerFormFromConfig(config, 'SIM', KEY);
    form.venue.maxAckLatencyMs = '';
    form.instrument.staleBook = '';
    form.defaults.initialBackoffMs = ' 2000 ';
    const r = configWithBreakerForm(config, form, 'SIM', KEY);
    expect(r).toEqual({
      ok: true,
      config: {
        ...config,
        breakers: {
          defaults: { maxErrors: 3, staleBook: true, initialBackoffMs: 2_000 },
          venues: { 'SIM-B': { maxErrors: 9 } },
          instruments: { 'SIM:ETH-USDT': { slowAcksToTrip: 1 } },
        },
      },
    });
    // Nothing set anywhere: no breakers section at all.
    const blank = breakerFormFromConfig({ defaults: {}, instruments: {} }, 'SIM', KEY);
    expect(configWithBreakerForm({ defaults: {}, instruments: {} }, blank, 'SIM', KEY)).toEqual({ ok: true, config: { defaults: {}, instruments: {} } });
  });

  it('round-trips any whole numbers and on/off through the configuration', () => {
    const whole = fc.oneof(fc.constant(''), fc.nat({ max: 1_000_000 }).map(String));
    const flag = fc.constantFrom('', 'on', 'off');
    const texts = fc.record({
      maxRejectPct: whole,
      rejectMinSamples: whole,
      rejectWindowMs: whole,
      maxErrors: whole,
      errorWindowMs: whole,
      maxAckLatencyMs: whole,
      slowAcksToTrip: whole,
      staleBook: flag,
      initialBackoffMs: whole,
      maxBackoffMs: whole,
      probeTimeoutMs: whole,
    });
    fc.assert(
      fc.property(fc.record({ defaults: texts, venue: texts, instrument: texts }), (f: BreakerForm) => {
        const r = configWithBreakerForm(config, f, 'SIM', KEY);
        if (!r.ok) throw new Error(r.message);
        expect(breakerFormFromConfig(r.config, 'SIM', KEY)).toEqual(f);
      }),
    );
  });

  it('refuses what is plainly not a setting, naming the input', () => {
    const form = breakerFormFromConfig(config, 'SIM', KEY);
    form.venue.maxAckLatencyMs = '0.5';
    expect(configWithBreakerForm(config, form, 'SIM', KEY, { venue: 'SIM', instrument: 'BTC-USDT' })).toEqual({
      ok: false,
      slot: { column: 'venue', field: 'maxAckLatencyMs' },
      message: 'SIM slow ack above must be a whole number, got "0.5"',
    });
    form.venue.maxAckLatencyMs = '';
    form.instrument.staleBook = 'yes';
    expect(configWithBreakerForm(config, form, 'SIM', KEY, { venue: 'SIM', instrument: 'BTC-USDT' })).toMatchObject({
      ok: false,
      slot: { column: 'instrument', field: 'staleBook' },
    });
  });

  it('points an engine refusal at the input it is about', () => {
    expect(breakerSlotFromEngineMessage('breakers.defaults.maxRejectPct must be at most 100, got 101', 'SIM', KEY)).toEqual({ column: 'defaults', field: 'maxRejectPct' });
    expect(breakerSlotFromEngineMessage('breakers.venues["SIM"].initialBackoffMs 3000 is above maxBackoffMs 2000 (the backoffs in effect there)', 'SIM', KEY)).toEqual({
      column: 'venue',
      field: 'initialBackoffMs',
    });
    expect(breakerSlotFromEngineMessage(`breakers.instruments["${KEY}"].staleBook must be true or false, got 1`, 'SIM', KEY)).toEqual({ column: 'instrument', field: 'staleBook' });
    expect(breakerSlotFromEngineMessage('breakers.venues["SIM-B"].maxErrors must be a whole number >= 0, got -1', 'SIM', KEY)).toBeUndefined();
    expect(breakerSlotFromEngineMessage('defaults.maxOrderQty must be ...', 'SIM', KEY)).toBeUndefined();
  });
});
