import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScaled } from '../core';
import { tradingDayStart } from './dailyLoss';
import { trimDecimal } from './limits';
import { BTC_95000, inst, limitOrder, rig, T0, TempStore, verdict } from './testSupport';

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const DAY = 86_400_000;
const usdt = (units: number): string => `${trimDecimal(formatScaled(units, 5))} USDT`;
const order = limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100);

describe('trading day', () => {
  it('starts at the last reset time at or before now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 0, max: 1439 }), (now, minute) => {
        const start = tradingDayStart(now, minute);
        expect(start).toBeLessThanOrEqual(now);
        expect(now - start).toBeLessThan(DAY);
        expect((((start - minute * 60_000) % DAY) + DAY) % DAY).toBe(0);
      }),
    );
    expect(tradingDayStart(Date.UTC(2025, 0, 6, 21, 59), 22 * 60)).toBe(Date.UTC(2025, 0, 5, 22, 0));
    expect(tradingDayStart(Date.UTC(2025, 0, 6, 22, 0), 22 * 60)).toBe(Date.UTC(2025, 0, 6, 22, 0));
  });
});

describe('daily loss limit', () => {
  it('allows a loss up to the limit and engages the kill switch (source risk) one QuoteUnit beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.constantFrom(-1, 0, 1), (limit, over) => {
        const own = new TempStore(); // the kill switch and the baseline are stored: a fresh store per run
        const r = rig(own, { account: { maxDailyLoss: { USDT: formatScaled(limit, 5) } } });
        r.ctx.setPnl('SIM-A', 'BTC-USDT', 123_456); // P&L before today does not count
        r.risk.evaluateDailyLoss();
        // Today: a realised loss on one instrument, unrealised on another, in each one's QuoteUnits.
        const solShare = Math.floor(limit / 20); // SOL-USDT counts 1e-4 USDT: x10 at the common 1e-5
        r.ctx.setPnl('SIM-B', 'SOL-USDT', -solShare);
        r.ctx.setPnl('SIM-A', 'BTC-USDT', 123_456 - (limit + over - solShare * 10));
        const [usdtStatus] = r.risk.evaluateDailyLoss();
        expect(usdtStatus).toMatchObject({ currency: 'USDT', decimals: 5, loss: limit + over, limit, breached: over > 0 });
        expect(r.killSwitch.isEngaged()).toBe(over > 0);
        if (over > 0) {
          expect(r.killSwitch.status()).toMatchObject({
            source: 'risk',
            reason: `daily loss ${usdt(limit + 1)} since 2025-01-06T00:00:00.000Z is above the max daily loss ${usdt(limit)}`,
          });
        }
        own.cleanup();
      }),
      { numRuns: 15 },
    );
  });

  it('keeps refusing that currency after a manual kill switch reset, until the next trading day', () => {
    const r = rig(temp, { account: { maxDailyLoss: { USDT: '1000' }, dailyResetUtc: '22:00' } });
    r.risk.evaluateDailyLoss();
    r.ctx.setPnl('SIM-A', 'BTC-USDT', -100_000_001); // -1000.00001 USDT
    r.risk.evaluateDailyLoss();
    r.killSwitch.reset('ticket', 'looked at it');
    expect(verdict(r.risk.check(order))).toBe(
      'daily loss 1000.00001 USDT since 2025-01-05T22:00:00.000Z is above the max daily loss 1000 USDT; no new USDT orders until the next daily reset',
    );
    r.risk.evaluateDailyLoss(); // still beyond: engaged again
    expect(r.killSwitch.isEngaged()).toBe(true);

    r.clock.set(Date.UTC(2025, 0, 6, 22, 0)); // the next trading day: today's loss starts from here
    r.killSwitch.reset('ticket', 'new day');
    expect(r.risk.evaluateDailyLoss()[0]).toMatchObject({ loss: 0, breached: false, dayStart: Date.UTC(2025, 0, 6, 22, 0) });
    expect(verdict(r.risk.check(order))).toBe('ok');
    expect(r.killSwitch.isEngaged()).toBe(false);
  });

  it('does not forgive the day after a restart: the baseline is stored', () => {
    const first = rig(temp, { account: { maxDailyLoss: { USDT: '500' } } });
    first.ctx.setPnl('SIM-A', 'BTC-USDT', 10_000_000);
    first.risk.evaluateDailyLoss(); // baseline +100 USDT
    first.ctx.setPnl('SIM-A', 'BTC-USDT', -30_000_000);
    expect(first.risk.evaluateDailyLoss()[0]).toMatchObject({ pnl: -40_000_000, breached: false });
    temp.closeLatest();

    const second = rig(temp, { account: { maxDailyLoss: { USDT: '500' } } });
    second.clock.advance(3_600_000);
    second.ctx.setPnl('SIM-A', 'BTC-USDT', -41_000_000); // the portfolio rebuilt from the fills says so
    expect(second.risk.evaluateDailyLoss()[0]).toMatchObject({ pnl: -51_000_000, loss: 51_000_000, breached: true });
    expect(second.killSwitch.isEngaged()).toBe(true);
  });

  it('lowering the limit below today’s loss engages at once', () => {
    const r = rig(temp, { account: { maxDailyLoss: { USDT: '1000' } } });
    r.risk.evaluateDailyLoss();
    r.ctx.setPnl('SIM-B', 'BTC-USDT', -30_000_000); // -300 USDT
    r.risk.evaluateDailyLoss();
    expect(r.killSwitch.isEngaged()).toBe(false);
    expect(r.risk.setAccountLimits({ maxDailyLoss: { USDT: '299.99' } }).ok).toBe(true);
    expect(r.killSwitch.status()).toMatchObject({ state: 'engaged', source: 'risk' });
  });

  it('keeps each quote currency apart', () => {
    const r = rig(temp, { account: { maxDailyLoss: { USDT: '1000', INR: '5000' } } });
    const inr = { ...inst(r.registry, 'SIM-A', 'BTC-USDT'), symbol: 'NIFTY-FUT', quote: 'INR', base: 'NIFTY', priceDecimals: 2, qtyDecimals: 0 };
    r.registry.add(inr);
    r.risk.evaluateDailyLoss();
    r.ctx.setPnl('SIM-A', 'NIFTY-FUT', -400_000); // -4000 INR
    r.ctx.setPnl('SIM-A', 'BTC-USDT', -90_000_000); // -900 USDT
    const statuses = r.risk.evaluateDailyLoss();
    expect(statuses.map((s) => [s.currency, s.loss, s.breached])).toEqual([
      ['USDT', 90_000_000, false],
      ['INR', 400_000, false],
    ]);
    r.ctx.setPnl('SIM-A', 'NIFTY-FUT', -500_001);
    r.risk.evaluateDailyLoss();
    r.killSwitch.reset('ticket');
    expect(verdict(r.risk.check(order))).toBe('ok'); // USDT is within its limit
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'NIFTY-FUT', 'buy', 2_000_000, 1)))).toMatch(
      /^daily loss 5000.01 INR since .* is above the max daily loss 5000 INR; no new INR orders/,
    );
  });

  it('reports today’s P&L per currency on every evaluation', () => {
    const r = rig(temp);
    const seen: number[] = [];
    r.risk.events.on('dailyLoss', (s) => seen.push(s[0]!.pnl));
    r.risk.evaluateDailyLoss();
    r.ctx.setPnl('SIM-A', 'ETH-USDT', 2_500);
    r.risk.evaluateDailyLoss();
    expect(seen).toEqual([0, 2_500]);
    expect(r.clock.now()).toBe(T0);
  });
});
