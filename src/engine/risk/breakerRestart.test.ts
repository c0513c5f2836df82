import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../core';
import { UNREADABLE_BREAKER_REASON } from './breakerSnapshots';
import type { BreakerState } from './breakerStateMachine';
import { BREAKERS_SETTING_KEY } from './circuitBreakers';
import type { RiskLimitsConfig } from './limitConfig';
import { BTC_95000, limitOrder, rig, T0, TempStore, verdict, type Rig } from './testSupport';

/*
 * A tripped breaker survives a restart of the terminal: the same store, a new RiskManager (and so new
 * CircuitBreakers) on a simulated clock that has moved on while the terminal was down.
 */

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const config: Partial<RiskLimitsConfig> = { breakers: { defaults: { maxErrors: 0, initialBackoffMs: 10_000, maxBackoffMs: 40_000, probeTimeoutMs: 3_000 } } };
const orderA = (id?: string) => ({ ...limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100), clientOrderId: id });
const orderB = limitOrder('SIM-B', 'BTC-USDT', 'buy', BTC_95000, 100);

const states = (r: Rig): Record<string, BreakerState> =>
  Object.fromEntries(r.risk.breakers.views().map((v) => [v.symbol ? `${v.venue}:${v.symbol}` : v.venue, v.state]));

/** Stops the running terminal as a process exit would, and starts a new one over the same store at `at`. */
function restart(before: Rig, at: number, over: Partial<RiskLimitsConfig> = config): Rig {
  before.risk.dispose();
  temp.closeLatest();
  return rig(temp, over, {}, at);
}

describe('circuit breakers across a restart', () => {
  it('an OPEN breaker is still OPEN, with its reason, and probes when its backoff runs out on the new clock', () => {
    const first = rig(temp, config);
    first.risk.onVenueError('SIM-A', 'socket closed');
    const why = '1 venue error within 10 s, above 0; last: socket closed';

    const again = restart(first, T0 + 4_000);
    expect(verdict(again.risk.check(orderA()))).toBe(`circuit breaker OPEN for venue SIM-A: ${why}; a probe order is allowed in 6000 ms`);
    expect(again.risk.breakers.views().find((v) => v.venue === 'SIM-A' && !v.symbol)).toEqual({
      scope: 'venue',
      venue: 'SIM-A',
      state: 'OPEN',
      since: T0,
      reason: why,
      reopenAt: T0 + 10_000,
    });
    expect(verdict(again.risk.check(orderB))).toBe('ok'); // SIM-B was never tripped
    again.clock.advance(5_999);
    expect(states(again)['SIM-A']).toBe('OPEN');
    again.clock.advance(1);
    expect(states(again)['SIM-A']).toBe('HALF_OPEN');
    expect(again.risk.breakerTransitions()).toEqual([
      { ts: T0 + 10_000, scope: 'venue', venue: 'SIM-A', from: 'OPEN', to: 'HALF_OPEN', trigger: 'backoff_elapsed', reason: 'backoff of 10000 ms elapsed' },
    ]);
  });

  it('a backoff that ran out while the terminal was down lets the probe go on the first tick', () => {
    const first = rig(temp, config);
    first.risk.onVenueError('SIM-B', 'HTTP 503');
    const again = restart(first, T0 + 60_000);
    expect(states(again)['SIM-B']).toBe('OPEN');
    again.clock.advance(0);
    expect(states(again)['SIM-B']).toBe('HALF_OPEN');
    expect(verdict(again.risk.check({ ...orderB, clientOrderId: 'probe-1' }))).toBe('ok');
  });

  it('keeps doubling the backoff across a restart after a failed probe', () => {
    const first = rig(temp, config);
    first.risk.onVenueError('SIM-A', 'timeout');
    first.clock.advance(10_000);
    expect(verdict(first.risk.check(orderA('p1')))).toBe('ok'); // the probe
    first.risk.onOrderReject('SIM-A', 'BTC-USDT', 'venue busy', 'p1'); // fails: OPEN for 20 s

    const again = restart(first, T0 + 10_000 + 5_000);
    expect(verdict(again.risk.check(orderA()))).toBe(
      'circuit breaker OPEN for venue SIM-A: probe order p1 rejected: venue busy; a probe order is allowed in 15000 ms',
    );
    again.clock.advance(15_000);
    expect(verdict(again.risk.check(orderA('p2')))).toBe('ok');
    again.risk.onOrderReject('SIM-A', 'BTC-USDT', 'venue busy', 'p2');
    const reopened = again.risk.breakers.views().find((v) => v.venue === 'SIM-A' && !v.symbol)!;
    expect(reopened.reopenAt! - again.clock.now()).toBe(40_000); // 10 s, 20 s, then 40 s (the cap)
  });

  it('still waits for the answer to a probe sent before the restart, and closes on it', () => {
    const first = rig(temp, config);
    first.risk.onVenueError('SIM-A', 'timeout');
    first.clock.advance(10_000);
    expect(verdict(first.risk.check(orderA('p1')))).toBe('ok');

    const answered = restart(first, T0 + 11_000);
    expect(verdict(answered.risk.check(orderA()))).toBe(
      'circuit breaker HALF_OPEN for venue SIM-A: waiting for the answer to the probe order p1 sent 1000 ms ago',
    );
    answered.risk.onOrderAck('SIM-A', 'BTC-USDT', 40, 'p1');
    expect(states(answered)['SIM-A']).toBe('CLOSED');

    // The close is persisted like any transition: the next start finds it CLOSED.
    expect(states(restart(answered, T0 + 12_000))['SIM-A']).toBe('CLOSED');
  });

  it('fails a probe whose answer never came, counting from when it was sent before the restart', () => {
    const first = rig(temp, config);
    first.risk.onVenueError('SIM-A', 'timeout');
    first.clock.advance(10_000);
    first.risk.check(orderA('p1'));
    const again = restart(first, T0 + 11_000);
    again.clock.advance(1_999);
    expect(states(again)['SIM-A']).toBe('HALF_OPEN');
    again.clock.advance(1);
    expect(again.risk.breakerTransitions().at(-1)).toMatchObject({
      ts: T0 + 13_000,
      from: 'HALF_OPEN',
      to: 'OPEN',
      reason: 'no answer to the probe order p1 within 3000 ms',
    });
  });

  it('a breaker closed by hand before the restart stays closed, and nothing CLOSED is stored', () => {
    const first = rig(temp, config);
    first.risk.onVenueError('SIM-A', 'timeout');
    first.risk.onBookStale('SIM-A', 'ETH-USDT', true);
    expect(first.store.getSetting(BREAKERS_SETTING_KEY)).toHaveLength(1); // staleBook is off: only the venue tripped
    expect(first.risk.resetBreaker('SIM-A').ok).toBe(true);
    expect(first.store.getSetting(BREAKERS_SETTING_KEY)).toEqual([]);
    const again = restart(first, T0 + 1_000);
    expect(verdict(again.risk.check(orderA()))).toBe('ok');
    expect(again.risk.breakers.views().every((v) => v.state === 'CLOSED')).toBe(true);
  });

  it('opens a breaker whose stored state cannot be read rather than guess it was CLOSED, and says why', () => {
    const first = rig(temp, config);
    first.store.setSetting(BREAKERS_SETTING_KEY, [
      { scope: 'venue', venue: 'SIM-B', state: 'AJAR', since: T0, reason: 'x', backoffMs: 1, reopenAt: 1 },
      { scope: 'galaxy' },
    ]);
    const logger = recordingLogger();
    first.risk.dispose();
    temp.closeLatest();
    const again = rig(temp, config, { logger }, T0 + 500);
    expect(verdict(again.risk.check(orderB))).toBe(`circuit breaker OPEN for venue SIM-B: ${UNREADABLE_BREAKER_REASON}; a probe order is allowed in 10000 ms`);
    expect(verdict(again.risk.check(orderA()))).toBe('ok');
    expect(again.risk.breakers.loadProblem).toBe('persisted circuit breaker venue SIM-B: state "AJAR" is not OPEN or HALF_OPEN');
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
    // What is in force now replaced what could not be read.
    expect(again.store.getSetting(BREAKERS_SETTING_KEY)).toEqual([
      { scope: 'venue', venue: 'SIM-B', state: 'OPEN', since: T0 + 500, reason: UNREADABLE_BREAKER_REASON, backoffMs: 10_000, reopenAt: T0 + 10_500 },
    ]);
  });
});
