import type { VenueId } from '../../core';
import type { Instrument } from '../../instruments';

/**
 * How the synthetic market of one instrument behaves, in its own ticks and lots. The numbers are
 * chosen so each book looks like a liquid crypto pair: a tight touch, several hundred levels per
 * side, and a fair value moving a few basis points per second.
 */
export interface SimMarketParams {
  /** Where the fair value starts, and the anchor it very slowly reverts to, in ticks. */
  startTicks: number;
  /** Long-run volatility of the log fair value per square root of a second (4e-5 ~ 22% a year). */
  volPerSqrtSec: number;
  /** A typical small order, in lots; every synthetic size is a multiple of this drawn from a Pareto. */
  baseLots: number;
  /** Scale, in ticks, of how far from the fair value quoting liquidity providers place orders. */
  nearTicks: number;
  /** Width, in ticks, of the deep book that patient liquidity providers keep on each side. */
  deepTicks: number;
}

export interface SimInstrumentSpec {
  instrument: Omit<Instrument, 'venue'>;
  market: SimMarketParams;
}

/** minNotional 5 USDT in QuoteUnits: 5 * 10^(priceDecimals + qtyDecimals). */
const fiveUsdt = (priceDecimals: number, qtyDecimals: number): number => 5 * 10 ** (priceDecimals + qtyDecimals);

export const SIM_INSTRUMENT_SPECS: readonly SimInstrumentSpec[] = [
  {
    instrument: {
      symbol: 'BTC-USDT',
      venueSymbol: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      priceDecimals: 1,
      qtyDecimals: 4,
      tickSize: 1,
      lotSize: 1,
      minNotional: fiveUsdt(1, 4),
    },
    // 95000.0; baseLots 20 = 0.002 BTC (~190 USDT).
    market: { startTicks: 950_000, volPerSqrtSec: 3e-5, baseLots: 20, nearTicks: 4, deepTicks: 1200 },
  },
  {
    instrument: {
      symbol: 'ETH-USDT',
      venueSymbol: 'ETHUSDT',
      base: 'ETH',
      quote: 'USDT',
      priceDecimals: 2,
      qtyDecimals: 3,
      tickSize: 1,
      lotSize: 1,
      minNotional: fiveUsdt(2, 3),
    },
    // 3400.00; baseLots 50 = 0.05 ETH (~170 USDT).
    market: { startTicks: 340_000, volPerSqrtSec: 4e-5, baseLots: 50, nearTicks: 3, deepTicks: 1000 },
  },
  {
    instrument: {
      symbol: 'SOL-USDT',
      venueSymbol: 'SOLUSDT',
      base: 'SOL',
      quote: 'USDT',
      priceDecimals: 2,
      qtyDecimals: 2,
      tickSize: 1,
      lotSize: 1,
      minNotional: fiveUsdt(2, 2),
    },
    // 180.00; baseLots 100 = 1 SOL (~180 USDT).
    market: { startTicks: 18_000, volPerSqrtSec: 5e-5, baseLots: 100, nearTicks: 2, deepTicks: 900 },
  },
];

export function simInstruments(venue: VenueId): Instrument[] {
  return SIM_INSTRUMENT_SPECS.map((s) => ({ venue, ...s.instrument }));
}
