import { err, EventBus, ok, silentLogger, type Clock, type Logger, type Result, type Symbol, type VenueId } from '../core';
import type { Store } from '../storage';
import { readBreakerSnapshots, UNREADABLE_BREAKER_REASON } from './breakerSnapshots';
import type { BreakerState } from './breakerStateMachine';
import { CircuitBreaker, resolveBreakerSettings, type BreakerSettings, type BreakerSnapshot, type BreakerTransitionRecord } from './circuitBreaker';
import { effectiveBreakerSpec, type BreakerLimits } from './limitConfig';

export type BreakerEvents = { breaker: BreakerTransitionRecord };

/** How many transitions the audit list keeps in memory (the log has them all). */
const AUDIT_MEMORY = 1_000;

/** Where the breakers that are not CLOSED are persisted (a list of BreakerSnapshot). */
export const BREAKERS_SETTING_KEY = 'risk.breakers';

/** A breaker's state for the risk panel. */
export interface BreakerView {
  scope: 'venue' | 'instrument';
  venue: VenueId;
  symbol?: Symbol;
  state: BreakerState;
  since: number;
  reason?: string;
  /** While OPEN: when a probe will be allowed. */
  reopenAt?: number;
}

export interface CircuitBreakersOptions {
  /** Where breaker states persist; without it a restart closes every breaker. */
  store?: Store;
  logger?: Logger;
}

/**
 * Every venue's and every instrument's circuit breaker, created on first mention. The inputs are
 * what the wiring sees happen to orders and data; an order's answer feeds both its venue's breaker
 * and its instrument's, so one bad instrument opens only itself unless the whole venue goes bad.
 * Each breaker runs on the settings in effect for its scope (BreakerLimits).
 *
 * A breaker that is not CLOSED survives a restart: every transition (and a probe going out) writes
 * the states of all breakers that are not CLOSED to the store, and the next start takes them up with
 * their reasons and backoff schedules. The reason it tripped has not gone away because the program
 * restarted.
 */
export class CircuitBreakers {
  readonly events: EventBus<BreakerEvents>;
  /** Why the persisted breaker states could not all be used at start, if they could not. */
  readonly loadProblem: string | undefined;
  private readonly venues = new Map<VenueId, CircuitBreaker>();
  private readonly instruments = new Map<VenueId, Map<Symbol, CircuitBreaker>>();
  private readonly audit: BreakerTransitionRecord[] = [];
  private limits: BreakerLimits | undefined;
  private readonly store: Store | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly clock: Clock,
    limits: BreakerLimits | undefined,
    options: CircuitBreakersOptions = {},
  ) {
    this.limits = limits;
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    const logger = this.logger;
    this.events = new EventBus<BreakerEvents>((event, error) => logger.error({ event, error: String(error) }, 'breaker listener threw'));
    this.loadProblem = this.restore();
  }

  /** New scoped settings: every breaker takes the settings now in effect for its scope. */
  configure(limits: BreakerLimits | undefined): void {
    this.limits = limits;
    for (const b of this.venues.values()) b.configure(this.settingsFor(b.venue, undefined));
    for (const symbols of this.instruments.values()) for (const b of symbols.values()) b.configure(this.settingsFor(b.venue, b.symbol));
  }

  /** The settings in effect for a venue's breaker (no symbol) or an instrument's. */
  settingsFor(venue: VenueId, symbol: Symbol | undefined): BreakerSettings {
    return resolveBreakerSettings(effectiveBreakerSpec(this.limits, venue, symbol));
  }

  venue(venue: VenueId): CircuitBreaker {
    let b = this.venues.get(venue);
    if (!b) this.venues.set(venue, (b = this.create('venue', venue, undefined)));
    return b;
  }

  instrument(venue: VenueId, symbol: Symbol): CircuitBreaker {
    let symbols = this.instruments.get(venue);
    if (!symbols) this.instruments.set(venue, (symbols = new Map()));
    let b = symbols.get(symbol);
    if (!b) symbols.set(symbol, (b = this.create('instrument', venue, symbol)));
    return b;
  }

  /** The venue acknowledged an order after `latencyMs` (submit to ack). */
  onOrderAck(venue: VenueId, symbol: Symbol, latencyMs: number, clientOrderId?: string): void {
    this.venue(venue).onAck(latencyMs, clientOrderId);
    this.instrument(venue, symbol).onAck(latencyMs, clientOrderId);
  }

  /** The venue rejected an order (not a risk rejection: those never reached the venue). */
  onOrderReject(venue: VenueId, symbol: Symbol, reason: string, clientOrderId?: string): void {
    this.venue(venue).onReject(reason, clientOrderId);
    this.instrument(venue, symbol).onReject(reason, clientOrderId);
  }

  /** A transport or server error talking to the venue (disconnect, timeout, 5xx). */
  onVenueError(venue: VenueId, reason: string, symbol?: Symbol): void {
    this.venue(venue).onError(reason);
    if (symbol !== undefined) this.instrument(venue, symbol).onError(reason);
  }

  /** The instrument's book went stale (sequence gap, feed down) or fresh again. */
  onBookStale(venue: VenueId, symbol: Symbol, stale: boolean, reason?: string): void {
    this.instrument(venue, symbol).onStale(stale, reason);
  }

  /** Closes a breaker by hand (an operator who knows the venue is back). */
  reset(venue: VenueId, symbol: Symbol | undefined, reason = 'reset by the trader'): Result<BreakerView> {
    const b = symbol === undefined ? this.venues.get(venue) : this.instruments.get(venue)?.get(symbol);
    const label = symbol === undefined ? `venue ${venue}` : `${venue}:${symbol}`;
    if (!b || b.state === 'CLOSED') return err('ILLEGAL_TRANSITION', `circuit breaker ${label} is already CLOSED`);
    const illegal = b.reset(reason);
    if (illegal) return err(illegal.code, illegal.message);
    return ok(view(b));
  }

  /** Transitions, oldest first (the last AUDIT_MEMORY of them). */
  transitions(): BreakerTransitionRecord[] {
    return this.audit.map((r) => ({ ...r }));
  }

  views(): BreakerView[] {
    const out: BreakerView[] = [];
    for (const b of this.venues.values()) out.push(view(b));
    for (const symbols of this.instruments.values()) for (const b of symbols.values()) out.push(view(b));
    return out;
  }

  /** Cancels pending backoff and probe timers (they would keep a live clock's process alive). */
  dispose(): void {
    for (const b of this.all()) b.dispose();
  }

  private create(kind: 'venue' | 'instrument', venue: VenueId, symbol: Symbol | undefined): CircuitBreaker {
    return new CircuitBreaker(
      kind,
      venue,
      symbol,
      this.clock,
      this.settingsFor(venue, symbol),
      (record) => this.onTransition(record),
      () => this.persist(),
    );
  }

  private onTransition(record: BreakerTransitionRecord): void {
    this.persist();
    this.audit.push(record);
    if (this.audit.length > AUDIT_MEMORY) this.audit.splice(0, this.audit.length - AUDIT_MEMORY);
    const where = record.symbol === undefined ? `venue ${record.venue}` : `${record.venue}:${record.symbol}`;
    const line = `circuit breaker ${where} ${record.from} -> ${record.to}: ${record.reason}`;
    if (record.to === 'OPEN') this.logger.warn(record, line);
    else this.logger.info(record, line);
    this.events.emit('breaker', { ...record });
  }

  /** Writes every breaker that is not CLOSED (CLOSED is what a breaker the store does not list starts as). */
  private persist(): void {
    if (!this.store) return;
    const open: BreakerSnapshot[] = [];
    for (const b of this.all()) {
      const s = b.snapshot();
      if (s) open.push(s);
    }
    this.store.setSetting(BREAKERS_SETTING_KEY, open);
  }

  /** Takes up the persisted breakers; returns what could not be read, if anything. */
  private restore(): string | undefined {
    const saved = this.store?.getSetting<unknown>(BREAKERS_SETTING_KEY);
    if (saved === undefined) return undefined;
    const now = this.clock.now();
    const read = readBreakerSnapshots(saved);
    for (const s of read.snapshots) {
      const b = s.symbol === undefined ? this.venue(s.venue) : this.instrument(s.venue, s.symbol);
      b.restore(s);
      const wait = s.state === 'OPEN' ? `; a probe order is allowed in ${Math.max(0, s.reopenAt - now)} ms` : '';
      this.logger.warn({ ...s }, `circuit breaker ${b.label} restored ${s.state}: ${s.reason}${wait}`);
    }
    // Known scope, unknown state: open it for one initial backoff rather than assume all was well.
    for (const u of read.unreadable) {
      const b = u.symbol === undefined ? this.venue(u.venue) : this.instrument(u.venue, u.symbol);
      const backoffMs = b.settings.initialBackoffMs;
      b.restore({ ...u, state: 'OPEN', since: now, reason: UNREADABLE_BREAKER_REASON, backoffMs, reopenAt: now + backoffMs });
      this.logger.error({ ...u }, `circuit breaker ${b.label} opened: ${UNREADABLE_BREAKER_REASON}`);
    }
    if (read.problem) {
      this.logger.error({ saved, problem: read.problem }, 'persisted circuit breaker states not all readable');
      this.persist(); // what is in force now replaces what could not be read
    }
    return read.problem;
  }

  private *all(): Iterable<CircuitBreaker> {
    yield* this.venues.values();
    for (const symbols of this.instruments.values()) yield* symbols.values();
  }
}

function view(b: CircuitBreaker): BreakerView {
  const v: BreakerView = { scope: b.kind, venue: b.venue, state: b.state, since: b.since };
  if (b.symbol !== undefined) v.symbol = b.symbol;
  if (b.state !== 'CLOSED') v.reason = b.reason;
  if (b.state === 'OPEN') v.reopenAt = b.reopenAt;
  return v;
}
