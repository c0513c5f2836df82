import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScaled } from '../core';
import { trimDecimal } from './limits';
import { limitOrder, rig, TempStore, verdict } from './testSupport';

/*
 * The gross exposure check keeps a running sum between orders (see PreTradeChecks.sumHeld). Whatever
 * happens between two orders (orders placed and done, fills, books moving, time passing), its verdict
 * must be the one a full walk over every position and working order gives at that moment. With
 * exposureMarkMaxAgeMs 0 every position is marked at its live book, so that walk is easy to write here.
 */

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

// Every USDT instrument the SIM lists on two venues, with their QuoteUnits scale against 1e-5 USDT.
const INSTRUMENTS = [
  { venue: 'SIM-A', symbol: 'BTC-USDT', base: 950_000, scale: 1 },
  { venue: 'SIM-A', symbol: 'ETH-USDT', base: 340_000, scale: 1 },
  { venue: 'SIM-A', symbol: 'SOL-USDT', base: 18_000, scale: 10 },
  { venue: 'SIM-B', symbol: 'BTC-USDT', base: 950_000, scale: 1 },
  { venue: 'SIM-B', symbol: 'ETH-USDT', base: 340_000, scale: 1 },
  { venue: 'SIM-B', symbol: 'SOL-USDT', base: 18_000, scale: 10 },
] as const;

type Step =
  | { kind: 'position'; at: number; qty: number }
  | { kind: 'work'; at: number; side: 'buy' | 'sell'; offset: number; qty: number }
  | { kind: 'done'; nth: number }
  | { kind: 'book'; at: number; move: number; spread: number }
  | { kind: 'time'; ms: number }
  | { kind: 'order'; at: number; qty: number; over: boolean };

const at = fc.integer({ min: 0, max: INSTRUMENTS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('position' as const), at, qty: fc.integer({ min: -3_000, max: 3_000 }) }),
  fc.record({ kind: fc.constant('work' as const), at, side: fc.constantFrom('buy' as const, 'sell' as const), offset: fc.integer({ min: 1, max: 500 }), qty: fc.integer({ min: 1, max: 2_000 }) }),
  fc.record({ kind: fc.constant('done' as const), nth: fc.nat() }),
  fc.record({ kind: fc.constant('book' as const), at, move: fc.integer({ min: -2_000, max: 2_000 }), spread: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('order' as const), at, qty: fc.integer({ min: 100, max: 500 }), over: fc.boolean() }), // above every minimum notional
);

describe('gross exposure between orders', () => {
  // Every order is refused (the limit is the smallest amount there is), and the reason states the held
  // exposure the check used: compared with the full walk on every order, exactly.
  it('uses the held exposure a full walk gives, whatever happened since the last order', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 10_000), fc.array(step, { minLength: 5, maxLength: 60 }), (maxAgeMs, steps) => {
        const r = rig(temp, { account: { maxGrossExposure: { USDT: '0.00001' }, exposureMarkMaxAgeMs: maxAgeMs } });
        const books = INSTRUMENTS.map((x) => ({ bid: x.base - 1, ask: x.base + 1 }));
        books.forEach((b, i) => r.ctx.setBook(INSTRUMENTS[i]!.venue, INSTRUMENTS[i]!.symbol, b.bid, b.ask));
        const positions = INSTRUMENTS.map(() => 0);
        const working: { order: ReturnType<typeof r.ctx.addWorking>; at: number }[] = [];

        /** The full walk: Σ |position| * mid (rounded up) + Σ working price * qty, in 1e-5 USDT. */
        const held = (): number => {
          let sum = 0;
          INSTRUMENTS.forEach((x, i) => {
            const mid = (books[i]!.bid + books[i]!.ask) / 2;
            if (positions[i] !== 0) sum += Math.ceil(Math.abs(positions[i]!) * mid * x.scale);
          });
          for (const w of working) sum += w.order.price! * w.order.qty * INSTRUMENTS[w.at]!.scale;
          return sum;
        };
        const usdt = (units: number): string => `${trimDecimal(formatScaled(units, 5))} USDT`;

        for (const s of steps) {
          const x = 'at' in s ? INSTRUMENTS[s.at]! : undefined;
          if (s.kind === 'position') {
            positions[s.at] = s.qty;
            r.ctx.setPosition(x!.venue, x!.symbol, s.qty);
          } else if (s.kind === 'work') {
            const p = s.side === 'buy' ? books[s.at]!.bid - s.offset : books[s.at]!.ask + s.offset;
            working.push({ order: r.ctx.addWorking(x!.venue, x!.symbol, s.side, Math.max(1, p), s.qty), at: s.at });
          } else if (s.kind === 'done' && working.length > 0) {
            const [gone] = working.splice(s.nth % working.length, 1);
            r.ctx.tracker.applyOrder({ ...gone!.order, status: 'canceled' });
          } else if (s.kind === 'book') {
            const b = { bid: INSTRUMENTS[s.at]!.base + s.move, ask: INSTRUMENTS[s.at]!.base + s.move + s.spread };
            books[s.at] = b;
            r.ctx.setBook(x!.venue, x!.symbol, b.bid, b.ask);
            // Marks may be up to maxAgeMs old by design: let them age out, so the live book is the truth.
            r.clock.advance(maxAgeMs);
          } else if (s.kind === 'time') {
            r.clock.advance(s.ms);
          } else if (s.kind === 'order') {
            const price = books[s.at]!.bid;
            const mine = price * s.qty * x!.scale;
            const h = held();
            expect(verdict(r.risk.check(limitOrder(x!.venue, x!.symbol, 'buy', price, s.qty)))).toBe(
              `gross exposure would be ${usdt(h + mine)} (positions and working orders ${usdt(h)} + this order ${usdt(mine)}), above the max gross exposure 0.00001 USDT`,
            );
          }
        }
        temp.closeLatest();
      }),
      { numRuns: 80 },
    );
  });

  it('values the ordered instrument at its live book and the others at marks at most exposureMarkMaxAgeMs old', () => {
    const r = rig(temp, { account: { maxGrossExposure: { USDT: '0.00001' }, exposureMarkMaxAgeMs: 1_000 } });
    const heldIn = (symbol: 'BTC-USDT' | 'ETH-USDT', venue: string): string => {
      const v = verdict(r.risk.check(limitOrder(venue, symbol, 'buy', symbol === 'BTC-USDT' ? 900_000 : 300_000, 100)));
      return /positions and working orders (\S+) USDT/.exec(v)![1]!;
    };
    r.ctx.setBook('SIM-A', 'BTC-USDT', 949_999, 950_001);
    r.ctx.setBook('SIM-B', 'ETH-USDT', 339_999, 340_001);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 10_000); // 1 BTC
    r.ctx.setPosition('SIM-B', 'ETH-USDT', 10_000); // 10 ETH
    expect(heldIn('BTC-USDT', 'SIM-A')).toBe('129000'); // 95,000 + 34,000
    r.ctx.setBook('SIM-A', 'BTC-USDT', 959_999, 960_001);
    r.ctx.setBook('SIM-B', 'ETH-USDT', 349_999, 350_001);
    r.clock.advance(500);
    expect(heldIn('BTC-USDT', 'SIM-A')).toBe('130000'); // BTC live 96,000 + ETH's 500 ms old mark 34,000
    expect(heldIn('ETH-USDT', 'SIM-B')).toBe('130000'); // BTC's 500 ms old mark 95,000 + ETH live 35,000
    r.clock.advance(500);
    expect(heldIn('ETH-USDT', 'SIM-B')).toBe('131000'); // marks 1 s old: read again
  });

  it('keeps the running sum between orders, and still sees every order and fill that came in meanwhile', () => {
    // With marks allowed to age, the sum is kept between orders: a check without any change in between
    // must agree with one made right after an order or fill changed the account.
    const r = rig(temp, { account: { maxGrossExposure: { USDT: '200000' }, exposureMarkMaxAgeMs: 60_000 } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', 949_999, 950_001);
    r.ctx.setBook('SIM-B', 'ETH-USDT', 339_999, 340_001);
    r.ctx.setPosition('SIM-B', 'ETH-USDT', 10_000); // 10 ETH = 34,000 USDT
    const order = limitOrder('SIM-A', 'BTC-USDT', 'buy', 950_000, 10_000); // 95,000 USDT
    expect(verdict(r.risk.check(order))).toBe('ok'); // 129,000
    expect(verdict(r.risk.check(order))).toBe('ok');
    const w = r.ctx.addWorking('SIM-B', 'BTC-USDT', 'sell', 1_000_000, 7_100); // + 71,000 = 200,000: at the limit
    expect(verdict(r.risk.check(order))).toBe('ok');
    r.ctx.tracker.applyFill({ venue: 'SIM-A', symbol: 'ETH-USDT', side: 'sell', qty: 1 }); // + a position with no mark
    expect(verdict(r.risk.check(order))).toBe(
      'cannot value the SIM-A:ETH-USDT position for the USDT gross exposure limit: no mid or last price',
    );
    r.ctx.setBook('SIM-A', 'ETH-USDT', 339_999, 340_001); // 0.001 ETH: + 3.4 USDT, over
    expect(verdict(r.risk.check(order))).toMatch(/^gross exposure would be 200003\.4 USDT/);
    r.ctx.tracker.applyOrder({ ...w, status: 'canceled' });
    expect(verdict(r.risk.check(order))).toBe('ok');
  });
});
