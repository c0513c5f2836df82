/**
 * Threshold alerts with hysteresis. A rule `above 0.5, hysteresis 0.1` fires when the value goes from ≤ 0.5 to
 * > 0.5, then stays silent until the value has fallen to ≤ 0.4 (re-armed) and crosses 0.5 again; noise around
 * the line fires once. Mirror image for `below`. The first value a rule sees only sets its side: a value already
 * beyond the threshold when the rule is added has not crossed, so it does not fire. A missing (stale) value
 * leaves the state as it was.
 */
import { z } from 'zod';
import { COMPONENT_NAMES, type ComponentName } from './components';
import { finiteNumber } from './finiteNumber';

export type AlertSignal = 'composite' | ComponentName;

export const alertRuleSchema = z.object({
  id: z.string().min(1),
  instrument: z.string().min(1),
  signal: z.enum(['composite', ...COMPONENT_NAMES]),
  direction: z.enum(['above', 'below']),
  threshold: finiteNumber('threshold').refine((t) => t >= -1 && t <= 1, 'threshold must be in [-1, 1]'),
  hysteresis: finiteNumber('hysteresis').refine((h) => h >= 0 && h <= 2, 'hysteresis must be in [0, 2]'),
}).strict();

export type AlertRule = z.infer<typeof alertRuleSchema>;

export interface SignalAlert {
  ruleId: string;
  instrument: string;
  signal: AlertSignal;
  direction: 'above' | 'below';
  threshold: number;
  value: number;
  ts: number;
}

/** 'beyond' = past the threshold (fired or started there); 'armed' = back on the near side of the hysteresis band. */
type Side = 'unknown' | 'armed' | 'beyond';

export class AlertTracker {
  private side: Side = 'unknown';

  constructor(readonly rule: AlertRule) {}

  /** Returns true exactly when this value is a crossing that should fire. */
  observe(value: number | undefined): boolean {
    if (value === undefined || !Number.isFinite(value)) return false;
    const { direction, threshold, hysteresis } = this.rule;
    const beyond = direction === 'above' ? value > threshold : value < threshold;
    const rearmed = direction === 'above' ? value <= threshold - hysteresis : value >= threshold + hysteresis;
    if (this.side === 'unknown') {
      this.side = beyond ? 'beyond' : 'armed';
      return false;
    }
    if (this.side === 'armed' && beyond) {
      this.side = 'beyond';
      return true;
    }
    if (this.side === 'beyond' && rearmed) this.side = 'armed';
    return false;
  }
}
