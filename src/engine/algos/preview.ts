import { ok, type Clock, type Lots, type Result } from '../core';
import type { RouteMarket } from './algorithm';
import { createAlgorithm } from './createAlgorithm';
import type { RoutePlan } from './router/smartRouter';
import { Shortfall } from './strategies/shortfall';
import { Smart } from './strategies/smart';
import type { SliceSchedule } from './strategies/sliceSchedule';
import type { AlgoType, ParentSpec } from './types';

/** One slice of a schedule: due at `at` (engine clock ms), `qty` lots, `remaining` lots still to do after it. */
export interface PreviewSlice {
  at: number;
  qty: Lots;
  remaining: Lots;
}

/**
 * What a parent would do if started now, for the ticket: the slices of a scheduled algo (TWAP, VWAP,
 * Shortfall: its Almgren-Chriss trajectory, with κ), the routed split of smart routing over the books
 * as they are now, or for the reactive algos (POV, Iceberg, Peg, Sniper) the rule they follow.
 */
export interface AlgoPreview {
  type: AlgoType;
  /** One line on how it trades. */
  note: string;
  slices?: PreviewSlice[];
  /** Almgren-Chriss urgency κ (1/s) of a shortfall schedule. */
  kappa?: number;
  route?: RoutePlan;
  /** Smart routing: why venues would get nothing, in words (the terminal writes them from route.excluded). */
  leftOut?: string[];
}

function slicesOf(schedule: SliceSchedule, total: Lots): PreviewSlice[] {
  const qtys = schedule.sliceQtys(total);
  const out: PreviewSlice[] = [];
  let remaining = total;
  for (let i = 0; i < qtys.length; i++) {
    remaining -= qtys[i]!;
    out.push({ at: schedule.times[i]!, qty: qtys[i]!, remaining });
  }
  return out;
}

export function buildPreview(spec: ParentSpec, startAt: number, market: RouteMarket | undefined, clock: Clock, arrivalMid: number | undefined): Result<AlgoPreview> {
  const p = spec.params;
  const seed = spec.seed ?? 1;
  switch (p.type) {
    case 'twap':
    case 'vwap':
    case 'shortfall': {
      const algo = createAlgorithm(p, startAt, spec.endAt, seed) as unknown as { schedule: SliceSchedule };
      const preview: AlgoPreview = { type: p.type, note: NOTES[p.type], slices: slicesOf(algo.schedule, spec.qty) };
      if (algo instanceof Shortfall) preview.kappa = algo.kappa;
      return ok(preview);
    }
    case 'smart': {
      const smart = new Smart(market!, clock, spec.venue, p.venues, spec.symbol);
      const plan = smart.plan(spec.side, spec.qty, spec.limit!, arrivalMid);
      if (!plan.ok) return plan;
      return ok({ type: 'smart', note: NOTES.smart, route: plan.value });
    }
    default:
      return ok({ type: p.type, note: NOTES[p.type] });
  }
}

const NOTES: Record<AlgoType, string> = {
  twap: 'Equal slices over the window, sizes and times varied within bounds; each an IOC at the far touch, capped at the limit.',
  vwap: "Slices in proportion to the volume profile's buckets; each an IOC at the far touch, capped at the limit.",
  shortfall: 'Almgren-Chriss trajectory x_j = X sinh(κ(T-t_j))/sinh(κT): front-loaded as urgency grows.',
  pov: 'Trades its rate of the volume printed since the start (within min/max rate), no schedule to preview.',
  iceberg: 'Rests the display size at the limit and refills it until done.',
  peg: 'Rests one child pegged to its reference plus the offset, never through the limit.',
  sniper: 'Takes displayed size at or better than the limit whenever it appears.',
  smart: 'Splits across the venues by price, taker fee and latency; one IOC per venue, repeated until done.',
};
