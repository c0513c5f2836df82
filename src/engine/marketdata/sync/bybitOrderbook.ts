import { ok, type Result } from '../../core';
import { BookSyncBase, type BookSyncOptions } from './bookSyncBase';
import type { SyncOutcome } from './types';
import { idField, isRecord, levelsField, stringField } from './wireFields';

/**
 * Bybit v5 public `orderbook.{depth}.{symbol}` (spot, linear, inverse):
 * - a `snapshot` message replaces the book, whatever its `u`. That covers the first message after
 *   subscribing, a snapshot re-sent after a Bybit-side problem, and `u` = 1 after a service restart
 *   ("overwrite your local orderbook"), as well as the level-1 feed's periodic snapshots;
 * - a `delta` must carry u = previous u + 1; anything else is a gap. Bybit sends the snapshot on the
 *   socket, so there is nothing to bridge: recovery is resubscribing to get a new snapshot, and
 *   deltas before it are skipped.
 * Subscription acknowledgements and pongs (`op` / `success` messages) are skipped as control.
 */
export class BybitOrderbookSync extends BookSyncBase {
  private lastU = 0;

  constructor(options: BookSyncOptions) {
    super(options);
  }

  push(message: unknown): Result<SyncOutcome[]> {
    if (!isRecord(message)) return this.invalid(`expected a JSON object, got ${JSON.stringify(message)?.slice(0, 40)}`);
    if ('op' in message || 'success' in message) return ok([this.skip('control', `control message ${String(message.op ?? '')}`)]);
    const topic = stringField(message, 'topic');
    if (!topic.ok) return this.invalid(topic.reason);
    if (!topic.value.startsWith('orderbook.')) return this.invalid(`not an orderbook message: topic "${topic.value}"`);
    const type = message.type;
    if (type !== 'snapshot' && type !== 'delta') return this.invalid(`field "type" must be "snapshot" or "delta", got ${JSON.stringify(type)}`);
    const data = message.data;
    if (!isRecord(data)) return this.invalid('field "data" must be an object');
    const symbol = stringField(data, 's');
    if (!symbol.ok) return this.invalid(`data: ${symbol.reason}`);
    const u = idField(data, 'u');
    if (!u.ok) return this.invalid(`data: ${u.reason}`);
    const bids = levelsField(data, 'b');
    if (!bids.ok) return this.invalid(`data: ${bids.reason}`);
    const asks = levelsField(data, 'a');
    if (!asks.ok) return this.invalid(`data: ${asks.reason}`);
    const wrongSymbol = this.checkSymbol(symbol.value);
    if (wrongSymbol) return this.invalid(wrongSymbol);
    if (type === 'delta' && this.state !== 'live') return ok([this.skip('noSnapshot', `delta u=${u.value} with no live snapshot`)]);
    const levels = this.convert(bids.value, asks.value);
    if (!levels.ok) return levels;
    if (type === 'snapshot') {
      this.lastU = u.value;
      return ok([this.emitSnapshot(levels.value)]);
    }
    if (u.value !== this.lastU + 1) {
      return ok([this.emitGap(this.lastU + 1, u.value, `delta u=${u.value} does not follow u=${this.lastU} (expected u=${this.lastU + 1})`)]);
    }
    this.lastU = u.value;
    return ok([this.emitDelta(levels.value)]);
  }
}
