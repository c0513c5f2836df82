/**
 * VADER (Hutto & Gilbert 2014) written for speed: the same rules, in the same order, with the same float
 * operations as the `vader-sentiment` package (so its four numbers agree to 1e-4), but one pass over the
 * text's characters instead of the peer's per-text dictionary of 34 strings per word. A token is looked up
 * in a hash table with the range of the text it spans (tokenTable.ts), so a plain ASCII token costs no
 * string at all: no slice, no lower-casing; only tokens with other characters are sliced and lower-cased
 * (once, as VADER would). Per-token facts live in typed buffers reused from text to text.
 *
 * VADER's quirks are kept on purpose, because agreeing with VADER is the contract: a token keeps its
 * punctuation unless it is exactly one of PUNCTUATION_RUNS ("good!!!!" is not "good"); negations, "never
 * so", "but" and idioms are matched case-sensitively; '!' and '?' are counted over the whole text.
 *
 * A scorer is not re-entrant (its buffers are shared by its calls): one per worker. score() returns a fresh
 * object; scoreInto() fills the caller's.
 */
import {
  BOOSTERS, B_DECR, C_INCR, EXCLAMATION_INCR, IDIOMS, NEGATIONS, NORMALIZE_ALPHA, N_SCALAR, PUNCTUATION_RUNS,
  QUESTION_INCR, QUESTION_MAX,
} from './vaderRules';
import { TokenTable, type TokenFacts } from './tokenTable';

/** VADER's four numbers: compound in [-1, 1] (4 decimals), and the pos/neu/neg proportions (3 decimals). */
export interface SentimentScore {
  compound: number;
  pos: number;
  neu: number;
  neg: number;
}

/** A lexicon for the scorer: single tokens (lower case) and multi-word phrases (lower case, one space). */
export interface ScorerLexicon {
  words: ReadonlyMap<string, number>;
  /** Phrases are merged into one token before scoring, so negation and boosters apply to them as to a word. */
  phrases: ReadonlyMap<string, number>;
}

const IDIOM_WORDS: ReadonlySet<string> = new Set([...IDIOMS.keys()].flatMap((k) => k.split(' ')));
/** Words the rules compare tokens with: they get a table entry (and so a string) even when not in the lexicon. */
const RULE_WORDS = ['but', 'never', 'so', 'this', 'kind', 'of', 'sort', 'just', 'enough', 'least', 'at', 'very', ...IDIOM_WORDS];

/** PUNCTUATION_RUNS as numbers (7 bits per ASCII character), so a token's run is checked without a slice. */
const RUN_CODES: ReadonlySet<number> = new Set([...PUNCTUATION_RUNS].map((run) => runCode(run, 0, run.length)));

function runCode(text: string, start: number, end: number): number {
  if (end - start > 4) return -1; // the longest run is 4 characters
  let code = 0;
  for (let i = start; i < end; i++) code = code * 128 + text.charCodeAt(i);
  return code;
}

/** One table per lexicon, shared by its scorers. */
const tables = new WeakMap<ScorerLexicon, TokenTable>();

function tableOf(lexicon: ScorerLexicon): TokenTable {
  let table = tables.get(lexicon);
  if (table) return table;
  const entries = new Map<string, TokenFacts>();
  const phraseWords = [...lexicon.phrases.keys()].flatMap((p) => p.split(' '));
  for (const key of [...lexicon.words.keys(), ...lexicon.phrases.keys(), ...BOOSTERS.keys(), ...NEGATIONS, ...RULE_WORDS, ...phraseWords]) {
    if (entries.has(key)) continue;
    entries.set(key, { valence: lexicon.words.get(key) ?? lexicon.phrases.get(key), boost: BOOSTERS.get(key) ?? 0, negation: NEGATIONS.has(key) });
  }
  table = new TokenTable(entries);
  tables.set(lexicon, table);
  return table;
}

/** JavaScript's `\s` (String.prototype.split(/\s/) is how VADER tokenises). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** ASCII punctuation: the characters VADER's REGEX_REMOVE_PUNCTUATION removes. */
function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** toFixed-then-parseFloat, as VADER rounds, without the strings except within a hair of a tie. */
function roundTo(x: number, scale: number, digits: number): number {
  const scaled = x * scale;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) < 1e-6) return parseFloat(x.toFixed(digits));
  return Math.round(scaled) / scale;
}

export class SentimentScorer {
  private readonly table: TokenTable;
  private readonly phraseHeads: ReadonlyMap<string, readonly string[][]>;
  /** The phrases starting with each table entry's word (indexed by entry), so merging costs no string lookups. */
  private readonly phrasesByEntry: (readonly string[][] | undefined)[];

  // Per-token buffers, reused (grown, never shrunk).
  private cap = 0;
  private n = 0;
  /** The token lower-cased: the table's key when it has an entry, '' for an ASCII token without one. */
  private low: string[] = [];
  /** The token's table entry, or -1. */
  private entry = new Int32Array(0);
  /** 1 when the token as written is its lower-case form (VADER's case-sensitive comparisons match only then). */
  private exact = new Uint8Array(0);
  /** 1 when the token is ALL CAPS in Python's sense (an ASCII capital, no ASCII lower-case letter). */
  private upper = new Uint8Array(0);
  /** 1 when the token as written contains "n't" (a negation, whatever the word). */
  private nt = new Uint8Array(0);
  private lex = new Float64Array(0);
  private inLex = new Uint8Array(0);
  private boost = new Float64Array(0);
  private neg = new Uint8Array(0);
  private sent = new Float64Array(0);
  private exclamations = 0;
  private questions = 0;

  constructor(lexicon: ScorerLexicon) {
    this.table = tableOf(lexicon);
    const heads = new Map<string, string[][]>();
    for (const phrase of lexicon.phrases.keys()) {
      const parts = phrase.split(' ');
      if (parts.length < 2 || parts.some((p) => p.length === 0)) throw new Error(`sentiment lexicon: phrase '${phrase}' needs two or more words`);
      const list = heads.get(parts[0]!) ?? [];
      list.push(parts);
      // Longest first, so "all time high" wins over a shorter phrase with the same head.
      list.sort((a, b) => b.length - a.length);
      heads.set(parts[0]!, list);
    }
    this.phraseHeads = heads;
    this.phrasesByEntry = this.table.keys.map((key) => heads.get(key));
  }

  score(text: string): SentimentScore {
    const out: SentimentScore = { compound: 0, pos: 0, neu: 0, neg: 0 };
    this.scoreInto(text, out);
    return out;
  }

  /** Scores `text` into `out`. */
  scoreInto(text: string, out: SentimentScore): SentimentScore {
    this.tokenize(text);
    if (this.phraseHeads.size > 0) this.mergePhrases();
    const n = this.n;
    if (n === 0) {
      out.compound = 0;
      out.pos = 0;
      out.neu = 0;
      out.neg = 0;
      return out;
    }
    const { low, entry, exact, upper, nt, lex, inLex, boost, neg, sent, table } = this;
    let capWords = 0;
    for (let i = 0; i < n; i++) {
      const e = entry[i]!;
      if (e < 0) {
        inLex[i] = 0;
        lex[i] = 0;
        boost[i] = 0;
        neg[i] = nt[i]!;
      } else {
        inLex[i] = table.inLex[e]!;
        lex[i] = table.valence[e]!;
        boost[i] = table.boost[e]!;
        // Negation words are all lower case and VADER matches them as written.
        neg[i] = (exact[i] && table.negation[e]) || nt[i] ? 1 : 0;
      }
      capWords += upper[i]!;
    }
    const capDiff = capWords > 0 && capWords < n;

    for (let i = 0; i < n; i++) {
      if ((i < n - 1 && low[i] === 'kind' && low[i + 1] === 'of') || boost[i] !== 0 || !inLex[i]) {
        sent[i] = 0;
        continue;
      }
      let v = lex[i]!;
      if (upper[i] && capDiff) v = v > 0 ? v + C_INCR : v - C_INCR;
      for (let k = 0; k < 3; k++) {
        const j = i - k - 1;
        if (i <= k || inLex[j]) continue;
        let s = 0;
        const b = boost[j]!;
        if (b !== 0) {
          s = v < 0 ? -b : b;
          if (capDiff && upper[j]) s = v > 0 ? s + C_INCR : s - C_INCR;
        }
        if (k === 1 && s !== 0) s = s * 0.95;
        else if (k === 2 && s !== 0) s = s * 0.9;
        v = v + s;
        v = this.neverCheck(v, k, i);
        if (k === 2) v = this.idiomsCheck(v, i);
      }
      // "least" before the word negates it, except in "at least" / "very least".
      if (i > 1 && low[i - 1] === 'least' && !inLex[i - 1]) {
        if (low[i - 2] !== 'at' && low[i - 2] !== 'very') v = v * N_SCALAR;
      } else if (i > 0 && low[i - 1] === 'least' && !inLex[i - 1]) {
        v = v * N_SCALAR;
      }
      sent[i] = v;
    }

    // "but": what follows it weighs 1.5, what precedes it 0.5 (the first "but", else the first "BUT").
    let but = -1;
    for (let i = 0; i < n; i++) if (exact[i] && low[i] === 'but') { but = i; break; }
    if (but < 0) for (let i = 0; i < n; i++) if (upper[i] && low[i] === 'but') { but = i; break; }
    if (but >= 0) {
      for (let i = 0; i < n; i++) {
        if (i < but) sent[i] = sent[i]! * 0.5;
        else if (i > but) sent[i] = sent[i]! * 1.5;
      }
    }

    let sum = 0;
    for (let i = 0; i < n; i++) sum += sent[i]!;
    const ep = (this.exclamations > 4 ? 4 : this.exclamations) * EXCLAMATION_INCR;
    const qc = this.questions;
    const qm = qc > 1 ? (qc <= 3 ? qc * QUESTION_INCR : QUESTION_MAX) : 0;
    const amp = ep + qm;
    if (sum > 0) sum += amp;
    else if (sum < 0) sum -= amp;
    let compound = sum / Math.sqrt(sum * sum + NORMALIZE_ALPHA);
    if (compound < -1) compound = -1;
    else if (compound > 1) compound = 1;

    let posSum = 0;
    let negSum = 0;
    let neuCount = 0;
    for (let i = 0; i < n; i++) {
      const s = sent[i]!;
      if (s > 0) posSum += s + 1;
      else if (s < 0) negSum += s - 1;
      else neuCount += 1;
    }
    if (posSum > Math.abs(negSum)) posSum += amp;
    else if (posSum < Math.abs(negSum)) negSum -= amp;
    const total = posSum + Math.abs(negSum) + neuCount;
    out.compound = roundTo(compound, 10_000, 4);
    out.pos = roundTo(Math.abs(posSum / total), 1000, 3);
    out.neu = roundTo(Math.abs(neuCount / total), 1000, 3);
    out.neg = roundTo(Math.abs(negSum / total), 1000, 3);
    return out;
  }

  /** True when token i is exactly `word` as written (word in lower case). */
  private is(i: number, word: string): boolean {
    return this.exact[i] === 1 && this.low[i] === word;
  }

  /** "never so good" amplifies; a negation up to three words back flips and damps (VADER's never_check). */
  private neverCheck(v: number, k: number, i: number): number {
    if (k === 0) {
      if (this.neg[i - 1]) v = v * N_SCALAR;
    } else if (k === 1) {
      if (this.is(i - 2, 'never') && (this.is(i - 1, 'so') || this.is(i - 1, 'this'))) v = v * 1.5;
      else if (this.neg[i - 2]) v = v * N_SCALAR;
    } else {
      if ((this.is(i - 3, 'never') && (this.is(i - 2, 'so') || this.is(i - 2, 'this'))) || this.is(i - 1, 'so') || this.is(i - 1, 'this')) v = v * 1.25;
      else if (this.neg[i - 3]) v = v * N_SCALAR;
    }
    return v;
  }

  /** VADER's idioms_check (only reached with i >= 3): an idiom around the word replaces its valence. */
  private idiomsCheck(v: number, i: number): number {
    const n = this.n;
    const found = this.idiom(i - 1, i, -1) ?? this.idiom(i - 2, i - 1, i) ?? this.idiom(i - 2, i - 1, -1) ?? this.idiom(i - 3, i - 2, i - 1) ?? this.idiom(i - 3, i - 2, -1);
    if (found !== undefined) v = found;
    if (n - 1 > i) {
      const x = this.idiom(i, i + 1, -1);
      if (x !== undefined) v = x;
    }
    if (n - 1 > i + 1) {
      const x = this.idiom(i, i + 1, i + 2);
      if (x !== undefined) v = x;
    }
    // The two-word dampeners ("kind of", "sort of", "just enough") as the two words before the previous one,
    // or just before the word.
    if (this.twoWordDampener(i - 3) || this.twoWordDampener(i - 2)) v = v + B_DECR;
    return v;
  }

  /** The idiom spelled by tokens a, b (and c unless -1) as written; a string is built only when every word could be in one. */
  private idiom(a: number, b: number, c: number): number | undefined {
    const { low, exact } = this;
    if (!exact[a] || !exact[b] || !IDIOM_WORDS.has(low[a]!) || !IDIOM_WORDS.has(low[b]!)) return undefined;
    if (c < 0) return IDIOMS.get(`${low[a]} ${low[b]}`);
    if (!exact[c] || !IDIOM_WORDS.has(low[c]!)) return undefined;
    return IDIOMS.get(`${low[a]} ${low[b]} ${low[c]}`);
  }

  /** Tokens a, a+1 are "kind of", "sort of" or "just enough" as written. */
  private twoWordDampener(a: number): boolean {
    return this.is(a + 1, 'of') ? this.is(a, 'kind') || this.is(a, 'sort') : this.is(a, 'just') && this.is(a + 1, 'enough');
  }

  private grow(need: number): void {
    if (need <= this.cap) return;
    let cap = Math.max(64, this.cap);
    while (cap < need) cap *= 2;
    this.entry = growInt32(this.entry, cap);
    this.exact = growUint8(this.exact, cap);
    this.upper = growUint8(this.upper, cap);
    this.nt = growUint8(this.nt, cap);
    this.lex = growFloat64(this.lex, cap);
    this.inLex = growUint8(this.inLex, cap);
    this.boost = growFloat64(this.boost, cap);
    this.neg = growUint8(this.neg, cap);
    this.sent = growFloat64(this.sent, cap);
    this.cap = cap;
  }

  /**
   * Splits on `\s`, drops tokens shorter than two UTF-16 units, strips a leading or trailing punctuation run
   * when it is one of PUNCTUATION_RUNS and what remains is two or more units with no punctuation, and
   * notes each token's table entry, case and "n't". Counts '!' and '?' over the whole text.
   */
  private tokenize(text: string): void {
    const table = this.table;
    const len = text.length;
    let n = 0;
    let excl = 0;
    let ques = 0;
    let i = 0;
    while (i <= len) {
      const start = i;
      let hasLower = false;
      let hasUpper = false;
      let nonAscii = false;
      let hasApostrophe = false;
      let firstWord = -1; // first non-punctuation index
      let lastWord = -1; // last non-punctuation index
      let innerPunct = false; // punctuation between firstWord and lastWord
      let pendingPunct = false;
      while (i < len) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) break;
        if (c === 33) excl++;
        else if (c === 63) ques++;
        else if (c === 39) hasApostrophe = true;
        if (isPunct(c)) {
          if (firstWord >= 0) pendingPunct = true;
        } else {
          if (firstWord < 0) firstWord = i;
          else if (pendingPunct) innerPunct = true;
          pendingPunct = false;
          lastWord = i;
          if (c >= 97 && c <= 122) hasLower = true;
          else if (c >= 65 && c <= 90) hasUpper = true;
          else if (c >= 128) nonAscii = true;
        }
        i++;
      }
      const end = i;
      i++; // past the whitespace (or past the end)
      if (end - start < 2) continue;
      let s = start;
      let e = end;
      if (firstWord >= 0 && !innerPunct) {
        const lead = firstWord - start;
        const trail = end - 1 - lastWord;
        if (lastWord + 1 - firstWord > 1) {
          if (lead > 0 && trail === 0 && RUN_CODES.has(runCode(text, start, firstWord))) s = firstWord;
          else if (trail > 0 && lead === 0 && RUN_CODES.has(runCode(text, lastWord + 1, end))) e = lastWord + 1;
        }
      }
      if (n >= this.cap) this.grow(n + 1);
      let found: number;
      let lower: string;
      let exact: boolean;
      if (nonAscii) {
        const word = text.slice(s, e);
        lower = word.toLowerCase();
        found = table.findString(lower);
        exact = word === lower;
      } else {
        found = table.findRange(text, s, e);
        lower = found < 0 ? '' : table.keys[found]!;
        exact = !hasUpper;
      }
      this.low[n] = lower;
      this.entry[n] = found;
      this.exact[n] = exact ? 1 : 0;
      this.upper[n] = hasUpper && !hasLower ? 1 : 0;
      this.nt[n] = hasApostrophe && text.slice(s, e).includes("n't") ? 1 : 0;
      n++;
    }
    this.n = n;
    this.exclamations = excl;
    this.questions = ques;
  }

  /** Joins each run of tokens that spells a phrase of the lexicon into one token (lower-case match). */
  private mergePhrases(): void {
    const { low, entry, exact, upper, nt } = this;
    const n = this.n;
    let w = 0;
    for (let r = 0; r < n; ) {
      const e = entry[r]!;
      const candidates = e < 0 ? undefined : this.phrasesByEntry[e];
      let used = 1;
      if (candidates !== undefined) {
        for (const parts of candidates) {
          if (r + parts.length > n) continue;
          let ok = true;
          for (let p = 1; p < parts.length && ok; p++) ok = low[r + p] === parts[p];
          if (ok) {
            used = parts.length;
            break;
          }
        }
      }
      if (used === 1) {
        low[w] = low[r]!;
        entry[w] = entry[r]!;
        exact[w] = exact[r]!;
        upper[w] = upper[r]!;
        nt[w] = nt[r]!;
      } else {
        let l = low[r]!;
        let allExact = exact[r] === 1;
        let allUpper = upper[r] === 1;
        for (let p = 1; p < used; p++) {
          l += ' ' + low[r + p]!;
          allExact &&= exact[r + p] === 1;
          allUpper &&= upper[r + p] === 1;
        }
        low[w] = l;
        entry[w] = this.table.findString(l);
        exact[w] = allExact ? 1 : 0;
        upper[w] = allUpper ? 1 : 0;
        nt[w] = 0; // phrase words have no apostrophes
      }
      w++;
      r += used;
    }
    this.n = w;
  }
}

function growInt32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
function growUint8(a: Uint8Array, cap: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
function growFloat64(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
