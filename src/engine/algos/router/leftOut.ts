import { formatScaled, type VenueId } from '../../core';

/**
 * Why a venue got nothing (or less than planned) in a smart-routing decision, as a small code and its
 * figures. The router and the runtime write these into objects they keep and reuse, once per market
 * event, so a decision allocates no text: leftOutText() turns one into the trader's words only when a
 * view or an export asks. Prices are in the parent's (grid) ticks, quantities in its lots.
 */
export const LeftOutCode = {
  /** The book is not LIVE (a sequence gap, never synced, the book worker gone). */
  STALE: 1,
  /** No time for the book (its feed has said nothing yet), or no age allowance. */
  NO_BOOK_TIME: 2,
  /** a = the book's age, b = the allowance (ms). */
  AGED: 3,
  /** a = the taker fee given (bps; NaN = unknown). */
  BAD_FEE: 4,
  /** a = the latency given (ms). */
  BAD_LATENCY: 5,
  /** a = the minimum quantity given (the venue's lots). */
  BAD_MIN_QTY: 6,
  /** a = level index, b = MalformedWhat (+ MALFORMED_BIDS when on the bid side), c = the value found (venue units). */
  MALFORMED: 7,
  /** a = best bid, b = best ask (grid ticks): the venue's own book is crossed. */
  CROSSED: 8,
  /** The venue is not connected to the OMS (an account away or reconnecting). */
  DOWN: 9,
  /** a = its best price on the side taken (NaN: that side is empty), b = the limit. */
  NO_DEPTH: 10,
  /** a = its best price, b = the worst price the plan takes elsewhere: other venues were as good or better. */
  NOT_NEEDED: 11,
  /** One venue's sweep alone was cheaper than a split (mixed lots or minimums). */
  SINGLE_CHEAPER: 12,
  /** a = the venue's lot, b = what was left unplaced (grid lots): its lot is coarser. */
  LOT: 13,
  /** a = its share, b = its minimum (grid lots). */
  MIN_QTY: 14,
  /** a = its share's value, b = its minimum notional (grid QuoteUnits). */
  MIN_NOTIONAL: 15,
  /** a = what was sent, b = what was planned (grid lots), c = CapCause. */
  CAPPED: 16,
  /** a = the child's price, b = the venue's far touch now (grid ticks): the book moved away before sending. */
  TOUCH_MOVED: 17,
  /** a = 1 when risk refused it (0: the venue or the OMS), note = the reason given. */
  REFUSED: 18,
  /** note = the reason its circuit breaker gave (venue- or instrument-scope): it admits no new order now. */
  HALTED: 19,
} as const;
export type LeftOutCode = (typeof LeftOutCode)[keyof typeof LeftOutCode];

export const MalformedWhat = { PRICE: 1, QTY: 2, ORDER: 3 } as const;
/** Added to MalformedWhat for a fault on the bid side. */
export const MALFORMED_BIDS = 4;
export const CapCause = { LEFT: 1, PARTICIPATION: 2 } as const;

/** One venue's reason. Reused in place by the router and runtime: copy it (or its text) to keep it. */
export interface LeftOut {
  venue: VenueId;
  code: LeftOutCode;
  a: number;
  b: number;
  c: number;
  /** Only REFUSED and HALTED: the refusal's or the breaker's own words (an existing string, never built per decision). */
  note: string | undefined;
}

/** A fresh entry whose number fields start as doubles, so writing a fraction later keeps their shape. */
export function blankLeftOut(venue: VenueId): LeftOut {
  return { venue, code: LeftOutCode.STALE, a: 0.5, b: 0.5, c: 0.5, note: undefined };
}

export function setLeftOut(e: LeftOut, venue: VenueId, code: LeftOutCode, a: number, b: number, c: number, note?: string): LeftOut {
  e.venue = venue;
  e.code = code;
  e.a = a;
  e.b = b;
  e.c = c;
  e.note = note;
  return e;
}

/**
 * A decision's reasons, in slots kept for the parent's life: clear() and add() allocate nothing once
 * the slots have grown to the most venues seen in one decision.
 */
export class LeftOutLog {
  private readonly slots: LeftOut[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  add(venue: VenueId, code: LeftOutCode, a = 0, b = 0, c = 0, note?: string): void {
    if (this.count === this.slots.length) this.slots.push(blankLeftOut(venue));
    setLeftOut(this.slots[this.count++]!, venue, code, a, b, c, note);
  }

  addAll(entries: readonly LeftOut[]): void {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      this.add(e.venue, e.code, e.a, e.b, e.c, e.note);
    }
  }

  /** Sets `venue`'s entry (replacing the one it has, if any). */
  put(venue: VenueId, code: LeftOutCode, a = 0, b = 0, c = 0, note?: string): void {
    for (let i = 0; i < this.count; i++) {
      if (this.slots[i]!.venue === venue) {
        setLeftOut(this.slots[i]!, venue, code, a, b, c, note);
        return;
      }
    }
    this.add(venue, code, a, b, c, note);
  }

  /** The latest REFUSED entry of `venue`, marked as refused by risk (the OMS says so only once its call returns). */
  markRisk(venue: VenueId): void {
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.slots[i]!;
      if (e.venue === venue && e.code === LeftOutCode.REFUSED) {
        e.a = 1;
        return;
      }
    }
  }

  /**
   * Whether `other` says the same as this log: the same venues with the same codes (and notes), in order.
   * The figures are left aside (a book's age changes at every event; a view need not hear of each).
   */
  sameReasons(other: LeftOutLog): boolean {
    if (this.count !== other.count) return false;
    for (let i = 0; i < this.count; i++) {
      const a = this.slots[i]!;
      const b = other.slots[i]!;
      if (a.venue !== b.venue || a.code !== b.code || a.note !== b.note) return false;
    }
    return true;
  }

  /** Replaces this log's entries with `other`'s. */
  copyFrom(other: LeftOutLog): void {
    this.count = 0;
    for (let i = 0; i < other.count; i++) {
      const e = other.slots[i]!;
      this.add(e.venue, e.code, e.a, e.b, e.c, e.note);
    }
  }

  /** Copies of the entries (for a view): never the slots themselves. */
  entries(): LeftOut[] {
    return this.slots.slice(0, this.count).map((e) => ({ ...e }));
  }
}

/** The decimals of the parent's ticks and lots: an Instrument fits. */
export interface LeftOutUnits {
  priceDecimals: number;
  tickSize: number;
  qtyDecimals: number;
  lotSize: number;
}

/** "SIM-B: book 2.4 s old (limit 1 s)": the venue, then why, in the trader's words with the figures. */
export function leftOutText(e: LeftOut, side: 'buy' | 'sell', u: LeftOutUnits): string {
  return `${e.venue}: ${leftOutReason(e, side, u)}`;
}

/** Why, without the venue. */
export function leftOutReason(e: LeftOut, side: 'buy' | 'sell', u: LeftOutUnits): string {
  const px = (ticks: number) => priceText(ticks, u);
  const qty = (lots: number) => scaledText(lots * u.lotSize, u.qtyDecimals);
  const taken = side === 'buy' ? 'ask' : 'bid';
  switch (e.code) {
    case LeftOutCode.STALE:
      return 'book not live (stale or never synced)';
    case LeftOutCode.NO_BOOK_TIME:
      return 'book age unknown (no feed message yet)';
    case LeftOutCode.AGED:
      return `book ${msText(e.a)} old (limit ${msText(e.b)})`;
    case LeftOutCode.BAD_FEE:
      return Number.isNaN(e.a) ? 'taker fee unknown' : `taker fee ${e.a} bps is not a valid rate`;
    case LeftOutCode.BAD_LATENCY:
      return `latency ${e.a} ms is not valid`;
    case LeftOutCode.BAD_MIN_QTY:
      return `minimum quantity ${e.a} lots is not valid`;
    case LeftOutCode.MALFORMED: {
      const bids = e.b > MALFORMED_BIDS;
      const what = bids ? e.b - MALFORMED_BIDS : e.b;
      const level = `${bids ? 'bid' : 'ask'} level ${e.a + 1}`;
      if (what === MalformedWhat.PRICE) return `book malformed: ${level} has price ${e.c} ticks`;
      if (what === MalformedWhat.QTY) return `book malformed: ${level} has quantity ${e.c} lots`;
      return `book malformed: ${level} at ${e.c} ticks is out of order`;
    }
    case LeftOutCode.CROSSED:
      return `book crossed (bid ${px(e.a)} at or above ask ${px(e.b)})`;
    case LeftOutCode.DOWN:
      return 'venue not connected';
    case LeftOutCode.NO_DEPTH:
      return Number.isNaN(e.a) ? `no ${taken}s in its book` : `no ${taken} within the limit ${px(e.b)} (best ${px(e.a)})`;
    case LeftOutCode.NOT_NEEDED:
      return `not needed: best ${taken} ${px(e.a)}, the plan filled elsewhere at ${px(e.b)} or better`;
    case LeftOutCode.SINGLE_CHEAPER:
      return "one venue's sweep alone was cheaper than a split";
    case LeftOutCode.LOT:
      return `its lot ${qty(e.a)} is coarser than the ${qty(e.b)} left`;
    case LeftOutCode.MIN_QTY:
      return `its share ${qty(e.a)} is below its minimum ${qty(e.b)}`;
    case LeftOutCode.MIN_NOTIONAL:
      return `its share's value ${scaledText(e.a, u.priceDecimals + u.qtyDecimals)} is below its minimum ${scaledText(e.b, u.priceDecimals + u.qtyDecimals)}`;
    case LeftOutCode.CAPPED:
      return `capped at ${qty(e.a)} of ${qty(e.b)} planned by ${e.c === CapCause.PARTICIPATION ? 'the participation cap' : 'what is left of the parent'}`;
    case LeftOutCode.TOUCH_MOVED:
      return `${taken} moved to ${px(e.b)} before sending (child at ${px(e.a)})`;
    case LeftOutCode.REFUSED:
      return `${e.a === 1 ? 'refused by risk' : 'rejected'}: ${e.note ?? 'no reason given'}`;
    case LeftOutCode.HALTED:
      return e.note ? `halted by its circuit breaker (${e.note})` : 'halted by its circuit breaker';
    default:
      return `left out (code ${String(e.code)})`;
  }
}

/** Whole ms below a second ("600 ms"), else seconds to 0.1 ("2.4 s", "5 s"). */
function msText(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms} ms`;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} s`;
}

/** Grid ticks as the instrument prints them, thousands grouped ("64,000.0"); a price between ticks to 4 more decimals. */
export function priceText(ticks: number, u: LeftOutUnits): string {
  const scaled = ticks * u.tickSize;
  if (Number.isSafeInteger(scaled)) return scaledText(scaled, u.priceDecimals);
  const extra = 4;
  const text = scaledText(Math.round(scaled * 10 ** extra), u.priceDecimals + extra);
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  let end = text.length;
  while (end > dot + 1 + u.priceDecimals && text[end - 1] === '0') end--;
  return text.slice(0, end === dot + 1 ? dot : end);
}

/** An integer of 10^-decimals as text with grouped thousands; a non-integer as it is. */
function scaledText(value: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) return String(value);
  const text = formatScaled(value, decimals);
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const neg = whole.startsWith('-');
  const digits = neg ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (dot < 0 ? '' : text.slice(dot));
}
