/**
 * How a loopback Binance venue is set up: its market (spot or USD-M futures), symbols and their
 * filters, seeded books, accounts with their API keys and balances, fees and rate limits. Defaults
 * follow Binance's published values (BTCUSDT and ETHUSDT filters, spot 0.1 % fees, USD-M 0.02 % /
 * 0.05 %, 6,000 / 2,400 request weight per minute) so that a test states only what it is about.
 */
import type { Clock } from '../../../core';
import { amount, decimalsOfStep } from './amounts';
import type { LoopbackOptionsMarket } from './optionsConfig';

export type BinanceMarket = 'spot' | 'usdm';

export type LevelText = readonly [price: string, qty: string];

/** A book to start from: levels as Binance writes them, and the update id they stand at. */
export interface LoopbackBook {
  lastUpdateId?: number;
  bids: readonly LevelText[];
  asks: readonly LevelText[];
}

export interface LoopbackSymbolConfig {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: string;
  minPrice: string;
  maxPrice: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  minNotional: string;
  /** Spot: the filter holding the minimum notional (Binance moved spot symbols from MIN_NOTIONAL to NOTIONAL). */
  notionalFilter?: 'NOTIONAL' | 'MIN_NOTIONAL';
  book?: LoopbackBook;
  /** Spot: whether Order Amend Keep Priority is enabled on the symbol (exchangeInfo's `amendAllowed`). Default true. */
  amendAllowed?: boolean;
  /** Spot: the MAX_NUM_ORDER_AMENDS filter, how many times one order may be amended. Default 10. */
  maxNumOrderAmends?: number;
  /** USD-M: the mark price until a test moves it (default: the middle of the book). */
  markPrice?: string;
  /**
   * USD-M: the decimals a price / quantity may have, and are written with (default: those of the tick
   * and the step). Binance's BTCUSDT has pricePrecision 2 with a tick of 0.10.
   */
  pricePrecision?: number;
  quantityPrecision?: number;
  /** USD-M: the positioning figures the public market-data endpoints report (see futuresPositioning.ts). */
  positioning?: LoopbackPositioning;
}

/** What the venue's crowd looks like: /fapi/v1/premiumIndex's funding, /fapi/v1/openInterest, the global long/short account ratio. */
export interface LoopbackPositioning {
  /** lastFundingRate as Binance writes it ("0.00010000"). Default "0.00000000". */
  lastFundingRate?: string;
  /** Open interest in base units ("10659.509"). Default "0". */
  openInterest?: string;
  /** Share of accounts net long, 0..1 ("0.6442"); short is the rest. Default "0.5000". */
  longAccount?: string;
}

/** An API key as registered at Binance: HMAC-SHA256 with its secret, or Ed25519 with the public key (PEM). */
export type LoopbackApiKey = { apiKey: string; hmacSecret: string } | { apiKey: string; ed25519PublicKey: string };

export interface LoopbackAccountConfig {
  name: string;
  keys: readonly LoopbackApiKey[];
  /** Spot: free amount per asset. USD-M: wallet balance per margin asset. */
  balances?: Readonly<Record<string, string>>;
  /** Whether the keys may trade (Binance's "Enable Spot & Margin Trading" / "Enable Futures"). Default true. */
  canTrade?: boolean;
}

export interface LoopbackOptions {
  market: BinanceMarket;
  accounts: readonly LoopbackAccountConfig[];
  symbols?: readonly LoopbackSymbolConfig[];
  /** The venue's clock (faults can shift it). Default: the wall clock. */
  clock?: Pick<Clock, 'now' | 'setTimeout' | 'setInterval' | 'clearTimer'>;
  fees?: { maker: string; taker: string };
  limits?: { weightPerMinute?: number; ordersPer10s?: number; banMs?: number };
  /** USD-M: the leverage every symbol starts at. Default 20. */
  leverage?: number;
  /** Binance's European options (/eapi/v1 public market data) served beside the market; see optionsMarket.ts. */
  options?: LoopbackOptionsMarket;
}

/** A symbol with its filters as numbers. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly tickSize: bigint;
  readonly minPrice: bigint;
  readonly maxPrice: bigint;
  readonly stepSize: bigint;
  readonly minQty: bigint;
  readonly maxQty: bigint;
  readonly minNotional: bigint;
  readonly notionalFilter: 'NOTIONAL' | 'MIN_NOTIONAL';
  /** USD-M's pricePrecision / quantityPrecision: the decimals the tick and step allow. */
  readonly pricePrecision: number;
  readonly quantityPrecision: number;
  readonly config: LoopbackSymbolConfig;
}

const SPOT_SYMBOLS: readonly LoopbackSymbolConfig[] = [
  {
    symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT',
    tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000',
    stepSize: '0.00001', minQty: '0.00001', maxQty: '9000', minNotional: '5',
    book: { lastUpdateId: 1000, bids: [['20000.00', '1.50000'], ['19999.00', '2.00000']], asks: [['20001.00', '1.20000'], ['20002.00', '3.00000']] },
  },
  {
    symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT',
    tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000',
    stepSize: '0.0001', minQty: '0.0001', maxQty: '9000', minNotional: '5',
    book: { lastUpdateId: 500, bids: [['1500.00', '10.0000']], asks: [['1500.50', '8.0000']] },
  },
];

const USDM_SYMBOLS: readonly LoopbackSymbolConfig[] = [
  {
    symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT',
    tickSize: '0.10', minPrice: '556.80', maxPrice: '4529764', pricePrecision: 2,
    stepSize: '0.001', minQty: '0.001', maxQty: '1000', minNotional: '100',
    book: { lastUpdateId: 1000, bids: [['20000.00', '1.500'], ['19999.90', '2.000']], asks: [['20000.10', '1.200'], ['20000.20', '3.000']] },
  },
  {
    symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT',
    tickSize: '0.01', minPrice: '39.86', maxPrice: '306177',
    stepSize: '0.001', minQty: '0.001', maxQty: '10000', minNotional: '20',
    book: { lastUpdateId: 500, bids: [['1500.00', '10.000']], asks: [['1500.01', '8.000']] },
  },
];

export const defaultSymbols = (market: BinanceMarket): readonly LoopbackSymbolConfig[] => (market === 'spot' ? SPOT_SYMBOLS : USDM_SYMBOLS);

/** Spot's MAX_NUM_ORDER_AMENDS when a symbol does not set its own. */
export const DEFAULT_MAX_NUM_ORDER_AMENDS = 10;
export const DEFAULT_FEES = { spot: { maker: '0.001', taker: '0.001' }, usdm: { maker: '0.0002', taker: '0.0005' } } as const;
export const DEFAULT_WEIGHT_PER_MINUTE = { spot: 6000, usdm: 2400 } as const;
export const DEFAULT_ORDERS_PER_10S = { spot: 100, usdm: 300 } as const;
/** Binance's first ban lasts 2 minutes (it grows for repeat offenders, up to 3 days). */
export const DEFAULT_BAN_MS = 120_000;

/** Binance API keys are 64 letters and digits; anything else is "API-key format invalid". */
export const API_KEY_FORMAT = /^[A-Za-z0-9]{64}$/;

export function symbolSpec(c: LoopbackSymbolConfig): SymbolSpec {
  const tickSize = amount(c.tickSize);
  const stepSize = amount(c.stepSize);
  if (tickSize <= 0n || stepSize <= 0n) throw new Error(`${c.symbol}: tickSize and stepSize must be positive`);
  return {
    symbol: c.symbol,
    baseAsset: c.baseAsset,
    quoteAsset: c.quoteAsset,
    tickSize,
    minPrice: amount(c.minPrice),
    maxPrice: amount(c.maxPrice),
    stepSize,
    minQty: amount(c.minQty),
    maxQty: amount(c.maxQty),
    minNotional: amount(c.minNotional),
    notionalFilter: c.notionalFilter ?? 'NOTIONAL',
    pricePrecision: c.pricePrecision ?? decimalsOfStep(tickSize),
    quantityPrecision: c.quantityPrecision ?? decimalsOfStep(stepSize),
    config: c,
  };
}
