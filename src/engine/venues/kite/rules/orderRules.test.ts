import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../instruments';
import type { VenueOrderRequest } from '../../types';
import { parseInstrumentsCsv } from '../instruments';
import { MarketCalendar } from './calendar';
import { FREEZE_LIMITS_FILE_NAME, FreezeLimits, parseFreezeLimits } from './freezeLimits';
import { loadFreezeLimits } from './freezeLimitsFile';
import { HolidayList } from './holidays';
import { marketProtectionParam, protectionLimit } from './marketProtection';
import { MARKETS_CLOSED, NO_GTC, NO_PROTECTION, checkKiteOrder, priceOnTick, quantityInLots, type KiteRuleContext } from './orderRules';
import { MAX_SLICES, sliceLots } from './slicing';

const at = (date: string, hh: number, mm: number): number => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+05:30`);
const MONDAY_NOON = at('2026-12-07', 12, 0);

const HEADER = 'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange';
const { instruments } = parseInstrumentsCsv(
  [
    HEADER,
    '738561,2885,RELIANCE,RELIANCE INDUSTRIES,0,,0,0.05,1,EQ,NSE,NSE',
    '11111,1,NIFTY26DECFUT,NIFTY,0,2026-12-29,0,0.1,75,FUT,NFO-FUT,NFO',
    '22222,2,NIFTY26DEC24000CE,NIFTY,0,2026-12-29,24000,0.05,75,CE,NFO-OPT,NFO',
    '33333,3,RELIANCE26DEC1300CE,RELIANCE,0,2026-12-29,1300,0.05,500,CE,NFO-OPT,NFO',
    '44444,4,CRUDEOIL26DECFUT,CRUDEOIL,0,2026-12-18,0,1,100,FUT,MCX-FUT,MCX',
    '256265,1001,NIFTY 50,NIFTY 50,0,,0,0,0,EQ,INDICES,NSE',
    '55555,5,NIFTY25DECFUT,NIFTY,0,2025-12-30,0,0.1,75,FUT,NFO-FUT,NFO',
  ].join('\n'),
  'kite',
);
const inst = (symbol: string): Instrument => {
  const found = instruments.find((k) => k.instrument.symbol === symbol);
  if (!found) throw new Error(`test instrument ${symbol} missing`);
  return found.instrument;
};
const RELIANCE = inst('NSE:RELIANCE');
const NIFTY_FUT = inst('NFO:NIFTY26DECFUT');
const NIFTY_CE = inst('NFO:NIFTY26DEC24000CE');
const STOCK_CE = inst('NFO:RELIANCE26DEC1300CE');
const CRUDE = inst('MCX:CRUDEOIL26DECFUT');

function ctx(over: Partial<KiteRuleContext> = {}): KiteRuleContext {
  return { calendar: new MarketCalendar(HolidayList.builtIn([2026])), freezeLimits: new FreezeLimits(), now: MONDAY_NOON, autoSlice: false, ...over };
}
function order(over: Partial<VenueOrderRequest> = {}): VenueOrderRequest {
  return { clientOrderId: 'c1', symbol: 'NSE:RELIANCE', side: 'buy', type: 'limit', tif: 'DAY', postOnly: false, reduceOnly: false, price: 26000, qty: 10, product: 'CNC', ...over };
}

describe("Kite's order rules", () => {
  it('a plain limit order in market hours passes as a regular DAY order', () => {
    expect(checkKiteOrder(RELIANCE, order(), ctx())).toEqual({ ok: true, variety: 'regular', validity: { validity: 'DAY' }, slices: [10] });
  });

  it('indices, expired contracts and unknown exchanges are refused', () => {
    expect(checkKiteOrder(inst('NSE:NIFTY 50'), order(), ctx())).toMatchObject({ ok: false, rule: 'instrument', reason: 'NIFTY 50 is an index: it cannot be traded.' });
    expect(checkKiteOrder(inst('NFO:NIFTY25DECFUT'), order({ product: 'NRML' }), ctx())).toMatchObject({ ok: false, rule: 'instrument', reason: 'NIFTY 25DEC FUT has expired.' });
    expect(checkKiteOrder({ ...RELIANCE, exchange: 'NYSE' }, order(), ctx())).toMatchObject({ ok: false, rule: 'instrument' });
  });

  describe('products', () => {
    it('CNC only on equity, NRML only on derivatives, MIS on both; a product is required', () => {
      expect(checkKiteOrder(RELIANCE, order({ product: 'MIS' }), ctx()).ok).toBe(true);
      expect(checkKiteOrder(RELIANCE, order({ product: 'NRML' }), ctx())).toMatchObject({ ok: false, rule: 'product' });
      expect(checkKiteOrder(NIFTY_FUT, order({ product: 'CNC', qty: 1 }), ctx())).toMatchObject({ ok: false, rule: 'product', reason: expect.stringMatching(/^CNC is for delivery of equity only/) });
      expect(checkKiteOrder(NIFTY_FUT, order({ product: 'NRML', qty: 1 }), ctx()).ok).toBe(true);
      expect(checkKiteOrder(NIFTY_FUT, order({ product: 'MIS', qty: 1 }), ctx()).ok).toBe(true);
      expect(checkKiteOrder(CRUDE, order({ product: 'NRML', qty: 1 }), ctx()).ok).toBe(true);
      const { product: _omit, ...noProduct } = order();
      expect(checkKiteOrder(RELIANCE, noProduct, ctx())).toMatchObject({ ok: false, rule: 'product', reason: 'Kite needs a product: CNC, MIS or NRML.' });
    });
  });

  describe('order types and market protection', () => {
    it('MARKET and SL-M need market protection, in Kite words, and carry its parameter', () => {
      expect(checkKiteOrder(RELIANCE, order({ type: 'market', price: undefined }), ctx())).toEqual({ ok: false, rule: 'orderType', reason: NO_PROTECTION });
      expect(checkKiteOrder(RELIANCE, order({ type: 'market', price: undefined }), ctx({ marketProtection: { kind: 'percent', bps: 250 } }))).toMatchObject({ ok: true, marketProtection: '2.5' });
      expect(checkKiteOrder(RELIANCE, order({ type: 'stop_market', price: undefined, stopPrice: 25000 }), ctx({ marketProtection: { kind: 'auto' } }))).toMatchObject({ ok: true, marketProtection: '-1' });
      expect(checkKiteOrder(RELIANCE, order({ type: 'market', price: undefined }), ctx({ marketProtection: { kind: 'percent', bps: 0 } }))).toMatchObject({ ok: false, rule: 'orderType' });
      expect(checkKiteOrder(RELIANCE, order({ type: 'market', price: undefined }), ctx({ marketProtection: { kind: 'percent', bps: 10_001 } }))).toMatchObject({ ok: false, rule: 'orderType' });
    });

    it('market orders on stock options are refused, on index options allowed', () => {
      const c = ctx({ marketProtection: { kind: 'percent', bps: 200 } });
      expect(checkKiteOrder(STOCK_CE, order({ type: 'market', product: 'NRML', qty: 1, price: undefined }), c)).toMatchObject({ ok: false, rule: 'orderType', reason: expect.stringMatching(/stock options/) });
      expect(checkKiteOrder(NIFTY_CE, order({ type: 'market', product: 'NRML', qty: 1, price: undefined }), c).ok).toBe(true);
    });

    it('post-only and reduce-only do not exist on Kite; prices must be there and positive', () => {
      expect(checkKiteOrder(RELIANCE, order({ postOnly: true }), ctx())).toMatchObject({ ok: false, rule: 'orderType', reason: 'Kite has no post-only orders.' });
      expect(checkKiteOrder(RELIANCE, order({ reduceOnly: true }), ctx())).toMatchObject({ ok: false, rule: 'orderType' });
      expect(checkKiteOrder(RELIANCE, order({ price: undefined }), ctx())).toMatchObject({ ok: false, rule: 'price' });
      expect(checkKiteOrder(RELIANCE, order({ price: 0 }), ctx())).toMatchObject({ ok: false, rule: 'price' });
      expect(checkKiteOrder(RELIANCE, order({ type: 'stop_limit', stopPrice: undefined }), ctx())).toMatchObject({ ok: false, rule: 'price', reason: 'A trigger price above zero is required.' });
    });

    it('the protection band: buy never above, sell never below, whole ticks inwards', () => {
      expect(protectionLimit('buy', 1000, 250)).toBe(1025);
      expect(protectionLimit('sell', 1000, 250)).toBe(975);
      expect(protectionLimit('buy', 333, 100)).toBe(336); // 336.33 -> 336
      expect(protectionLimit('sell', 333, 100)).toBe(330); // 329.67 -> 330
      expect(protectionLimit('sell', 1, 10_000)).toBe(1);
      expect(marketProtectionParam({ kind: 'percent', bps: 300 })).toBe('3');
      expect(marketProtectionParam({ kind: 'percent', bps: 205 })).toBe('2.05');
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), (ref, bps) => {
          const buy = protectionLimit('buy', ref, bps);
          const sell = protectionLimit('sell', ref, bps);
          expect(buy).toBeGreaterThanOrEqual(ref);
          expect(buy * 10_000).toBeLessThanOrEqual(ref * (10_000 + bps));
          expect(sell).toBeLessThanOrEqual(ref);
          expect(sell).toBeGreaterThanOrEqual(1);
          if (bps < 10_000) expect(sell * 10_000).toBeGreaterThanOrEqual(ref * (10_000 - bps));
        }),
      );
    });
  });

  describe('validity', () => {
    it('DAY, IOC and TTL in minutes; GTC and FOK refused; IOC refused on MCX', () => {
      expect(checkKiteOrder(RELIANCE, order({ tif: 'IOC' }), ctx())).toMatchObject({ ok: true, validity: { validity: 'IOC' } });
      expect(checkKiteOrder(RELIANCE, order({ tif: 'GTD', expireAt: MONDAY_NOON + 179_999 }), ctx())).toMatchObject({ ok: true, validity: { validity: 'TTL', minutes: 2 } });
      expect(checkKiteOrder(RELIANCE, order({ tif: 'GTD', expireAt: MONDAY_NOON + 59_999 }), ctx())).toMatchObject({ ok: false, rule: 'validity' });
      expect(checkKiteOrder(RELIANCE, order({ tif: 'GTD' }), ctx())).toMatchObject({ ok: false, rule: 'validity' });
      expect(checkKiteOrder(RELIANCE, order({ tif: 'GTC' }), ctx())).toEqual({ ok: false, rule: 'validity', reason: NO_GTC });
      expect(NO_GTC).toBe('Kite has no GTC orders; use a GTT.');
      expect(checkKiteOrder(RELIANCE, order({ tif: 'FOK' }), ctx())).toMatchObject({ ok: false, rule: 'validity' });
      expect(checkKiteOrder(CRUDE, order({ tif: 'IOC', product: 'NRML', qty: 1 }), ctx())).toMatchObject({ ok: false, rule: 'validity', reason: expect.stringMatching(/MCX/) });
    });
  });

  describe('freeze quantity and auto-slice', () => {
    it('NIFTY: 1,800 units = 24 lots of 75 per order; above that refused, or sliced when allowed', () => {
      const c = ctx();
      expect(c.freezeLimits.lotsFor(NIFTY_CE)).toBe(24);
      expect(c.freezeLimits.lotsFor(RELIANCE)).toBeUndefined();
      expect(checkKiteOrder(NIFTY_CE, order({ product: 'NRML', qty: 24 }), c)).toMatchObject({ ok: true, slices: [24] });
      expect(checkKiteOrder(NIFTY_CE, order({ product: 'NRML', qty: 25 }), c)).toEqual({
        ok: false,
        rule: 'freeze',
        reason: "Quantity 1875 is above the exchange's freeze limit of 1800 (24 lots) per order. Turn on auto-slice or place smaller orders.",
      });
      expect(checkKiteOrder(NIFTY_CE, order({ product: 'NRML', qty: 60 }), ctx({ autoSlice: true }))).toMatchObject({ ok: true, slices: [24, 24, 12] });
      expect(checkKiteOrder(NIFTY_CE, order({ product: 'NRML', qty: 24 * 10 + 1 }), ctx({ autoSlice: true }))).toMatchObject({ ok: false, rule: 'freeze', reason: expect.stringMatching(/11 slices/) });
    });

    it("an instrument's own freezeLots wins over the table", () => {
      expect(checkKiteOrder({ ...RELIANCE, freezeLots: 5 }, order({ qty: 6 }), ctx())).toMatchObject({ ok: false, rule: 'freeze' });
    });

    it('property: slices are positive, at most the freeze size, full ones first, and add up exactly', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 5_000 }), (qty, max) => {
          const r = sliceLots(qty, max);
          const needed = Math.ceil(qty / max);
          if (needed > MAX_SLICES) {
            expect(r.ok).toBe(false);
            return;
          }
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.slices).toHaveLength(needed);
          expect(r.slices.reduce((a, b) => a + b, 0)).toBe(qty);
          expect(r.slices.every((s) => s > 0 && s <= max)).toBe(true);
          expect(r.slices.slice(0, -1).every((s) => s === max)).toBe(true);
        }),
      );
      expect(sliceLots(0, 5).ok).toBe(false);
      expect(sliceLots(5, 0).ok).toBe(false);
    });

    it('the trader file updates and extends the table; bad entries are reported, the rest apply', () => {
      const { limits, problems } = parseFreezeLimits({ source: 'NSE', NFO: { NIFTY: 1200, RELIANCE: 5000, BAD: -1 }, BFO: { SENSEX: 1000 }, X: 3 });
      expect(limits.unitsFor('NFO', 'NIFTY')).toBe(1200);
      expect(limits.unitsFor('NFO', 'BANKNIFTY')).toBe(900);
      expect(limits.lotsFor(STOCK_CE)).toBe(10);
      expect(limits.unitsFor('BFO', 'SENSEX')).toBe(1000);
      expect(problems).toEqual(['NFO.BAD: not a positive whole quantity', 'X: expected { underlying: quantity }']);

      const dir = mkdtempSync(join(tmpdir(), 'sq-kite-freeze-'));
      try {
        expect(loadFreezeLimits(dir)).toMatchObject({ problems: [] });
        writeFileSync(join(dir, FREEZE_LIMITS_FILE_NAME), JSON.stringify({ NFO: { NIFTY: 900 } }));
        expect(loadFreezeLimits(dir).limits.lotsFor(NIFTY_CE)).toBe(12);
        writeFileSync(join(dir, FREEZE_LIMITS_FILE_NAME), '{');
        const broken = loadFreezeLimits(dir);
        expect(broken.problems[0]).toMatch(/not JSON/);
        expect(broken.limits.lotsFor(NIFTY_CE)).toBe(24);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('market hours and AMO', () => {
    it('outside hours a regular order is refused in Kite words, and the ticket is told whether AMO is open', () => {
      expect(checkKiteOrder(RELIANCE, order(), ctx({ now: at('2026-12-07', 17, 0) }))).toEqual({ ok: false, rule: 'hours', reason: MARKETS_CLOSED, amoAvailable: true });
      expect(checkKiteOrder(RELIANCE, order(), ctx({ now: at('2026-12-07', 15, 45) }))).toEqual({ ok: false, rule: 'hours', reason: MARKETS_CLOSED, amoAvailable: false });
      expect(checkKiteOrder(RELIANCE, order(), ctx({ now: at('2026-12-25', 11, 0) }))).toMatchObject({ ok: false, rule: 'hours', amoAvailable: true });
    });

    it('an AMO is taken in its window and refused in the session or in the gap', () => {
      expect(checkKiteOrder(RELIANCE, order({ afterMarket: true }), ctx({ now: at('2026-12-07', 17, 0) }))).toMatchObject({ ok: true, variety: 'amo' });
      expect(checkKiteOrder(RELIANCE, order({ afterMarket: true }), ctx())).toMatchObject({ ok: false, rule: 'hours', reason: 'The market is open: place a regular order, not an AMO.' });
      expect(checkKiteOrder(RELIANCE, order({ afterMarket: true }), ctx({ now: at('2026-12-07', 15, 40) }))).toMatchObject({
        ok: false,
        rule: 'hours',
        reason: 'Kite does not take NSE AMOs at this hour; the market next opens 2026-12-08 09:15 IST.',
      });
    });

    it("NSE's pre-open takes plain limit and market DAY orders, not stops or IOC", () => {
      const preOpen = ctx({ now: at('2026-12-07', 9, 3), marketProtection: { kind: 'auto' } });
      expect(checkKiteOrder(RELIANCE, order(), preOpen)).toMatchObject({ ok: true, variety: 'regular' });
      expect(checkKiteOrder(RELIANCE, order({ type: 'market', price: undefined }), preOpen)).toMatchObject({ ok: true });
      expect(checkKiteOrder(RELIANCE, order({ type: 'stop_limit', stopPrice: 25900 }), preOpen)).toMatchObject({ ok: false, rule: 'hours' });
      expect(checkKiteOrder(RELIANCE, order({ tif: 'IOC' }), preOpen)).toMatchObject({ ok: false, rule: 'hours' });
      expect(checkKiteOrder(NIFTY_FUT, order({ product: 'NRML', qty: 1 }), preOpen)).toMatchObject({ ok: false, rule: 'hours' });
    });

    it('MCX trades into the night', () => {
      expect(checkKiteOrder(CRUDE, order({ product: 'NRML', qty: 1 }), ctx({ now: at('2026-12-07', 23, 0) }))).toMatchObject({ ok: true, variety: 'regular' });
    });
  });

  describe('prices and quantities typed in rupees and units', () => {
    it('tick and lot checks in plain words', () => {
      expect(priceOnTick(RELIANCE, '1300.05')).toEqual({ ok: true, ticks: 26001 });
      expect(priceOnTick(RELIANCE, '1300.03')).toEqual({ ok: false, reason: 'Price 1300.03 is not a multiple of the tick size 0.05.' });
      expect(priceOnTick(RELIANCE, 'abc')).toMatchObject({ ok: false });
      expect(quantityInLots(NIFTY_CE, '150')).toEqual({ ok: true, lots: 2 });
      expect(quantityInLots(NIFTY_CE, '80')).toEqual({ ok: false, reason: 'Quantity 80 is not a multiple of the lot size 75.' });
    });
  });
});
