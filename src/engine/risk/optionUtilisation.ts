import type { CompiledLimits, InstrumentRisk } from './compiledLimits';
import { emptyOptionGreeks, type OptionGreeksSource } from './optionGreeks';
import type { RiskContext } from './riskContext';
import type { LimitUse, OptionUtilisation } from './utilisation';

const greekText = (x: number): string => {
  const text = (Math.round(x * 10_000) / 10_000).toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
};

/**
 * Portfolio delta and vega per underlying over the option positions (what MAX_OPTION_DELTA and
 * MAX_OPTION_VEGA check), for the risk panel: every underlying with an option position, and every one
 * a limit names. Not on the order path: it may allocate.
 */
export function optionUtilisation(compiled: CompiledLimits, context: RiskContext, source: OptionGreeksSource): OptionUtilisation[] {
  const sums = new Map<string, { delta: number; vega: number; currency: string; unpriced: number }>();
  const g = emptyOptionGreeks();
  const seen = new Set<InstrumentRisk[]>();
  for (const e of compiled.all) {
    if (!e.isOption || seen.has(e.optionGroup)) continue;
    seen.add(e.optionGroup);
    for (const x of e.optionGroup) {
      const position = context.exposure(x.ref).position;
      if (position === 0) continue;
      const priced = source.read(x.ref, g) && Number.isFinite(g.delta) && Number.isFinite(g.vega) && g.multiplier > 0;
      const key = priced ? g.underlying : `${x.venue}:${x.inst.contract?.underlying ?? x.inst.name ?? x.inst.base}`;
      let sum = sums.get(key);
      if (!sum) sums.set(key, (sum = { delta: 0, vega: 0, currency: x.inst.quote, unpriced: 0 }));
      if (!priced) {
        sum.unpriced++;
        continue;
      }
      const units = position * x.qtyPerLot * g.multiplier;
      sum.delta += units * g.delta;
      sum.vega += units * g.vega;
    }
  }
  for (const key of Object.keys(compiled.options.configuredUnderlyings())) {
    if (!sums.has(key)) sums.set(key, { delta: 0, vega: 0, currency: '', unpriced: 0 });
  }
  return [...sums.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([underlying, s]) => {
      const limits = compiled.options.for(underlying);
      return { underlying, delta: greekUse(s.delta, limits.maxDelta), vega: greekUse(s.vega, limits.maxVega), currency: s.currency, unpriced: s.unpriced };
    });
}

/** |used| against the limit (the limits bound the absolute value: a short delta counts as much as a long one). */
function greekUse(used: number, limit: number): LimitUse {
  if (limit === Infinity) return { used: greekText(used), limit: undefined, fraction: undefined };
  return { used: greekText(used), limit: greekText(limit), fraction: limit === 0 ? 1 : Math.abs(used) / limit };
}
