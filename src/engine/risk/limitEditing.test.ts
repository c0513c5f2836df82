import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateConfig, type RiskLimitsConfig } from './limitConfig';
import { BTC_1, BTC_95000, limitOrder, rig, TempStore } from './testSupport';

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const problem = (config: unknown): string => {
  const v = validateConfig(config);
  return v.ok ? 'ok' : v.error.message;
};
const base: RiskLimitsConfig = { defaults: {}, instruments: {} };

describe('limit validation', () => {
  it.each([
    [{ defaults: { maxOrderQty: '-1' } }, 'defaults.maxOrderQty must be a non-negative decimal amount, got "-1"'],
    [{ defaults: { maxLongPosition: 5 } }, 'defaults.maxLongPosition must be a non-negative decimal amount, got 5'],
    [{ defaults: { priceCollarPct: '1.23456' } }, 'defaults.priceCollarPct has more than 4 decimals, got "1.23456"'],
    [{ defaults: { priceCollarReference: 'vwap' } }, 'defaults.priceCollarReference must be "mid" or "last", got "vwap"'],
    [{ defaults: { maxOpenOrders: 2.5 } }, 'defaults.maxOpenOrders must be a whole number >= 0, got 2.5'],
    [{ defaults: { selfTradePrevention: 'yes' } }, 'defaults.selfTradePrevention must be true or false, got "yes"'],
    [{ defaults: { duplicateWindowMs: 100_000_000 } }, 'defaults.duplicateWindowMs must be at most one day (86400000 ms), got 100000000'],
    [{ defaults: { maxOrderQtty: '1' } }, 'defaults.maxOrderQtty is not a known limit'],
    [{ instruments: { 'SIM-A:BTC-USDT': { maxOrderQty: 'x' } } }, 'instruments["SIM-A:BTC-USDT"].maxOrderQty must be a non-negative decimal amount, got "x"'],
    [{ venueDefaults: { ordersPerSecond: 0 } }, 'venueDefaults.ordersPerSecond must be a whole number > 0, got 0'],
    [{ venues: { 'SIM-A': { orderBurst: 5 } } }, 'venues["SIM-A"].orderBurst needs ordersPerSecond'],
    [{ account: { maxGrossExposure: { USDT: '1e6' } } }, 'account.maxGrossExposure for USDT must be a non-negative decimal amount, got "1e6"'],
    [{ account: { maxDailyLoss: { usdt: '1' } } }, 'account.maxDailyLoss has a key that is not a currency code: "usdt"'],
    [{ account: { dailyResetUtc: '24:00' } }, 'account.dailyResetUtc must be a UTC time "HH:MM", got "24:00"'],
    [{ breakers: { defaults: { maxRejectPct: 101 } } }, 'breakers.defaults.maxRejectPct must be at most 100, got 101'],
    [{ breakers: { venues: { 'SIM-A': { maxErrors: -1 } } } }, 'breakers.venues["SIM-A"].maxErrors must be a whole number >= 0, got -1'],
    [{ breakers: { instruments: { 'SIM-A:BTC-USDT': { staleBook: 1 } } } }, 'breakers.instruments["SIM-A:BTC-USDT"].staleBook must be true or false, got 1'],
    [{ breakers: { instruments: { 'BTC-USDT': { staleBook: true } } } }, 'breakers.instruments has a key that is not "venue:symbol": "BTC-USDT"'],
    [{ breakers: { maxErrors: 3 } }, 'breakers.maxErrors is not a known breaker section (defaults, venues, instruments)'],
    [
      { breakers: { defaults: { initialBackoffMs: 5_000, maxBackoffMs: 1_000 } } },
      'breakers.defaults.initialBackoffMs 5000 is above maxBackoffMs 1000 (the backoffs in effect there)',
    ],
    // An override is refused for what it does together with the broader scopes, not only on its own.
    [
      { breakers: { defaults: { maxBackoffMs: 2_000 }, venues: { 'SIM-B': { initialBackoffMs: 3_000 } } } },
      'breakers.venues["SIM-B"].initialBackoffMs 3000 is above maxBackoffMs 2000 (the backoffs in effect there)',
    ],
    [
      { breakers: { venues: { 'SIM-A': { maxBackoffMs: 500 } }, instruments: { 'SIM-A:ETH-USDT': { probeTimeoutMs: 100 } } } },
      'breakers.venues["SIM-A"].initialBackoffMs 1000 is above maxBackoffMs 500 (the backoffs in effect there)',
    ],
    [
      { breakers: { defaults: { initialBackoffMs: 100 }, instruments: { 'SIM-A:ETH-USDT': { maxBackoffMs: 50 } } } },
      'breakers.instruments["SIM-A:ETH-USDT"].initialBackoffMs 100 is above maxBackoffMs 50 (the backoffs in effect there)',
    ],
    [{ limits: {} }, 'limits is not a known section of the risk limits'],
  ])('refuses %j: %s', (over, message) => {
    expect(problem({ ...base, ...over })).toBe(message);
  });

  it('accepts every field at a sensible value', () => {
    const full: RiskLimitsConfig = {
      defaults: {
        maxOrderQty: '2',
        maxOrderNotional: '200000',
        maxLongPosition: '5',
        maxShortPosition: '5',
        priceCollarPct: '2.5',
        priceCollarReference: 'last',
        maxOpenOrders: 20,
        selfTradePrevention: true,
        duplicateWindowMs: 500,
      },
      instruments: { 'SIM-A:BTC-USDT': { maxOrderQty: '1' } },
      venueDefaults: { maxOpenOrders: 50, ordersPerSecond: 10, orderBurst: 20 },
      venues: { 'SIM-B': { ordersPerSecond: 5 } },
      account: {
        maxOpenOrders: 100,
        ordersPerSecond: 20,
        maxGrossExposure: { USDT: '1000000' },
        maxDailyLoss: { USDT: '10000' },
        dailyResetUtc: '22:00',
        exposureMarkMaxAgeMs: 250,
      },
      breakers: {
        defaults: {
          maxRejectPct: 50,
          rejectMinSamples: 10,
          rejectWindowMs: 60_000,
          maxErrors: 3,
          errorWindowMs: 10_000,
          maxAckLatencyMs: 1_000,
          slowAcksToTrip: 3,
          staleBook: true,
          initialBackoffMs: 1_000,
          maxBackoffMs: 60_000,
          probeTimeoutMs: 5_000,
        },
        venues: { 'SIM-B': { maxAckLatencyMs: 3_000, maxBackoffMs: 120_000 } },
        instruments: { 'SIM-A:SOL-USDT': { staleBook: false } },
      },
    };
    expect(validateConfig(full)).toEqual({ ok: true, value: full });
  });
});

describe('limits editing', () => {
  it('refuses a bad value anywhere and changes nothing, in memory or in the store', () => {
    const { risk, store } = rig(temp, { defaults: { maxOrderQty: '2' }, account: { maxOpenOrders: 10 } });
    risk.setAccountLimits({ maxOpenOrders: 10 }); // stored once
    const before = risk.limits();
    const stored = store.getSetting('risk.limits');
    expect(risk.setAccountLimits({ maxOpenOrders: -1 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'maxOpenOrders must be a whole number >= 0, got -1' },
    });
    expect(risk.setLimits({ ...before, breakers: { defaults: { slowAcksToTrip: 0 } } }).ok).toBe(false);
    expect(risk.setVenueBreakers('SIM-A', { initialBackoffMs: 0 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'initialBackoffMs must be a whole number > 0, got 0' },
    });
    expect(risk.setVenueBreakers('SIM-Z', { maxErrors: 1 })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'unknown venue SIM-Z' } });
    expect(risk.setInstrumentBreakers('SIM-A', 'DOGE-USDT', { maxErrors: 1 }).ok).toBe(false);
    expect(risk.setInstrumentBreakers('SIM-A', 'BTC-USDT', { maxBackoffMs: 10 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'breakers.instruments["SIM-A:BTC-USDT"].initialBackoffMs 1000 is above maxBackoffMs 10 (the backoffs in effect there)' },
    });
    expect(risk.setVenueLimits('SIM-Z', { maxOpenOrders: 1 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'unknown venue SIM-Z' },
    });
    expect(risk.setInstrumentLimits('SIM-A', 'DOGE-USDT', { maxOrderQty: '1' }).ok).toBe(false);
    expect(risk.limits()).toEqual(before);
    expect(store.getSetting('risk.limits')).toEqual(stored);
  });

  it('persists every section and a restart uses the stored limits over the start ones', () => {
    const first = rig(temp);
    expect(first.risk.setVenueLimits('SIM-B', { maxOpenOrders: 3 }).ok).toBe(true);
    expect(first.risk.setAccountLimits({ maxGrossExposure: { USDT: '500000' } }).ok).toBe(true);
    expect(first.risk.setBreakerDefaults({ maxErrors: 2 }).ok).toBe(true);
    expect(first.risk.setVenueBreakers('SIM-B', { maxAckLatencyMs: 900 }).ok).toBe(true);
    expect(first.risk.setInstrumentBreakers('SIM-B', 'ETH-USDT', { staleBook: true }).ok).toBe(true);
    expect(first.risk.setInstrumentLimits('SIM-A', 'BTC-USDT', { maxOrderQty: '0.5' }).ok).toBe(true);
    const again = rig(temp, { defaults: { maxOrderQty: '100' } });
    expect(again.risk.limits()).toEqual({
      defaults: {},
      instruments: { 'SIM-A:BTC-USDT': { maxOrderQty: '0.5' } },
      venues: { 'SIM-B': { maxOpenOrders: 3 } },
      account: { maxGrossExposure: { USDT: '500000' } },
      breakers: { defaults: { maxErrors: 2 }, venues: { 'SIM-B': { maxAckLatencyMs: 900 } }, instruments: { 'SIM-B:ETH-USDT': { staleBook: true } } },
    });
    expect(again.risk.loadProblem).toBeUndefined();
  });

  it('reads breaker settings stored before they were scoped as the defaults', () => {
    const { store } = rig(temp);
    store.setSetting('risk.limits', { defaults: { maxOrderQty: '1' }, instruments: {}, breakers: { maxErrors: 2, staleBook: true } });
    const r = rig(temp);
    expect(r.risk.loadProblem).toBeUndefined();
    expect(r.risk.limits().breakers).toEqual({ defaults: { maxErrors: 2, staleBook: true } });
    expect(r.risk.breakerSettingsFor('SIM-B', 'ETH-USDT')).toMatchObject({ maxErrors: 2, staleBook: true });
  });

  it('starts from the start limits, and says why, when the stored ones are unreadable', () => {
    const { store } = rig(temp);
    store.setSetting('risk.limits', { defaults: { maxOrderQty: 'lots' }, instruments: {} });
    const r = rig(temp, { defaults: { maxOrderQty: '1' } });
    expect(r.risk.loadProblem).toBe('defaults.maxOrderQty must be a non-negative decimal amount, got "lots"');
    expect(r.risk.limits().defaults).toEqual({ maxOrderQty: '1' });
  });

  it('announces every accepted change and applies it to the next check', () => {
    const { risk } = rig(temp);
    const seen: unknown[] = [];
    risk.events.on('limits', (l) => seen.push(l.defaults));
    const order = limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, BTC_1);
    expect(risk.check(order).ok).toBe(true);
    risk.setDefaultLimits({ maxOrderQty: '0.5' });
    expect(risk.check(order).ok).toBe(false);
    risk.setDefaultLimits({ maxOrderQty: '0.5x' });
    expect(seen).toEqual([{ maxOrderQty: '0.5' }]);
  });
});

describe('utilisation', () => {
  it('reports position, open orders, order rate, exposure and daily loss against their limits', () => {
    const r = rig(temp, {
      defaults: { maxLongPosition: '2', maxShortPosition: '1', maxOpenOrders: 4 },
      venueDefaults: { ordersPerSecond: 10, orderBurst: 4 },
      account: { maxOpenOrders: 10, maxGrossExposure: { USDT: '400000' }, maxDailyLoss: { USDT: '1000' } },
    });
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000, BTC_95000);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', BTC_1); // long 1 BTC = 95,000 USDT
    r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 900_000, 5_000); // + 0.5 BTC working = 45,000 USDT
    r.risk.evaluateDailyLoss(); // baseline
    r.ctx.setPnl('SIM-A', 'BTC-USDT', -25_000_000); // -250 USDT since
    r.risk.evaluateDailyLoss();
    r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100));

    const u = r.risk.utilisation();
    const btc = u.instruments.find((i) => i.venue === 'SIM-A' && i.symbol === 'BTC-USDT')!;
    expect(btc).toEqual({
      venue: 'SIM-A',
      symbol: 'BTC-USDT',
      position: '1 BTC',
      long: { used: '1.5 BTC', limit: '2 BTC', fraction: 0.75 },
      short: { used: '-1 BTC', limit: '1 BTC', fraction: 0 },
      openOrders: { used: '1', limit: '4', fraction: 0.25 },
      breaker: 'CLOSED',
    });
    const simA = u.venues.find((v) => v.venue === 'SIM-A')!;
    expect(simA.orderRate).toEqual({ perSecond: 10, burst: 4, available: 3, fraction: 0.25 });
    expect(u.account.openOrders).toEqual({ used: '1', limit: '10', fraction: 0.1 });
    const usdt = u.currencies.find((c) => c.currency === 'USDT')!;
    expect(usdt.grossExposure).toEqual({ used: '140000 USDT', limit: '400000 USDT', fraction: 0.35 });
    expect(usdt.dailyPnl).toBe('-250 USDT');
    expect(usdt.dailyLoss).toEqual({ used: '250 USDT', limit: '1000 USDT', fraction: 0.25 });
    expect(u.killSwitch).toEqual({ state: 'disengaged' });
  });
});
