import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { openStore, type Store } from '../storage';
import { KillSwitch, type CancelAllOutcome, type KillSwitchStatus } from './killSwitch';
import { recordingLogger } from '../core';
import { storeOnFullDisk } from '../storage/testSupport';

let dir: string;
const stores: Store[] = [];
function store(): Store {
  const s = openStore(dir);
  stores.push(s);
  return s;
}
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-kill-'));
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('KillSwitch', () => {
  it('engages, logs who and when, and announces the change once', () => {
    const clock = new SimulatedClock(1_000);
    const logger = recordingLogger();
    const ks = new KillSwitch({ clock, store: store(), logger });
    const seen: KillSwitchStatus[] = [];
    ks.events.on('kill', (s) => seen.push(s));

    expect(ks.status()).toEqual({ state: 'disengaged' });
    const status = ks.engage('hotkey', 'runaway algo');
    expect(status).toEqual({ state: 'engaged', since: 1_000, source: 'hotkey', reason: 'runaway algo' });
    expect(ks.isEngaged()).toBe(true);
    expect(seen).toEqual([status]);
    expect(ks.history()).toEqual([{ ts: 1_000, action: 'engage', source: 'hotkey', reason: 'runaway algo' }]);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      fields: { ts: 1_000, action: 'engage', source: 'hotkey', reason: 'runaway algo' },
      message: 'kill switch engaged by hotkey: runaway algo',
    });
  });

  it('engaging twice is a no-op that still returns the engaged state', () => {
    const clock = new SimulatedClock(1_000);
    const ks = new KillSwitch({ clock, store: store() });
    let events = 0;
    ks.events.on('kill', () => events++);
    const first = ks.engage('ticket', 'first');
    clock.advance(500);
    expect(ks.engage('hotkey', 'second')).toEqual(first);
    expect(events).toBe(1);
    expect(ks.history()).toHaveLength(1);
  });

  it('reset restores trading and is logged; resetting a disengaged switch does nothing', () => {
    const clock = new SimulatedClock(1_000);
    const ks = new KillSwitch({ clock, store: store() });
    expect(ks.reset('ticket')).toEqual({ state: 'disengaged' });
    expect(ks.history()).toEqual([]);
    ks.engage('hotkey', 'stop');
    clock.advance(60_000);
    expect(ks.reset('ticket', 'checked positions')).toEqual({
      state: 'disengaged',
      since: 61_000,
      source: 'ticket',
      reason: 'checked positions',
    });
    expect(ks.history().map((e) => [e.ts, e.action, e.source])).toEqual([
      [1_000, 'engage', 'hotkey'],
      [61_000, 'reset', 'ticket'],
    ]);
  });

  it('stays engaged across a restart, with its history', () => {
    const clock = new SimulatedClock(5_000);
    new KillSwitch({ clock, store: store() }).engage('bridge', 'exchange outage');
    stores.pop()?.close();

    const after = new KillSwitch({ clock, store: store() });
    expect(after.status()).toEqual({ state: 'engaged', since: 5_000, source: 'bridge', reason: 'exchange outage' });
    expect(after.history()).toHaveLength(1);
    after.reset('ticket');
    stores.pop()?.close();
    expect(new KillSwitch({ clock, store: store() }).isEngaged()).toBe(false);
  });

  it('starts engaged when its saved state cannot be read', () => {
    const s = store();
    s.setSetting('killSwitch', { state: 'maybe' });
    const logger = recordingLogger();
    const ks = new KillSwitch({ clock: new SimulatedClock(), store: s, logger });
    expect(ks.isEngaged()).toBe(true);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });
});

describe('KillSwitch hardening', () => {
  it('remembers "flatten on engage" across a restart and announces changes', () => {
    const clock = new SimulatedClock(1_000);
    const ks = new KillSwitch({ clock, store: store() });
    const seen: boolean[] = [];
    ks.events.on('flattenOnEngage', (on) => seen.push(on));
    expect(ks.flattenOnEngage()).toBe(false);
    ks.setFlattenOnEngage(true, 'ticket');
    ks.setFlattenOnEngage(true, 'ticket'); // no change, no event
    expect(seen).toEqual([true]);
    stores.pop()?.close();
    expect(new KillSwitch({ clock, store: store() }).flattenOnEngage()).toBe(true);
  });

  it('records how the cancel-all went, survives a restart, and is loud about orders not canceled', () => {
    const clock = new SimulatedClock(1_000);
    const logger = recordingLogger();
    const ks = new KillSwitch({ clock, store: store(), logger });
    const seen: CancelAllOutcome[] = [];
    ks.events.on('cancelOutcome', (o) => seen.push(o));
    const outcome: CancelAllOutcome = {
      startedAt: 1_000,
      finishedAt: 1_250,
      durationMs: 250,
      requested: 3,
      canceled: 2,
      notCanceled: [{ venue: 'SIM-B', clientOrderId: 'c-3', reason: 'filled before the cancel' }],
    };
    ks.recordCancelOutcome(outcome);
    expect(seen).toEqual([outcome]);
    expect(ks.lastCancelOutcome()).toEqual(outcome);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'warn', message: 'kill switch cancel-all: 2/3 canceled in 250 ms; 1 not canceled' });
    stores.pop()?.close();
    expect(new KillSwitch({ clock, store: store() }).lastCancelOutcome()).toEqual(outcome);
  });

  it('on a full disk it still engages at once (memory first), says so in the log, and refuses a reset it cannot record', () => {
    const clock = new SimulatedClock(1_000);
    const logger = recordingLogger();
    const disk = storeOnFullDisk(store());
    const ks = new KillSwitch({ clock, store: disk.store, logger });
    const seen: KillSwitchStatus[] = [];
    ks.events.on('kill', (s) => seen.push(s));
    disk.full();

    expect(ks.engage('hotkey', 'disk full')).toMatchObject({ state: 'engaged', source: 'hotkey' });
    expect(ks.isEngaged()).toBe(true);
    expect(seen).toHaveLength(1);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'kill switch engage not saved to the store' }));
    // Trading must not resume on a reset nobody could record: the switch stays engaged.
    expect(() => ks.reset('ticket')).toThrow(/stays engaged: its reset could not be recorded \(database or disk is full\)/);
    expect(ks.isEngaged()).toBe(true);
    // The outcome of its cancel-all still reaches whoever waits on it (the flatten, the screen).
    const outcome: CancelAllOutcome = { startedAt: 1_000, finishedAt: 1_000, durationMs: 0, requested: 0, canceled: 0, notCanceled: [] };
    const outcomes: CancelAllOutcome[] = [];
    ks.events.on('cancelOutcome', (o) => outcomes.push(o));
    ks.recordCancelOutcome(outcome);
    expect(outcomes).toEqual([outcome]);
  });

  it('adopts an engaged state the order journal recorded when the store lost it, and never disengages from it', () => {
    const clock = new SimulatedClock(5_000);
    const ks = new KillSwitch({ clock, store: store() });
    ks.adoptEngaged({ state: 'disengaged' });
    expect(ks.isEngaged()).toBe(false);
    ks.adoptEngaged({ state: 'engaged', since: 4_000, source: 'hotkey', reason: 'before the store was lost' });
    expect(ks.status()).toEqual({ state: 'engaged', since: 4_000, source: 'hotkey', reason: 'before the store was lost' });
    // Written back to the store, so the store agrees again.
    stores.pop()?.close();
    expect(new KillSwitch({ clock, store: store() }).isEngaged()).toBe(true);
  });
});
