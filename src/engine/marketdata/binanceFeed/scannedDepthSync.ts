import { ok, type FlatLevelChanges, type Result } from '../../core';
import {
  BinanceFuturesDepthSync,
  BinanceSpotDepthSync,
  type BinanceDepthBase,
  type BinanceDepthSyncOptions,
  type BookDeltaEvent,
  type DecimalLevel,
  type SyncOutcome,
} from '../sync';
import type { IntLevels } from '../sync/scale';

/**
 * The market's Binance depth normaliser, also fed by the frame scanner, whose depthUpdates carry their
 * levels already as the instrument's ticks and lots in the flat form (FlatLevelChanges, bids first):
 * - `continueScanned`, the hot path: when the diff simply continues the live book, its delta event at
 *   once (the market's chain rule, checked by the base class), without the general path's result
 *   arrays, pending entry and conversion step; undefined for anything else, and then
 * - `pushScanned` runs it through the very same id rules, buffer and canonical seq as `push` (one
 *   object, so frames read by either path may follow each other in any order). The conversion step is
 *   skipped for such an update (its levels are carried through the buffer unchanged and become the
 *   event's `flat`), which is the only difference: the two protected hooks below are where the base
 *   class converts and builds the delta.
 */
export interface ScannedDepthSync extends BinanceDepthBase {
  continueScanned(venueSymbol: string, U: number, u: number, pu: number, flat: FlatLevelChanges): BookDeltaEvent | undefined;
  pushScanned(venueSymbol: string, U: number, u: number, pu: number, flat: FlatLevelChanges): Result<SyncOutcome[]>;
}

/** IntLevels that carry a scanned update's ready levels through the base class's buffer. */
interface Scanned extends IntLevels {
  flat: FlatLevelChanges;
}
const NONE: [number, number][] = [];
const NO_TEXT: readonly DecimalLevel[] = [];

export function scannedDepthSync(market: 'spot' | 'usdm', options: BinanceDepthSyncOptions): ScannedDepthSync {
  return market === 'spot' ? new ScannedSpot(options) : new ScannedFutures(options);
}

/** Puts a scanned update's ready levels where the base class expects converted levels. */
const carry = (flat: FlatLevelChanges): Result<IntLevels> => ok<Scanned>({ bids: NONE, asks: NONE, flat });
const flatOf = (levels: IntLevels): FlatLevelChanges | undefined => (levels as Partial<Scanned>).flat;

// Two subclasses with the same members: the base classes differ, and a mixin cannot override
// protected members of an abstract class cleanly in TypeScript.

class ScannedSpot extends BinanceSpotDepthSync implements ScannedDepthSync {
  private scanned: FlatLevelChanges | undefined;

  continueScanned(venueSymbol: string, U: number, u: number, _pu: number, flat: FlatLevelChanges): BookDeltaEvent | undefined {
    return this.checkSymbol(venueSymbol) === undefined && this.continuesChain(U, u, -1) ? this.emitFlatDelta(flat) : undefined;
  }

  pushScanned(venueSymbol: string, U: number, u: number, _pu: number, flat: FlatLevelChanges): Result<SyncOutcome[]> {
    this.scanned = flat;
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
    const flat = flatOf(levels);
    return flat === undefined ? super.emitDelta(levels) : { kind: 'apply', event: this.emitFlatDelta(flat) };
  }
}

class ScannedFutures extends BinanceFuturesDepthSync implements ScannedDepthSync {
  private scanned: FlatLevelChanges | undefined;

  continueScanned(venueSymbol: string, U: number, u: number, pu: number, flat: FlatLevelChanges): BookDeltaEvent | undefined {
    return this.checkSymbol(venueSymbol) === undefined && this.continuesChain(U, u, pu) ? this.emitFlatDelta(flat) : undefined;
  }

  pushScanned(venueSymbol: string, U: number, u: number, pu: number, flat: FlatLevelChanges): Result<SyncOutcome[]> {
    this.scanned = flat;
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
    const flat = flatOf(levels);
    return flat === undefined ? super.emitDelta(levels) : { kind: 'apply', event: this.emitFlatDelta(flat) };
  }
}
