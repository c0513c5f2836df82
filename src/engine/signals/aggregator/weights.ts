/**
 * The trader's component weights (validated) and the composite they produce. A component that is stale or has
 * no value drops out and the remaining weights are renormalised to sum to 1, so the composite stays a weighted
 * mean of values in [-1, 1] and therefore in [-1, 1] itself; the output says which components dropped.
 */
import { z } from 'zod';
import { COMPONENT_NAMES, type ComponentName, type ComponentReading } from './components';
import { finiteNumber } from './finiteNumber';
import { clampUnit } from './mappings';

export type SignalWeights = Partial<Record<ComponentName, number>>;

const weight = finiteNumber('weight')
  .refine((w) => w >= 0, { message: 'weight must be ≥ 0' });

const shape = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, weight.optional()])) as Record<ComponentName, z.ZodOptional<typeof weight>>;

export const signalWeightsSchema = z
  .object(shape)
  .strict()
  .refine((w) => Object.values(w).some((v) => typeof v === 'number' && v > 0), { message: 'at least one weight must be > 0' });

export class SignalWeightsError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid signal weights: ${issues.join('; ')}`);
    this.name = 'SignalWeightsError';
  }
}

/** Validates weights; throws SignalWeightsError listing every problem (path: message). Missing components weigh 0. */
export function parseSignalWeights(input: unknown): SignalWeights {
  const r = signalWeightsSchema.safeParse(input);
  if (!r.success) {
    throw new SignalWeightsError(r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)));
  }
  return r.data;
}

export interface CompositePart {
  name: ComponentName;
  value?: number;
  /** The weight the trader set. */
  weight: number;
  /** Weight after renormalisation over the fresh components (0 for a dropped one). */
  effectiveWeight: number;
  /** effectiveWeight · value: the parts sum to the composite. */
  contribution: number;
  fresh: boolean;
  /** Weighted but not fresh: left out of this composite. */
  dropped: boolean;
}

export interface Composite {
  /** Weighted mean of the fresh weighted components, in [-1, 1]; absent when none is fresh. */
  value?: number;
  parts: CompositePart[];
  /** True when a weighted component was stale and the rest were renormalised. */
  renormalised: boolean;
  /** Names of weighted components left out (stale or never seen). */
  dropped: ComponentName[];
  /** Sum of the trader's weights over the components used / over all weighted components. */
  usedWeight: number;
  totalWeight: number;
}

export function composite(components: readonly ComponentReading[], weights: SignalWeights): Composite {
  let used = 0;
  let total = 0;
  for (const c of components) {
    const w = weights[c.name] ?? 0;
    total += w;
    if (w > 0 && c.fresh && c.value !== undefined) used += w;
  }
  let sum = 0;
  const dropped: ComponentName[] = [];
  const parts = components.map((c): CompositePart => {
    const w = weights[c.name] ?? 0;
    const usable = w > 0 && c.fresh && c.value !== undefined;
    if (w > 0 && !usable) dropped.push(c.name);
    const eff = usable ? w / used : 0;
    const contribution = usable ? eff * c.value! : 0;
    sum += contribution;
    return { name: c.name, value: c.value, weight: w, effectiveWeight: eff, contribution, fresh: c.fresh, dropped: w > 0 && !usable };
  });
  return {
    // clampUnit guards only the last ulp of rounding in the weighted sum.
    value: used > 0 ? clampUnit(sum) : undefined,
    parts,
    renormalised: dropped.length > 0 && used > 0,
    dropped,
    usedWeight: used,
    totalWeight: total,
  };
}
