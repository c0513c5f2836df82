import { ok, type LevelChange, type Result } from '../../core';
import { BinanceFuturesDepthSync, BinanceSpotDepthSync, type BinanceDepthBase, type BinanceDepthSyncOptions, type DecimalLevel, type SyncOutcome } from '../sync';
import type { IntLevels } from '../sync/scale';

/**
 * The market's Binance depth normaliser, also fed by the frame scanner: `pushScanned` takes a
 * depthUpdate whose levels are already the instrument's ticks and lots, and runs it through the very
 * same id rules, buffer and canonical seq as `push` (one object, so frames read by either path may
 * follow each other in any order). The normaliser's conversion step is skipped for such an update
 * (its levels are carried through unchanged and become the event's `changes`), which is the only
 * difference: the two protected hooks below are where the base class converts and builds the delta.
 */
export interface ScannedDepthSync extends BinanceDepthBase {
  pushScanned(venueSymbol: string, U: number, u: number, pu: number, changes: LevelChange[]): Result<SyncOutcome[]>;
}

/** IntLevels that carry a scanned update's ready changes through the base class's buffer. */
interface Scanned extends IntLevels {
  changes: LevelChange[];
}
const NONE: [number, number][] = [];
const NO_LEVELS: IntLevels = { bids: NONE, asks: NONE };
const NO_TEXT: readonly DecimalLevel[] = [];

export function scannedDepthSync(market: 'spot' | 'usdm', options: BinanceDepthSyncOptions): ScannedDepthSync {
  return market === 'spot' ? new ScannedSpot(options) : new ScannedFutures(options);
}

/** Puts a scanned update's ready changes where the base class expects converted levels. */
const carry = (changes: LevelChange[]): Result<IntLevels> => ok<Scanned>({ bids: NONE, asks: NONE, changes });

/** The bookDelta the base class builds (its seq), with the scanned changes when the levels carry them. */
function withChanges(levels: IntLevels, out: SyncOutcome): SyncOutcome {
  const changes = (levels as Partial<Scanned>).changes;
  if (changes !== undefined && out.kind === 'apply' && out.event.type === 'bookDelta') out.event.changes = changes;
  return out;
}

// Two subclasses with the same three members: the base classes differ, and a mixin cannot override
// protected members of an abstract class cleanly in TypeScript.

class ScannedSpot extends BinanceSpotDepthSync implements ScannedDepthSync {
  private scanned: LevelChange[] | undefined;

  pushScanned(venueSymbol: string, U: number, u: number, _pu: number, changes: LevelChange[]): Result<SyncOutcome[]> {
    this.scanned = changes;
    try {
      return this.applyUpdate({ symbol: venueSymbol, U, u, bids: NO_TEXT, asks: NO_TEXT });
    } finally {
      this.scanned = undefined;
    }
  }

  protected override convert(bids: readonly DecimalLevel[], asks: readonly DecimalLevel[]): Result<IntLevels> {
    return this.scanned === undefined ? super.convert(bids, asks) : carry(this.scanned);
  }

  protected override emitDelta(levels: IntLevels): SyncOutcome {
    return withChanges(levels, super.emitDelta((levels as Partial<Scanned>).changes === undefined ? levels : NO_LEVELS));
  }
}

class ScannedFutures extends BinanceFuturesDepthSync implements ScannedDepthSync {
  private scanned: LevelChange[] | undefined;

  pushScanned(venueSymbol: string, U: number, u: number, pu: number, changes: LevelChange[]): Result<SyncOutcome[]> {
    this.scanned = changes;
    try {
      return this.applyUpdate({ symbol: venueSymbol, U, u, pu, bids: NO_TEXT, asks: NO_TEXT });
    } finally {
      this.scanned = undefined;
    }
  }

  protected override convert(bids: readonly DecimalLevel[], asks: readonly DecimalLevel[]): Result<IntLevels> {
    return this.scanned === undefined ? super.convert(bids, asks) : carry(this.scanned);
  }

  protected override emitDelta(levels: IntLevels): SyncOutcome {
    return withChanges(levels, super.emitDelta((levels as Partial<Scanned>).changes === undefined ? levels : NO_LEVELS));
  }
}
