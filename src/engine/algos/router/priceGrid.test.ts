import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../instruments';
import { buildPriceGrid, gridPrice, gridQty, gridQuotePerTickLot } from './priceGrid';

const inst = (venue: string, o: Partial<Instrument> = {}): Instrument => ({
  venue,
  symbol: 'BTC-USDT',
  venueSymbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 1,
  qtyDecimals: 4,
  tickSize: 1,
  lotSize: 1,
  minNotional: 500_000, // 5 USDT at 1 + 4 decimals
  ...o,
});

describe('buildPriceGrid', () => {
  it('is the identity for venues with the same ticks and lots', () => {
    const g = buildPriceGrid([inst('SIM-A'), inst('SIM-B')]);
    if (!g.ok) throw new Error(g.error.message);
    expect(g.value).toMatchObject({ priceDecimals: 1, tickSize: 1, qtyDecimals: 4, lotSize: 1 });
    expect(g.value.venues.map((v) => [v.venue, v.priceFactor, v.qtyFactor, v.minNotional])).toEqual([
      ['SIM-A', 1, 1, 500_000],
      ['SIM-B', 1, 1, 500_000],
    ]);
  });

  it('puts a 0.1 tick and a 0.05 tick on a 0.05 grid, and lots of 0.0001 and 0.001 on a 0.0001 grid', () => {
    // A: 0.1 tick (1 at 1 decimal), 0.0001 lot. B: 0.05 tick (5 at 2 decimals), 0.001 lot (1 at 3 decimals).
    const g = buildPriceGrid([inst('A'), inst('B', { priceDecimals: 2, tickSize: 5, qtyDecimals: 3, minNotional: 500_000 })]);
    if (!g.ok) throw new Error(g.error.message);
    const [a, b] = g.value.venues;
    expect(g.value).toMatchObject({ priceDecimals: 2, tickSize: 5, qtyDecimals: 4, lotSize: 1 });
    expect([a!.priceFactor, a!.qtyFactor, b!.priceFactor, b!.qtyFactor]).toEqual([2, 1, 1, 10]);
    // 95000.0 on A (950000 ticks of 0.1) and 95000.05 on B (1900001 ticks of 0.05) on the 0.05 grid.
    expect(gridPrice(a!, 950_000)).toBe(1_900_000);
    expect(gridPrice(b!, 1_900_001)).toBe(1_900_001);
    // 0.003 BTC on B is 30 grid lots of 0.0001.
    expect(gridQty(b!, 3)).toBe(30);
    // 5 USDT as QuoteUnits of the grid (2 + 4 decimals) for both.
    expect([a!.minNotional, b!.minNotional]).toEqual([5_000_000, 5_000_000]);
    // One grid tick times one grid lot = 0.05 * 0.0001 USDT = 5 units of 10^-6.
    expect(gridQuotePerTickLot(g.value)).toBe(5);
  });

  it('refuses a venue whose tick falls between the prices of an imposed grid', () => {
    const g = buildPriceGrid([inst('A'), inst('B', { priceDecimals: 2, tickSize: 5 })], { priceDecimals: 1, tickSize: 1, qtyDecimals: 4, lotSize: 1 });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.error.message).toMatch(/B:BTC-USDT's tick does not fit a grid of 1 price decimals/);
    const g2 = buildPriceGrid([inst('A'), inst('B', { priceDecimals: 2, tickSize: 5 })], { priceDecimals: 2, tickSize: 10, qtyDecimals: 4, lotSize: 1 });
    expect(g2.ok).toBe(false);
    if (!g2.ok) expect(g2.error.message).toMatch(/B:BTC-USDT's tick is not a whole number of grid ticks .*between grid prices/);
  });

  it('refuses venues quoting different instruments, a venue listed twice, and no venue', () => {
    const other = buildPriceGrid([inst('A'), inst('B', { quote: 'USDC' })]);
    expect(!other.ok && other.error).toEqual({ code: 'INVALID_INPUT', message: expect.stringMatching(/BTC\/USDC, not BTC\/USDT/) });
    const future = buildPriceGrid([inst('A'), inst('B', { contract: { kind: 'future', expiry: 1 } })]);
    expect(!future.ok && future.error.message).toMatch(/other contract terms/);
    const twice = buildPriceGrid([inst('A'), inst('A')]);
    expect(!twice.ok && twice.error.message).toMatch(/listed twice/);
    expect(buildPriceGrid([]).ok).toBe(false);
    const badTick = buildPriceGrid([inst('A', { tickSize: 0 })]);
    expect(!badTick.ok && badTick.error.message).toMatch(/invalid tickSize/);
  });
});
