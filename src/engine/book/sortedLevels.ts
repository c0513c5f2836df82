/**
 * Levels as parallel Float64Arrays sorted ascending by key, best (highest key) at the END. This is
 * the ladder's overflow: the levels too deep to fit its price window. Deep levels change rarely and
 * the ones that move in and out of the window are the best ones here, at the end, so pushing and
 * popping there is O(1) and a change near the end moves few elements.
 */
export class SortedLevels {
  private keys = new Float64Array(16);
  private qtys = new Float64Array(16);
  length = 0;

  /** Absolute quantity at a key; a quantity of 0 (or less) deletes the level. Returns the change in length. */
  set(key: number, qty: number): -1 | 0 | 1 {
    const at = this.lowerBound(key);
    const found = at < this.length && this.keys[at] === key;
    if (qty > 0) {
      if (found) {
        this.qtys[at] = qty;
        return 0;
      }
      if (this.length === this.keys.length) this.grow();
      this.keys.copyWithin(at + 1, at, this.length);
      this.qtys.copyWithin(at + 1, at, this.length);
      this.keys[at] = key;
      this.qtys[at] = qty;
      this.length++;
      return 1;
    }
    if (!found) return 0;
    this.keys.copyWithin(at, at + 1, this.length);
    this.qtys.copyWithin(at, at + 1, this.length);
    this.length--;
    return -1;
  }

  get(key: number): number {
    const at = this.lowerBound(key);
    return at < this.length && this.keys[at] === key ? this.qtys[at]! : 0;
  }

  /** Key of the best level; only meaningful when length > 0. */
  get bestKey(): number {
    return this.keys[this.length - 1]!;
  }

  get bestQty(): number {
    return this.qtys[this.length - 1]!;
  }

  /** Appends a level better than every level held (the caller guarantees the order). */
  pushBest(key: number, qty: number): void {
    if (this.length > 0 && !(key > this.bestKey)) throw new Error(`sorted levels: ${key} pushed above ${this.bestKey}`);
    if (this.length === this.keys.length) this.grow();
    this.keys[this.length] = key;
    this.qtys[this.length] = qty;
    this.length++;
  }

  popBest(): void {
    if (this.length > 0) this.length--;
  }

  /** Copies up to k best levels as [sign * key, qty] pairs into dst at offset; returns how many. */
  copyBest(k: number, sign: 1 | -1, dst: Float64Array, offset: number): number {
    const n = Math.min(k, this.length);
    let o = offset;
    for (let j = this.length - 1, end = this.length - n; j >= end; j--) {
      dst[o++] = sign * this.keys[j]! + 0; // + 0 turns the -0 of an ask at price 0 into 0
      dst[o++] = this.qtys[j]!;
    }
    return n;
  }

  clear(): void {
    this.length = 0;
  }

  /** First index whose key is >= key (binary search, checking the best few first). */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.length;
    if (hi > 8 && this.keys[hi - 8]! <= key) lo = hi - 8;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const qtys = new Float64Array(this.qtys.length * 2);
    keys.set(this.keys);
    qtys.set(this.qtys);
    this.keys = keys;
    this.qtys = qtys;
  }
}
