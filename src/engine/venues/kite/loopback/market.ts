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
  /** Open interest in units, and the day's high and low (full-mode ticks carry all three). */
  oi = 0;
  oiDayHigh = 0;
  oiDayLow = 0;
  buy: Level[];
  sell: Level[];
  private readonly path: number[];
  private pathIndex = 0;
  /**
   * What one market move trades, in units: a whole lot for F&O (the exchange's volume and last traded
   * quantity are units that are always lot multiples there, and a client checks that), a share otherwise.
   */
  private readonly tradeUnits: number;
  /** The quantities of the book's levels, kept when the book moves with the price. */
  private readonly shape: { buy: Omit<Level, 'price'>[]; sell: Omit<Level, 'price'>[] };

  constructor(
    readonly instrument: LoopbackInstrument,
    seed: MarketSeed,
    now: number,
  ) {
    this.lastPrice = units(seed.lastPrice, 'lastPrice');
    this.averagePrice = this.lastPrice;
    this.tradeUnits = instrument.derivative ? Math.max(1, instrument.lotSize) : 1;
    this.volume = seed.volume ?? 0;
    if (!Number.isSafeInteger(this.volume) || this.volume < 0 || this.volume % this.tradeUnits !== 0) {
      throw new Error(`market seed: volume ${seed.volume} of ${seed.instrument} is not a whole number of ${this.tradeUnits}-unit lots`);
    }
    const o = seed.ohlc;
    this.ohlc = o
      ? { open: units(o.open, 'open'), high: units(o.high, 'high'), low: units(o.low, 'low'), close: units(o.close, 'close') }
      : { open: this.lastPrice, high: this.lastPrice, low: this.lastPrice, close: this.lastPrice };
    this.lastTradeTime = now;
    this.timestamp = now;
    if (seed.oi) this.setOpenInterest(seed.oi.units, seed.oi.dayHigh, seed.oi.dayLow);
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

  /** A trade at `price` (of one lot unless told): the book re-centres on it (best ask = price, best bid one tick below). */
  moveTo(price: number, now: number, quantity = this.tradeUnits): void {
    if (quantity % this.tradeUnits !== 0) throw new Error(`a trade of ${quantity} units is not a whole number of ${this.tradeUnits}-unit lots`);
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

  /**
   * Open interest in units, with the day's high and low (default: widened to take it in). A derivative's
   * OI is a whole number of lots, as the exchange counts it.
   */
  setOpenInterest(units: number, dayHigh = Math.max(this.oiDayHigh, units), dayLow = this.oiDayLow === 0 ? units : Math.min(this.oiDayLow, units)): void {
    const lot = this.tradeUnits;
    for (const v of [units, dayHigh, dayLow]) {
      if (!Number.isSafeInteger(v) || v < 0 || v % lot !== 0) throw new Error(`open interest ${v} of ${this.instrument.token} is not a whole number of ${lot}-unit lots`);
    }
    if (dayLow > units || dayHigh < units) throw new Error(`open interest ${units} is outside its day range ${dayLow}..${dayHigh}`);
    this.oi = units;
    this.oiDayHigh = dayHigh;
    this.oiDayLow = dayLow;
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
