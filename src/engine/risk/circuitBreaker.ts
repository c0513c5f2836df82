import type { Clock, Symbol, TimerId, VenueId } from '../core';
import { breakerTransition, type BreakerState, type BreakerTrigger, type IllegalBreakerTransitionError } from './breakerStateMachine';
import { DEFAULT_INITIAL_BACKOFF_MS, DEFAULT_MAX_BACKOFF_MS, type BreakerSpec } from './limitConfig';

/** BreakerSpec with its defaults filled in; an undefined threshold = that trigger is off. */
export interface BreakerSettings {
  maxRejectPct: number | undefined;
  rejectMinSamples: number;
  rejectWindowMs: number;
  maxErrors: number | undefined;
  errorWindowMs: number;
  maxAckLatencyMs: number | undefined;
  slowAcksToTrip: number;
  staleBook: boolean;
  initialBackoffMs: number;
  maxBackoffMs: number;
  probeTimeoutMs: number;
}

export function resolveBreakerSettings(spec: BreakerSpec = {}): BreakerSettings {
  return {
    maxRejectPct: spec.maxRejectPct,
    rejectMinSamples: spec.rejectMinSamples ?? 10,
    rejectWindowMs: spec.rejectWindowMs ?? 60_000,
    maxErrors: spec.maxErrors,
    errorWindowMs: spec.errorWindowMs ?? 10_000,
    maxAckLatencyMs: spec.maxAckLatencyMs,
    slowAcksToTrip: spec.slowAcksToTrip ?? 3,
    staleBook: spec.staleBook ?? false,
    initialBackoffMs: spec.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS,
    maxBackoffMs: spec.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
    probeTimeoutMs: spec.probeTimeoutMs ?? 5_000,
  };
}

export type BreakerScopeKind = 'venue' | 'instrument';

/** One line of the breaker audit: every transition, with when, where, from, to and why. */
export interface BreakerTransitionRecord {
  ts: number;
  scope: BreakerScopeKind;
  venue: VenueId;
  symbol?: Symbol;
  from: BreakerState;
  to: BreakerState;
  trigger: BreakerTrigger;
  reason: string;
}

/**
 * What survives a restart of a breaker that is not CLOSED: enough to refuse the same orders for the
 * same reason and to resume the same backoff schedule on the injected clock. The trigger windows
 * (recent answers, errors) are not kept: they only decide the next trip, and the breaker is already
 * tripped. Staleness is not kept either: the wiring reports it afresh from the live books.
 */
export interface BreakerSnapshot {
  scope: BreakerScopeKind;
  venue: VenueId;
  symbol?: Symbol;
  state: 'OPEN' | 'HALF_OPEN';
  since: number;
  reason: string;
  /** The current backoff (the next failed probe doubles it). */
  backoffMs: number;
  /** While OPEN: when a probe may go. */
  reopenAt: number;
  /** While HALF_OPEN with the probe sent: which order and when (its timeout runs on from then). */
  probeId?: string;
  probeSentAt?: number;
}

/** Answers remembered per breaker for the rate triggers; older ones fall out of the window anyway. */
const MEMORY = 256;

/** Timestamps in a fixed ring, newest last, counted back from now over a window. */
class TimeRing {
  readonly ts = new Float64Array(MEMORY);
  readonly flag = new Uint8Array(MEMORY);
  private next = 0;
  private size = 0;

  push(ts: number, flag: boolean): void {
    this.ts[this.next] = ts;
    this.flag[this.next] = flag ? 1 : 0;
    this.next = (this.next + 1) % MEMORY;
    if (this.size < MEMORY) this.size++;
  }

  /** [entries after `from`, of which flagged]. */
  count(from: number): [number, number] {
    let all = 0;
    let flagged = 0;
    let i = this.next;
    for (let n = 0; n < this.size; n++) {
      i = i === 0 ? MEMORY - 1 : i - 1;
      if (this.ts[i]! <= from) break;
      all++;
      flagged += this.flag[i]!;
    }
    return [all, flagged];
  }

  clear(): void {
    this.size = 0;
  }
}

/**
 * One venue's or one instrument's circuit breaker. It watches the answers to our orders (reject rate,
 * slow acknowledgements), venue errors and market data staleness; when one goes bad it OPENs and the
 * pre-trade check refuses orders to its scope with its reason. After an exponential backoff, timed by
 * the injected clock, it lets one probe order through (HALF_OPEN); the probe's answer closes it or
 * opens it again for twice as long.
 */
export class CircuitBreaker {
  state: BreakerState = 'CLOSED';
  /** Why the breaker is not CLOSED (the trip or failure reason). */
  reason = '';
  /** When the current state began (a number from the start, like reopenAt: a bare field starts undefined and V8 boxes its timestamps). */
  since = 0;
  /** While OPEN: when the probe may go. */
  reopenAt = 0;
  /** While HALF_OPEN: whether the probe order has gone, which one, and when. */
  probeOut = false;
  probeId: string | undefined;
  probeSentAt = 0;
  /** Whether the scope's market data is stale now (held open until it is fresh). */
  stale = false;
  /** The settings in effect for this scope (see BreakerLimits); replaced when the limits change. */
  settings: BreakerSettings;
  private backoffMs = 0;
  private readonly answers = new TimeRing(); // flag = rejected
  private readonly errors = new TimeRing();
  private slowAcks = 0;
  private backoffTimer: TimerId | undefined;
  private probeTimer: TimerId | undefined;

  constructor(
    readonly kind: BreakerScopeKind,
    readonly venue: VenueId,
    readonly symbol: Symbol | undefined,
    private readonly clock: Clock,
    settings: BreakerSettings,
    private readonly record: (transition: BreakerTransitionRecord) => void,
    /** Called when the probe goes out (the state to persist changed without a transition). */
    private readonly probed: () => void = () => {},
  ) {
    this.since = clock.now();
    this.settings = settings;
  }

  /**
   * New settings for this scope. They apply from the next event; a backoff already running keeps its
   * length. One thing cannot wait: a breaker held OPEN only because its data is stale and staleBook is
   * now off would otherwise stay OPEN until the data came back, so it goes HALF_OPEN now.
   */
  configure(settings: BreakerSettings): void {
    this.settings = settings;
    if (this.state === 'OPEN' && this.backoffTimer === undefined && this.stale && !settings.staleBook) {
      this.fire('backoff_elapsed', 'market data no longer holds the breaker open (staleBook turned off)');
    }
  }

  /** The state to persist, or undefined when CLOSED (the state every breaker starts in). */
  snapshot(): BreakerSnapshot | undefined {
    if (this.state === 'CLOSED') return undefined;
    const s: BreakerSnapshot = {
      scope: this.kind,
      venue: this.venue,
      state: this.state,
      since: this.since,
      reason: this.reason,
      backoffMs: this.backoffMs,
      reopenAt: this.reopenAt,
    };
    if (this.symbol !== undefined) s.symbol = this.symbol;
    if (this.state === 'HALF_OPEN' && this.probeOut) {
      if (this.probeId !== undefined) s.probeId = this.probeId;
      s.probeSentAt = this.probeSentAt;
    }
    return s;
  }

  /**
   * Takes up a persisted state at start (no transition: nothing changed, the process did). Its timers
   * run on from the persisted times: a backoff that ran out while the terminal was down lets the probe
   * go on the clock's next tick, as does a probe whose answer never came.
   */
  restore(saved: BreakerSnapshot): void {
    this.clearTimers();
    // The literal, not the parsed string: the check compares states by identity first (see PreTradeChecks).
    this.state = saved.state === 'OPEN' ? 'OPEN' : 'HALF_OPEN';
    this.since = saved.since;
    this.reason = saved.reason;
    this.backoffMs = saved.backoffMs;
    this.reopenAt = saved.reopenAt;
    this.probeOut = false;
    this.probeId = undefined;
    const now = this.clock.now();
    if (saved.state === 'OPEN') {
      this.backoffTimer = this.clock.setTimeout(() => this.onBackoffElapsed(), Math.max(0, saved.reopenAt - now));
    } else if (saved.probeSentAt !== undefined) {
      this.probeOut = true;
      this.probeId = saved.probeId;
      this.probeSentAt = saved.probeSentAt;
      this.armProbeTimeout(Math.max(0, saved.probeSentAt + this.settings.probeTimeoutMs - now));
    }
  }

  /** "venue SIM-A" or "SIM-A:BTC-USDT": how reasons name the scope. */
  get label(): string {
    return this.kind === 'venue' ? `venue ${this.venue}` : `${this.venue}:${this.symbol}`;
  }

  /** Whether an order may go to this scope now: CLOSED, or HALF_OPEN with the probe not yet sent. */
  admits(): boolean {
    return this.state === 'CLOSED' || (this.state === 'HALF_OPEN' && !this.probeOut);
  }

  /** Called for an order that passed every check while HALF_OPEN: it is the probe. */
  claimProbe(clientOrderId: string | undefined, now: number): void {
    if (this.state !== 'HALF_OPEN' || this.probeOut) return;
    this.probeOut = true;
    this.probeId = clientOrderId;
    this.probeSentAt = now;
    this.armProbeTimeout(this.settings.probeTimeoutMs);
    this.probed();
  }

  onAck(latencyMs: number, clientOrderId?: string): void {
    const s = this.settings;
    const slow = s.maxAckLatencyMs !== undefined && latencyMs > s.maxAckLatencyMs;
    if (this.isProbe(clientOrderId)) {
      if (slow) this.fire('probe_failed', `probe order${idText(this.probeId)} acknowledged in ${latencyMs} ms, above ${s.maxAckLatencyMs} ms`);
      else this.fire('probe_succeeded', `probe order${idText(this.probeId)} acknowledged in ${latencyMs} ms`);
      return;
    }
    this.answers.push(this.clock.now(), false);
    if (this.state !== 'CLOSED') return;
    this.slowAcks = slow ? this.slowAcks + 1 : 0;
    if (slow && this.slowAcks >= s.slowAcksToTrip) {
      this.fire('trip', `${this.slowAcks} acknowledgement${this.slowAcks === 1 ? '' : 's'} in a row slower than ${s.maxAckLatencyMs} ms (last ${latencyMs} ms)`);
    }
  }

  onReject(reason: string, clientOrderId?: string): void {
    if (this.isProbe(clientOrderId)) {
      this.fire('probe_failed', `probe order${idText(this.probeId)} rejected: ${reason}`);
      return;
    }
    const now = this.clock.now();
    this.answers.push(now, true);
    const s = this.settings;
    if (this.state !== 'CLOSED' || s.maxRejectPct === undefined) return;
    const [answers, rejects] = this.answers.count(now - s.rejectWindowMs);
    if (answers >= s.rejectMinSamples && rejects * 100 > s.maxRejectPct * answers) {
      const pct = Math.round((rejects * 100) / answers);
      this.fire(
        'trip',
        `${rejects} of the last ${answers} orders rejected within ${seconds(s.rejectWindowMs)} (${pct}%), above ${s.maxRejectPct}%; last: ${reason}`,
      );
    }
  }

  onError(reason: string): void {
    const now = this.clock.now();
    this.errors.push(now, true);
    const s = this.settings;
    if (this.state === 'HALF_OPEN') {
      this.fire('probe_failed', `venue error while probing: ${reason}`);
      return;
    }
    if (this.state !== 'CLOSED' || s.maxErrors === undefined) return;
    const [errors] = this.errors.count(now - s.errorWindowMs);
    if (errors > s.maxErrors) {
      this.fire('trip', `${errors} venue error${errors === 1 ? '' : 's'} within ${seconds(s.errorWindowMs)}, above ${s.maxErrors}; last: ${reason}`);
    }
  }

  onStale(stale: boolean, reason?: string): void {
    this.stale = stale;
    if (!this.settings.staleBook) return;
    const why = `market data stale${reason ? `: ${reason}` : ''}`;
    if (stale && this.state === 'CLOSED') this.fire('trip', why);
    else if (stale && this.state === 'HALF_OPEN') this.fire('probe_failed', why);
    // Fresh again after the backoff has already run out: probe now rather than wait for nothing.
    else if (!stale && this.state === 'OPEN' && this.backoffTimer === undefined) this.fire('backoff_elapsed', 'market data fresh again');
  }

  /** An operator closing the breaker by hand; refused (with the typed error) when it is already CLOSED. */
  reset(reason: string): IllegalBreakerTransitionError | undefined {
    return this.transition('manual_reset', reason);
  }

  dispose(): void {
    this.clearTimers();
  }

  private isProbe(clientOrderId: string | undefined): boolean {
    if (this.state !== 'HALF_OPEN' || !this.probeOut) return false;
    // Without ids any answer is taken as the probe's; with them, a late answer to an older order is not.
    return clientOrderId === undefined || this.probeId === undefined || clientOrderId === this.probeId;
  }

  /** For triggers this class only fires when the table allows them: an illegal one here is a bug. */
  private fire(trigger: BreakerTrigger, reason: string): void {
    const illegal = this.transition(trigger, reason);
    if (illegal) throw illegal;
  }

  private transition(trigger: BreakerTrigger, reason: string): IllegalBreakerTransitionError | undefined {
    const next = breakerTransition(this.label, this.state, trigger);
    if (typeof next !== 'string') return next;
    const from = this.state;
    const now = this.clock.now();
    this.clearTimers();
    this.state = next;
    this.since = now;
    this.probeOut = false;
    this.probeId = undefined;
    if (next === 'OPEN') {
      const s = this.settings;
      // Exponential: each failed probe doubles the wait, up to the cap; a trip from CLOSED starts over.
      this.backoffMs = from === 'HALF_OPEN' ? Math.min(s.maxBackoffMs, this.backoffMs * 2) : s.initialBackoffMs;
      this.reason = reason;
      this.reopenAt = now + this.backoffMs;
      this.backoffTimer = this.clock.setTimeout(() => this.onBackoffElapsed(), this.backoffMs);
    } else if (next === 'CLOSED') {
      // A clean slate: the answers that tripped it must not trip it again at once.
      this.backoffMs = 0;
      this.reason = '';
      this.answers.clear();
      this.errors.clear();
      this.slowAcks = 0;
    }
    const record: BreakerTransitionRecord = { ts: now, scope: this.kind, venue: this.venue, from, to: next, trigger, reason };
    if (this.symbol !== undefined) record.symbol = this.symbol;
    this.record(record);
    return undefined;
  }

  private onBackoffElapsed(): void {
    this.backoffTimer = undefined;
    // Stale data holds it open: a probe into a book we cannot see would prove nothing.
    if (this.state === 'OPEN' && !(this.stale && this.settings.staleBook)) {
      this.fire('backoff_elapsed', `backoff of ${this.backoffMs} ms elapsed`);
    }
  }

  private armProbeTimeout(ms: number): void {
    const timeout = this.settings.probeTimeoutMs;
    this.probeTimer = this.clock.setTimeout(() => {
      this.probeTimer = undefined;
      if (this.state === 'HALF_OPEN' && this.probeOut) {
        this.fire('probe_failed', `no answer to the probe order${idText(this.probeId)} within ${timeout} ms`);
      }
    }, ms);
  }

  private clearTimers(): void {
    if (this.backoffTimer !== undefined) this.clock.clearTimer(this.backoffTimer);
    if (this.probeTimer !== undefined) this.clock.clearTimer(this.probeTimer);
    this.backoffTimer = this.probeTimer = undefined;
  }
}

const idText = (id: string | undefined): string => (id === undefined ? '' : ` ${id}`);
const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
