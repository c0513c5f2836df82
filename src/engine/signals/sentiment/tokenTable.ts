/**
 * An open-addressing hash table of lower-case tokens (lexicon words, boosters, negations and the words VADER's
 * rules compare against) that is probed with a range of the text being scored, so that finding a token's
 * entry allocates nothing: no slice, no lower-casing. The hash is FNV-1a over the UTF-16 units of the
 * lower-case form; ASCII capitals are folded while hashing and comparing. Tokens with other characters go
 * through String.prototype.toLowerCase (as VADER does) and findString.
 */

/** What VADER's rules need to know about one lower-case token. */
export interface TokenFacts {
  /** Its valence, when it is in the lexicon. */
  valence?: number;
  /** The booster/dampener scalar, 0 when it is neither. */
  boost: number;
  negation: boolean;
}

export class TokenTable {
  readonly keys: string[] = [];
  readonly inLex: Uint8Array;
  readonly valence: Float64Array;
  readonly boost: Float64Array;
  readonly negation: Uint8Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(entries: ReadonlyMap<string, TokenFacts>) {
    const count = entries.size;
    let size = 16;
    while (size < count * 4) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.inLex = new Uint8Array(count);
    this.valence = new Float64Array(count);
    this.boost = new Float64Array(count);
    this.negation = new Uint8Array(count);
    let index = 0;
    for (const [key, facts] of entries) {
      this.keys.push(key);
      this.inLex[index] = facts.valence === undefined ? 0 : 1;
      this.valence[index] = facts.valence ?? 0;
      this.boost[index] = facts.boost;
      this.negation[index] = facts.negation ? 1 : 0;
      let slot = hashString(key) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = index;
      index++;
    }
  }

  /** The entry of text[start, end) lower-cased (ASCII only: the caller routes other text to findString), or -1. */
  findRange(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 0x20;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    const len = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot]!;
      if (index < 0) return -1;
      const key = this.keys[index]!;
      if (key.length !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        let c = text.charCodeAt(start + i);
        if (c >= 65 && c <= 90) c |= 0x20;
        if (c !== key.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return index;
    }
  }

  /** The entry of an already lower-cased string, or -1. */
  findString(lower: string): number {
    const h = hashString(lower);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot]!;
      if (index < 0) return -1;
      if (this.keys[index] === lower) return index;
    }
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
