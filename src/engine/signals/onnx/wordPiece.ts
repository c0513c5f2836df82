/**
 * BERT's tokenizer, as the model was trained with it: a basic pass (clean the text, space out CJK
 * ideographs, split on whitespace, optionally lowercase and strip accents, split off punctuation)
 * followed by WordPiece (greedy longest match against the vocabulary, continuation pieces spelt with
 * "##", a word that cannot be covered becomes [UNK] as a whole). Then [CLS] ... [SEP], truncation and
 * padding to a fixed length with the attention mask and token type ids the model takes.
 *
 * Plain TypeScript with no engine imports: it runs inside the ONNX worker thread.
 */

export interface Vocabulary {
  /** Token → id (the line number in vocab.txt, from 0). */
  readonly ids: ReadonlyMap<string, number>;
  readonly unk: number;
  readonly cls: number;
  readonly sep: number;
  readonly pad: number;
}

export interface TokenizerOptions {
  /** Lowercase and strip accents (an "uncased" model, FinBERT's default). Default true. */
  lowercase?: boolean;
  /** Words longer than this (in code points) become [UNK] without trying, as BERT does. Default 100. */
  maxCharsPerWord?: number;
}

/** Reads vocab.txt's text: one token a line, its id the line's index. Throws with a clear reason. */
export function parseVocabulary(text: string): Vocabulary {
  const ids = new Map<string, number>();
  const lines = text.split('\n');
  // A trailing newline is not an extra (empty) token.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const token = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (!ids.has(token)) ids.set(token, i);
  });
  const need = (token: string): number => {
    const id = ids.get(token);
    if (id === undefined) throw new Error(`vocabulary has no ${token} token (is this a BERT WordPiece vocab.txt?)`);
    return id;
  };
  return { ids, unk: need('[UNK]'), cls: need('[CLS]'), sep: need('[SEP]'), pad: need('[PAD]') };
}

/** BERT's whitespace: space, tab, newline, carriage return and Unicode category Zs. */
function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || (ch.charCodeAt(0) >= 128 && /^\p{Zs}$/u.test(ch));
}

/** Control characters (Cc/Cf) other than the whitespace ones, removed by the cleaning pass. */
function isControl(ch: string): boolean {
  if (ch === '\t' || ch === '\n' || ch === '\r') return false;
  const cp = ch.charCodeAt(0);
  if (cp >= 32 && cp < 127) return false; // printable ASCII, the common case, without a regex
  return /^[\p{Cc}\p{Cf}]$/u.test(ch);
}

/** BERT treats every non-alphanumeric ASCII symbol as punctuation ("$", "^", "`"), plus Unicode P*. */
function isPunctuation(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return cp >= 128 && /^\p{P}$/u.test(ch);
}

/** The CJK Unified Ideographs blocks BERT spaces out (Hangul and kana are not in them, on purpose). */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Anything beyond ASCII, which alone can carry accents to strip. */
const NON_ASCII = /[^\u0000-\u007f]/;

/** The basic pass: words and punctuation marks, before WordPiece. */
export function basicTokens(text: string, lowercase = true): string[] {
  // Clean and space out CJK in one walk over the code points.
  let cleaned = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0 || cp === 0xfffd || isControl(ch)) continue;
    if (isWhitespace(ch)) cleaned += ' ';
    else if (isCjk(cp)) cleaned += ` ${ch} `;
    else cleaned += ch;
  }
  const out: string[] = [];
  for (const raw of cleaned.split(' ')) {
    if (raw === '') continue;
    // Accents go by decomposing and dropping the combining marks (Mn), as BERT's _run_strip_accents.
    const word = !lowercase ? raw : NON_ASCII.test(raw) ? raw.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '') : raw.toLowerCase();
    let current = '';
    for (const ch of word) {
      if (isPunctuation(ch)) {
        if (current) out.push(current);
        out.push(ch);
        current = '';
      } else current += ch;
    }
    if (current) out.push(current);
  }
  return out;
}

/** WordPiece ids of one basic token: greedy longest match, or [UNK] if any part cannot be matched. */
export function wordPieceIds(word: string, vocab: Vocabulary, maxCharsPerWord = 100, out: number[] = []): number[] {
  // Code point boundaries as string offsets, so that pieces are cut by slice() and never split a
  // surrogate pair (an emoji is one character to BERT, two UTF-16 units to JavaScript).
  const bounds = [0];
  for (let i = 0; i < word.length; ) {
    i += (word.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    bounds.push(i);
  }
  const chars = bounds.length - 1;
  if (chars > maxCharsPerWord) {
    out.push(vocab.unk);
    return out;
  }
  const mark = out.length;
  let start = 0;
  while (start < chars) {
    let end = chars;
    let found = -1;
    while (start < end) {
      const body = word.slice(bounds[start], bounds[end]);
      const id = vocab.ids.get(start > 0 ? `##${body}` : body);
      if (id !== undefined) {
        found = id;
        break;
      }
      end--;
    }
    if (found === -1) {
      out.length = mark;
      out.push(vocab.unk);
      return out;
    }
    out.push(found);
    start = end;
  }
  return out;
}

/** The token ids of a text (no [CLS]/[SEP]), at most `limit` of them (the rest would be truncated anyway). */
export function tokenIds(text: string, vocab: Vocabulary, options: TokenizerOptions = {}, limit = Infinity): number[] {
  const ids: number[] = [];
  for (const word of basicTokens(text, options.lowercase ?? true)) {
    if (ids.length >= limit) break;
    wordPieceIds(word, vocab, options.maxCharsPerWord ?? 100, ids);
  }
  if (ids.length > limit) ids.length = limit;
  return ids;
}

/** A batch ready for the model: row-major [texts.length, maxLength] int64 tensors' data. */
export interface EncodedBatch {
  readonly rows: number;
  readonly maxLength: number;
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
  readonly tokenTypeIds: BigInt64Array;
}

/**
 * [CLS] tokens [SEP], the tokens truncated so that the whole fits in maxLength (the tail is dropped:
 * a headline's opening words carry it), then [PAD] with attention mask 0. One segment: token types 0.
 */
export function encodeBatch(texts: readonly string[], vocab: Vocabulary, maxLength: number, options: TokenizerOptions = {}): EncodedBatch {
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new Error(`maxLength must be an integer of at least 2 (got ${maxLength})`);
  const rows = texts.length;
  const inputIds = new BigInt64Array(rows * maxLength);
  const attentionMask = new BigInt64Array(rows * maxLength);
  const tokenTypeIds = new BigInt64Array(rows * maxLength);
  const pad = BigInt(vocab.pad);
  for (let r = 0; r < rows; r++) {
    const ids = tokenIds(texts[r] ?? '', vocab, options, maxLength - 2);
    const kept = Math.min(ids.length, maxLength - 2);
    const base = r * maxLength;
    inputIds[base] = BigInt(vocab.cls);
    for (let i = 0; i < kept; i++) inputIds[base + 1 + i] = BigInt(ids[i] ?? vocab.unk);
    inputIds[base + 1 + kept] = BigInt(vocab.sep);
    const used = kept + 2;
    for (let i = 0; i < used; i++) attentionMask[base + i] = 1n;
    for (let i = used; i < maxLength; i++) inputIds[base + i] = pad;
  }
  return { rows, maxLength, inputIds, attentionMask, tokenTypeIds };
}
