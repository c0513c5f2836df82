import type { LevelChange } from '../../core';
import type { BookScale } from '../sync';

/** What the scanner needs of the book a frame is for: its venue symbol and scale. */
interface ScanSpec {
  readonly venueSymbol: string;
  readonly scale: BookScale;
}
export interface ScanTarget {
  readonly spec: ScanSpec;
}

/** Binance's JSON has 15-17 significant digits at most; anything past 2^53 is left to the exact slow path. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 10^22
const FAIL = -1;

/**
 * A one-pass reader for Binance diff-depth frames on the combined stream
 * (`{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate",...,"U":..,"u":..,"pu":..,"b":[[p,q],..],"a":[..]}}`),
 * written because JSON.parse alone costs more than everything else on the depth path: it builds an
 * object, arrays and two strings per level that are thrown away as soon as the levels are integers.
 *
 * It reads the stream name, U, u, pu (USD-M), the symbol check and the b/a level pairs, converting each
 * decimal text straight to the instrument's ticks and lots with integer arithmetic (every intermediate
 * value is a whole number below 2^53, so no float rounding ever happens; a value that would pass 2^53
 * is not read here). It is deliberately narrow: anything it does not expect (another key order for
 * "stream"/"data" or "b"/"a", escapes, exponents, nested values in unknown keys, a duplicate key, a
 * level that is not a whole number of ticks/lots, anything invalid) makes it answer `undefined`, and the
 * caller hands the frame to JSON.parse and the normaliser, which then accept or refuse it with their
 * reasons. So correctness never depends on the scanner; the property test checks it gives the same
 * events as that path for the frames it does accept.
 */
export class DepthFrameScanner {
  /** Of the last frame scanned successfully. */
  U = 0;
  u = 0;
  pu = -1;
  /** Bids first, then asks, in the frame's order: a fresh array per frame (it becomes the event's). */
  changes: LevelChange[] = [];

  private text = '';
  private futures: boolean;

  constructor(market: 'spot' | 'usdm') {
    this.futures = market === 'usdm';
  }

  /**
   * Reads `text`; `route` maps the stream name (text[start, end)) to its book, or undefined for a frame
   * this path does not take (not a depth stream, not subscribed). Returns the book with U/u/pu/changes
   * set, or undefined: use the JSON.parse path.
   */
  scan<T extends ScanTarget>(text: string, route: (text: string, start: number, end: number) => T | undefined): T | undefined {
    this.text = text;
    let i = this.ws(0);
    if (text.charCodeAt(i) !== 123 /* { */) return undefined;
    i = this.ws(i + 1);
    if (!text.startsWith('"stream"', i)) return undefined;
    i = this.colon(i + 8);
    if (i === FAIL || text.charCodeAt(i) !== 34) return undefined;
    const start = i + 1;
    const end = this.plainStringEnd(start);
    if (end === FAIL) return undefined;
    const target = route(text, start, end);
    if (target === undefined) return undefined;
    i = this.ws(end + 1);
    if (text.charCodeAt(i) !== 44 /* , */) return undefined;
    i = this.ws(i + 1);
    if (!text.startsWith('"data"', i)) return undefined;
    i = this.colon(i + 6);
    if (i === FAIL) return undefined;
    i = this.data(i, target.spec);
    if (i === FAIL) return undefined;
    i = this.ws(i);
    if (text.charCodeAt(i) !== 125 /* } */) return undefined;
    if (this.ws(i + 1) !== text.length) return undefined;
    return target;
  }

  /** The depthUpdate object at i; returns the index after its closing brace. */
  private data(i: number, spec: ScanSpec): number {
    const text = this.text;
    if (text.charCodeAt(i) !== 123) return FAIL;
    const changes: LevelChange[] = [];
    // Bit per required key seen: e 1, s 2, U 4, u 8, pu 16, b 32, a 64. A repeat is left to JSON.parse (last one wins there).
    let seen = 0;
    i = this.ws(i + 1);
    for (;;) {
      if (text.charCodeAt(i) !== 34) return FAIL;
      const k0 = text.charCodeAt(i + 1);
      const k1 = text.charCodeAt(i + 2);
      let bit = 0;
      let keyEnd: number;
      if (k1 === 34 && k0 !== 92 && k0 >= 32) {
        keyEnd = i + 3;
        bit = k0 === 101 ? 1 : k0 === 115 ? 2 : k0 === 85 ? 4 : k0 === 117 ? 8 : k0 === 98 ? 32 : k0 === 97 ? 64 : 0; // e s U u b a
      } else if (k0 === 112 && k1 === 117 && text.charCodeAt(i + 3) === 34) {
        keyEnd = i + 4;
        bit = this.futures ? 16 : 0; // "pu": spot events have none and its normaliser ignores one
      } else {
        keyEnd = this.plainStringEnd(i + 1);
        if (keyEnd === FAIL) return FAIL;
        keyEnd++;
      }
      if (seen & bit) return FAIL;
      seen |= bit;
      i = this.colon(keyEnd);
      if (i === FAIL) return FAIL;
      switch (bit) {
        case 1:
          if (!text.startsWith('"depthUpdate"', i)) return FAIL;
          i += 13;
          break;
        case 2: {
          const symbol = spec.venueSymbol;
          if (text.charCodeAt(i) !== 34 || !text.startsWith(symbol, i + 1) || text.charCodeAt(i + 1 + symbol.length) !== 34) return FAIL;
          i += symbol.length + 2;
          break;
        }
        case 4:
        case 8:
        case 16: {
          let v = 0;
          let j = i;
          let c = text.charCodeAt(j);
          if (c === 48) c = text.charCodeAt(++j); // a lone 0; "01" is not JSON and fails below
          else {
            if (c < 49 || c > 57) return FAIL;
            while (c >= 48 && c <= 57) {
              v = v * 10 + (c - 48);
              c = text.charCodeAt(++j);
            }
            if (v > MAX_SAFE) return FAIL;
          }
          if (c === 46 || c === 101 || c === 69 || (c >= 48 && c <= 57)) return FAIL; // fraction, exponent, leading zero
          if (bit === 4) this.U = v;
          else if (bit === 8) this.u = v;
          else this.pu = v;
          i = j;
          break;
        }
        case 32:
          if (seen & 64) return FAIL; // asks before bids: the event lists bids first; left to JSON.parse
          i = this.levels(i, spec, 'buy', changes);
          if (i === FAIL) return FAIL;
          break;
        case 64:
          i = this.levels(i, spec, 'sell', changes);
          if (i === FAIL) return FAIL;
          break;
        default:
          i = this.skipScalar(i);
          if (i === FAIL) return FAIL;
      }
      i = this.ws(i);
      const c = text.charCodeAt(i);
      if (c === 125) break;
      if (c !== 44) return FAIL;
      i = this.ws(i + 1);
    }
    if (seen !== (this.futures ? 127 : 111)) return FAIL;
    if (!this.futures) this.pu = -1;
    this.changes = changes;
    return i + 1;
  }

  /** `[["price","qty"],...]` at i into `out`; returns the index after the closing bracket. */
  private levels(i: number, spec: ScanSpec, side: 'buy' | 'sell', out: LevelChange[]): number {
    const text = this.text;
    const { priceDecimals, qtyDecimals, tickSize, lotSize } = spec.scale;
    if (text.charCodeAt(i) !== 91) return FAIL;
    i = this.ws(i + 1);
    if (text.charCodeAt(i) === 93) return i + 1;
    for (;;) {
      if (text.charCodeAt(i) !== 91) return FAIL;
      i = this.ws(i + 1);
      // price
      if (text.charCodeAt(i) !== 34) return FAIL;
      let j = i + 1;
      let v = 0;
      let c = text.charCodeAt(j);
      if (c < 48 || c > 57) return FAIL;
      do {
        v = v * 10 + (c - 48);
        c = text.charCodeAt(++j);
      } while (c >= 48 && c <= 57);
      let written = 0;
      if (c === 46) {
        c = text.charCodeAt(++j);
        if (c < 48 || c > 57) return FAIL;
        do {
          if (written < priceDecimals) {
            v = v * 10 + (c - 48);
            written++;
          } else if (c !== 48) return FAIL; // finer than the instrument's decimals
          c = text.charCodeAt(++j);
        } while (c >= 48 && c <= 57);
      }
      if (c !== 34) return FAIL;
      v *= POW10[priceDecimals - written]!;
      if (v > MAX_SAFE || v === 0) return FAIL;
      if (tickSize !== 1 && v % tickSize !== 0) return FAIL; // not a whole tick (% of exact integers is exact)
      const price = v / tickSize;
      i = this.ws(j + 1);
      if (text.charCodeAt(i) !== 44) return FAIL;
      i = this.ws(i + 1);
      // quantity
      if (text.charCodeAt(i) !== 34) return FAIL;
      j = i + 1;
      v = 0;
      c = text.charCodeAt(j);
      if (c < 48 || c > 57) return FAIL;
      do {
        v = v * 10 + (c - 48);
        c = text.charCodeAt(++j);
      } while (c >= 48 && c <= 57);
      written = 0;
      if (c === 46) {
        c = text.charCodeAt(++j);
        if (c < 48 || c > 57) return FAIL;
        do {
          if (written < qtyDecimals) {
            v = v * 10 + (c - 48);
            written++;
          } else if (c !== 48) return FAIL;
          c = text.charCodeAt(++j);
        } while (c >= 48 && c <= 57);
      }
      if (c !== 34) return FAIL;
      v *= POW10[qtyDecimals - written]!;
      if (v > MAX_SAFE) return FAIL;
      if (lotSize !== 1 && v % lotSize !== 0) return FAIL;
      const qty = v / lotSize;
      i = this.ws(j + 1);
      if (text.charCodeAt(i) !== 93) return FAIL; // a third element: left to JSON.parse
      out.push({ side, price, qty });
      i = this.ws(i + 1);
      const next = text.charCodeAt(i);
      if (next === 93) return i + 1;
      if (next !== 44) return FAIL;
      i = this.ws(i + 1);
    }
  }

  /**
   * Skips the value of a key this reader does not use (E, T, ps, st, ...): a JSON number, a string
   * without escapes, true, false or null. Anything else (objects, arrays, escapes) is left to JSON.parse.
   */
  private skipScalar(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = this.plainStringEnd(i + 1);
      return end === FAIL ? FAIL : end + 1;
    }
    if (c === 116) return text.startsWith('true', i) ? i + 4 : FAIL;
    if (c === 102) return text.startsWith('false', i) ? i + 5 : FAIL;
    if (c === 110) return text.startsWith('null', i) ? i + 4 : FAIL;
    return this.skipNumber(i);
  }

  /** JSON's number grammar exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private skipNumber(i: number): number {
    const text = this.text;
    let c = text.charCodeAt(i);
    if (c === 45) c = text.charCodeAt(++i);
    if (c === 48) c = text.charCodeAt(++i);
    else if (c >= 49 && c <= 57) {
      while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    } else return FAIL;
    if (c === 46) {
      c = text.charCodeAt(++i);
      if (c < 48 || c > 57) return FAIL;
      while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    }
    if (c === 101 || c === 69) {
      c = text.charCodeAt(++i);
      if (c === 43 || c === 45) c = text.charCodeAt(++i);
      if (c < 48 || c > 57) return FAIL;
      while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    }
    return i;
  }

  /** The index of the closing quote of a string starting at i (after its opening quote); FAIL on an escape or a control character. */
  private plainStringEnd(i: number): number {
    const text = this.text;
    for (let c = text.charCodeAt(i); c !== 34; c = text.charCodeAt(++i)) {
      if (c === 92 || c < 32 || c !== c) return FAIL; // backslash, control character, end of text (NaN)
    }
    return i;
  }

  /** Whitespace, ':' and whitespace after a key ending at i; FAIL if the colon is missing. */
  private colon(i: number): number {
    i = this.ws(i);
    return this.text.charCodeAt(i) === 58 ? this.ws(i + 1) : FAIL;
  }

  /** The index of the first non-whitespace character at or after i (JSON whitespace only). */
  private ws(i: number): number {
    const text = this.text;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    return i;
  }
}
