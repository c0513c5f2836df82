import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../contract';
import { EventBus, SimulatedClock, silentLogger } from '../engine/core';
import { Terminal } from '../engine/terminal';
import { runUntil, waitFor } from '../engine/terminal/testSupport';
import { showAlertNotifications } from './alertNotifications';

/** Electron's Notification stands in as a class that records what it was asked to show (Electron is not loaded in tests). */
function notificationClass(supported: boolean) {
  const shown: { title: string; body: string; silent: boolean }[] = [];
  class Recorded {
    static isSupported = () => supported;
    constructor(private readonly options: { title: string; body: string; silent: boolean }) {}
    show(): void {
      shown.push(this.options);
    }
  }
  return { Recorded, shown };
}

const notice = (over: Partial<Notice>): Notice => ({ seq: 1, kind: 'alert', ts: 0, venue: 'SIM', symbol: 'BTC-USDT', title: 'Alert SIM BTC-USDT', text: 'last 50000.0 crossed 50000.0 upwards', ...over });

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('OS notifications for fired alerts', () => {
  it('shows each fired alert, with the sound only when the rule asked for it, and nothing for other notices', () => {
    const events = new EventBus<{ notice: Notice }>();
    const { Recorded, shown } = notificationClass(true);
    const off = showAlertNotifications(events, Recorded);
    events.emit('notice', notice({ sound: true }));
    events.emit('notice', notice({ kind: 'fill', title: 'Bought 1 BTC-USDT at 50000.0' }));
    events.emit('notice', notice({ alertId: 'a2', title: 'Alert SIM BTC-USDT: stop', text: 'vpin 0.61 at or above 0.6' }));
    expect(shown).toEqual([
      { title: 'Alert SIM BTC-USDT', body: 'last 50000.0 crossed 50000.0 upwards', silent: false },
      { title: 'Alert SIM BTC-USDT: stop', body: 'vpin 0.61 at or above 0.6', silent: true },
    ]);
    off();
    events.emit('notice', notice({}));
    expect(shown).toHaveLength(2);
  });

  it('with no window at all, an alert the engine fires reads in the number format the trader chose (the engine writes it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-os-notice-'));
    const clock = new SimulatedClock(1_700_000_000_000);
    const terminal = await Terminal.start({ dataDir: dir, clock, logger: silentLogger, mode: 'headless', seed: 3 });
    stops.push(async () => {
      await terminal.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const { Recorded, shown } = notificationClass(true);
    showAlertNotifications(terminal.events, Recorded);
    terminal.viewSettings.set({ thousands: true, decimalComma: true });
    await waitFor(() => terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 1).book?.stale === false, 'the BTC-USDT book live');
    terminal.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '1000', sound: true });
    await runUntil(clock, () => shown.length > 0, 'the OS notification');
    expect(shown[0]).toMatchObject({ title: 'Alert SIM BTC-USDT', silent: false });
    expect(shown[0]!.body).toMatch(/^last \d{1,3}(\.\d{3})+,\d at or above 1\.000,0$/);
  });

  it('says so once where the OS has no notifications', () => {
    const events = new EventBus<{ notice: Notice }>();
    const { Recorded, shown } = notificationClass(false);
    let told = 0;
    showAlertNotifications(events, Recorded, () => told++);
    events.emit('notice', notice({}));
    expect(shown).toEqual([]);
    expect(told).toBe(1);
  });
});
