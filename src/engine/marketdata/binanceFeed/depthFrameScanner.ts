import { FLAT_ASK, FLAT_BID, type FlatLevelChanges } from '../../core';
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
/*
 * Whole ticks and lots (the note on whole ticks): `v / size` is tested for being an integer instead of `v % size === 0`. On the
 * doubles these values are, % is a call to fmod, which cost 13% of the whole depth path in the profile;
 * the division is one instruction and exact for this test: a multiple of size divides exactly, and for
 * any other v (an integer <= 2^53 - 1) the true quotient is at least 1/size away from an integer while
 * the rounding error is at most half an ulp of a value below 2^53 / size, i.e. less than 1/size, so the
 * rounded quotient is never an integer.
 */
/**
 * Reads use `b[i]!`: past the end a typed array gives undefined, which fails every comparison made
 * on it (no character class matches it), so a truncated frame simply fails to scan.
 */
const FAIL = -1;
/**
 * Byte strings this reader compares frames with are plain arrays, not typed ones: once any ArrayBuffer
 * in the process has been detached (the book service transfers its batches to the worker), V8 checks
 * every typed-array read, and a plain array of small integers is read without that.
 */
const bytesOf = (text: string): readonly number[] => Array.from(text, (c) => c.charCodeAt(0));
const STREAM_KEY = bytesOf('"stream"');
const DATA_KEY = bytesOf('"data"');
const DEPTH_UPDATE = bytesOf('"depthUpdate"');
/** The `seen` bit of "e" (see members). */
const SEEN_E = 1;

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
  /**
   * The levels as (side, price, qty) triples (FlatLevelChanges), bids first, then asks, in the frame's
   * order: a fresh array per frame (it becomes the event's), copied from `scratch` once the frame has
   * scanned, so a frame that fails half way leaves nothing behind.
   */
  levels: FlatLevelChanges = [];

  /** Where the levels of the frame being scanned are written; `filled` of its entries are this frame's. */
  private readonly scratch: number[] = new Array<number>(3 * 64).fill(0);
  private filled = 0;

  private b: Uint8Array = new Uint8Array(0);
  private futures: boolean;
  /**
   * The bytes the last frame read in full began with, up to the key after "e" (a copy), and where its
   * stream name is in them. Every frame of a stream begins with the same bytes
   * (`{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate",`), and a frame that begins with exactly
   * these is in exactly the state they left the reader in (the same stream name, "e" seen and right):
   * one comparison instead of reading them token by token, which was a fifth of the hot path.
   */
  private prefix: readonly number[] = [];
  /**
   * What `route` answered for the stream named in `prefix`: a frame that begins with the prefix is
   * routed without reading its stream name again (comparing it a second time cost about 60 ns a frame, 8%
   * of the whole depth path in `npm run bench -- venue`).
   * The router's answer for a name only changes when its book goes away, and the owner then calls forget().
   */
  private prefixTarget: ScanTarget | undefined;
  /** Of the frame being read: where the members after a leading "e" start (0: "e" did not lead). */
  private afterE = 0;

  constructor(market: 'spot' | 'usdm') {
    this.futures = market === 'usdm';
  }

  /**
   * Reads the frame's bytes (UTF-8, as the socket delivered them: no string is decoded on this path);
   * `route` maps the stream name (bytes[start, end), ASCII) to its book, or undefined for a frame
   * this path does not take (not a depth stream, not subscribed). A frame that begins exactly like the
   * last one read in full goes to the target `route` gave for that one without asking it again (see
   * prefixTarget: call forget() when its answer changes). Returns the book with U/u/pu/changes set, or
   * undefined: use the JSON.parse path.
   */
  scan<T extends ScanTarget>(bytes: Uint8Array, route: (bytes: Uint8Array, start: number, end: number) => T | undefined): T | undefined {
    this.b = bytes;
    const b = bytes;
    // The digit loops below test `d >>> 0 < 10` (d = byte - 48), one comparison, which past the end
    // (undefined - 48 = NaN, and NaN >>> 0 = 0) would take for a digit and never stop. A frame whose
    // last byte, whitespace aside, is a closing brace (as is every frame this reader accepts) has a
    // non-digit after any digits in it, so no loop reaches its end.
    let last = b.length - 1;
    if (b[last]! !== 125 /* } */) {
      while (last > 0 && isWs(b[last]!)) last--;
      if (b[last]! !== 125) return undefined;
    }
    const prefix = this.prefix;
    if (prefix.length !== 0 && startsWith(b, prefix)) {
      const target = this.prefixTarget as T;
      return this.closes(this.members(prefix.length, target.spec, SEEN_E)) ? target : undefined;
    }
    let i = b[0]! <= 32 ? this.ws(0) : 0;
    if (b[i]! !== 123 /* { */) return undefined;
    i = i + 1;
    if (b[i]! <= 32) i = this.ws(i);
    if (!this.literal(i, STREAM_KEY)) return undefined;
    i = this.colon(i + 8);
    if (i === FAIL || b[i]! !== 34) return undefined;
    const start = i + 1;
    const end = this.plainStringEnd(start);
    if (end === FAIL) return undefined;
    const target = route(b, start, end);
    if (target === undefined) return undefined;
    i = end + 1;
    if (b[i]! <= 32) i = this.ws(i);
    if (b[i]! !== 44 /* , */) return undefined;
    i = i + 1;
    if (b[i]! <= 32) i = this.ws(i);
    if (!this.literal(i, DATA_KEY)) return undefined;
    i = this.colon(i + 6);
    if (i === FAIL) return undefined;
    if (b[i]! !== 123) return undefined;
    i = i + 1;
    if (b[i]! <= 32) i = this.ws(i);
    this.afterE = 0;
    if (!this.closes(this.members(i, target.spec, 0))) return undefined;
    if (this.afterE !== 0) this.remember(target);
    return target;
  }

  /** Whether the frame ends properly after the depthUpdate object that ended before i (the envelope's brace, whitespace). */
  private closes(i: number): boolean {
    if (i === FAIL) return false;
    const b = this.b;
    if (b[i]! <= 32) i = this.ws(i);
    if (b[i]! !== 125 /* } */) return false;
    i++;
    return i === b.length || this.ws(i) === b.length;
  }

  /** Keeps the bytes of the frame just read up to afterE as the prefix to look for (see `prefix`). */
  private remember(target: ScanTarget): void {
    const b = this.b;
    const n = this.afterE;
    this.prefixTarget = target;
    if (this.prefix.length === n && startsWith(b, this.prefix)) return;
    // A copy: the socket's buffer is not ours to keep.
    const prefix: number[] = new Array<number>(n);
    for (let k = 0; k < n; k++) prefix[k] = b[k]!;
    this.prefix = prefix;
  }

  /**
   * Drops the remembered prefix and its target: the router's answer for that stream may have changed
   * (its book was removed). The next frame is read in full and routed again.
   */
  forget(): void {
    this.prefix = [];
    this.prefixTarget = undefined;
  }

  /**
   * The members of the depthUpdate object from i (the opening quote of a key), `seen` of them already
   * read (a bit per required key: e 1, s 2, U 4, u 8, pu 16, b 32, a 64; a repeat is left to JSON.parse,
   * where the last one wins); returns the index after its closing brace.
   */
  private members(i: number, spec: ScanSpec, seen: number): number {
    const b = this.b;
    this.filled = 0;
    for (;;) {
      if (b[i]! !== 34) return FAIL;
      const k0 = b[i + 1]!;
      const k1 = b[i + 2]!;
      let bit = 0;
      let keyEnd: number;
      if (k1 === 34 && k0 !== 92 && k0 >= 32) {
        keyEnd = i + 3;
        bit = k0 === 101 ? 1 : k0 === 115 ? 2 : k0 === 85 ? 4 : k0 === 117 ? 8 : k0 === 98 ? 32 : k0 === 97 ? 64 : 0; // e s U u b a
      } else if (k0 === 112 && k1 === 117 && b[i + 3]! === 34) {
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
          if (!this.literal(i, DEPTH_UPDATE)) return FAIL;
          i += 13;
          break;
        case 2: {
          const symbol = spec.venueSymbol;
          if (b[i]! !== 34 || !this.ascii(i + 1, symbol) || b[i + 1 + symbol.length]! !== 34) return FAIL;
          i += symbol.length + 2;
          break;
        }
        case 4:
        case 8:
        case 16: {
          let v = 0;
          let j = i;
          let c = b[j]!;
          if (c === 48) c = b[++j]!; // a lone 0; "01" is not JSON and fails below
          else {
            if (c < 49 || c > 57) return FAIL;
            let d = c - 48;
            do {
              v = v * 10 + d;
              d = b[++j]! - 48;
            } while (d >>> 0 < 10);
            c = d + 48;
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
          i = this.readLevels(i, spec, FLAT_BID);
          if (i === FAIL) return FAIL;
          break;
        case 64:
          i = this.readLevels(i, spec, FLAT_ASK);
          if (i === FAIL) return FAIL;
          break;
        default:
          i = this.skipScalar(i);
          if (i === FAIL) return FAIL;
      }
      let c = b[i]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
      if (c === 125) break;
      if (c !== 44) return FAIL;
      i = i + 1;
      if (b[i]! <= 32) i = this.ws(i);
      if (seen === SEEN_E && this.afterE === 0) this.afterE = i;
    }
    if (seen !== (this.futures ? 127 : 111)) return FAIL;
    if (!this.futures) this.pu = -1;
    this.levels = this.scratch.slice(0, this.filled);
    return i + 1;
  }

  /**
   * `[["price","qty"],...]` at i, appended to the scratch levels; returns the index after the closing
   * bracket. Each byte is read once into `c` (`c = b[(i = this.ws(i))]` after whitespace): every
   * typed-array read is checked once a buffer was detached (see bytesOf), so reading the byte after a
   * token twice, once for the whitespace test and once for the token, cost a tenth of the scan.
   */
  private readLevels(i: number, spec: ScanSpec, side: number): number {
    const b = this.b;
    const out = this.scratch;
    const { priceDecimals, qtyDecimals, tickSize, lotSize } = spec.scale;
    if (b[i]! !== 91) return FAIL;
    let c = b[++i]!;
    if (c <= 32) c = b[(i = this.ws(i))]!;
    if (c === 93) return i + 1;
    for (;;) {
      if (c !== 91) return FAIL;
      c = b[++i]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
      // price
      if (c !== 34) return FAIL;
      let j = i + 1;
      let v = 0;
      let d = b[j]! - 48;
      if (!(d >>> 0 < 10)) return FAIL;
      do {
        v = v * 10 + d;
        d = b[++j]! - 48;
      } while (d >>> 0 < 10);
      c = d + 48;
      let written = 0;
      if (c === 46) {
        d = b[++j]! - 48;
        if (!(d >>> 0 < 10)) return FAIL;
        do {
          if (written < priceDecimals) {
            v = v * 10 + d;
            written++;
          } else if (d !== 0) return FAIL; // finer than the instrument's decimals
          d = b[++j]! - 48;
        } while (d >>> 0 < 10);
        c = d + 48;
      }
      if (c !== 34) return FAIL;
      if (written !== priceDecimals) v *= POW10[priceDecimals - written]!;
      if (!(v <= MAX_SAFE) || v === 0) return FAIL; // also NaN: a scale beyond 10^22
      const price = v / tickSize;
      if (price !== Math.floor(price)) return FAIL; // not a whole tick (see the note on whole ticks above)
      c = b[(i = j + 1)]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
      if (c !== 44) return FAIL;
      c = b[++i]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
      // quantity
      if (c !== 34) return FAIL;
      j = i + 1;
      v = 0;
      d = b[j]! - 48;
      if (!(d >>> 0 < 10)) return FAIL;
      do {
        v = v * 10 + d;
        d = b[++j]! - 48;
      } while (d >>> 0 < 10);
      c = d + 48;
      written = 0;
      if (c === 46) {
        d = b[++j]! - 48;
        if (!(d >>> 0 < 10)) return FAIL;
        do {
          if (written < qtyDecimals) {
            v = v * 10 + d;
            written++;
          } else if (d !== 0) return FAIL; // finer than the instrument's decimals
          d = b[++j]! - 48;
        } while (d >>> 0 < 10);
        c = d + 48;
      }
      if (c !== 34) return FAIL;
      if (written !== qtyDecimals) v *= POW10[qtyDecimals - written]!;
      if (!(v <= MAX_SAFE)) return FAIL;
      const qty = v / lotSize;
      if (qty !== Math.floor(qty)) return FAIL; // not a whole lot
      c = b[(i = j + 1)]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
      if (c !== 93) return FAIL; // a third element: left to JSON.parse
      const n = this.filled;
      out[n] = side;
      out[n + 1] = price;
      out[n + 2] = qty;
      this.filled = n + 3;
      c = b[++i]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
      if (c === 93) return i + 1;
      if (c !== 44) return FAIL;
      c = b[++i]!;
      if (c <= 32) c = b[(i = this.ws(i))]!;
    }
  }

  /**
   * Skips the value of a key this reader does not use (E, T, ps, st, ...): a JSON number, a string
   * without escapes, true, false or null. Anything else (objects, arrays, escapes) is left to JSON.parse.
   */
  private skipScalar(i: number): number {
    const b = this.b;
    const c = b[i]!;
    if (c === 34) {
      const end = this.plainStringEnd(i + 1);
      return end === FAIL ? FAIL : end + 1;
    }
    if (c === 116) return this.ascii(i, 'true') ? i + 4 : FAIL;
    if (c === 102) return this.ascii(i, 'false') ? i + 5 : FAIL;
    if (c === 110) return this.ascii(i, 'null') ? i + 4 : FAIL;
    return this.skipNumber(i);
  }

  /** JSON's number grammar exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private skipNumber(i: number): number {
    const b = this.b;
    let c = b[i]!;
    if (c === 45) c = b[++i]!;
    if (c === 48) c = b[++i]!;
    else if (c >= 49 && c <= 57) {
      let d: number;
      do d = b[++i]! - 48;
      while (d >>> 0 < 10);
      c = d + 48;
    } else return FAIL;
    if (c === 46) {
      c = b[++i]!;
      if (c < 48 || c > 57) return FAIL;
      while (c >= 48 && c <= 57) c = b[++i]!;
    }
    if (c === 101 || c === 69) {
      c = b[++i]!;
      if (c === 43 || c === 45) c = b[++i]!;
      if (c < 48 || c > 57) return FAIL;
      while (c >= 48 && c <= 57) c = b[++i]!;
    }
    return i;
  }

  /** The index of the closing quote of a string starting at i (after its opening quote); FAIL on an escape or a control character. */
  private plainStringEnd(i: number): number {
    const b = this.b;
    for (let c = b[i]!; c !== 34; c = b[++i]!) {
      // Backslash, control character, end of the frame (undefined), or a non-ASCII byte (left to the decoder).
      if (c === 92 || !(c >= 32 && c < 128)) return FAIL;
    }
    return i;
  }

  /** Whitespace, ':' and whitespace after a key ending at i; FAIL if the colon is missing. */
  private colon(i: number): number {
    const b = this.b;
    let c = b[i]!;
    if (c <= 32) c = b[(i = this.ws(i))]!;
    if (c !== 58) return FAIL;
    i++;
    return b[i]! <= 32 ? this.ws(i) : i;
  }

  /** Whether the bytes at i are `lit`. */
  private literal(i: number, lit: readonly number[]): boolean {
    const b = this.b;
    if (i + lit.length > b.length) return false;
    for (let k = 0; k < lit.length; k++) if (b[i + k]! !== lit[k]) return false;
    return true;
  }

  /** Whether the bytes at i are the ASCII text `s`. */
  private ascii(i: number, s: string): boolean {
    const b = this.b;
    if (i + s.length > b.length) return false;
    for (let k = 0; k < s.length; k++) if (b[i + k]! !== s.charCodeAt(k)) return false;
    return true;
  }

  /**
   * The index of the first non-whitespace character at or after i (JSON whitespace only). Callers on
   * the hot path test `b[i] <= 32` first: Binance writes no whitespace between tokens, and not making
   * the call at all made the scan 12% faster.
   */
  private ws(i: number): number {
    // Bounded: reading past the end (NaN) would make V8 throw away the optimised code of every caller.
    const b = this.b;
    const n = b.length;
    for (; i < n; i++) {
      const c = b[i]!;
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    }
    return i;
  }
}

/** JSON whitespace. */
const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Whether `bytes` is longer than `prefix` and begins with it. */
function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  const n = prefix.length;
  if (bytes.length <= n) return false;
  // Four bytes a step: a quarter of the loop's own compares and branches.
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    if (bytes[k] !== prefix[k] || bytes[k + 1] !== prefix[k + 1] || bytes[k + 2] !== prefix[k + 2] || bytes[k + 3] !== prefix[k + 3]) return false;
  }
  for (; k < n; k++) if (bytes[k] !== prefix[k]) return false;
  return true;
}

/** Whether bytes[start, end) spell the ASCII `name` (a stream name compared without decoding it). */
export function sameAscii(bytes: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (bytes[start + k] !== name.charCodeAt(k)) return false;
  return true;
}
