import { z } from 'zod';
import type { Logger } from '../../core';
import type { Store } from '../../storage';
import { ALERT_METRICS, type AlertFiredView, type AlertRuleView, MAX_ALERT_LOG, MAX_ALERT_RULES } from './alertRules';

const RULES_SETTING = 'alerts.rules';
const LOG_SETTING = 'alerts.log';

const name = z.string().min(1).max(32);
const storedSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('price'), condition: z.enum(['crosses', 'above', 'below']), source: z.enum(['last', 'mid']), level: z.number().int().positive(), levelText: z.string() }),
  z.object({
    kind: z.literal('move'),
    source: z.enum(['last', 'mid']),
    direction: z.enum(['up', 'down', 'either']),
    basisPoints: z.number().int().positive().max(9_999),
    percentText: z.string(),
    windowMs: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('analytics'), metric: z.enum(ALERT_METRICS), condition: z.enum(['above', 'below']), value: z.number().finite() }),
]);
const storedRule = z.object({
  id: z.string().min(1).max(64),
  venue: name,
  symbol: name,
  spec: storedSpec,
  repeat: z.enum(['once', 'every']),
  cooldownMs: z.number().int().min(0),
  sound: z.boolean(),
  note: z.string().optional(),
  armed: z.boolean(),
  createdAt: z.number(),
  lastFiredAt: z.number().optional(),
  firedCount: z.number().int().min(0),
  description: z.string(),
});
const storedFired = z.object({
  alertId: z.string(),
  venue: z.string(),
  symbol: z.string(),
  ts: z.number(),
  text: z.string(),
  description: z.string(),
  sound: z.boolean(),
  note: z.string().optional(),
});

/**
 * The alert rules and the log of fired alerts, in the settings store (SQLite, in the data directory):
 * each write is one row replaced in one transaction, so a crash leaves the previous version or the new
 * one, never half of it, and no file format or fsync dance of our own is needed; the rows travel with
 * the rest of the data directory. A stored rule of the wrong shape is dropped and named (the others are
 * kept); a failed write is thrown to the caller (the trader is told the rule was not kept).
 */
export class AlertStore {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  loadRules(): { rules: AlertRuleView[]; problem?: string } {
    const stored = this.store.getSetting<unknown>(RULES_SETTING);
    if (stored === undefined) return { rules: [] };
    if (!Array.isArray(stored)) return this.problem(`stored alerts are not a list; none restored`, []);
    const rules: AlertRuleView[] = [];
    const dropped: string[] = [];
    for (const [i, value] of stored.slice(0, MAX_ALERT_RULES).entries()) {
      const parsed = storedRule.safeParse(value);
      if (parsed.success) rules.push(parsed.data);
      else dropped.push(`#${i + 1} (${idOf(value)}): ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join(', ')}`);
    }
    return dropped.length === 0 ? { rules } : this.problem(`stored alerts not restored: ${dropped.join('; ')}`, rules);
  }

  saveRules(rules: readonly AlertRuleView[]): void {
    this.store.setSetting(RULES_SETTING, rules);
  }

  loadLog(): AlertFiredView[] {
    const stored = this.store.getSetting<unknown>(LOG_SETTING);
    if (stored === undefined) return [];
    const parsed = z.array(storedFired).safeParse(stored);
    if (!parsed.success) {
      this.logger.warn({ setting: LOG_SETTING }, 'stored alert log has an unexpected shape; started empty');
      return [];
    }
    return parsed.data.slice(0, MAX_ALERT_LOG);
  }

  saveLog(log: readonly AlertFiredView[]): void {
    this.store.setSetting(LOG_SETTING, log);
  }

  private problem(problem: string, rules: AlertRuleView[]): { rules: AlertRuleView[]; problem: string } {
    this.logger.warn({ setting: RULES_SETTING, problem }, 'alerts: stored rules not all restored');
    return { rules, problem };
  }
}

function idOf(value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : 'no id';
}
