import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqError } from '../core';
import {
  BREAKER_TRANSITIONS,
  breakerTransition,
  IllegalBreakerTransitionError,
  type BreakerState,
  type BreakerTrigger,
} from './breakerStateMachine';
import type { BreakerTransitionRecord } from './circuitBreaker';
import type { BreakerSpec } from './limitConfig';
import { BTC_95000, limitOrder, rig, T0, TempStore, verdict, type Rig } from './testSupport';

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const orderA = (id?: string) => ({ ...limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100), clientOrderId: id });
const orderA2 = limitOrder('SIM-A', 'ETH-USDT', 'buy', 340_000, 100);
const orderB = limitOrder('SIM-B', 'BTC-USDT', 'buy', BTC_95000, 100);

function breakers(spec: BreakerSpec): Rig & { seen: BreakerTransitionRecord[] } {
  const r = rig(temp, { breakers: { defaults: spec } });
  const seen: BreakerTransitionRecord[] = [];
  r.risk.breakers.events.on('breaker', (t) => seen.push(t));
  return { ...r, seen };
}

const states = (r: Rig): Record<string, BreakerState> =>
  Object.fromEntries(r.risk.breakers.views().map((v) => [v.symbol ? `${v.venue}:${v.symbol}` : v.venue, v.state]));

describe('breaker transition table', () => {
  const triggers: BreakerTrigger[] = ['trip', 'backoff_elapsed', 'probe_succeeded', 'probe_failed', 'manual_reset'];
  const expected: Record<BreakerState, Partial<Record<BreakerTrigger, BreakerState>>> = {
    CLOSED: { trip: 'OPEN' },
    OPEN: { backoff_elapsed: 'HALF_OPEN', manual_reset: 'CLOSED' },
    HALF_OPEN: { probe_succeeded: 'CLOSED', probe_failed: 'OPEN', manual_reset: 'CLOSED' },
  };

  it('allows exactly the listed transitions and gives a typed error for every other one', () => {
    expect(BREAKER_TRANSITIONS).toEqual(expected);
    for (const from of ['CLOSED', 'OPEN', 'HALF_OPEN'] as const) {
      for (const trigger of triggers) {
        const next = breakerTransition('venue SIM-A', from, trigger);
        const legal = expected[from][trigger];
        if (legal) expect(next).toBe(legal);
        else {
          expect(next).toBeInstanceOf(IllegalBreakerTransitionError);
          expect(next).toBeInstanceOf(SqError);
          expect(next).toMatchObject({
            code: 'ILLEGAL_TRANSITION',
            from,
            trigger,
            message: `circuit breaker venue SIM-A: ${trigger} is not allowed while ${from}`,
          });
        }
      }
    }
  });
});

describe('circuit breaker triggers', () => {
  it('reject rate: trips above the percentage once enough answers are in the window, not at it', () => {
    const r = breakers({ maxRejectPct: 50, rejectMinSamples: 4, rejectWindowMs: 60_000 });
    r.risk.onOrderReject('SIM-A', 'BTC-USDT', 'old');
    r.clock.advance(60_000); // out of the window by the time it matters
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 20);
    r.risk.onOrderReject('SIM-A', 'BTC-USDT', 'price band');
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 20);
    r.risk.onOrderReject('SIM-A', 'BTC-USDT', 'price band'); // 2 of 4 = 50%: at the limit
    expect(verdict(r.risk.check(orderA()))).toBe('ok');
    r.risk.onOrderReject('SIM-A', 'BTC-USDT', 'insufficient balance'); // 3 of 5 = 60%
    const why = '3 of the last 5 orders rejected within 60 s (60%), above 50%; last: insufficient balance';
    expect(verdict(r.risk.check(orderA()))).toBe(`circuit breaker OPEN for venue SIM-A: ${why}; a probe order is allowed in 1000 ms`);
    expect(states(r)).toMatchObject({ 'SIM-A': 'OPEN', 'SIM-A:BTC-USDT': 'OPEN' });
    expect(verdict(r.risk.check(orderB))).toBe('ok'); // another venue
    expect(r.seen.map((t) => [t.scope, t.venue, t.symbol, t.from, t.to, t.reason])).toEqual([
      ['venue', 'SIM-A', undefined, 'CLOSED', 'OPEN', why],
      ['instrument', 'SIM-A', 'BTC-USDT', 'CLOSED', 'OPEN', why],
    ]);
  });

  it('venue errors: trips the venue when more than maxErrors happen within the window', () => {
    const r = breakers({ maxErrors: 2, errorWindowMs: 10_000 });
    r.risk.onVenueError('SIM-A', 'socket closed');
    r.clock.advance(5_000);
    r.risk.onVenueError('SIM-A', 'socket closed');
    r.clock.advance(5_000);
    r.risk.onVenueError('SIM-A', 'HTTP 503'); // the first one has left the window
    expect(states(r)['SIM-A']).toBe('CLOSED');
    r.risk.onVenueError('SIM-A', 'HTTP 503');
    expect(verdict(r.risk.check(orderA2))).toBe(
      'circuit breaker OPEN for venue SIM-A: 3 venue errors within 10 s, above 2; last: HTTP 503; a probe order is allowed in 1000 ms',
    );
    expect(verdict(r.risk.check(orderB))).toBe('ok');
  });

  it('acknowledgement latency: trips after slowAcksToTrip slow acks in a row; a fast one resets the count', () => {
    const r = breakers({ maxAckLatencyMs: 500, slowAcksToTrip: 3 });
    for (const ms of [501, 900, 500, 700, 800]) r.risk.onOrderAck('SIM-B', 'BTC-USDT', ms); // 500 is not slow
    expect(states(r)['SIM-B']).toBe('CLOSED');
    r.risk.onOrderAck('SIM-B', 'BTC-USDT', 1_200);
    expect(verdict(r.risk.check(orderB))).toBe(
      'circuit breaker OPEN for venue SIM-B: 3 acknowledgements in a row slower than 500 ms (last 1200 ms); a probe order is allowed in 1000 ms',
    );
    expect(verdict(r.risk.check(orderA()))).toBe('ok');
  });

  it('stale market data: opens the instrument only, and holds it open until the data is fresh', () => {
    const r = breakers({ staleBook: true, initialBackoffMs: 1_000 });
    r.risk.onBookStale('SIM-A', 'BTC-USDT', true, 'sequence gap 41 -> 45');
    expect(verdict(r.risk.check(orderA()))).toBe(
      'circuit breaker OPEN for SIM-A:BTC-USDT: market data stale: sequence gap 41 -> 45; a probe order is allowed in 1000 ms',
    );
    expect(verdict(r.risk.check(orderA2))).toBe('ok');
    r.clock.advance(5_000);
    expect(verdict(r.risk.check(orderA()))).toBe(
      'circuit breaker OPEN for SIM-A:BTC-USDT: market data stale: sequence gap 41 -> 45; a probe order is allowed once market data is fresh again',
    );
    r.risk.onBookStale('SIM-A', 'BTC-USDT', false);
    expect(states(r)['SIM-A:BTC-USDT']).toBe('HALF_OPEN');
    expect(r.seen.at(-1)).toMatchObject({ from: 'OPEN', to: 'HALF_OPEN', trigger: 'backoff_elapsed', reason: 'market data fresh again' });
  });

  it('ignores staleness unless configured', () => {
    const r = breakers({});
    r.risk.onBookStale('SIM-A', 'BTC-USDT', true);
    expect(verdict(r.risk.check(orderA()))).toBe('ok');
  });
});

describe('circuit breaker recovery', () => {
  const spec: BreakerSpec = { maxErrors: 0, initialBackoffMs: 1_000, maxBackoffMs: 4_000, probeTimeoutMs: 3_000 };

  it('goes HALF_OPEN after the backoff, lets exactly one probe through, and closes when it is acknowledged', () => {
    const r = breakers(spec);
    r.risk.onVenueError('SIM-A', 'timeout');
    r.clock.advance(999);
    expect(states(r)['SIM-A']).toBe('OPEN');
    r.clock.advance(1);
    expect(states(r)['SIM-A']).toBe('HALF_OPEN');
    expect(verdict(r.risk.check(orderA('probe-1')))).toBe('ok');
    r.clock.advance(40);
    expect(verdict(r.risk.check(orderA2))).toBe(
      'circuit breaker HALF_OPEN for venue SIM-A: waiting for the answer to the probe order probe-1 sent 40 ms ago',
    );
    r.risk.onOrderAck('SIM-A', 'ETH-USDT', 30, 'older-order'); // an answer to an order sent before the trip
    expect(states(r)['SIM-A']).toBe('HALF_OPEN');
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 45, 'probe-1');
    expect(states(r)['SIM-A']).toBe('CLOSED');
    expect(verdict(r.risk.check(orderA2))).toBe('ok');
    expect(r.risk.breakerTransitions()).toEqual([
      { ts: T0, scope: 'venue', venue: 'SIM-A', from: 'CLOSED', to: 'OPEN', trigger: 'trip', reason: '1 venue error within 10 s, above 0; last: timeout' },
      { ts: T0 + 1_000, scope: 'venue', venue: 'SIM-A', from: 'OPEN', to: 'HALF_OPEN', trigger: 'backoff_elapsed', reason: 'backoff of 1000 ms elapsed' },
      { ts: T0 + 1_040, scope: 'venue', venue: 'SIM-A', from: 'HALF_OPEN', to: 'CLOSED', trigger: 'probe_succeeded', reason: 'probe order probe-1 acknowledged in 45 ms' },
    ]);
    expect(r.seen).toEqual(r.risk.breakerTransitions());
  });

  it('a failed probe opens it again for twice as long, up to the cap; rejection, timeout and a slow ack all fail it', () => {
    const r = breakers({ ...spec, maxAckLatencyMs: 500 });
    const halfOpenAfter = (ms: number): void => {
      r.clock.advance(ms - 1);
      expect(states(r)['SIM-A']).toBe('OPEN');
      r.clock.advance(1);
      expect(states(r)['SIM-A']).toBe('HALF_OPEN');
    };
    r.risk.onVenueError('SIM-A', 'timeout');
    halfOpenAfter(1_000);
    r.risk.check(orderA('p1'));
    r.risk.onOrderReject('SIM-A', 'BTC-USDT', 'venue busy', 'p1');
    halfOpenAfter(2_000);
    r.risk.check(orderA('p2'));
    r.clock.advance(3_000); // no answer within probeTimeoutMs
    halfOpenAfter(4_000);
    r.risk.check(orderA('p3'));
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 900, 'p3');
    halfOpenAfter(4_000); // capped at maxBackoffMs
    expect(r.risk.breakerTransitions().filter((t) => t.trigger === 'probe_failed').map((t) => t.reason)).toEqual([
      'probe order p1 rejected: venue busy',
      'no answer to the probe order p2 within 3000 ms',
      'probe order p3 acknowledged in 900 ms, above 500 ms',
    ]);
    // After a success the next trip starts from the initial backoff again.
    r.risk.check(orderA('p4'));
    r.risk.onOrderAck('SIM-A', 'BTC-USDT', 10, 'p4');
    r.risk.onVenueError('SIM-A', 'timeout');
    halfOpenAfter(1_000);
  });

  it('can be closed by hand while OPEN, but not when already CLOSED', () => {
    const r = breakers(spec);
    r.risk.onVenueError('SIM-B', 'disconnected');
    expect(r.risk.resetBreaker('SIM-B')).toMatchObject({ ok: true, value: { scope: 'venue', venue: 'SIM-B', state: 'CLOSED' } });
    expect(verdict(r.risk.check(orderB))).toBe('ok');
    expect(r.risk.resetBreaker('SIM-B')).toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: 'circuit breaker venue SIM-B is already CLOSED' },
    });
    expect(r.risk.breakerTransitions().at(-1)).toMatchObject({ from: 'OPEN', to: 'CLOSED', trigger: 'manual_reset' });
    r.clock.advance(10_000); // the cleared backoff timer does nothing
    expect(states(r)['SIM-B']).toBe('CLOSED');
  });

  it('dispose cancels pending timers', () => {
    const r = breakers(spec);
    r.risk.onVenueError('SIM-A', 'timeout');
    r.risk.dispose();
    r.clock.advance(10_000);
    expect(states(r)['SIM-A']).toBe('OPEN');
  });
});
