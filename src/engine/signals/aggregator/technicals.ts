/**
 * Technical indicators on one instrument's closes, through `trading-signals` (v8: RSI, MACD over EMAs,
 * BollingerBands), mapped to [-1, 1] by the conventions in mappings.ts. Feed bar closes (one per candle),
 * not every tick: the indicators' periods count inputs. Prices may be ticks or decimals: every mapping is
 * scale-free (RSI and %B are ratios; the MACD histogram is divided by the close-change volatility).
 */
import { BollingerBands, EMA, MACD, RSI } from 'trading-signals';
import { mapMacdHistogram, mapPercentB, mapRsi } from './mappings';

export interface TechnicalPeriods {
  rsi: number;
  macdShort: number;
  macdLong: number;
  macdSignal: number;
  bollinger: number;
  bollingerDeviations: number;
}

export const DEFAULT_TECHNICAL_PERIODS: TechnicalPeriods = {
  rsi: 14, macdShort: 12, macdLong: 26, macdSignal: 9, bollinger: 20, bollingerDeviations: 2,
};

export interface TechnicalValue {
  value: number;
  raw: number;
}

export class TechnicalState {
  private readonly rsi: RSI;
  private readonly macd: MACD;
  private readonly bands: BollingerBands;
  /** The last macdLong close-to-close changes, for σ. */
  private readonly changes: number[] = [];
  private lastClose: number | undefined;
  rsiValue: TechnicalValue | undefined;
  macdValue: TechnicalValue | undefined;
  bollingerValue: TechnicalValue | undefined;
  lastTs: number | undefined;

  constructor(private readonly p: TechnicalPeriods) {
    this.rsi = new RSI(p.rsi);
    this.macd = new MACD(new EMA(p.macdShort), new EMA(p.macdLong), new EMA(p.macdSignal));
    this.bands = new BollingerBands(p.bollinger, p.bollingerDeviations);
  }

  addClose(close: number, ts: number): void {
    this.lastTs = ts;
    if (this.lastClose !== undefined) {
      this.changes.push(close - this.lastClose);
      if (this.changes.length > this.p.macdLong) this.changes.shift();
    }
    this.lastClose = close;

    const rsi = this.rsi.add(close);
    if (rsi !== null) this.rsiValue = { raw: rsi, value: mapRsi(rsi) };

    const macd = this.macd.add(close);
    if (macd !== null && this.changes.length >= this.p.macdLong) {
      this.macdValue = { raw: macd.histogram, value: mapMacdHistogram(macd.histogram, stdev(this.changes)) };
    }

    const bands = this.bands.add(close);
    if (bands !== null) {
      const width = bands.upper - bands.lower;
      // Zero width (a flat window) puts the close exactly on the middle: %B = 0.5, a neutral 0.
      const pb = width > 0 ? (close - bands.lower) / width : 0.5;
      this.bollingerValue = { raw: pb, value: mapPercentB(pb) };
    }
  }
}

/** Population standard deviation. */
export function stdev(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}
