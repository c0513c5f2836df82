import { err, ok, type Result } from '../../core';

/**
 * The plain CSV of market data recordings: comma-separated, one record per line, no quoting (no
 * field of these formats can contain a comma). A header names the columns; rows are read by name
 * so a recorder that reorders columns still parses.
 */
export class CsvColumns<Name extends string> {
  private readonly fields: string[];

  private constructor(
    private readonly index: Record<Name, number>,
    readonly width: number,
  ) {
    this.fields = new Array<string>(width);
  }

  static fromHeader<Name extends string>(line: string, required: readonly Name[]): Result<CsvColumns<Name>> {
    const names = line.split(',').map((n) => n.trim());
    const index = {} as Record<Name, number>;
    const missing: string[] = [];
    for (const name of required) {
      const at = names.indexOf(name);
      if (at < 0) missing.push(name);
      else index[name] = at;
    }
    if (missing.length > 0) {
      return err('INVALID_INPUT', `header lacks column(s) ${missing.join(', ')}; expected ${required.join(',')}`);
    }
    return ok(new CsvColumns(index, names.length));
  }

  /**
   * Splits a row, checking it has as many fields as the header. The returned array is reused by the
   * next call (rows are read one at a time, and String.split is the replay's hottest cost otherwise).
   * A quoted field is not unquoted: with a comma inside it the count is wrong, and without one the
   * field's own check (a number, a side, ...) refuses the quotes.
   */
  split(line: string): Result<string[]> {
    const fields = this.fields;
    let start = 0;
    let count = 0;
    for (;;) {
      const comma = line.indexOf(',', start);
      if (count === this.width) return err('INVALID_INPUT', `expected ${this.width} columns, got more`);
      if (comma < 0) {
        fields[count++] = line.slice(start);
        break;
      }
      fields[count++] = line.slice(start, comma);
      start = comma + 1;
    }
    if (count !== this.width) return err('INVALID_INPUT', `expected ${this.width} columns, got ${count}`);
    return ok(fields);
  }

  get(fields: readonly string[], name: Name): string {
    return fields[this.index[name]]!;
  }
}

/** A reader's current columns: each header (every file starts with one) redefines them; rows split against them. */
export class CsvLayout<Name extends string> {
  private columns: CsvColumns<Name> | undefined;

  constructor(private readonly required: readonly Name[]) {}

  header(line: string): Result<void> {
    const columns = CsvColumns.fromHeader(line, this.required);
    if (!columns.ok) return columns;
    this.columns = columns.value;
    return ok(undefined);
  }

  /** The row's fields (a reused array, see CsvColumns.split), read with get(). */
  row(line: string): Result<string[]> {
    if (!this.columns) return err('INVALID_INPUT', 'data row before the header');
    return this.columns.split(line);
  }

  get(fields: readonly string[], name: Name): string {
    return this.columns!.get(fields, name);
  }
}
