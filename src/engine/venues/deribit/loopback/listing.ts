/**
 * What the loopback Deribit venue lists and quotes: BTC options on two expiries, the BTC future of the
 * first expiry, the BTC perpetual, and the btc_usd index, in Deribit's JSON-RPC v2 wire shapes.
 *
 * No recorded Deribit data exists here (the recorded data under /work/shared/data has no options): the
 * shapes follow Deribit's API v2 documentation (public/get_instruments, public/get_index_price,
 * public/get_order_book, public/ticker, the book.{instrument_name}.{interval} subscription) and the
 * examples in ccxt's deribit class. The quotes are built, not recorded: each option's premium is its
 * Black-76 value in USD on its underlying (the future of its expiry, else the perpetual) at a known
 * volatility, divided by that underlying's price (Deribit quotes options in BTC), then put on the 0.0005
 * BTC tick one tick either side; a test can so check the implied volatility a chain solves from them.
 */
import { optionPrice } from '../../../options';

export interface DeribitListingOptions {
  /** The time the quotes are priced at (ms); a chain asked at that time solves back `volatility`. */
  now: number;
  /** Expiries of the options (ms, 08:00 UTC); the future expires with the first. */
  expiries: readonly [number, number];
  strikes: readonly number[];
  /** USD prices of the index, the perpetual and the future. */
  index: number;
  perpetual: number;
  future: number;
  volatility: number;
}

/** One level per side of an instrument's book, in the instrument's price unit (BTC for options, USD otherwise). */
export interface Quote {
  bid: number;
  ask: number;
  bidAmount: number;
  askAmount: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const OPTION_TICK = 0.0005;

export function deribitDay(expiry: number): string {
  const d = new Date(expiry);
  return `${d.getUTCDate()}${MONTHS[d.getUTCMonth()]}${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
}

/** A Deribit instrument record (public/get_instruments), as its documentation shows one. */
export type InstrumentRecord = Record<string, string | number | boolean>;

export class DeribitListing {
  readonly instruments: InstrumentRecord[] = [];
  readonly quotes = new Map<string, Quote>();

  constructor(readonly options: DeribitListingOptions) {
    const { expiries, strikes, perpetual, future, now, volatility } = options;
    const common = { base_currency: 'BTC', counter_currency: 'USD', settlement_currency: 'BTC', is_active: true, creation_timestamp: now - 86_400_000, taker_commission: 0.0005, maker_commission: 0 };
    this.instruments.push({ ...common, kind: 'future', instrument_name: 'BTC-PERPETUAL', settlement_period: 'perpetual', quote_currency: 'USD', future_type: 'reversed', tick_size: 0.5, min_trade_amount: 10, contract_size: 10, expiration_timestamp: 32503708800000 });
    this.quotes.set('BTC-PERPETUAL', { bid: perpetual - 0.5, ask: perpetual + 0.5, bidAmount: 10_000, askAmount: 12_000 });
    const futureName = `BTC-${deribitDay(expiries[0])}`;
    this.instruments.push({ ...common, kind: 'future', instrument_name: futureName, settlement_period: 'month', quote_currency: 'USD', future_type: 'reversed', tick_size: 2.5, min_trade_amount: 10, contract_size: 10, expiration_timestamp: expiries[0] });
    this.quotes.set(futureName, { bid: future - 2.5, ask: future + 2.5, bidAmount: 5_000, askAmount: 6_000 });
    for (const expiry of expiries) {
      // The first expiry's options are priced from its future (Black-76), the second's from the perpetual.
      const forward = expiry === expiries[0] ? future : perpetual;
      const years = (expiry - now) / (365 * 86_400_000);
      for (const strike of strikes) {
        for (const right of ['call', 'put'] as const) {
          const name = `BTC-${deribitDay(expiry)}-${strike}-${right === 'call' ? 'C' : 'P'}`;
          this.instruments.push({ ...common, kind: 'option', instrument_name: name, settlement_period: 'month', quote_currency: 'BTC', option_type: right, strike, tick_size: OPTION_TICK, min_trade_amount: 0.1, contract_size: 1, expiration_timestamp: expiry, taker_commission: 0.0003, maker_commission: 0.0003 });
          const usd = optionPrice({ model: 'black76', right, spot: forward, strike, years, rate: 0, dividend: 0, sigma: volatility });
          const inBtc = usd / forward;
          const bid = Math.max(OPTION_TICK, Math.floor(inBtc / OPTION_TICK) * OPTION_TICK - OPTION_TICK);
          const ask = Math.ceil(inBtc / OPTION_TICK) * OPTION_TICK + OPTION_TICK;
          this.quotes.set(name, { bid: round4(bid), ask: round4(ask), bidAmount: 12.3, askAmount: 8.7 });
        }
      }
    }
  }

  instrument(name: string): InstrumentRecord | undefined {
    return this.instruments.find((i) => i.instrument_name === name);
  }

  /** The USD price an instrument is quoted against: for an option, its underlying's mid. */
  underlyingOf(name: string): { name: string; price: number } {
    const rec = this.instrument(name);
    if (rec?.kind !== 'option') return { name: 'index_price', price: this.options.index };
    const future = `BTC-${deribitDay(Number(rec['expiration_timestamp']))}`;
    const q = this.quotes.get(future) ?? this.quotes.get('BTC-PERPETUAL')!;
    return { name: this.quotes.has(future) ? future : 'BTC-PERPETUAL', price: (q.bid + q.ask) / 2 };
  }
}

/** Option prices are multiples of 0.0005: four decimals, without binary noise. */
function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
