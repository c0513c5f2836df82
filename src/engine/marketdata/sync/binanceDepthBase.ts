import { ok, type Result } from '../../core';
import { BookSyncBase, type BookSyncOptions } from './bookSyncBase';
import { BoundedQueue } from './boundedQueue';
import type { IntLevels } from './scale';
import type { DecimalLevel, SyncOutcome } from './types';
import { idField, isRecord, levelsField, stringField } from './wireFields';

/** A REST depth snapshot (/api/v3/depth, /fapi/v1/depth). */
export interface BinanceDepthSnapshot {
  /** The REST response does not carry the symbol; recordings may. */
  symbol?: string;
  lastUpdateId: number;
  bids: readonly DecimalLevel[];
  asks: readonly DecimalLevel[];
}

/** A `depthUpdate` stream event: it carries every change with update ids U..u; `pu` on futures only. */
export interface BinanceDepthUpdate {
  symbol: string;
  U: number;
  u: number;
  pu?: number;
  bids: readonly DecimalLevel[];
  asks: readonly DecimalLevel[];
}

export interface BinanceDepthSyncOptions extends BookSyncOptions {
  /** Events held while no snapshot is applied (the most recent are kept). Default 10 000. */
  maxBuffered?: number;
}

/** A diff already converted to integers, waiting for (or being checked against) the book. */
interface Pending {
  U: number;
  u: number;
  pu: number;
  levels: IntLevels;
}

/**
 * Binance's "how to manage a local order book correctly", shared by spot and USD-M futures:
 * diffs are buffered until the REST snapshot is applied; then those older than the snapshot are
 * dropped, the first applied one must bridge the snapshot's lastUpdateId, and each later one must
 * chain onto the previous. The bridging and chaining tests differ per market (the subclasses).
 *
 * After a gap the diffs keep being buffered, starting with the one that broke the chain: a new
 * REST snapshot can then be bridged exactly as at start-up.
 */
export abstract class BinanceDepthBase extends BookSyncBase {
  private readonly buffer: BoundedQueue<Pending>;
  /** The venue update id the book reflects: the snapshot's lastUpdateId, then the last applied u. */
  private bookId = 0;
  /** Whether an event has been applied since the snapshot (the bridging rule applies until then). */
  private bridged = false;

  protected constructor(
    options: BinanceDepthSyncOptions,
    private readonly market: 'spot' | 'futures',
  ) {
    super(options);
    this.buffer = new BoundedQueue(options.maxBuffered ?? 10_000);
  }

  /** How many diffs are held waiting for a snapshot. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Feeds one message as parsed from the wire: a REST depth snapshot, a depthUpdate, or a combined-stream wrapper. */
  push(message: unknown): Result<SyncOutcome[]> {
    let msg = message;
    if (isRecord(msg) && 'stream' in msg && 'data' in msg) msg = msg.data;
    if (!isRecord(msg)) return this.invalid(`expected a JSON object, got ${JSON.stringify(msg)?.slice(0, 40)}`);
    if ('lastUpdateId' in msg) {
      const id = idField(msg, 'lastUpdateId');
      if (!id.ok) return this.invalid(id.reason);
      const bids = levelsField(msg, 'bids');
      if (!bids.ok) return this.invalid(bids.reason);
      const asks = levelsField(msg, 'asks');
      if (!asks.ok) return this.invalid(asks.reason);
      return this.applySnapshot({ lastUpdateId: id.value, bids: bids.value, asks: asks.value });
    }
    if (msg.e === undefined) return this.invalid('neither a depth snapshot (no "lastUpdateId") nor a stream event (no "e")');
    if (msg.e !== 'depthUpdate') return this.invalid(`expected a depthUpdate event, got "${String(msg.e)}"`);
    const symbol = stringField(msg, 's');
    if (!symbol.ok) return this.invalid(symbol.reason);
    const U = idField(msg, 'U');
    if (!U.ok) return this.invalid(U.reason);
    const u = idField(msg, 'u');
    if (!u.ok) return this.invalid(u.reason);
    let pu: number | undefined;
    if (this.market === 'futures') {
      const p = idField(msg, 'pu', -1);
      if (!p.ok) return this.invalid(p.reason);
      pu = p.value;
    }
    const bids = levelsField(msg, 'b');
    if (!bids.ok) return this.invalid(bids.reason);
    const asks = levelsField(msg, 'a');
    if (!asks.ok) return this.invalid(asks.reason);
    return this.applyUpdate({ symbol: symbol.value, U: U.value, u: u.value, pu, bids: bids.value, asks: asks.value });
  }

  /** A REST snapshot: replaces the book, then bridges whatever diffs were buffered. */
  applySnapshot(snapshot: BinanceDepthSnapshot): Result<SyncOutcome[]> {
    const wrongSymbol = snapshot.symbol === undefined ? undefined : this.checkSymbol(snapshot.symbol);
    if (wrongSymbol) return this.invalid(wrongSymbol);
    const levels = this.convert(snapshot.bids, snapshot.asks);
    if (!levels.ok) return levels;
    const out: SyncOutcome[] = [this.emitSnapshot(levels.value)];
    this.bookId = snapshot.lastUpdateId;
    this.bridged = false;
    for (const pending of this.buffer.drain()) {
      if (this.state === 'live') out.push(this.step(pending));
      else this.buffer.push(pending); // after a gap: keep the rest for the next snapshot
    }
    return ok(out);
  }

  applyUpdate(update: BinanceDepthUpdate): Result<SyncOutcome[]> {
    const wrongSymbol = this.checkSymbol(update.symbol);
    if (wrongSymbol) return this.invalid(wrongSymbol);
    if (update.U > update.u) return this.invalid(`first update id U=${update.U} is after the last u=${update.u}`);
    if (this.market === 'futures' && update.pu === undefined) return this.invalid('missing field "pu"');
    const levels = this.convert(update.bids, update.asks);
    if (!levels.ok) return levels;
    const pending: Pending = { U: update.U, u: update.u, pu: update.pu ?? -1, levels: levels.value };
    if (this.state !== 'live') {
      this.buffer.push(pending);
      return ok([this.skip('buffered', `U=${update.U} u=${update.u} held until a snapshot`)]);
    }
    return ok([this.step(pending)]);
  }

  /**
   * The common case, for feeds that read diffs off the wire and test it before the general path: the
   * book is live and bridged and this diff continues its chain (then nothing is buffered either: a live
   * book has drained its buffer). Takes the diff's ids as the book's and returns true, and the caller
   * emits the delta; for anything else (not live, not yet bridged, a gap, an older diff, U > u) nothing
   * changes, it returns false, and the diff must go through applyUpdate, which decides what it is.
   */
  protected continuesChain(U: number, u: number, pu: number): boolean {
    if (this.state !== 'live' || !this.bridged || !(U <= u)) return false;
    if (this.chainBreak({ U, u, pu }, this.bookId) !== undefined) return false;
    this.bookId = u;
    return true;
  }

  /** One diff against a live book. */
  private step(p: Pending): SyncOutcome {
    if (!this.bridged) {
      if (this.supersededBySnapshot(p, this.bookId)) {
        return this.skip('superseded', `U=${p.U} u=${p.u} is contained in the snapshot (lastUpdateId ${this.bookId})`);
      }
      const broken = this.bridgeBreak(p, this.bookId);
      if (broken) return this.gapAt(p, broken);
    } else {
      const broken = this.chainBreak(p, this.bookId);
      if (broken === 'superseded') return this.skip('superseded', `U=${p.U} u=${p.u} is older than the book (u ${this.bookId})`);
      if (broken) return this.gapAt(p, broken);
    }
    this.bookId = p.u;
    this.bridged = true;
    return this.emitDelta(p.levels);
  }

  private gapAt(p: Pending, broken: Break): SyncOutcome {
    this.buffer.push(p);
    return this.emitGap(broken.expected, broken.got, broken.reason);
  }

  /** Drop rule right after the snapshot. */
  protected abstract supersededBySnapshot(p: { U: number; u: number }, lastUpdateId: number): boolean;
  /** The first applied event must bridge the snapshot; returns why not, or undefined. */
  protected abstract bridgeBreak(p: { U: number; u: number }, lastUpdateId: number): Break | undefined;
  /** Each later event must chain onto the previous one; 'superseded' = wholly older, harmless to skip. */
  protected abstract chainBreak(p: { U: number; u: number; pu: number }, previousU: number): Break | 'superseded' | undefined;
}

export interface Break {
  expected: number;
  got: number;
  reason: string;
}
