import { type Clock, type Logger, type NumberFormat, SqError, type TimerId } from '../../core';
import type { Instrument } from '../../instruments';
import type { Store } from '../../storage';
import type { AnalyticsValues } from '../analyticsView';
import { type AlertFiredView, type AlertRuleView, type AlertsState, describeRule, MAX_ALERT_LOG, MAX_ALERT_RULES } from './alertRules';
import { AlertStore } from './alertStore';
import { noticeText } from './noticeText';
import { parseAlertTicket } from './alertTicket';
import { RuleRuntime } from './ruleRuntime';

/** Mids are read from the book's shared memory at the publisher's 20 Hz. */
export const ALERT_MID_SAMPLE_MS = 50;
/** Analytics values are looked at as often as they are published (4 times a second). */
export const ALERT_ANALYTICS_SAMPLE_MS = 250;

export interface AlertsDeps {
  clock: Clock;
  logger: Logger;
  store: Store;
  instrument(venue: string, symbol: string): Instrument | undefined;
  /** The mid of the live book in ticks (undefined when stale or one-sided); must not allocate. */
  mid(key: string): number | undefined;
  analytics(key: string): AnalyticsValues | undefined;
  /**
   * The Settings screen's number format now: a firing's text and a rule's description are written in it
   * when they are written (the stored rules keep the plain form; the log keeps what was shown).
   */
  numberFormat(): NumberFormat;
  /** A rule fired (already logged and kept). */
  fired(entry: AlertFiredView): void;
}

/** The armed rules of one instrument, by what they watch. */
interface Watchers {
  key: string;
  venue: string;
  symbol: string;
  last: RuleRuntime[];
  mid: RuleRuntime[];
  analytics: RuleRuntime[];
}

/**
 * Price and analytics alerts, evaluated in the engine (they fire with every window closed): on every
 * trade for `last` rules, on the books' mids at 20 Hz for `mid` rules, on the analytics at 4 Hz. Only
 * armed rules are looked at, indexed by instrument key, so a trade on an instrument without rules
 * costs one map lookup. The rules and a log of the last MAX_ALERT_LOG firings are kept in the data
 * directory and restored at start (the evaluation state is not: see RuleRuntime).
 */
export class Alerts {
  private readonly kept: AlertStore;
  private rules: AlertRuleView[];
  private log: AlertFiredView[];
  private readonly loadProblem: string | undefined;
  private readonly runtimes = new Map<string, RuleRuntime>();
  private byKey = new Map<string, Watchers>();
  private readonly midKeys: Watchers[] = [];
  private readonly analyticsKeys: Watchers[] = [];
  private readonly timers: TimerId[];
  private nextId: number;
  /** Firings not yet written: one write per market event however many rules it fired. */
  private unsaved = false;

  constructor(private readonly deps: AlertsDeps) {
    this.kept = new AlertStore(deps.store, deps.logger);
    const loaded = this.kept.loadRules();
    this.rules = loaded.rules;
    this.loadProblem = loaded.problem;
    this.log = this.kept.loadLog();
    this.nextId = 1 + this.rules.reduce((max, r) => Math.max(max, Number(/^a(\d+)$/.exec(r.id)?.[1] ?? 0)), 0);
    for (const rule of this.rules) this.runtimes.set(rule.id, new RuleRuntime(rule));
    this.reindex();
    this.timers = [deps.clock.setInterval(() => this.sampleMids(), ALERT_MID_SAMPLE_MS), deps.clock.setInterval(() => this.sampleAnalytics(), ALERT_ANALYTICS_SAMPLE_MS)];
  }

  state(): AlertsState {
    const { num } = noticeText(this.deps.numberFormat());
    return { rules: this.rules.map((r) => this.shown(r, num)), ...(this.loadProblem !== undefined ? { loadProblem: this.loadProblem } : {}) };
  }

  /** Adds a rule from a view's ticket (see alertTicket.ts); refused with every problem named. */
  add(ticket: unknown): AlertRuleView {
    const parsed = parseAlertTicket(ticket, this.deps.instrument);
    if (this.rules.length >= MAX_ALERT_RULES) throw new SqError('INVALID_INPUT', `alert not added: at most ${MAX_ALERT_RULES} alerts are kept; remove some first`);
    const rule: AlertRuleView = {
      id: `a${this.nextId}`,
      venue: parsed.venue,
      symbol: parsed.symbol,
      spec: parsed.spec,
      repeat: parsed.repeat,
      cooldownMs: parsed.cooldownMs,
      sound: parsed.sound,
      ...(parsed.note !== undefined ? { note: parsed.note } : {}),
      armed: true,
      createdAt: this.deps.clock.now(),
      firedCount: 0,
      description: describeRule(parsed.venue, parsed.symbol, parsed.spec),
    };
    // Kept first: a rule the store refused is not evaluated either.
    this.kept.saveRules([...this.rules, rule]);
    this.nextId++;
    this.rules.push(rule);
    this.runtimes.set(rule.id, new RuleRuntime(rule));
    this.reindex();
    this.deps.logger.info({ alert: rule.id, description: rule.description }, 'alert added');
    return this.shown(rule, noticeText(this.deps.numberFormat()).num);
  }

  remove(id: string): AlertsState {
    const rule = this.get(id);
    this.kept.saveRules(this.rules.filter((r) => r !== rule));
    this.rules = this.rules.filter((r) => r !== rule);
    this.runtimes.delete(id);
    this.reindex();
    return this.state();
  }

  /** Arms a rule again (a `once` rule after it fired); it sees the market afresh from now. */
  rearm(id: string): AlertRuleView {
    const rule = this.get(id);
    const wasArmed = rule.armed;
    rule.armed = true;
    try {
      this.kept.saveRules(this.rules);
    } catch (error) {
      rule.armed = wasArmed;
      throw error;
    }
    this.runtimes.get(id)!.rearm();
    this.reindex();
    return this.shown(rule, noticeText(this.deps.numberFormat()).num);
  }

  /** The fired alerts, newest first. */
  firedLog(limit = MAX_ALERT_LOG): AlertFiredView[] {
    return this.log.slice(0, limit).map((e) => ({ ...e }));
  }

  /** A trade on `key` (venue:symbol) at `price` ticks: the hot path, one map lookup when no rule watches it. */
  onTrade(key: string, price: number): void {
    const watchers = this.byKey.get(key);
    if (watchers === undefined || watchers.last.length === 0) return;
    this.observe(watchers, watchers.last, price);
    this.save();
  }

  stop(): void {
    for (const id of this.timers) this.deps.clock.clearTimer(id);
  }

  private sampleMids(): void {
    for (const watchers of this.midKeys) {
      const mid = this.deps.mid(watchers.key);
      if (mid !== undefined) this.observe(watchers, watchers.mid, mid);
    }
    this.save();
  }

  private sampleAnalytics(): void {
    for (const watchers of this.analyticsKeys) {
      const values = this.deps.analytics(watchers.key);
      if (!values) continue;
      const now = this.deps.clock.now();
      for (const rt of watchers.analytics) {
        if (rt.rule.spec.kind !== 'analytics') continue;
        const value = values[rt.rule.spec.metric];
        // Absent = not enough data yet: nothing to compare.
        if (value !== undefined && Number.isFinite(value) && rt.observe(value, now)) this.fire(watchers, rt);
      }
    }
    this.save();
  }

  private observe(watchers: Watchers, list: RuleRuntime[], value: number): void {
    const now = this.deps.clock.now();
    for (let i = 0; i < list.length; i++) if (list[i]!.observe(value, now)) this.fire(watchers, list[i]!);
  }

  private fire(watchers: Watchers, rt: RuleRuntime): void {
    const { rule } = rt;
    const inst = this.deps.instrument(watchers.venue, watchers.symbol);
    const t = noticeText(this.deps.numberFormat());
    const text = rt.firedText((ticks) => t.price(inst, ticks), t.num);
    const ts = this.deps.clock.now();
    rule.lastFiredAt = ts;
    rule.firedCount++;
    if (rule.repeat === 'once') rule.armed = false;
    const entry: AlertFiredView = {
      alertId: rule.id,
      venue: rule.venue,
      symbol: rule.symbol,
      ts,
      text,
      description: describeRule(rule.venue, rule.symbol, rule.spec, t.num),
      sound: rule.sound,
      ...(rule.note !== undefined ? { note: rule.note } : {}),
    };
    this.log.unshift(entry);
    if (this.log.length > MAX_ALERT_LOG) this.log.length = MAX_ALERT_LOG;
    this.unsaved = true;
    if (!rule.armed) this.reindex();
    this.deps.logger.info({ alert: rule.id, text }, 'alert fired');
    this.deps.fired({ ...entry });
  }

  /** Writes the firings of the event just evaluated (rules' armed state and counts, and the log), if any. */
  private save(): void {
    if (!this.unsaved) return;
    this.unsaved = false;
    try {
      this.kept.saveRules(this.rules);
      this.kept.saveLog(this.log);
    } catch (error) {
      // The trader is still told; what is lost is that a restart would not know it fired.
      this.deps.logger.error({ err: String(error) }, 'alerts fired but their state could not be kept');
    }
  }

  /** A copy of a rule for a view: its description in the trader's number format (the stored one stays plain). */
  private shown(rule: AlertRuleView, num: (plain: string) => string): AlertRuleView {
    return { ...rule, description: describeRule(rule.venue, rule.symbol, rule.spec, num) };
  }

  private get(id: string): AlertRuleView {
    const rule = this.rules.find((r) => r.id === id);
    if (!rule) throw new SqError('INVALID_INPUT', `no alert ${id}`);
    return rule;
  }

  /** Rebuilt when rules change (added, removed, disarmed, re-armed), never per price. */
  private reindex(): void {
    const byKey = new Map<string, Watchers>();
    this.midKeys.length = 0;
    this.analyticsKeys.length = 0;
    for (const rule of this.rules) {
      if (!rule.armed) continue;
      const key = `${rule.venue}:${rule.symbol}`;
      let w = byKey.get(key);
      if (!w) byKey.set(key, (w = { key, venue: rule.venue, symbol: rule.symbol, last: [], mid: [], analytics: [] }));
      const rt = this.runtimes.get(rule.id)!;
      if (rule.spec.kind === 'analytics') w.analytics.push(rt);
      else w[rule.spec.source].push(rt);
    }
    for (const w of byKey.values()) {
      if (w.mid.length > 0) this.midKeys.push(w);
      if (w.analytics.length > 0) this.analyticsKeys.push(w);
    }
    this.byKey = byKey;
  }
}
