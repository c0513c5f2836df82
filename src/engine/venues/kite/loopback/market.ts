/**
 * One instrument's market at the loopback venue: last trade, day OHLC, volume, and a five-level book
 * around the last price. A test moves it (a price, or the next price of its path) and the venue then
 * fills the resting orders the move crosses and ticks the subscribers.
 */
import type { DepthLevel, MarketSeed } from './config';
import type { LoopbackInstrument } from './instrumentsCsv';
import { parseUnits } from './units';

export interface Level {
  price: number; // units
  quantity: number;
  orders: number;
}

export interface Ohlc {
  open: number;
  high: number;
  low: number;
  close: number;
}

export const DEPTH_LEVELS = 5;

function units(text: string, what: string): number {
  const u = parseUnits(text);
  if (!u || !u.exact) throw new Error(`market seed: ${what} "${text}" is not a price`);
  return u.units;
}

const level = ([price, quantity, orders]: DepthLevel): Level => ({ price: units(price, 'depth price'), quantity, orders });

export class InstrumentMarket {
  lastPrice: number;
  lastQuantity = 0;
  averagePrice: number;
  volume: number;
  ohlc: Ohlc;
  lastTradeTime: number;
  timestamp: number;
  oi = 0;
  buy: Level[];
  sell: Level[];
  private readonly path: number[];
  private pathIndex = 0;
  /** The quantities of the book's levels, kept when the book moves with the price. */
  private readonly shape: { buy: Omit<Level, 'price'>[]; sell: Omit<Level, 'price'>[] };

  constructor(
    readonly instrument: LoopbackInstrument,
    seed: MarketSeed,
    now: number,
  ) {
    this.lastPrice = units(seed.lastPrice, 'lastPrice');
    this.averagePrice = this.lastPrice;
    this.volume = seed.volume ?? 0;
    const o = seed.ohlc;
    this.ohlc = o
      ? { open: units(o.open, 'open'), high: units(o.high, 'high'), low: units(o.low, 'low'), close: units(o.close, 'close') }
      : { open: this.lastPrice, high: this.lastPrice, low: this.lastPrice, close: this.lastPrice };
    this.lastTradeTime = now;
    this.timestamp = now;
    this.path = (seed.pricePath ?? []).map((p) => units(p, 'pricePath'));
    const lot = Math.max(1, instrument.lotSize);
    const shapeOf = (levels?: readonly DepthLevel[]) =>
      levels?.map(([, quantity, orders]) => ({ quantity, orders })) ?? [1, 2, 3, 4, 5].map((k) => ({ quantity: 10 * k * lot, orders: k }));
    this.shape = { buy: shapeOf(seed.depth?.buy), sell: shapeOf(seed.depth?.sell) };
    if (seed.depth) {
      this.buy = seed.depth.buy.map(level);
      this.sell = seed.depth.sell.map(level);
    } else {
      this.buy = [];
      this.sell = [];
      this.rebuildBook();
    }
  }

  get bestBid(): number | undefined {
    return this.buy[0]?.price;
  }

  get bestAsk(): number | undefined {
    return this.sell[0]?.price;
  }

  get totalBuyQuantity(): number {
    return this.buy.reduce((s, l) => s + l.quantity, 0);
  }

  get totalSellQuantity(): number {
    return this.sell.reduce((s, l) => s + l.quantity, 0);
  }

  /**
   * A trade at `price`: the book re-centres on it (best ask = price, best bid one tick below). The
   * trade is one lot by default: an F&O contract only ever trades in whole lots (a NIFTY future in 75s).
   */
  moveTo(price: number, now: number, quantity = Math.max(1, this.instrument.lotSize)): void {
    this.lastPrice = price;
    this.lastQuantity = quantity;
    this.averagePrice = Math.round((this.averagePrice * this.volume + price * quantity) / (this.volume + quantity));
    this.volume += quantity;
    this.ohlc.high = Math.max(this.ohlc.high, price);
    this.ohlc.low = Math.min(this.ohlc.low, price);
    this.lastTradeTime = now;
    this.timestamp = now;
    this.rebuildBook();
  }

  /** The next price of the path (wrapping), or undefined when the market has no path. */
  nextPathPrice(): number | undefined {
    if (this.path.length === 0) return undefined;
    const p = this.path[this.pathIndex % this.path.length]!;
    this.pathIndex++;
    return p;
  }

  private rebuildBook(): void {
    if (!this.instrument.tradable) return;
    const tick = this.instrument.tick;
    this.sell = this.shape.sell.slice(0, DEPTH_LEVELS).map((s, i) => ({ ...s, price: this.lastPrice + i * tick }));
    this.buy = this.shape.buy.slice(0, DEPTH_LEVELS).map((s, i) => ({ ...s, price: this.lastPrice - (i + 1) * tick })).filter((l) => l.price > 0);
  }
}
