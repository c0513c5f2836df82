import { BinanceDepthBase, type BinanceDepthSyncOptions, type Break } from './binanceDepthBase';

/**
 * Binance USD-M futures diff-depth (`<symbol>@depth@...`) against a REST `/fapi/v1/depth` snapshot:
 * - drop every event with u < lastUpdateId;
 * - the first applied event must contain lastUpdateId: U <= lastUpdateId <= u;
 * - each later event's pu must equal the previous event's u.
 * Anything else is a gap (Binance: "otherwise initialize the process from step 3", the snapshot).
 */
export class BinanceFuturesDepthSync extends BinanceDepthBase {
  constructor(options: BinanceDepthSyncOptions) {
    super(options, 'futures');
  }

  protected supersededBySnapshot(p: { u: number }, lastUpdateId: number): boolean {
    return p.u < lastUpdateId;
  }

  protected bridgeBreak(p: { U: number; u: number }, lastUpdateId: number): Break | undefined {
    if (p.U <= lastUpdateId && lastUpdateId <= p.u) return undefined;
    return {
      expected: lastUpdateId,
      got: p.U,
      reason: `first event after the snapshot must contain lastUpdateId ${lastUpdateId} (U <= ${lastUpdateId} <= u) but it is U=${p.U} u=${p.u}`,
    };
  }

  protected chainBreak(p: { U: number; u: number; pu: number }, previousU: number): Break | undefined {
    if (p.pu === previousU) return undefined;
    return { expected: previousU, got: p.pu, reason: `event U=${p.U} u=${p.u} has pu=${p.pu} but the previous event ended at u=${previousU}` };
  }
}
