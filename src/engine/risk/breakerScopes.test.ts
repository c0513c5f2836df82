import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakerState } from './breakerStateMachine';
import type { BreakerLimits } from './limitConfig';
import { BTC_95000, limitOrder, rig, TempStore, verdict, type Rig } from './testSupport';

/*
 * Breaker settings scoped like the limits: defaults, then per venue, then per instrument, field by
 * field. A venue's breaker runs on its venue's settings, an instrument's on its venue's and its own.
 */

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const states = (r: Rig): Record<string, BreakerState> =>
  Object.fromEntries(r.risk.breakers.views().map((v) => [v.symbol ? `${v.venue}:${v.symbol}` : v.venue, v.state]));

const scoped = (breakers: BreakerLimits): Rig => rig(temp, { breakers });

describe('scoped breaker settings', () => {
  it('resolves each scope field by field: defaults, then the venue, then the instrument', () => {
    const r = scoped({
      defaults: { maxAckLatencyMs: 500, slowAcksToTrip: 2, maxErrors: 3 },
      venues: { 'SIM-B': { maxAckLatencyMs: 2_000 } },
      instruments: { 'SIM-B:ETH-USDT': { slowAcksToTrip: 1 }, 'SIM-A:ETH-USDT': { maxAckLatencyMs: 100, slowAcksToTrip: 1 } },
    });
    expect(r.risk.breakerSettingsFor('SIM-A')).toMatchObject({ maxAckLatencyMs: 500, slowAcksToTrip: 2, maxErrors: 3 });
    expect(r.risk.breakerSettingsFor('SIM-B')).toMatchObject({ maxAckLatencyMs: 2_000, slowAcksToTrip: 2, maxErrors: 3 });
    expect(r.risk.breakerSettingsFor('SIM-B', 'BTC-USDT')).toMatchObject({ maxAckLatencyMs: 2_000, slowAcksToTrip: 2 });
    expect(r.risk.breakerSettingsFor('SIM-B', 'ETH-USDT')).toMatchObject({ maxAckLatencyMs: 2_000, slowAcksToTrip: 1 });
    expect(r.risk.breakerSettingsFor('SIM-A', 'ETH-USDT')).toMatchObject({ maxAckLatencyMs: 100, slowAcksToTrip: 1, maxErrors: 3 });
    // Defaults fill in whatever no scope sets.
    expect(r.risk.breakerSettingsFor('SIM-A', 'BTC-USDT')).toMatchObject({ initialBackoffMs: 1_000, maxBackoffMs: 60_000, staleBook: false });
  });

  it('trips each breaker on its own scope\'s thresholds', () => {
    const r = scoped({
      defaults: { maxAckLatencyMs: 500, slowAcksToTrip: 2 },
      venues: { 'SIM-B': { maxAckLatencyMs: 2_000 } },
      instruments: { 'SIM-A:ETH-USDT': { maxAckLatencyMs: 100, slowAcksToTrip: 1 } },
    });
    // 800 ms is slow on SIM-A but not on the slower SIM-B.
    r.risk.onOrderAck('SIM-B', 'BTC-USDT', 800);
    r.risk.onOrderAck('SIM-B', 'BTC-USDT', 800);
    expect(states(r)).toMatchObject({ 'SIM-B': 'CLOSED', 'SIM-B:BTC-USDT': 'CLOSED' });
    // One 150 ms ack trips SIM-A:ETH-USDT alone: it is not slow by the venue's 500 ms.
    r.risk.onOrderAck('SIM-A', 'ETH-USDT', 150);
    expect(states(r)).toMatchObject({ 'SIM-A': 'CLOSED', 'SIM-A:ETH-USDT': 'OPEN' });
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'ETH-USDT', 'buy', 340_000, 100)))).toBe(
      'circuit breaker OPEN for SIM-A:ETH-USDT: 1 acknowledgement in a row slower than 100 ms (last 150 ms); a probe order is allowed in 1000 ms',
    );
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100)))).toBe('ok');
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 800);
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 800);
    expect(states(r)).toMatchObject({ 'SIM-A': 'OPEN', 'SIM-A:BTC-USDT': 'OPEN', 'SIM-B': 'CLOSED' });
  });

  it('backs off per scope: a venue with a longer backoff waits longer for its probe', () => {
    const r = scoped({ defaults: { maxErrors: 0 }, venues: { 'SIM-B': { initialBackoffMs: 5_000, maxBackoffMs: 5_000 } } });
    r.risk.onVenueError('SIM-A', 'timeout');
    r.risk.onVenueError('SIM-B', 'timeout');
    r.clock.advance(1_000);
    expect(states(r)).toMatchObject({ 'SIM-A': 'HALF_OPEN', 'SIM-B': 'OPEN' });
    expect(verdict(r.risk.check(limitOrder('SIM-B', 'BTC-USDT', 'buy', BTC_95000, 100)))).toBe(
      'circuit breaker OPEN for venue SIM-B: 1 venue error within 10 s, above 0; last: timeout; a probe order is allowed in 4000 ms',
    );
    r.clock.advance(4_000);
    expect(states(r)['SIM-B']).toBe('HALF_OPEN');
  });

  it('applies an edit to breakers that already exist, from their next event', () => {
    const r = scoped({ defaults: { maxErrors: 5 } });
    r.risk.onVenueError('SIM-A', 'HTTP 502');
    r.risk.onVenueError('SIM-A', 'HTTP 502');
    expect(states(r)['SIM-A']).toBe('CLOSED');
    expect(r.risk.setVenueBreakers('SIM-A', { maxErrors: 1 }).ok).toBe(true);
    expect(states(r)['SIM-A']).toBe('CLOSED'); // nothing happened yet
    r.risk.onVenueError('SIM-A', 'HTTP 503');
    expect(r.risk.breakerTransitions().at(-1)).toMatchObject({
      venue: 'SIM-A',
      to: 'OPEN',
      reason: '3 venue errors within 10 s, above 1; last: HTTP 503',
    });
    // Removing the override puts the default back for the next trip.
    expect(r.risk.setVenueBreakers('SIM-A', undefined).ok).toBe(true);
    expect(r.risk.limits().breakers).toEqual({ defaults: { maxErrors: 5 } });
    expect(r.risk.breakerSettingsFor('SIM-A').maxErrors).toBe(5);
  });

  it('lets a breaker held open only by stale data probe once staleBook is turned off for its scope', () => {
    const r = scoped({ defaults: { staleBook: true } });
    r.risk.onBookStale('SIM-A', 'BTC-USDT', true, 'sequence gap');
    r.clock.advance(5_000);
    expect(states(r)['SIM-A:BTC-USDT']).toBe('OPEN'); // held: the data is still stale
    expect(r.risk.setInstrumentBreakers('SIM-A', 'BTC-USDT', { staleBook: false }).ok).toBe(true);
    expect(states(r)['SIM-A:BTC-USDT']).toBe('HALF_OPEN');
    expect(r.risk.breakerTransitions().at(-1)).toMatchObject({
      from: 'OPEN',
      to: 'HALF_OPEN',
      trigger: 'backoff_elapsed',
      reason: 'market data no longer holds the breaker open (staleBook turned off)',
    });
    // Other instruments still trip on stale data.
    r.risk.onBookStale('SIM-A', 'ETH-USDT', true);
    expect(states(r)['SIM-A:ETH-USDT']).toBe('OPEN');
  });

  it('refuses an edit whose backoffs would not hold together in some scope, changing nothing', () => {
    const r = scoped({ defaults: { maxBackoffMs: 2_000 } });
    const before = r.risk.limits();
    expect(r.risk.setVenueBreakers('SIM-B', { initialBackoffMs: 3_000 })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'breakers.venues["SIM-B"].initialBackoffMs 3000 is above maxBackoffMs 2000 (the backoffs in effect there)',
      },
    });
    expect(r.risk.breakerSettingsFor('SIM-B').initialBackoffMs).toBe(1_000);
    expect(r.risk.limits()).toEqual(before);
  });
});
