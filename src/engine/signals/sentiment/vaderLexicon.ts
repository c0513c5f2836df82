/**
 * VADER's lexicon, read once at start-up from the file the `vader-sentiment` package ships
 * (src/vader_lexicon.js: `export const lexicon = { word: valence, ... }`). It is parsed as data, never
 * evaluated, and kept in a Map (token -> valence on VADER's -4..+4 scale). The package is a runtime
 * dependency precisely so the lexicon is not copied into this repository.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: ReadonlyMap<string, number> | undefined;

/** The lexicon file's path inside the installed package. */
export function vaderLexiconPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('vader-sentiment/package.json')), 'src', 'vader_lexicon.js');
}

/** VADER's lexicon (parsed on first use, then shared: it is never mutated). */
export function vaderLexicon(): ReadonlyMap<string, number> {
  cached ??= parseVaderLexicon(readFileSync(vaderLexiconPath(), 'utf8'));
  return cached;
}

/**
 * Parses the object literal after `export const lexicon = {`: entries `key: number,` where a key is a bare
 * identifier or a '…' / "…" string with backslash escapes. Later duplicates win, as in a JS object.
 * Throws on anything else, so a changed file format fails loudly at start-up instead of scoring wrongly.
 */
export function parseVaderLexicon(source: string): Map<string, number> {
  const start = source.indexOf('export const lexicon = {');
  if (start < 0) throw new Error('vader lexicon: `export const lexicon = {` not found');
  const map = new Map<string, number>();
  let i = start + 'export const lexicon = {'.length;
  const n = source.length;
  const skipSpace = () => {
    while (i < n && source.charCodeAt(i) <= 32) i++;
  };
  const fail = (what: string): never => {
    const line = source.slice(0, i).split('\n').length;
    throw new Error(`vader lexicon: ${what} at line ${line}`);
  };
  for (;;) {
    skipSpace();
    if (i >= n) fail('unterminated object');
    const c = source[i]!;
    if (c === '}') break;
    let key: string;
    if (c === "'" || c === '"') {
      i++;
      let out = '';
      while (i < n && source[i] !== c) {
        if (source[i] === '\\') {
          i++;
          if (i >= n) fail('unterminated escape');
        }
        out += source[i];
        i++;
      }
      if (i >= n) fail('unterminated string');
      i++;
      key = out;
    } else {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i, i + 200));
      if (!m) fail(`unexpected '${c}'`);
      key = m![0];
      i += key.length;
    }
    skipSpace();
    if (source[i] !== ':') fail(`expected ':' after '${key}'`);
    i++;
    skipSpace();
    const num = /^-?\d+(\.\d+)?/.exec(source.slice(i, i + 40));
    if (!num) fail(`expected a number for '${key}'`);
    map.set(key, Number(num![0]));
    i += num![0].length;
    skipSpace();
    if (source[i] === ',') i++;
  }
  if (map.size < 7000) throw new Error(`vader lexicon: only ${map.size} entries (expected about 7,500)`);
  return map;
}
