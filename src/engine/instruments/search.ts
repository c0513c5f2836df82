import type { Instrument } from './instrument';

/**
 * Finding instruments by what a trader types: the symbol in any spelling ("btc/usdt", "NSE:RELIANCE"),
 * the display name word by word ("nifty 24000 ce", "NIFTY 26DEC 24000 CE") or the long name
 * ("reliance industries"). Case and separators never matter. Shared by the renderer's picker (over the
 * instruments it holds) and the engine's `instruments.search` (over every instrument, Kite's ~100k
 * contracts included), so both rank alike.
 */

/** Letters and digits only, upper case: "btc/usdt", "BTC-USDT" and "btcusdt" all read BTCUSDT. */
export function squash(text: string): string {
  // Most names are already clean (Kite's are upper-case letters and digits): no new string then.
  return CLEAN.test(text) ? text : text.toUpperCase().replace(NOT_ALNUM, '');
}
const CLEAN = /^[A-Z0-9]*$/;
const NOT_ALNUM = /[^A-Z0-9]/g;

/** Query words: split on spaces, the picker's "·" and the colon of "NSE:RELIANCE"-style symbols kept whole. */
export function queryWords(query: string): string[] {
  return query
    .split(/[\s·]+/)
    .map(squash)
    .filter((w) => w !== '');
}

/** What one instrument can be found by, computed once per instrument list. */
export interface SearchKeys {
  /** Whole names squashed: symbol, venue symbol, display name. */
  whole: string[];
  /** Single words of the display name and the long name ("NIFTY", "26DEC", "24000", "CE"). */
  words: string[];
  /** The base asset / underlying squashed: "eth" finds ETH-USDT before STETH-USDT by rank, not by luck. */
  base: string;
}

export function searchKeys(inst: Instrument): SearchKeys {
  const whole: string[] = [];
  const words: string[] = [];
  const addTo = (list: string[], key: string): void => {
    if (key !== '' && !list.includes(key)) list.push(key);
  };
  addTo(whole, squash(inst.symbol));
  addTo(whole, squash(inst.venueSymbol));
  for (const text of [inst.displayName, inst.name]) {
    if (!text) continue;
    const parts = text.split(' ');
    let joined = '';
    for (const part of parts) {
      const w = squash(part);
      addTo(words, w);
      joined += w;
    }
    if (text === inst.displayName) addTo(whole, joined);
  }
  return { whole, words, base: squash(inst.base) };
}

/** Ranks, best first. */
export const RANK_EXACT = 0;
export const RANK_BASE = 1;
export const RANK_PREFIX = 2;
export const RANK_CONTAINS = 3;

/**
 * How well one query word matches: exact (a whole name), the base or a whole word of the names, a
 * prefix of a name or word, anywhere inside a whole name; -1 when not at all.
 */
export function wordRank(keys: SearchKeys, word: string): number {
  let best = -1;
  for (const key of keys.whole) {
    const at = key.indexOf(word);
    if (at < 0) continue;
    const rank = key === word ? RANK_EXACT : keys.base === word ? RANK_BASE : at === 0 ? RANK_PREFIX : RANK_CONTAINS;
    if (rank === RANK_EXACT) return rank;
    // One letter inside a name matches nearly everything ("C" is in "BTC"): a single letter counts only
    // at the start of a name or word, so "95000 C" finds the calls and not the puts.
    if (rank === RANK_CONTAINS && word.length === 1) continue;
    if (best < 0 || rank < best) best = rank;
  }
  if (best === RANK_BASE) return best;
  for (const w of keys.words) {
    if (w === word) return RANK_BASE;
    if (w.startsWith(word) && (best < 0 || best > RANK_PREFIX)) best = RANK_PREFIX;
  }
  return best;
}

/**
 * The rank of an instrument for a whole query (the worst of its words; every word must match), or -1.
 * Typing a whole name ("NIFTY 26DEC 24000 CE", "nse:reliance") is an exact match however it is spaced.
 */
export function queryRank(keys: SearchKeys, words: readonly string[], squashedQuery: string): number {
  if (squashedQuery !== '' && keys.whole.includes(squashedQuery)) return RANK_EXACT;
  let rank = RANK_EXACT;
  for (const word of words) {
    const r = wordRank(keys, word);
    if (r < 0) return -1;
    if (r > rank) rank = r;
  }
  return rank;
}

export interface InstrumentSearchResult {
  /** The best `limit` matches, best first; equal ranks keep list order. */
  instruments: Instrument[];
  /** Every match, including those past the limit. */
  total: number;
}

/**
 * An index over a fixed instrument list for the engine, built once per list. Every instrument's names
 * are laid end to end in one string (names hold only A-Z and 0-9, so a word can never match across two
 * of them); a query scans that string natively for its longest word, which finds the few candidates
 * fast, and ranks only those. Matches are not sorted: a bucket per rank keeps the first `limit` of each.
 */
export class InstrumentSearch {
  private readonly instruments: readonly Instrument[];
  private readonly keys: SearchKeys[];
  private readonly haystack: string;
  /** Where each instrument's names start in `haystack`, ascending. */
  private readonly starts: Int32Array;

  constructor(instruments: readonly Instrument[]) {
    this.instruments = instruments;
    this.keys = instruments.map(searchKeys);
    this.starts = new Int32Array(instruments.length);
    const parts: string[] = [];
    let offset = 0;
    this.keys.forEach((k, i) => {
      this.starts[i] = offset;
      const part = `${covering([...k.whole, ...k.words]).join('\t')}\n`;
      parts.push(part);
      offset += part.length;
    });
    this.haystack = parts.join('');
  }

  get size(): number {
    return this.instruments.length;
  }

  search(query: string, opts: { limit: number; venue?: string }): InstrumentSearchResult {
    const words = queryWords(query);
    const squashed = words.join('');
    const buckets: Instrument[][] = [[], [], [], []];
    let total = 0;
    const consider = (i: number): void => {
      const inst = this.instruments[i]!;
      if (opts.venue !== undefined && inst.venue !== opts.venue) return;
      const rank = words.length === 0 ? RANK_EXACT : queryRank(this.keys[i]!, words, squashed);
      if (rank < 0) return;
      total++;
      const bucket = buckets[rank]!;
      if (bucket.length < opts.limit) bucket.push(inst);
    };
    if (words.length === 0) {
      for (let i = 0; i < this.instruments.length; i++) consider(i);
    } else {
      // Every word must occur in an instrument's names, so any one of them picks the candidates: the one
      // likely to occur least, the longest, and among equals one with digits (a strike or an expiry
      // narrows Kite's list far more than an underlying that thousands of contracts share).
      const driver = words.reduce((a, b) => (selectivity(b) > selectivity(a) ? b : a));
      let entry = 0;
      let at = this.haystack.indexOf(driver);
      while (at >= 0) {
        while (entry + 1 < this.starts.length && this.starts[entry + 1]! <= at) entry++;
        consider(entry);
        if (entry + 1 >= this.starts.length) break;
        at = this.haystack.indexOf(driver, this.starts[entry + 1]!);
      }
    }
    return { instruments: buckets.flat().slice(0, opts.limit), total };
  }
}

/**
 * The names no other name contains: "NIFTY", "CE" and "NIFTY26DEC24000CE" are all inside
 * "NFONIFTY26DEC24000CE", so scanning that one finds every word the others would. Keeps the scanned
 * string (and so each query) about a third of its size for Kite's contracts.
 */
function covering(names: readonly string[]): string[] {
  const unique = [...new Set(names)].sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  for (const name of unique) if (!kept.some((k) => k.includes(name))) kept.push(name);
  return kept;
}

const selectivity = (word: string): number => word.length * 2 + (/\d/.test(word) ? 1 : 0);
