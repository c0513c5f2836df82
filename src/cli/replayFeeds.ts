import { err, type Result } from '../engine/core';
import {
  BinanceFuturesCsvReader,
  BinanceFuturesDepthSync,
  BinanceSpotDepthSync,
  BybitOrderbookSync,
  TardisIncrementalL2Sync,
  type BookSyncBase,
  type BookSyncOptions,
  type SyncOutcome,
} from '../engine/marketdata';

export const FORMATS = ['binance-spot-depth-jsonl', 'binance-futures-depth-csv', 'bybit-ob-jsonl', 'tardis-l2-csv'] as const;
export type Format = (typeof FORMATS)[number];

export const isFormat = (name: string): name is Format => (FORMATS as readonly string[]).includes(name);

/** One recording format: its lines in, sync outcomes out. */
export interface ReplayFeed {
  readonly sync: BookSyncBase;
  /** `first` marks the first line of each file (the header of CSV formats). */
  line(text: string, first: boolean): Result<SyncOutcome[]>;
  /** End of input: flushes a message still being assembled from rows. */
  end(): Result<SyncOutcome[]>;
}

function jsonLines(sync: BookSyncBase & { push(message: unknown): Result<SyncOutcome[]> }): ReplayFeed {
  return {
    sync,
    line(text) {
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch (error) {
        sync.invalidate();
        return err('INVALID_INPUT', `not valid JSON (${(error as Error).message})`);
      }
      return sync.push(message);
    },
    end: () => ({ ok: true, value: [] }),
  };
}

export function createFeed(format: Format, options: BookSyncOptions): ReplayFeed {
  switch (format) {
    case 'binance-spot-depth-jsonl':
      return jsonLines(new BinanceSpotDepthSync(options));
    case 'bybit-ob-jsonl':
      return jsonLines(new BybitOrderbookSync(options));
    case 'binance-futures-depth-csv': {
      const reader = new BinanceFuturesCsvReader(new BinanceFuturesDepthSync(options));
      return {
        sync: reader.sync,
        line: (text, first) => (first ? reader.header(text) : reader.row(text)),
        end: () => reader.end(),
      };
    }
    case 'tardis-l2-csv': {
      const sync = new TardisIncrementalL2Sync(options);
      return {
        sync,
        line: (text, first) => (first ? sync.header(text) : sync.row(text)),
        end: () => sync.end(),
      };
    }
  }
}
