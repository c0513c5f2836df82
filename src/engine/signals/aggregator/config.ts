/**
 * Aggregator settings (validated with zod; every duration in ms on the injected Clock).
 */
import { z } from 'zod';
import { COMPONENT_NAMES, type ComponentName } from './components';
import { finiteNumber } from './finiteNumber';
import { DEFAULT_TECHNICAL_PERIODS } from './technicals';

const positive = (what: string) => finiteNumber(what).refine((x) => x > 0, `${what} must be > 0`);
const period = (what: string) => finiteNumber(what).int(`${what} must be an integer`).min(1, `${what} must be ≥ 1`);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const defaultStale: Record<ComponentName, number> = {
  sentimentLevel: 6 * HOUR,
  sentimentMomentum: 6 * HOUR,
  fundingRate: 9 * HOUR, // funding settles every 8 h
  longShortRatio: HOUR,
  openInterest: HOUR,
  fearGreed: 26 * HOUR, // published daily
  orderFlow: 30_000,
  rsi: 2 * HOUR,
  macd: 2 * HOUR,
  bollinger: 2 * HOUR,
};

export const aggregatorConfigSchema = z.object({
  /** Half-life of the sentiment level's decayed mean. */
  sentimentHalfLifeMs: positive('sentimentHalfLifeMs').default(2 * HOUR),
  /** Momentum = (short − long) / 2 of two decayed means; short must be < long. */
  momentumShortHalfLifeMs: positive('momentumShortHalfLifeMs').default(30 * MINUTE),
  momentumLongHalfLifeMs: positive('momentumLongHalfLifeMs').default(12 * HOUR),
  /** Funding rate that maps to −tanh(1) ≈ −0.76 (default 0.05 % per interval, 5x the usual 0.01 %). */
  fundingScale: positive('fundingScale').default(0.0005),
  /** ln(long/short ratio) that maps to −tanh(1) (default ln 2: twice as many longs ≈ −0.76). */
  longShortLogScale: positive('longShortLogScale').default(Math.LN2),
  /** Relative OI change that maps to ±tanh(1) (default 5 %). */
  openInterestScale: positive('openInterestScale').default(0.05),
  technicals: z.object({
    rsi: period('rsi'), macdShort: period('macdShort'), macdLong: period('macdLong'), macdSignal: period('macdSignal'),
    bollinger: period('bollinger'), bollingerDeviations: positive('bollingerDeviations'),
  }).strict().default(DEFAULT_TECHNICAL_PERIODS),
  /** A component older than this drops out of the composite (per component; partial overrides merge). */
  staleAfterMs: z.object(Object.fromEntries(COMPONENT_NAMES.map((n) => [n, positive(`staleAfterMs.${n}`).optional()])) as Record<ComponentName, z.ZodOptional<ReturnType<typeof positive>>>).strict().default({}),
}).strict()
  .refine((c) => c.momentumShortHalfLifeMs < c.momentumLongHalfLifeMs, { message: 'momentumShortHalfLifeMs must be < momentumLongHalfLifeMs' })
  .refine((c) => c.technicals.macdShort < c.technicals.macdLong, { message: 'technicals.macdShort must be < technicals.macdLong' });

export type AggregatorConfigInput = z.input<typeof aggregatorConfigSchema>;
export interface AggregatorConfig extends Omit<z.output<typeof aggregatorConfigSchema>, 'staleAfterMs'> {
  staleAfterMs: Record<ComponentName, number>;
}

export function parseAggregatorConfig(input: unknown = {}): AggregatorConfig {
  const r = aggregatorConfigSchema.safeParse(input);
  if (!r.success) {
    throw new RangeError(`invalid signal aggregator config: ${r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`);
  }
  const stale = { ...defaultStale };
  for (const n of COMPONENT_NAMES) {
    const v = r.data.staleAfterMs[n];
    if (v !== undefined) stale[n] = v;
  }
  return { ...r.data, staleAfterMs: stale };
}
