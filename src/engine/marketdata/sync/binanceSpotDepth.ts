import { BinanceDepthBase, type BinanceDepthSyncOptions, type Break } from './binanceDepthBase';

/**
 * Binance spot diff-depth (`<symbol>@depth`, `@depth@100ms`) against a REST `/api/v3/depth` snapshot:
 * - drop every event with u <= lastUpdateId;
 * - the first applied event must contain lastUpdateId + 1: U <= lastUpdateId + 1 <= u;
 * - each later event must start where the previous ended: U = previous u + 1.
 * An event wholly at or below the book's update id changes nothing and is skipped (Binance: "if u is
 * less than the local book's update id, ignore the event"); any other break is a gap.
 */
export class BinanceSpotDepthSync extends BinanceDepthBase {
  constructor(options: BinanceDepthSyncOptions) {
    super(options, 'spot');
  }

  protected supersededBySnapshot(p: { u: number }, lastUpdateId: number): boolean {
    return p.u <= lastUpdateId;
  }

  protected bridgeBreak(p: { U: number; u: number }, lastUpdateId: number): Break | undefined {
    const next = lastUpdateId + 1;
    if (p.U <= next && next <= p.u) return undefined;
    return {
      expected: next,
      got: p.U,
      reason: `first event after the snapshot must contain update ${next} (U <= ${next} <= u) but it is U=${p.U} u=${p.u}`,
    };
  }

  protected chainBreak(p: { U: number; u: number }, previousU: number): Break | 'superseded' | undefined {
    if (p.u <= previousU) return 'superseded';
    if (p.U === previousU + 1) return undefined;
    return { expected: previousU + 1, got: p.U, reason: `event U=${p.U} u=${p.u} does not continue from u=${previousU} (expected U=${previousU + 1})` };
  }
}
