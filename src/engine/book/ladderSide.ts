import { clearBit, prevSet, rebuildSummary, setBit, summaryFor, wordsFor } from './levelBitmap';
import { SortedLevels } from './sortedLevels';

export interface LadderOptions {
  /** Price slots in the window at first; a power of two >= 128. Default 8,192. */
  initialWindow?: number;
  /** The window doubles up to this many slots when deep levels keep changing. Default 131,072 (1 MiB of quantities). */
  maxWindow?: number;
}

export const DEFAULT_WINDOW = 8192;
export const DEFAULT_MAX_WINDOW = 1 << 17;
const MIN_WINDOW = 128;
/** Window bases are multiples of 32, so moving the window shifts whole bitmap words. */
const ALIGN = 32;
/** Every this many operations on the overflow (within reach of the largest window), see whether the window should grow. */
const GROW_CHECK_EVERY = 256;
/** Grow when more than 1 in this many operations since the last check went to the overflow. */
const GROW_WHEN_ONE_IN = 16;

/**
 * One side of an L2 book as a price-indexed ladder. Keys are sign * price (sign +1 for bids, -1 for
 * asks), so on both sides a better price is a higher key and the best level is the highest key.
 *
 *   window    quantities of keys [base, base + width) in a Float64Array indexed by key - base,
 *             a bitmap of the slots that hold a level, and `best` = index of the best one.
 *   overflow  levels with keys below base (too deep for the window), sorted.
 *
 * Invariants: every overflow key is < base; the window is empty only when the whole side is, so the
 * best level is always in the window. The window is placed with the best level about 3/4 of the way
 * up (`headroom` = width/4 of empty slots above it for better prices to arrive into).
 *
 * A price outside the window never loses a level: a better price slides the window up (levels that
 * fall off its bottom move to the overflow), a worse price near the touch slides it down (pulling
 * levels back from the overflow), anything deeper goes to the overflow. If more than 1 in 16 updates
 * land in the overflow within reach of the largest window, the window doubles, up to maxWindow.
 */
export class LadderSide {
  // Numbers from the start (the constructor sets them): a field declared bare starts undefined, and V8 then
  // keeps it as any value rather than a small integer, checked on every read in apply and read loops.
  private width = 0;
  private headroom = 0;
  /** Key of window slot 0; -Infinity while the side is empty and unanchored, so every price misses the window. */
  private base = -Infinity;
  private qty: Float64Array;
  private words: Int32Array;
  private summary: Int32Array;
  private best = -1;
  private inWindow = 0;
  private readonly overflow = new SortedLevels();
  private readonly maxWindow: number = 0;
  private ops = 0;
  private opsAtCheck = 0;
  private overflowOps = 0;

  constructor(
    private readonly sign: 1 | -1,
    options: LadderOptions = {},
  ) {
    const width = options.initialWindow ?? DEFAULT_WINDOW;
    this.maxWindow = Math.max(width, options.maxWindow ?? DEFAULT_MAX_WINDOW);
    for (const [name, value] of [['initialWindow', width], ['maxWindow', this.maxWindow]] as const) {
      if (!Number.isInteger(value) || value < MIN_WINDOW || (value & (value - 1)) !== 0 || value > 1 << 30) {
        throw new RangeError(`${name} must be a power of two >= ${MIN_WINDOW}, got ${value}`);
      }
    }
    this.width = width;
    this.headroom = width / 4;
    this.qty = new Float64Array(width);
    this.words = new Int32Array(wordsFor(width));
    this.summary = new Int32Array(summaryFor(width));
  }

  get count(): number {
    return this.inWindow + this.overflow.length;
  }

  /** Where the window is, for tests and diagnostics. */
  get window(): { base: number; width: number; overflow: number } {
    return { base: this.base, width: this.width, overflow: this.overflow.length };
  }

  /** Absolute quantity at a price; 0 (or less) deletes the level. Prices must be integers (ticks). */
  set(price: number, qty: number): void {
    this.ops++;
    const key = this.sign * price;
    const i = key - this.base;
    const j = i >>> 0;
    if (j === i && j < this.width) this.setAt(j, qty);
    else this.setOutside(key, qty);
  }

  qtyAt(price: number): number {
    const key = this.sign * price;
    const i = key - this.base;
    const j = i >>> 0;
    if (j === i && j < this.width) return this.qty[j]!;
    return key < this.base ? this.overflow.get(key) : 0;
  }

  /** Copies up to k best levels as [price, qty] pairs into dst at offset; returns how many. */
  copyTop(k: number, dst: Float64Array, offset: number): number {
    const { sign, base, qty, words, summary } = this;
    let n = 0;
    let o = offset;
    // Walk the set bits of one word at a time from the best slot down; the summary only when a word runs out.
    let w = this.best >>> 5;
    let bits = this.best < 0 ? 0 : words[w]! & (-1 >>> (31 - (this.best & 31)));
    while (n < k) {
      if (bits === 0) {
        const next = prevSet(words, summary, (w << 5) - 1);
        if (next < 0) break;
        w = next >>> 5;
        bits = words[w]! & (-1 >>> (31 - (next & 31)));
      }
      const b = 31 - Math.clz32(bits);
      bits ^= 1 << b;
      const i = (w << 5) + b;
      dst[o++] = sign * (base + i) + 0; // + 0 turns the -0 of an ask at price 0 into 0
      dst[o++] = qty[i]!;
      n++;
    }
    return n < k ? n + this.overflow.copyBest(k - n, sign, dst, o) : n;
  }

  /**
   * Replaces the side with a snapshot's flat [price, qty] pairs. Venues send snapshots best level
   * first; in that (strict) order the best level anchors the window and the rest load worst first,
   * so every deep level appends to the overflow in key order: no slide, no insert in the middle, and
   * no growth for what is a one-off load. Any other order goes level by level through set(), where a
   * repeated price keeps its last quantity.
   */
  load(pairs: Float64Array): void {
    this.clear();
    const n = pairs.length >>> 1;
    let bestFirst = true;
    for (let i = 1; i < n && bestFirst; i++) bestFirst = this.sign * (pairs[2 * i - 2]! - pairs[2 * i]!) > 0;
    if (!bestFirst) {
      for (let i = 0; i < n; i++) this.set(pairs[2 * i]!, pairs[2 * i + 1]!);
      return;
    }
    let first = 0;
    while (first < n && !(pairs[2 * first + 1]! > 0)) first++;
    if (first === n) return;
    this.set(pairs[2 * first]!, pairs[2 * first + 1]!);
    for (let i = n - 1; i > first; i--) {
      const price = pairs[2 * i]!;
      const qty = pairs[2 * i + 1]!;
      const key = this.sign * price;
      if (!(qty > 0)) continue;
      if (key >= this.base) this.set(price, qty);
      else if (Number.isSafeInteger(key)) this.overflow.pushBest(key, qty);
      else throw new RangeError(`book price must be an integer number of ticks, got ${price}`);
    }
  }

  clear(): void {
    const { qty, words } = this;
    for (let w = 0; w < words.length; w++) {
      for (let bits = words[w]!; bits !== 0; bits &= bits - 1) qty[(w << 5) + 31 - Math.clz32(bits & -bits)] = 0;
    }
    words.fill(0);
    this.summary.fill(0);
    this.overflow.clear();
    this.best = -1;
    this.inWindow = 0;
    this.base = -Infinity;
  }

  private setAt(j: number, qty: number): void {
    const q = this.qty;
    if (qty > 0) {
      if (q[j] === 0) {
        setBit(this.words, this.summary, j);
        this.inWindow++;
        if (j > this.best) this.best = j;
      }
      q[j] = qty;
    } else if (q[j] !== 0) {
      q[j] = 0;
      clearBit(this.words, this.summary, j);
      this.inWindow--;
      if (j === this.best) {
        this.best = prevSet(this.words, this.summary, j - 1);
        if (this.best < 0 && this.overflow.length > 0) this.moveTo(this.baseFor(this.overflow.bestKey));
      }
    }
  }

  /** The slow path: a price outside the window (or not an integer, which is a bug upstream). */
  private setOutside(key: number, qty: number): void {
    if (!Number.isSafeInteger(key)) throw new RangeError(`book price must be an integer number of ticks, got ${this.sign * key}`);
    if (qty > 0) {
      if (this.inWindow === 0) {
        // Empty side (the overflow is empty too): anchor the window on this price.
        this.base = this.baseFor(key);
      } else if (key > this.base) {
        // Better than anything the window can hold: slide up, deep levels fall into the overflow.
        this.moveTo(this.baseFor(key));
      } else {
        const target = this.baseFor(this.base + this.best);
        if (key < target) return this.overflowSet(key, qty);
        // Near the touch but below the window (the price walked down): slide down to the best.
        this.moveTo(target);
      }
      this.setAt(key - this.base, qty);
    } else if (key < this.base) {
      this.overflowSet(key, qty);
    }
    // A delete above the window is of a level that cannot exist: nothing to do.
  }

  private overflowSet(key: number, qty: number): void {
    // Only levels a window of maxWindow could ever hold count towards growing: junk quotes far
    // from the market (a bid at 1 tick) would otherwise grow every window to its maximum for nothing.
    const reach = this.maxWindow - this.maxWindow / 4;
    if (key >= this.base + this.best - reach && ++this.overflowOps >= GROW_CHECK_EVERY) {
      const busy = this.overflowOps * GROW_WHEN_ONE_IN > this.ops - this.opsAtCheck;
      this.overflowOps = 0;
      this.opsAtCheck = this.ops;
      if (busy && this.width < this.maxWindow && this.inWindow > 0) {
        this.grow();
        const i = key - this.base;
        if (i >= 0) return this.setAt(i, qty);
      }
    }
    this.overflow.set(key, qty);
  }

  /** The aligned base that puts `topKey` (the best level to be) `headroom` slots below the window's top. */
  private baseFor(topKey: number): number {
    return Math.floor((topKey + this.headroom - this.width) / ALIGN) * ALIGN;
  }

  private moveTo(newBase: number): void {
    const d = newBase - this.base;
    if (d > 0) this.slideUp(d);
    else if (d < 0) this.slideDown(-d);
    rebuildSummary(this.words, this.summary);
  }

  /** Window moves d slots towards better prices; the d worst slots spill into the overflow. */
  private slideUp(d: number): void {
    const { qty, words, width } = this;
    const leaving = Math.min(d, width);
    // Ascending keys, all above every overflow key (they were in the window): they append in order.
    for (let w = 0; w < leaving >>> 5; w++) {
      for (let bits = words[w]!; bits !== 0; bits &= bits - 1) {
        const i = (w << 5) + 31 - Math.clz32(bits & -bits);
        this.overflow.pushBest(this.base + i, qty[i]!);
        qty[i] = 0;
        this.inWindow--;
      }
    }
    if (d < width) {
      qty.copyWithin(0, d, width);
      qty.fill(0, width - d);
      words.copyWithin(0, d >>> 5);
      words.fill(0, (width - d) >>> 5);
      this.best = this.best >= d ? this.best - d : -1;
    } else {
      words.fill(0);
      this.best = -1;
    }
    this.base += d;
  }

  /** Window moves e slots towards worse prices; overflow levels that now fit move back in. */
  private slideDown(e: number): void {
    const { qty, words, width } = this;
    // Callers only slide down far enough to keep the best level inside: the top e slots are empty.
    if (this.best >= 0 && this.best >= width - e) throw new Error(`ladder: sliding down ${e} would drop the best level at ${this.best}`);
    if (e < width) {
      qty.copyWithin(e, 0, width - e);
      qty.fill(0, 0, e);
      words.copyWithin(e >>> 5, 0, (width - e) >>> 5);
      words.fill(0, 0, e >>> 5);
      if (this.best >= 0) this.best += e;
    }
    this.base -= e;
    this.pullFromOverflow();
  }

  private pullFromOverflow(): void {
    const { overflow, qty, words, summary } = this;
    while (overflow.length > 0 && overflow.bestKey >= this.base) {
      const i = overflow.bestKey - this.base;
      qty[i] = overflow.bestQty;
      setBit(words, summary, i);
      this.inWindow++;
      if (i > this.best) this.best = i;
      overflow.popBest();
    }
  }

  /** Doubles the window around the best level (which is in the window: the overflow is not empty). */
  private grow(): void {
    const width = this.width * 2;
    const oldBase = this.base;
    const oldQty = this.qty;
    const oldWords = this.words;
    this.width = width;
    this.headroom = width / 4;
    this.base = this.baseFor(oldBase + this.best);
    const offset = oldBase - this.base; // > 0 and a multiple of 32
    this.qty = new Float64Array(width);
    this.qty.set(oldQty.subarray(0, this.best + 1), offset);
    this.words = new Int32Array(wordsFor(width));
    this.words.set(oldWords.subarray(0, (this.best >>> 5) + 1), offset >>> 5);
    this.summary = new Int32Array(summaryFor(width));
    this.best += offset;
    this.pullFromOverflow();
    rebuildSummary(this.words, this.summary);
  }
}
