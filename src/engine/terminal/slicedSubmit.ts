import { err, ok, type Lots, type Result } from '../core';
import type { InstrumentRegistry } from '../instruments';
import type { OrderRequest } from '../oms';
import { sliceLots } from '../venues';

/**
 * The child sizes of an order the trader chose to slice: one child when it fits under the instrument's
 * freeze quantity (or it has none), else freeze-size children and the remainder last, at most 10
 * (Zerodha's cap). Slicing is ours, not Kite's `autoslice=true`: Kite would make several orders of one
 * request, while the OMS tracks one venue order per clientOrderId (fills, cancels, reconcile).
 */
export function sliceSizes(registry: InstrumentRegistry, req: OrderRequest): Result<Lots[]> {
  const inst = registry.get(req.venue, req.symbol);
  if (!inst) return err('UNKNOWN_INSTRUMENT', `unknown instrument ${req.venue}:${req.symbol}`);
  const freeze = inst.freezeLots;
  if (freeze === undefined || req.qty <= freeze) return ok([req.qty]);
  const sliced = sliceLots(req.qty, freeze);
  return sliced.ok ? ok(sliced.slices) : err('INVALID_INPUT', sliced.reason);
}
