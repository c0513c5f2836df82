import { err, ok, type Result } from '../../core';
import { BookSyncBase, type BookSyncOptions } from './bookSyncBase';
import { CsvLayout } from './csvRows';
import type { DecimalLevel, SyncOutcome } from './types';

const COLUMNS = ['exchange', 'symbol', 'timestamp', 'local_timestamp', 'is_snapshot', 'side', 'price', 'amount'] as const;
type Column = (typeof COLUMNS)[number];

interface Group {
  snapshot: boolean;
  localTimestamp: string;
  bids: DecimalLevel[];
  asks: DecimalLevel[];
}

const DECIMAL = /^\d+(?:\.\d+)?$/;
const ZERO = /^0+(?:\.0+)?$/;

/**
 * Tardis.dev `incremental_book_L2` CSV (`exchange,symbol,timestamp,local_timestamp,is_snapshot,side,
 * price,amount`), per Tardis' reconstruction rules:
 * - rows before the first `is_snapshot=true` row are skipped (updates buffered before the exchange's
 *   snapshot);
 * - a run of snapshot rows following a non-snapshot row is a new snapshot: the book is discarded and
 *   replaced (a reconnection, or the start of a day);
 * - other rows are absolute amounts (0 deletes); rows sharing `local_timestamp` came in one message
 *   and form one canonical delta.
 * The format carries no venue sequence numbers, so a gap cannot be seen in it: Tardis itself marks
 * reconnections with a new snapshot. The state is awaitingSnapshot before the first one, then live.
 */
export class TardisIncrementalL2Sync extends BookSyncBase {
  private readonly columns = new CsvLayout<Column>(COLUMNS);
  private group: Group | undefined;
  private exchange: string | undefined;

  constructor(options: BookSyncOptions) {
    super(options);
  }

  /** A header line (each file starts with one); ends the message in progress. */
  header(line: string): Result<SyncOutcome[]> {
    const flushed = this.end();
    if (!flushed.ok) return flushed;
    const header = this.columns.header(line);
    return header.ok ? flushed : header;
  }

  /** One data row; returns the outcomes of the message this row completed, if any. */
  row(line: string): Result<SyncOutcome[]> {
    const columns = this.columns;
    const split = columns.row(line);
    if (!split.ok) return this.invalid(split.error.message);
    const f = split.value;
    const flag = columns.get(f, 'is_snapshot');
    if (flag !== 'true' && flag !== 'false') return this.invalid(`is_snapshot must be true or false, got "${flag}"`);
    const side = columns.get(f, 'side');
    if (side !== 'bid' && side !== 'ask') return this.invalid(`side must be bid or ask, got "${side}"`);
    const localTimestamp = columns.get(f, 'local_timestamp');
    if (!/^\d+$/.test(localTimestamp)) return this.invalid(`local_timestamp "${localTimestamp}" is not an integer`);
    const price = columns.get(f, 'price');
    const amount = columns.get(f, 'amount');
    if (!DECIMAL.test(price)) return this.invalid(price.startsWith('-') ? `price "${price}" is negative` : `price "${price}" is not a decimal number`);
    if (ZERO.test(price)) return this.invalid(`price "${price}" must be greater than zero`);
    if (!DECIMAL.test(amount)) return this.invalid(amount.startsWith('-') ? `amount "${amount}" is negative` : `amount "${amount}" is not a decimal number`);
    const exchange = columns.get(f, 'exchange');
    if (this.exchange === undefined) this.exchange = exchange;
    else if (exchange !== this.exchange) return this.invalid(`row is for exchange ${exchange} but this book is ${this.exchange}`);
    const wrongSymbol = this.checkSymbol(columns.get(f, 'symbol'));
    if (wrongSymbol) return this.invalid(wrongSymbol);

    const snapshot = flag === 'true';
    let out: Result<SyncOutcome[]> = ok([]);
    const g = this.group;
    // A snapshot run is one message whatever its timestamps; updates are grouped by arrival time.
    if (!g || g.snapshot !== snapshot || (!snapshot && g.localTimestamp !== localTimestamp)) {
      out = this.end();
      this.group = { snapshot, localTimestamp, bids: [], asks: [] };
    }
    (side === 'bid' ? this.group!.bids : this.group!.asks).push([price, amount]);
    return out;
  }

  /**
   * End of input: the last message is complete. (Also called when a row starts the next message, so
   * an error here is about the rows above: it names the message they formed.)
   */
  end(): Result<SyncOutcome[]> {
    const g = this.group;
    this.group = undefined;
    if (!g) return ok([]);
    if (!g.snapshot && this.state === 'awaitingSnapshot') {
      return ok([this.skip('noSnapshot', `update at local_timestamp ${g.localTimestamp} before the first snapshot`)]);
    }
    const levels = this.convert(g.bids, g.asks);
    if (!levels.ok) return err('INVALID_INPUT', `in the rows of the ${g.snapshot ? 'snapshot' : 'update'} at local_timestamp ${g.localTimestamp}: ${levels.error.message}`);
    return ok([g.snapshot ? this.emitSnapshot(levels.value) : this.emitDelta(levels.value)]);
  }
}
