import { formatScaled, parseScaled, type Lots, type Ticks } from '../../core';
import type { Instrument } from '../../instruments';
import type { DecimalLevel } from './types';

/**
 * How a book's decimal prices and quantities map to integers, the same convention as Instrument:
 * price = ticks * tickSize * 10^-priceDecimals, qty = lots * lotSize * 10^-qtyDecimals.
 */
export interface BookScale {
  priceDecimals: number;
  qtyDecimals: number;
  tickSize: number;
  lotSize: number;
}

export const scaleOf = (inst: Instrument): BookScale => ({
  priceDecimals: inst.priceDecimals,
  qtyDecimals: inst.qtyDecimals,
  tickSize: inst.tickSize,
  lotSize: inst.lotSize,
});

/** Digits written after the decimal point: "20377.00" -> 2, "431" -> 0. */
export function writtenDecimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * A scale read off the data when no instrument is known (the replay CLI): the most fractional digits
 * written in any price (quantity) of the given levels, with tick and lot of one unit of that last digit.
 * Venues write prices and quantities with the instrument's fixed precision ("20377.00", "0.001",
 * "4.00000200"), so the first snapshot carries it; a later value with more significant decimals
 * does not fit and is refused rather than rounded. Undefined when there are no levels to read.
 */
export function inferScale(levelLists: readonly (readonly DecimalLevel[])[]): BookScale | undefined {
  let priceDecimals = -1;
  let qtyDecimals = -1;
  for (const levels of levelLists) {
    for (const [price, qty] of levels) {
      priceDecimals = Math.max(priceDecimals, writtenDecimals(price));
      qtyDecimals = Math.max(qtyDecimals, writtenDecimals(qty));
    }
  }
  if (priceDecimals < 0) return undefined;
  return { priceDecimals, qtyDecimals, tickSize: 1, lotSize: 1 };
}

export type Converted<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Exact decimal -> ticks; a price that is not a whole number of ticks is refused, never rounded. */
export function toTicks(scale: BookScale, price: string): Converted<Ticks> {
  const p = parseScaled(price, scale.priceDecimals);
  if (!p.ok) return { ok: false, reason: `price "${price}" does not fit the book's scale: ${p.reason}` };
  if (p.value <= 0) return { ok: false, reason: `price "${price}" must be greater than zero` };
  if (p.value % scale.tickSize !== 0) {
    return { ok: false, reason: `price "${price}" is not a multiple of the tick ${formatScaled(scale.tickSize, scale.priceDecimals)}` };
  }
  return { ok: true, value: p.value / scale.tickSize };
}

/** Exact decimal -> lots; 0 is allowed (it deletes a level). */
export function toLots(scale: BookScale, qty: string): Converted<Lots> {
  const q = parseScaled(qty, scale.qtyDecimals);
  if (!q.ok) return { ok: false, reason: `quantity "${qty}" does not fit the book's scale: ${q.reason}` };
  if (q.value < 0) return { ok: false, reason: `quantity "${qty}" is negative` };
  if (q.value % scale.lotSize !== 0) {
    return { ok: false, reason: `quantity "${qty}" is not a multiple of the lot ${formatScaled(scale.lotSize, scale.qtyDecimals)}` };
  }
  return { ok: true, value: q.value / scale.lotSize };
}

/** Integer levels, bids and asks, as the venue listed them (qty 0 kept: in a delta it deletes). */
export interface IntLevels {
  bids: [Ticks, Lots][];
  asks: [Ticks, Lots][];
}

/**
 * Decimal levels -> integer levels for one book. Venues repeat the same price (and quantity) texts
 * endlessly, so exact conversions are memoised per text: the work of parseScaled is done once per
 * distinct string, and the result is still exactly parseScaled's. The memo is bounded (cleared when
 * full) so a long replay cannot grow it without limit.
 */
export class LevelConverter {
  private readonly prices = new Map<string, number>();
  private readonly qtys = new Map<string, number>();

  constructor(
    readonly scale: BookScale,
    private readonly memoSize = 50_000,
  ) {}

  convert(bids: readonly DecimalLevel[], asks: readonly DecimalLevel[]): Converted<IntLevels> {
    const out: IntLevels = { bids: new Array(bids.length), asks: new Array(asks.length) };
    const bad = this.fill(bids, out.bids, 'bid') ?? this.fill(asks, out.asks, 'ask');
    return bad === undefined ? { ok: true, value: out } : { ok: false, reason: bad };
  }

  private fill(list: readonly DecimalLevel[], dst: [Ticks, Lots][], name: string): string | undefined {
    for (let i = 0; i < list.length; i++) {
      const [price, qty] = list[i]!;
      let ticks = this.prices.get(price);
      if (ticks === undefined) {
        const t = toTicks(this.scale, price);
        if (!t.ok) return `${name} ${i}: ${t.reason}`;
        ticks = remember(this.prices, price, t.value, this.memoSize);
      }
      let lots = this.qtys.get(qty);
      if (lots === undefined) {
        const l = toLots(this.scale, qty);
        if (!l.ok) return `${name} ${i}: ${l.reason}`;
        lots = remember(this.qtys, qty, l.value, this.memoSize);
      }
      dst[i] = [ticks, lots];
    }
    return undefined;
  }
}

function remember(memo: Map<string, number>, key: string, value: number, size: number): number {
  if (memo.size >= size) memo.clear();
  memo.set(key, value);
  return value;
}

/** Ticks back to the venue's decimal text (for output at the edge). */
export const formatTicks = (scale: BookScale, ticks: Ticks): string => formatScaled(ticks * scale.tickSize, scale.priceDecimals);
export const formatLots = (scale: BookScale, lots: Lots): string => formatScaled(lots * scale.lotSize, scale.qtyDecimals);
