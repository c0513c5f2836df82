/**
 * How a loopback Kite venue is set up: the Kite Connect app (api key, secret, registered redirect
 * URL), the user, the instruments (the recorded dump plus a few contracts it lacks, such as a current
 * NIFTY future and the NIFTY 50 index), the starting markets and their price paths, the funds and
 * holdings, freeze quantities and rate limits. Defaults follow Kite's published values so that a test
 * states only what it is about.
 */
import type { Clock } from '../../../core';
import type { InstrumentRow } from './instrumentsCsv';

export interface KiteAppConfig {
  apiKey: string;
  apiSecret: string;
  /** The redirect URL registered for the app: the login answers a 302 to it with the request_token. */
  redirectUrl: string;
}

export interface KiteUserConfig {
  userId: string;
  userName: string;
  email: string;
}

/** A five-level side: [price, quantity, orders] in rupees as Kite writes them. */
export type DepthLevel = readonly [price: string, quantity: number, orders: number];

/** Where an instrument's market starts, and the prices it walks through on `control.step()`. */
export interface MarketSeed {
  /** "EXCHANGE:TRADINGSYMBOL" as Kite's quote API names instruments (e.g. "NFO:NIFTY26DECFUT"). */
  instrument: string;
  lastPrice: string;
  ohlc?: { open: string; high: string; low: string; close: string };
  /** Best first; default: one level each side around lastPrice. */
  depth?: { buy: readonly DepthLevel[]; sell: readonly DepthLevel[] };
  volume?: number;
  /** Last prices taken in turn by control.step(instrument). */
  pricePath?: readonly string[];
  /**
   * Open interest of a derivative in units (shares: Kite's OI of a NIFTY option is lots x 75), with the
   * day's high and low (default the OI itself); sent in full-mode ticks. Default 0.
   */
  oi?: { units: number; dayHigh?: number; dayLow?: number };
}

export interface HoldingSeed {
  instrument: string;
  quantity: number;
  averagePrice: string;
  t1Quantity?: number;
}

export interface KiteRateLimits {
  /** Order placements per second (Kite: 10). */
  ordersPerSecond: number;
  /** Orders per minute (Kite: 200). */
  ordersPerMinute: number;
  /** GET /quote and its ltp/ohlc forms per second (Kite: 1). */
  quotesPerSecond: number;
  /** Every other call per second. */
  otherPerSecond: number;
}

export type TimeSource = Pick<Clock, 'now' | 'setTimeout' | 'setInterval' | 'clearTimer'>;

export interface KiteLoopbackConfig {
  app: KiteAppConfig;
  user?: Partial<KiteUserConfig>;
  /** The venue's clock (market hours, token expiry, heartbeats, rate windows). Default: the wall clock. */
  clock?: TimeSource;
  /** Paths of instrument dumps to load (default: ../shared/data/kite/instruments_all.csv). */
  instrumentFiles?: readonly string[];
  /** Rows added to the dump (default: DEFAULT_EXTRA_INSTRUMENTS). */
  extraInstruments?: readonly InstrumentRow[];
  /** Markets to start (default: DEFAULT_MARKETS). An instrument without one has no quotes and no fills. */
  markets?: readonly MarketSeed[];
  /** Opening cash per segment in rupees (default: equity 500000, commodity 100000). */
  funds?: { equity?: string; commodity?: string };
  holdings?: readonly HoldingSeed[];
  /** Freeze quantity per underlying name (NSE's limits; default NIFTY 1800, BANKNIFTY 900). */
  freezeQuantities?: Readonly<Record<string, number>>;
  limits?: Partial<KiteRateLimits>;
  /** Milliseconds between heartbeats on an idle ticker socket (Kite: 1000). */
  heartbeatMs?: number;
  /**
   * When set, every market with a price path takes its next price this often (venue clock), so a
   * running host (the end-to-end terminal) sees ticks and gets fills without a test driving it.
   */
  autoStepMs?: number;
  /** Every fill takes at most this quantity (the rest keeps resting and fills on later moves). Default: no cap. */
  maxFillQuantity?: number;
  /** Market protection used for a MARKET order sent with market_protection -1 ("auto"), in percent. Default 3. */
  autoMarketProtectionPercent?: number;
}

export const DEFAULT_USER: KiteUserConfig = { userId: 'AB1234', userName: 'Loopback Trader', email: 'trader@example.com' };

export const DEFAULT_LIMITS: KiteRateLimits = { ordersPerSecond: 10, ordersPerMinute: 200, quotesPerSecond: 1, otherPerSecond: 10 };

export const DEFAULT_FREEZE: Readonly<Record<string, number>> = { NIFTY: 1800, BANKNIFTY: 900 };

const row = (r: Omit<InstrumentRow, 'exchange_token'> & { exchange_token?: string }): InstrumentRow => ({
  ...r,
  exchange_token: r.exchange_token ?? String(Number(r.instrument_token) >> 8),
});

/**
 * Instruments the recorded dump lacks (it holds equities and a few old options only): the NIFTY 50
 * index, a NIFTY future, and INFY / SBIN whose tokens the recorded ticks and orders use.
 */
export const DEFAULT_EXTRA_INSTRUMENTS: readonly InstrumentRow[] = [
  row({ instrument_token: '256265', tradingsymbol: 'NIFTY 50', name: 'NIFTY 50', last_price: '0.0', expiry: '', strike: '0.0', tick_size: '0.0', lot_size: '0', instrument_type: 'EQ', segment: 'INDICES', exchange: 'NSE' }),
  row({ instrument_token: '13238786', tradingsymbol: 'NIFTY26DECFUT', name: 'NIFTY', last_price: '0.0', expiry: '2026-12-29', strike: '0.0', tick_size: '0.1', lot_size: '75', instrument_type: 'FUT', segment: 'NFO-FUT', exchange: 'NFO' }),
  row({ instrument_token: '408065', tradingsymbol: 'INFY', name: 'INFOSYS', last_price: '0.0', expiry: '', strike: '0.0', tick_size: '0.05', lot_size: '1', instrument_type: 'EQ', segment: 'NSE', exchange: 'NSE' }),
  row({ instrument_token: '779521', tradingsymbol: 'SBIN', name: 'STATE BANK OF INDIA', last_price: '0.0', expiry: '', strike: '0.0', tick_size: '0.05', lot_size: '1', instrument_type: 'EQ', segment: 'NSE', exchange: 'NSE' }),
];

/** INFY's book is the one of the recorded full tick (ticker_full.json); NIFTY's future trades near 24,000. */
export const DEFAULT_MARKETS: readonly MarketSeed[] = [
  {
    instrument: 'NSE:INFY',
    lastPrice: '1573.7',
    volume: 1192471,
    ohlc: { open: '1569.15', high: '1575', low: '1561.05', close: '1567.8' },
    depth: {
      buy: [['1573.4', 5, 1], ['1573', 140, 2], ['1572.95', 2, 1], ['1572.9', 219, 7], ['1572.85', 50, 1]],
      sell: [['1573.7', 172, 3], ['1573.75', 44, 3], ['1573.85', 302, 3], ['1573.9', 141, 2], ['1573.95', 724, 5]],
    },
    pricePath: ['1574', '1572.5', '1571', '1575.5'],
  },
  { instrument: 'NSE:SBIN', lastPrice: '812.5', ohlc: { open: '808', high: '815', low: '805.1', close: '809.45' }, pricePath: ['813', '811', '810'] },
  {
    instrument: 'NFO:NIFTY26DECFUT',
    lastPrice: '24150',
    ohlc: { open: '24080', high: '24210.5', low: '24012', close: '24065.3' },
    pricePath: ['24160', '24140', '24120', '24175.5'],
  },
  { instrument: 'NSE:NIFTY 50', lastPrice: '24102.35', ohlc: { open: '24050.1', high: '24150.8', low: '23990.25', close: '24012.6' } },
];

/** A NIFTY December option: call (CE) or put (PE) at `strike`, expiring with the December future. */
const niftyOption = (token: number, strike: number, type: 'CE' | 'PE'): InstrumentRow =>
  row({ instrument_token: String(token), tradingsymbol: `NIFTY26DEC${strike}${type}`, name: 'NIFTY', last_price: '0.0', expiry: '2026-12-29', strike: `${strike}.0`, tick_size: '0.05', lot_size: '75', instrument_type: type, segment: 'NFO-OPT', exchange: 'NFO' });

/** Strikes of the NIFTY December options the loopback can list, and their quotes [call bid, call ask, put bid, put ask]. */
const NIFTY_OPTION_QUOTES: readonly (readonly [strike: number, callBid: string, callAsk: string, putBid: string, putAsk: string])[] = [
  [23800, '523.85', '528.05', '176.65', '178.05'],
  [23900, '456.1', '459.8', '208.05', '209.75'],
  [24000, '392.75', '395.95', '243.9', '245.9'],
  [24100, '334.1', '336.8', '284.5', '286.8'],
  [24200, '280.4', '282.7', '330', '332.7'],
  [24300, '231.9', '233.8', '380.7', '383.8'],
  [24400, '188.7', '190.2', '436.75', '440.25'],
  [24500, '150.85', '152.05', '498.05', '502.05'],
];

/**
 * NIFTY December options (23800 to 24500, calls and puts, expiring on 29 December 2026 with
 * NIFTY26DECFUT): not in the defaults, a test of the option chain adds them to `extraInstruments`
 * (beside DEFAULT_EXTRA_INSTRUMENTS) and their quotes to `markets`. The quotes are Black-76 prices on the
 * future at 24150 with a skew (13% at the money), a tick-rounded spread around each.
 */
export const NIFTY_OPTION_INSTRUMENTS: readonly InstrumentRow[] = NIFTY_OPTION_QUOTES.flatMap(([strike], i) => [
  niftyOption(13_300_000 + i * 512, strike, 'CE'),
  niftyOption(13_300_256 + i * 512, strike, 'PE'),
]);

/** NIFTY options' lot (units per lot): Kite's OI and depth are in units. */
const NIFTY_LOT = 75;

/**
 * An option's open interest in lots: calls build up above the index, puts below it (as NIFTY's chain
 * usually looks), the day's range 10 lots above and 20 below.
 */
export function niftyOptionOiLots(strike: number, type: 'CE' | 'PE'): number {
  const step = (strike - 23_800) / 100;
  return type === 'CE' ? 2_000 + step * 300 : 4_100 - step * 300;
}

const optionSeed = (symbol: string, strike: number, type: 'CE' | 'PE', bid: string, ask: string): MarketSeed => {
  const lots = niftyOptionOiLots(strike, type);
  return {
    instrument: `NFO:${symbol}`,
    lastPrice: ask,
    depth: { buy: [[bid, 750, 3]], sell: [[ask, 600, 2]] },
    oi: { units: lots * NIFTY_LOT, dayHigh: (lots + 10) * NIFTY_LOT, dayLow: (lots - 20) * NIFTY_LOT },
  };
};

/** The December options' books and open interest (niftyOptionOiLots). */
export const NIFTY_OPTION_MARKETS: readonly MarketSeed[] = NIFTY_OPTION_QUOTES.flatMap(([strike, cb, ca, pb, pa]) => [
  optionSeed(`NIFTY26DEC${strike}CE`, strike, 'CE', cb, ca),
  optionSeed(`NIFTY26DEC${strike}PE`, strike, 'PE', pb, pa),
]);

/** A NIFTY weekly option expiring on 22 December 2026 (Kite's weekly symbol: year, month code D, day). */
const niftyWeekly = (token: number, strike: number, type: 'CE' | 'PE'): InstrumentRow =>
  row({ instrument_token: String(token), tradingsymbol: `NIFTY26D22${strike}${type}`, name: 'NIFTY', last_price: '0.0', expiry: '2026-12-22', strike: `${strike}.0`, tick_size: '0.05', lot_size: '75', instrument_type: type, segment: 'NFO-OPT', exchange: 'NFO' });

/**
 * The weekly options' quotes [call bid, call ask, put bid, put ask]: BSM prices on the NIFTY 50 index at
 * 24102.35 (r = 0) from 7 December 04:30 UTC with a skew (13% at 24100), a tick-rounded spread around each.
 */
const NIFTY_WEEKLY_QUOTES: readonly (readonly [strike: number, callBid: string, callAsk: string, putBid: string, putAsk: string])[] = [
  [23800, '452.35', '455.95', '151.2', '152.4'],
  [23900, '381.5', '384.6', '180', '181.4'],
  [24000, '315.7', '318.2', '213.75', '215.45'],
  [24100, '255.45', '257.55', '253.15', '255.15'],
  [24200, '201.4', '203', '298.65', '301.05'],
  [24300, '154', '155.2', '350.85', '353.65'],
  [24400, '113.5', '114.4', '409.95', '413.25'],
];

/**
 * NIFTY weekly options (23800 to 24400, expiring on Tuesday 22 December 2026): no future expires with
 * them, so a chain prices them from the NIFTY 50 index (BSM). Not in the defaults; a test adds them to
 * `extraInstruments` and `markets` (with DEFAULT_EXTRA_INSTRUMENTS / DEFAULT_MARKETS for the index).
 */
export const NIFTY_WEEKLY_OPTION_INSTRUMENTS: readonly InstrumentRow[] = NIFTY_WEEKLY_QUOTES.flatMap(([strike], i) => [
  niftyWeekly(13_400_000 + i * 512, strike, 'CE'),
  niftyWeekly(13_400_256 + i * 512, strike, 'PE'),
]);

export const NIFTY_WEEKLY_OPTION_MARKETS: readonly MarketSeed[] = NIFTY_WEEKLY_QUOTES.flatMap(([strike, cb, ca, pb, pa]) => [
  optionSeed(`NIFTY26D22${strike}CE`, strike, 'CE', cb, ca),
  optionSeed(`NIFTY26D22${strike}PE`, strike, 'PE', pb, pa),
]);
