/**
 * Headline text as a trader reads it: markup stripped, entities decoded, whitespace collapsed, length
 * capped. Feeds put HTML (and worse, script) in titles; nothing of it may reach the UI as markup.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', euro: '€', pound: '£',
  yen: '¥', cent: '¢', copy: '©', reg: '®', trade: '™', deg: '°', middot: '·', bull: '•', times: '×',
};

const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

/** Decodes numeric and the common named entities; unknown names stay as written. Invalid code points become U+FFFD. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of an HTML fragment: script/style bodies dropped, tags removed, entities decoded (twice
 * when the feed escaped its HTML, as RSS titles often do: "&lt;b&gt;" is a tag once decoded),
 * control characters removed, whitespace collapsed, then cut to `maxChars`.
 */
export function plainText(raw: string, maxChars: number): string {
  let s = raw;
  for (let pass = 0; pass < 2; pass++) {
    s = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
    // Inline tags join their text ("<em>Dencun</em>-style"); any other tag separates words.
    s = s.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_, name: string) => (INLINE.has(name.toLowerCase()) ? '' : ' '));
    s = s.replace(/<!\[CDATA\[|\]\]>/g, '');
    s = decodeEntities(s);
  }
  // A stray "<" or ">" left after decoding is text, not markup; remove only an unterminated tag opener.
  s = s.replace(/<(script|style)\b[\s\S]*$/i, ' ');
  s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  return s.length > maxChars ? `${s.slice(0, maxChars - 1).trimEnd()}…` : s;
}

/** The key two sources' copies of one story share: lower case, letters and digits only, single spaces. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
