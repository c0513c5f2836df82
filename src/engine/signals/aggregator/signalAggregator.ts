/**
 * The signal aggregator: per instrument, normalised component signals combined by the trader's weights into one
 * composite in [-1, 1], published on its own typed bus (`events`: 'signal' and 'alert').
 *
 * Why its own bus and not a new TerminalEvents entry: the signals layer sits below the terminal and must not
 * import it; strategies, algos and the terminal subscribe here (`aggregator.events.on('signal', ...)`), and the
 * terminal forwards to the bridge/UI. Same EventBus class as the rest of the engine: a throwing listener is
 * reported through `onListenerError` and never stops the others or the publisher.
 *
 * Inputs are pushed in (stored items, readings, order-flow predictions, bar closes); each push recomputes and
 * publishes the instruments it touched. `start(intervalMs)` also republishes every instrument on the Clock, so
 * decay and staleness show up (and alerts fire) without new inputs.
 */
import { EventBus, silentLogger, type Clock, type Logger, type TimerId } from '../../core';
import type { SignalItem, SignalReading } from '../sources';
import { AlertTracker, alertRuleSchema, type AlertRule, type SignalAlert } from './alerts';
import type { ComponentReading } from './components';
import { parseAggregatorConfig, type AggregatorConfig, type AggregatorConfigInput } from './config';
import { InstrumentSignals } from './instrumentSignals';
import { composite, parseSignalWeights, type CompositePart, type SignalWeights } from './weights';

/** Everything a subscriber needs about one instrument at one moment. */
export interface SignalSnapshot {
  instrument: string;
  ts: number;
  /** Composite in [-1, 1]; absent when no weighted component is fresh. */
  composite?: number;
  components: ComponentReading[];
  /** Per component: value, trader weight, renormalised weight, contribution (the contributions sum to `composite`). */
  parts: CompositePart[];
  /** True when weighted components were stale and the remaining weights were renormalised. */
  renormalised: boolean;
  dropped: CompositePart['name'][];
  usedWeight: number;
  totalWeight: number;
}

export interface SignalAggregatorEvents {
  signal: SignalSnapshot;
  alert: SignalAlert;
}

export interface SignalAggregatorOptions {
  clock: Clock;
  /** Validated by parseSignalWeights; throws SignalWeightsError when invalid. */
  weights: unknown;
  config?: AggregatorConfigInput;
  logger?: Logger;
}

/** Readings the aggregator understands (metric names as signals/sources produce them). */
const READING_METRICS = new Set(['fundingRate', 'longShortRatio', 'openInterest', 'fearGreed']);

export class SignalAggregator {
  readonly events: EventBus<SignalAggregatorEvents>;
  readonly config: AggregatorConfig;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private currentWeights: SignalWeights;
  private readonly byInstrument = new Map<string, InstrumentSignals>();
  private fearGreed: { raw: number; ts: number } | undefined;
  private readonly alertTrackers = new Map<string, AlertTracker>();
  private timer: TimerId | undefined;

  constructor(opts: SignalAggregatorOptions) {
    this.clock = opts.clock;
    this.logger = opts.logger ?? silentLogger;
    this.config = parseAggregatorConfig(opts.config ?? {});
    this.currentWeights = parseSignalWeights(opts.weights);
    this.events = new EventBus<SignalAggregatorEvents>((event, error) =>
      this.logger.error({ event, err: String(error) }, 'signal listener threw'));
  }

  weights(): SignalWeights {
    return { ...this.currentWeights };
  }

  /** Replaces the weights (throws SignalWeightsError and keeps the old ones when invalid) and republishes. */
  setWeights(input: unknown): SignalWeights {
    this.currentWeights = parseSignalWeights(input);
    this.refresh();
    return this.weights();
  }

  instruments(): string[] {
    return [...this.byInstrument.keys()];
  }

  /** Adds one stored item's compound score to each instrument it is tagged with (unscored items are ignored). */
  addItem(item: SignalItem): void {
    this.addItems([item]);
  }

  addItems(items: readonly SignalItem[]): void {
    const touched = new Set<string>();
    for (const item of items) {
      const c = item.score?.compound;
      if (c === undefined) continue;
      if (!Number.isFinite(c) || c < -1 || c > 1 || !Number.isFinite(item.ts)) {
        this.logger.warn({ source: item.source, id: item.id }, 'signal item with an invalid score or time dropped');
        continue;
      }
      for (const instrument of item.instruments) {
        this.state(instrument).sentiment.add(item.ts, c);
        touched.add(instrument);
      }
    }
    for (const instrument of touched) this.publish(instrument);
  }

  /** fundingRate / longShortRatio / openInterest (per instrument) and fearGreed (market-wide: every instrument). */
  addReading(reading: SignalReading): void {
    if (!READING_METRICS.has(reading.metric)) return; // other metrics (longAccount, ...) are not components
    if (!Number.isFinite(reading.value) || !Number.isFinite(reading.ts)) {
      this.logger.warn({ source: reading.source, metric: reading.metric }, 'signal reading with a non-finite value dropped');
      return;
    }
    if (reading.metric === 'fearGreed') {
      if (this.fearGreed && reading.ts < this.fearGreed.ts) return; // an older value arriving late
      this.fearGreed = { raw: reading.value, ts: reading.ts };
      this.refresh();
      return;
    }
    if (!reading.instrument) {
      this.logger.warn({ source: reading.source, metric: reading.metric }, 'positioning reading without an instrument dropped');
      return;
    }
    const s = this.state(reading.instrument);
    const point = { raw: reading.value, ts: reading.ts };
    if (reading.metric === 'fundingRate') {
      if (!s.funding || reading.ts >= s.funding.ts) s.funding = point;
    } else if (reading.metric === 'longShortRatio') {
      if (!s.longShort || reading.ts >= s.longShort.ts) s.longShort = point;
    } else {
      s.addOpenInterest(reading.value, reading.ts);
    }
    this.publish(reading.instrument);
  }

  /** The order-flow predictor's output (`OrderFlowPredictor.predict(...).signal`), taken at `ts` (default now). */
  addOrderFlow(instrument: string, prediction: { signal: number }, ts = this.clock.now()): void {
    if (!Number.isFinite(prediction.signal)) {
      this.logger.warn({ instrument }, 'non-finite order-flow signal dropped');
      return;
    }
    this.state(instrument).orderFlow = { raw: prediction.signal, ts };
    this.publish(instrument);
  }

  /** One bar close (ticks or price: the mappings are scale-free) for the technical indicators and the OI price move. */
  addClose(instrument: string, close: number, ts = this.clock.now()): void {
    if (!Number.isFinite(close) || close <= 0) {
      this.logger.warn({ instrument, close }, 'invalid close dropped');
      return;
    }
    this.state(instrument).addClose(close, ts);
    this.publish(instrument);
  }

  /** The instrument's signals now, without publishing. */
  snapshot(instrument: string): SignalSnapshot {
    const now = this.clock.now();
    const s = this.byInstrument.get(instrument) ?? new InstrumentSignals(this.config);
    const components = s.readings(now, this.fearGreed);
    const c = composite(components, this.currentWeights);
    return {
      instrument, ts: now, composite: c.value, components, parts: c.parts,
      renormalised: c.renormalised, dropped: c.dropped, usedWeight: c.usedWeight, totalWeight: c.totalWeight,
    };
  }

  /** Recomputes and publishes one instrument, or every known one; then evaluates alerts. */
  refresh(instrument?: string): void {
    if (instrument !== undefined) {
      this.publish(instrument);
      return;
    }
    for (const i of this.byInstrument.keys()) this.publish(i);
  }

  /** Validates and adds (or replaces, by id) an alert rule. Throws RangeError listing every problem. */
  addAlert(input: unknown): AlertRule {
    const r = alertRuleSchema.safeParse(input);
    if (!r.success) {
      throw new RangeError(`invalid signal alert: ${r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`);
    }
    const tracker = new AlertTracker(r.data);
    this.alertTrackers.set(r.data.id, tracker);
    // Let the rule see the current value so it knows its side; it fires on the next crossing, not now.
    if (this.byInstrument.has(r.data.instrument)) tracker.observe(valueFor(this.snapshot(r.data.instrument), r.data.signal));
    return r.data;
  }

  removeAlert(id: string): boolean {
    return this.alertTrackers.delete(id);
  }

  alerts(): AlertRule[] {
    return [...this.alertTrackers.values()].map((t) => t.rule);
  }

  /** Republishes every instrument every `intervalMs` on the Clock (decay, staleness, alerts without new inputs). */
  start(intervalMs: number): void {
    if (!(Number.isFinite(intervalMs) && intervalMs > 0)) throw new RangeError('refresh interval must be a finite number of ms > 0');
    this.stop();
    this.timer = this.clock.setInterval(() => {
      const now = this.clock.now();
      for (const s of this.byInstrument.values()) s.prune(now);
      this.refresh();
    }, intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private state(instrument: string): InstrumentSignals {
    let s = this.byInstrument.get(instrument);
    if (!s) this.byInstrument.set(instrument, (s = new InstrumentSignals(this.config)));
    return s;
  }

  private publish(instrument: string): void {
    const snap = this.snapshot(instrument);
    this.events.emit('signal', snap);
    for (const t of this.alertTrackers.values()) {
      if (t.rule.instrument !== instrument) continue;
      const value = valueFor(snap, t.rule.signal);
      if (t.observe(value)) {
        this.events.emit('alert', {
          ruleId: t.rule.id, instrument, signal: t.rule.signal, direction: t.rule.direction,
          threshold: t.rule.threshold, value: value!, ts: snap.ts,
        });
      }
    }
  }
}

/** The value an alert watches: the composite, or a component's value while it is fresh. */
function valueFor(snap: SignalSnapshot, signal: AlertRule['signal']): number | undefined {
  if (signal === 'composite') return snap.composite;
  const c = snap.components.find((x) => x.name === signal);
  return c?.fresh ? c.value : undefined;
}
