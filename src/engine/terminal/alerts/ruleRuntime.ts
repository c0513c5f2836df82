import { type AlertRuleView, durationText, type NumberText } from './alertRules';
import { MoveWindow } from './moveWindow';

/**
 * One rule's evaluation state, kept in memory beside the rule (never persisted: after a restart a
 * crossing needs a new price on each side, a move a new window). `observe` runs on every price or
 * value the rule watches and allocates nothing; the text of a firing is written only when it fires.
 */
export class RuleRuntime {
  /** The price seen before this one (crossings); NaN until one was seen. */
  private previous = NaN;
  /**
   * The condition was false at the last look (or nothing was seen yet): an above/below/analytics rule
   * fires when its condition becomes true, not again until it cleared.
   */
  private clear = true;
  private readonly window: MoveWindow | undefined;
  /** What the last observation saw, for the text of a firing. */
  private value = NaN;
  private from = NaN;
  private way: 'up' | 'down' = 'up';

  constructor(readonly rule: AlertRuleView) {
    this.window = rule.spec.kind === 'move' ? new MoveWindow(rule.spec.windowMs) : undefined;
  }

  /** Armed again by the trader: everything is seen afresh. */
  rearm(): void {
    this.previous = NaN;
    this.clear = true;
    this.window?.reset();
  }

  /**
   * A new price (ticks, for price and move rules) or analytics value at `now`; true when the rule fires
   * (`firedText` then says what happened). Allocates nothing.
   */
  observe(value: number, now: number): boolean {
    const { rule } = this;
    const { spec } = rule;
    let fired = false;
    if (spec.kind === 'price') {
      const level = spec.level;
      if (spec.condition === 'crosses') {
        const prev = this.previous;
        this.previous = value;
        fired = (prev < level && value >= level) || (prev > level && value <= level);
        this.way = prev < level ? 'up' : 'down';
      } else {
        fired = this.entered(spec.condition === 'above' ? value >= level : value <= level);
      }
    } else if (spec.kind === 'move') {
      const window = this.window!;
      window.add(now, value);
      const low = window.low(now);
      const high = window.high(now);
      // Exact in integers: (p - low) / low >= bp / 10000, prices in ticks (a mid may end in .5: still exact).
      const up = spec.direction !== 'down' && (value - low) * 10_000 >= low * spec.basisPoints;
      const down = !up && spec.direction !== 'up' && (high - value) * 10_000 >= high * spec.basisPoints;
      if (up || down) {
        fired = true;
        this.from = up ? low : high;
        // Whether it fires or not (disarmed, cool-down), the next move is measured from here.
        window.reset();
        window.add(now, value);
      }
    } else {
      fired = this.entered(spec.condition === 'above' ? value >= spec.value : value <= spec.value);
    }
    this.value = value;
    if (!fired || !rule.armed) return false;
    // An event within the cool-down after the last firing is dropped (the condition must clear and come back).
    return !(rule.repeat === 'every' && rule.lastFiredAt !== undefined && now - rule.lastFiredAt < rule.cooldownMs);
  }

  /**
   * What the last firing saw, e.g. "last 50000.10 crossed 50000.00 upwards": `price` writes ticks as the
   * instrument does and `num` any other plainly written number, both in the trader's number format.
   */
  firedText(price: (ticks: number) => string, num: NumberText): string {
    const { spec } = this.rule;
    const value = this.value;
    if (spec.kind === 'price') {
      if (spec.condition === 'crosses') return `${spec.source} ${price(value)} crossed ${num(spec.levelText)} ${this.way === 'up' ? 'upwards' : 'downwards'}`;
      return `${spec.source} ${price(value)} at or ${spec.condition} ${num(spec.levelText)}`;
    }
    if (spec.kind === 'move') {
      const pct = (((value - this.from) / this.from) * 100).toFixed(2);
      return `${spec.source} ${price(value)} moved ${num(`${value >= this.from ? '+' : ''}${pct}`)} % from ${price(this.from)} within ${durationText(spec.windowMs, num)}`;
    }
    return `${spec.metric} ${num(round(value))} at or ${spec.condition} ${num(String(spec.value))}`;
  }

  /** True when the condition holds now and did not at the last look. */
  private entered(met: boolean): boolean {
    const entered = met && this.clear;
    this.clear = !met;
    return entered;
  }
}

/** Analytics values are statistics: four significant digits read well in a notification. */
function round(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
