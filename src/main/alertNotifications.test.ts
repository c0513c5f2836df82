import { describe, expect, it } from 'vitest';
import type { Notice } from '../contract';
import { EventBus } from '../engine/core';
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
