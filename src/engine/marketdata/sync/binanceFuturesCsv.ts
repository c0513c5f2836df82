import { err, ok, type Result } from '../../core';
import type { BinanceFuturesDepthSync } from './binanceFuturesDepth';
import { CsvLayout } from './csvRows';
import type { DecimalLevel, SyncOutcome } from './types';
import { checkLevel, idText } from './wireFields';

const COLUMNS = ['symbol', 'timestamp', 'first_update_id', 'last_update_id', 'side', 'update_type', 'price', 'qty', 'pu'] as const;
type Column = (typeof COLUMNS)[number];

/** Rows of one snapshot or one depthUpdate event, collected until a row of another one arrives. */
interface Group {
  snap: boolean;
  symbol: string;
  firstText: string;
  lastText: string;
  puText: string;
  U: number;
  u: number;
  pu: number;
  bids: DecimalLevel[];
  asks: DecimalLevel[];
}

/**
 * Reads the Binance USD-M futures depth recording (`symbol,timestamp,first_update_id,last_update_id,
 * side,update_type,price,qty,pu`): `snap` rows are the levels of one REST snapshot (its lastUpdateId
 * in last_update_id), `set` rows are the levels of one depthUpdate event (U, u, pu shared by its rows).
 * Consecutive rows with the same type and ids form one message, which goes to the futures sync rule.
 * A snapshot block later in the file is a resync: it replaces the book like a REST snapshot.
 */
export class BinanceFuturesCsvReader {
  private readonly columns = new CsvLayout<Column>(COLUMNS);
  private group: Group | undefined;

  constructor(readonly sync: BinanceFuturesDepthSync) {}

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
    const type = columns.get(f, 'update_type');
    if (type !== 'snap' && type !== 'set') return this.invalid(`update_type must be snap or set, got "${type}"`);
    const side = columns.get(f, 'side');
    if (side !== 'b' && side !== 'a') return this.invalid(`side must be b or a, got "${side}"`);
    const symbol = columns.get(f, 'symbol');
    if (symbol === '') return this.invalid('symbol is empty');
    const price = columns.get(f, 'price');
    const qty = columns.get(f, 'qty');
    const bad = checkLevel(price, qty);
    if (bad) return this.invalid(bad);
    const firstText = columns.get(f, 'first_update_id');
    const lastText = columns.get(f, 'last_update_id');
    const puText = columns.get(f, 'pu');
    const snap = type === 'snap';

    let out: Result<SyncOutcome[]> = ok([]);
    const g = this.group;
    // Rows of the message in progress repeat its ids verbatim: compare the text, parse only new ids.
    const sameText = g !== undefined && g.symbol === symbol && g.firstText === firstText && g.lastText === lastText && g.puText === puText;
    if (!sameText || g.snap !== snap) {
      const U = idText(firstText, 'first_update_id');
      if (!U.ok) return this.invalid(U.reason);
      const u = idText(lastText, 'last_update_id');
      if (!u.ok) return this.invalid(u.reason);
      const pu = idText(puText, 'pu', -1);
      if (!pu.ok) return this.invalid(pu.reason);
      // Snapshot rows carry no pu of their own (-1): only U and u tell two snapshots apart.
      const same = g !== undefined && g.snap === snap && g.symbol === symbol && g.U === U.value && g.u === u.value && (snap || g.pu === pu.value);
      if (!same) {
        out = this.end();
        this.group = { snap, symbol, firstText, lastText, puText, U: U.value, u: u.value, pu: pu.value, bids: [], asks: [] };
      }
    }
    (side === 'b' ? this.group!.bids : this.group!.asks).push([price, qty]);
    return out;
  }

  /** A row that cannot be read may have carried an update: the book cannot be trusted past it. */
  private invalid(reason: string): Result<never> {
    this.sync.invalidate();
    return err('INVALID_INPUT', reason);
  }

  /**
   * End of input: the last message is complete. (Also called when a row starts the next message, so
   * an error here is about the rows above: it names the message they formed.)
   */
  end(): Result<SyncOutcome[]> {
    const g = this.group;
    this.group = undefined;
    if (!g) return ok([]);
    const r = g.snap
      ? this.sync.applySnapshot({ symbol: g.symbol, lastUpdateId: g.u, bids: g.bids, asks: g.asks })
      : this.sync.applyUpdate({ symbol: g.symbol, U: g.U, u: g.u, pu: g.pu, bids: g.bids, asks: g.asks });
    if (r.ok) return r;
    const what = g.snap ? `snapshot ${g.u}` : `event U=${g.U} u=${g.u}`;
    return err('INVALID_INPUT', `in the rows of ${what}: ${r.error.message}`);
  }
}
