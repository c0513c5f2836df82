import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { CancelAllTracker } from './cancelAllTracker';
import { KillSwitch } from './killSwitch';
import { T0, TempStore } from './testSupport';

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

function setup() {
  const clock = new SimulatedClock(T0);
  const killSwitch = new KillSwitch({ clock, store: temp.store() });
  const tracker = new CancelAllTracker(killSwitch, clock, 2_000);
  return { clock, killSwitch, tracker };
}

describe('CancelAllTracker', () => {
  it('reports how long until every order was answered for, and each one that was not canceled', () => {
    const { clock, killSwitch, tracker } = setup();
    tracker.begin([
      { venue: 'SIM-A', clientOrderId: 'a1' },
      { venue: 'SIM-A', clientOrderId: 'a2' },
      { venue: 'SIM-B', clientOrderId: 'b1' },
      { venue: 'SIM-B', clientOrderId: 'b2' },
    ]);
    clock.advance(12);
    tracker.onOrder({ clientOrderId: 'a1', status: 'canceled' });
    tracker.onOrder({ clientOrderId: 'zz', status: 'canceled' }); // not part of this run
    tracker.onOrder({ clientOrderId: 'b1', status: 'partially_filled' }); // still working: keep waiting
    clock.advance(30);
    tracker.onOrder({ clientOrderId: 'b1', status: 'filled' });
    tracker.onCancelFailed('a2', 'order already closed');
    expect(tracker.running()).toBe(true);
    tracker.onOrder({ clientOrderId: 'b2', status: 'canceled' });
    expect(tracker.running()).toBe(false);
    expect(killSwitch.lastCancelOutcome()).toEqual({
      startedAt: T0,
      finishedAt: T0 + 42,
      durationMs: 42,
      requested: 4,
      canceled: 2,
      notCanceled: [
        { venue: 'SIM-A', clientOrderId: 'a2', reason: 'cancel failed: order already closed' },
        { venue: 'SIM-B', clientOrderId: 'b1', reason: 'filled before the cancel' },
      ],
    });
  });

  it('stops waiting after its deadline and lists what never answered', () => {
    const { clock, killSwitch, tracker } = setup();
    tracker.begin([
      { venue: 'SIM-A', clientOrderId: 'a1' },
      { venue: 'SIM-B', clientOrderId: 'b1' },
    ]);
    tracker.onOrder({ clientOrderId: 'a1', status: 'canceled' });
    clock.advance(2_000);
    expect(killSwitch.lastCancelOutcome()).toMatchObject({
      durationMs: 2_000,
      canceled: 1,
      notCanceled: [{ venue: 'SIM-B', clientOrderId: 'b1', reason: 'no cancel confirmation within 2000 ms' }],
    });
  });

  it('records an immediate, empty outcome when nothing was working', () => {
    const { killSwitch, tracker } = setup();
    tracker.begin([]);
    expect(killSwitch.lastCancelOutcome()).toEqual({ startedAt: T0, finishedAt: T0, durationMs: 0, requested: 0, canceled: 0, notCanceled: [] });
  });
});
