import { err, EventBus, ok, silentLogger, type Clock, type Logger, type Result, type Symbol, type VenueId } from '../core';
import type { BreakerState } from './breakerStateMachine';
import { CircuitBreaker, resolveBreakerSettings, type BreakerSettings, type BreakerTransitionRecord } from './circuitBreaker';
import type { BreakerSpec } from './limitConfig';

export type BreakerEvents = { breaker: BreakerTransitionRecord };

/** How many transitions the audit list keeps in memory (the log has them all). */
const AUDIT_MEMORY = 1_000;

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

/**
 * Every venue's and every instrument's circuit breaker, created on first mention. The inputs are
 * what the wiring sees happen to orders and data; an order's answer feeds both its venue's breaker
 * and its instrument's, so one bad instrument opens only itself unless the whole venue goes bad.
 */
export class CircuitBreakers {
  readonly events: EventBus<BreakerEvents>;
  private readonly venues = new Map<VenueId, CircuitBreaker>();
  private readonly instruments = new Map<VenueId, Map<Symbol, CircuitBreaker>>();
  private readonly audit: BreakerTransitionRecord[] = [];
  private settings: BreakerSettings;
  private readonly current = (): BreakerSettings => this.settings;

  constructor(
    private readonly clock: Clock,
    spec: BreakerSpec | undefined,
    private readonly logger: Logger = silentLogger,
  ) {
    this.settings = resolveBreakerSettings(spec);
    this.events = new EventBus<BreakerEvents>((event, error) => logger.error({ event, error: String(error) }, 'breaker listener threw'));
  }

  configure(spec: BreakerSpec | undefined): void {
    this.settings = resolveBreakerSettings(spec);
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
    for (const b of this.venues.values()) b.dispose();
    for (const symbols of this.instruments.values()) for (const b of symbols.values()) b.dispose();
  }

  private create(kind: 'venue' | 'instrument', venue: VenueId, symbol: Symbol | undefined): CircuitBreaker {
    return new CircuitBreaker(kind, venue, symbol, this.clock, this.current, (record) => this.onTransition(record));
  }

  private onTransition(record: BreakerTransitionRecord): void {
    this.audit.push(record);
    if (this.audit.length > AUDIT_MEMORY) this.audit.splice(0, this.audit.length - AUDIT_MEMORY);
    const where = record.symbol === undefined ? `venue ${record.venue}` : `${record.venue}:${record.symbol}`;
    const line = `circuit breaker ${where} ${record.from} -> ${record.to}: ${record.reason}`;
    if (record.to === 'OPEN') this.logger.warn(record, line);
    else this.logger.info(record, line);
    this.events.emit('breaker', { ...record });
  }
}

function view(b: CircuitBreaker): BreakerView {
  const v: BreakerView = { scope: b.kind, venue: b.venue, state: b.state, since: b.since };
  if (b.symbol !== undefined) v.symbol = b.symbol;
  if (b.state !== 'CLOSED') v.reason = b.reason;
  if (b.state === 'OPEN') v.reopenAt = b.reopenAt;
  return v;
}
