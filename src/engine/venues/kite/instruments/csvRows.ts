/**
 * Splits CSV text into rows of fields (RFC 4180 quoting: a field in double quotes may hold commas and
 * doubled quotes). Kite's dump quotes nothing today, but a company name with a comma would arrive quoted,
 * and a naive split would shift every later column of that row into the wrong field.
 *
 * A record never spans lines here: the dump has no multi-line fields, and a stray quote must spoil one
 * row, not swallow the rest of the file. Each row carries its 1-based line number for error reports.
 */
export interface CsvRow {
  line: number;
  fields: string[];
  /** Set when the row's quoting is broken (an unterminated quote, text after a closing quote). */
  error?: string;
}

export function* csvRows(text: string): Generator<CsvRow> {
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let raw = text.slice(start, end);
    start = end + 1;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.length === 0) continue;
    yield splitRow(raw, line);
  }
}

function splitRow(raw: string, line: number): CsvRow {
  if (!raw.includes('"')) return { line, fields: raw.split(',') };
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (raw[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = raw.indexOf('"', i);
        if (q < 0) return { line, fields, error: 'unterminated quote' };
        value += raw.slice(i, q);
        if (raw[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === raw.length) return { line, fields };
      if (raw[i] !== ',') return { line, fields, error: 'text after a closing quote' };
      i++;
    } else {
      const comma = raw.indexOf(',', i);
      const stop = comma < 0 ? raw.length : comma;
      const value = raw.slice(i, stop);
      if (value.includes('"')) return { line, fields, error: 'a quote inside an unquoted field' };
      fields.push(value);
      if (comma < 0) return { line, fields };
      i = comma + 1;
    }
  }
}
