import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type NumberFormat, PLAIN_NUMBERS, recordingLogger, SimulatedClock, SqError } from '../../core';
import type { Instrument } from '../../instruments';
import { openStore, type Store } from '../../storage';
import type { AnalyticsValues } from '../analyticsView';
import type { AlertFiredView } from './alertRules';
import { Alerts } from './alerts';

/**
 * The rules' semantics on prices fed as the terminal feeds them (onTrade per trade; mids and analytics
 * read on the clock), with the real settings store underneath. Prices in the instrument's decimals:
 * BTC-USDT here has a tick of 0.01, so 50000.00 is 5,000,000 ticks.
 */
const BTC: Instrument = { venue: 'SIM', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1, minNotional: 0 };
const KEY = 'SIM:BTC-USDT';
const T0 = 1_800_000_000_000;
const px = (text: string) => Math.round(Number(text) * 100);

const dirs: string[] = [];
const stores: Store[] = [];
const running: Alerts[] = [];
afterEach(() => {
  for (const a of running.splice(0)) a.stop();
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function rig(dir = mkdtempSync(join(tmpdir(), 'sq-alerts-')), clock = new SimulatedClock(T0)) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = openStore(dir);
  stores.push(store);
  const fired: AlertFiredView[] = [];
  const market: { mid?: number; analytics?: AnalyticsValues } = {};
  /** The Settings screen's number format, as the terminal reads it for each text. */
  const view: { format: NumberFormat } = { format: PLAIN_NUMBERS };
  const logger = recordingLogger();
  const alerts = new Alerts({
    clock,
    logger,
    store,
    instrument: (venue, symbol) => (venue === BTC.venue && symbol === BTC.symbol ? BTC : undefined),
    mid: (key) => (key === KEY ? market.mid : undefined),
    analytics: (key) => (key === KEY ? market.analytics : undefined),
    numberFormat: () => view.format,
    fired: (entry) => fired.push(entry),
  });
  running.push(alerts);
  const trades = (...prices: string[]) => {
    for (const p of prices) {
      clock.advance(100);
      alerts.onTrade(KEY, px(p));
    }
  };
  const close = () => {
    alerts.stop();
    running.splice(running.indexOf(alerts), 1);
    store.close();
    stores.splice(stores.indexOf(store), 1);
  };
  return { dir, clock, store, alerts, fired, market, view, trades, close, logger };
}

describe('price alerts', () => {
  it('"crosses" fires once per crossing, either way, never on the first price; a "once" rule then waits to be re-armed', () => {
    const r = rig();
    const once = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'crosses', price: '50000' });
    const every = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'crosses', price: '50000', repeat: 'every', cooldownSec: 1 });
    expect(once).toMatchObject({ armed: true, repeat: 'once', description: 'SIM BTC-USDT last crosses 50000.00' });

    r.trades('50010'); // first price: above, but no crossing seen
    expect(r.fired).toEqual([]);
    r.trades('50005', '50000'); // down to the level: a crossing
    expect(r.fired.map((f) => `${f.alertId} ${f.text}`)).toEqual([`${once.id} last 50000.00 crossed 50000.00 downwards`, `${every.id} last 50000.00 crossed 50000.00 downwards`]);
    r.trades('50000', '49999', '49990'); // at and below: still the same crossing
    expect(r.fired).toHaveLength(2);
    expect(r.alerts.state().rules.find((x) => x.id === once.id)).toMatchObject({ armed: false, firedCount: 1 });

    r.clock.advance(1_000);
    r.trades('50001'); // up through it: only the "every" rule is armed
    expect(r.fired.map((f) => `${f.alertId} ${f.text}`).slice(2)).toEqual([`${every.id} last 50001.00 crossed 50000.00 upwards`]);
    r.trades('49999'); // within the 1 s cool-down: dropped
    expect(r.fired).toHaveLength(3);
    r.clock.advance(1_000);
    r.trades('50002'); // after it
    expect(r.fired).toHaveLength(4);

    expect(r.alerts.rearm(once.id)).toMatchObject({ armed: true });
    r.trades('49000'); // first price after re-arming: no crossing yet
    expect(r.fired).toHaveLength(4);
    r.clock.advance(1_000);
    r.trades('50000');
    expect(r.fired.slice(4).map((f) => f.alertId).sort()).toEqual([every.id, once.id].sort());
  });

  it('"above" and "below" fire at once when the price already is there; "every" fires again only after the price left and came back', () => {
    const r = rig();
    const above = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '50000.5', repeat: 'every', cooldownSec: 5 });
    const below = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'below', price: '49000' });
    r.trades('50100');
    expect(r.fired.map((f) => f.text)).toEqual(['last 50100.00 at or above 50000.50']);
    r.trades('50200', '50300'); // still above: nothing new
    r.clock.advance(10_000);
    r.trades('50400'); // cool-down long over, but it never left
    expect(r.fired).toHaveLength(1);
    r.trades('50000', '50000.5'); // left and came back, after the cool-down
    expect(r.fired.map((f) => f.alertId)).toEqual([above.id, above.id]);
    r.trades('50000', '50001'); // left and came back within 5 s: dropped
    expect(r.fired).toHaveLength(2);
    r.trades('49000', '48000');
    expect(r.fired.slice(2).map((f) => `${f.alertId} ${f.text}`)).toEqual([`${below.id} last 49000.00 at or below 49000.00`]);
  });

  it('a "mid" rule watches the live book mid at 20 Hz (a one-sided or stale book gives none)', () => {
    const r = rig();
    r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'crosses', price: '50000', source: 'mid' });
    r.alerts.onTrade(KEY, px('60000')); // a trade does not move a mid rule
    r.market.mid = px('49999.99') + 0.5;
    r.clock.advance(50);
    r.market.mid = undefined;
    r.clock.advance(500);
    expect(r.fired).toEqual([]);
    r.market.mid = px('50000');
    r.clock.advance(50);
    expect(r.fired.map((f) => f.text)).toEqual(['mid 50000.00 crossed 50000.00 upwards']);
  });
});

describe('% move within a window', () => {
  it('fires when the price moved 2 % within 5 minutes, not when the same move took longer, and measures afresh after firing', () => {
    const r = rig();
    r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'move', percent: '2', windowSec: 300, direction: 'either', repeat: 'every', cooldownSec: 1 });
    // +2 % in steps of one minute spread over 6 minutes and 1 s: never 2 % within any 5 minutes.
    for (let i = 0; i <= 6; i++) {
      r.alerts.onTrade(KEY, px('50000') + i * px('1000') / 6);
      r.clock.advance(i === 5 ? 61_000 : 60_000);
    }
    expect(r.fired).toEqual([]);
    // From 51000 (the last price) down 2 % = 49980 within a minute: fires.
    r.trades('50500', '49981');
    expect(r.fired).toEqual([]);
    r.trades('49980');
    expect(r.fired.map((f) => f.text)).toEqual(['last 49980.00 moved -2.00 % from 51000.00 within 5 min']);
    // Measured afresh from 49980: 49980 * 1.02 = 50979.6, so 50979.60 fires and nothing below it does.
    r.clock.advance(2_000);
    r.trades('50500', '50979.59');
    expect(r.fired).toHaveLength(1);
    r.trades('50979.60');
    expect(r.fired.map((f) => f.text)[1]).toBe('last 50979.60 moved +2.00 % from 49980.00 within 5 min');
  });

  it('an "up" rule ignores a fall of the same size', () => {
    const r = rig();
    r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'move', percent: '1.5', windowSec: 60, direction: 'up' });
    r.trades('50000', '49000', '48000');
    expect(r.fired).toEqual([]);
    r.trades('48720'); // +1.5 % from the window's low 48000
    expect(r.fired).toHaveLength(1);
  });
});

describe('analytics alerts', () => {
  it('fires when VPIN reaches 0.6 (read 4 times a second), once, and not while there is no value', () => {
    const r = rig();
    const rule = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'analytics', metric: 'vpin', condition: 'above', value: 0.6, sound: true });
    r.market.analytics = { imbalanceLevels: 10 };
    r.clock.advance(1_000);
    r.market.analytics = { imbalanceLevels: 10, vpin: 0.41 };
    r.clock.advance(1_000);
    expect(r.fired).toEqual([]);
    r.market.analytics = { imbalanceLevels: 10, vpin: 0.6123 };
    r.clock.advance(250);
    expect(r.fired).toEqual([expect.objectContaining({ alertId: rule.id, text: 'vpin 0.6123 at or above 0.6', sound: true })]);
    r.clock.advance(5_000);
    expect(r.fired).toHaveLength(1);
  });

  it('a spread rule in ticks', () => {
    const r = rig();
    r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'analytics', metric: 'spread', condition: 'above', value: 5 });
    r.market.analytics = { imbalanceLevels: 10, spread: 4 };
    r.clock.advance(500);
    expect(r.fired).toEqual([]);
    r.market.analytics = { imbalanceLevels: 10, spread: 5 };
    r.clock.advance(250);
    expect(r.fired.map((f) => f.text)).toEqual(['spread 5 at or above 5']);
  });
});

describe("texts in the trader's number format", () => {
  const COMMA_THOUSANDS: NumberFormat = { thousands: true, decimalComma: true };

  it('a firing reads in the format of its moment; the log keeps what was shown; rules read in the format of now and are kept plain', () => {
    const r = rig();
    const rule = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'crosses', price: '50000', repeat: 'every', cooldownSec: 1 });
    expect(rule.description).toBe('SIM BTC-USDT last crosses 50000.00');
    r.trades('49999.5', '50000.25');
    r.view.format = COMMA_THOUSANDS;
    r.clock.advance(1_000);
    r.trades('49999.75');
    expect(r.fired.map((f) => [f.text, f.description])).toEqual([
      ['last 50000.25 crossed 50000.00 upwards', 'SIM BTC-USDT last crosses 50000.00'],
      ['last 49.999,75 crossed 50.000,00 downwards', 'SIM BTC-USDT last crosses 50.000,00'],
    ]);
    // The log is a record of what the trader was told: a later change of format rewrites none of it.
    r.view.format = { thousands: true, decimalComma: false };
    expect(r.alerts.firedLog().map((f) => f.text)).toEqual(['last 49.999,75 crossed 50.000,00 downwards', 'last 50000.25 crossed 50000.00 upwards']);
    expect(r.alerts.state().rules[0]!.description).toBe('SIM BTC-USDT last crosses 50,000.00');
    expect(r.alerts.rearm(rule.id).description).toBe('SIM BTC-USDT last crosses 50,000.00');
    // Kept in the data directory in the plain form, whatever was shown.
    expect(r.store.getSetting<{ description: string; spec: { levelText: string } }[]>('alerts.rules')![0]).toMatchObject({ description: 'SIM BTC-USDT last crosses 50000.00', spec: { levelText: '50000.00' } });
  });

  it('a move, a mid between ticks and an analytics value follow the format too; symbols do not', () => {
    const r = rig();
    r.view.format = COMMA_THOUSANDS;
    const move = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'move', percent: '2.5', windowSec: 5400, direction: 'up' });
    expect(move.description).toBe('SIM BTC-USDT last moves 2,5 % up within 90 min');
    r.trades('50000', '51250');
    expect(r.fired.map((f) => f.text)).toEqual(['last 51.250,00 moved +2,50 % from 50.000,00 within 90 min']);

    r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '1000', source: 'mid' });
    r.market.mid = px('1234.56') + 0.5;
    r.clock.advance(50);
    expect(r.fired[1]!.text).toBe('mid 1.234,565 at or above 1.000,00');

    const vpin = r.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'analytics', metric: 'vpin', condition: 'above', value: 0.6 });
    expect(vpin.description).toBe('SIM BTC-USDT vpin at or above 0,6');
    r.market.analytics = { imbalanceLevels: 10, vpin: 0.6123 };
    r.clock.advance(250);
    expect(r.fired[2]!.text).toBe('vpin 0,6123 at or above 0,6');
  });
});

describe('rules kept in the data directory', () => {
  it('restores the rules (a fired "once" rule still disarmed) and the log, newest first, after a reopen', () => {
    const first = rig();
    const a = first.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '50000', note: 'take profit' });
    const b = first.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'below', price: '40000' });
    first.trades('50001');
    first.close();

    const again = rig(first.dir, first.clock);
    expect(again.alerts.state().rules.map((r) => [r.id, r.armed, r.firedCount, r.note])).toEqual([
      [a.id, false, 1, 'take profit'],
      [b.id, true, 0, undefined],
    ]);
    expect(again.alerts.firedLog()).toEqual([expect.objectContaining({ alertId: a.id, text: 'last 50001.00 at or above 50000.00', note: 'take profit' })]);
    const c = again.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'below', price: '45000' });
    expect(c.id).not.toBe(a.id);
    expect(c.id).not.toBe(b.id);
    again.trades('39000');
    // Both fire on the one trade, b first: the log is newest first.
    expect(again.alerts.firedLog().map((f) => f.alertId)).toEqual([c.id, b.id, a.id]);
    expect(again.alerts.remove(a.id).rules.map((r) => r.id)).toEqual([b.id, c.id]);
  });

  it('drops a damaged stored rule and names it, keeping the others', () => {
    const first = rig();
    const good = first.alerts.add({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '50000' });
    const stored = first.store.getSetting<unknown[]>('alerts.rules')!;
    first.store.setSetting('alerts.rules', [...stored, { id: 'a99', venue: 'SIM', spec: { kind: 'price' } }]);
    first.close();
    const again = rig(first.dir);
    const state = again.alerts.state();
    expect(state.rules.map((r) => r.id)).toEqual([good.id]);
    expect(state.loadProblem).toMatch(/^stored alerts not restored: #2 \(a99\): symbol: /);
  });
});

describe('refusals', () => {
  it('names every problem of a bad rule and keeps nothing', () => {
    const r = rig();
    const refusal = (ticket: unknown): SqError => {
      try {
        r.alerts.add(ticket);
      } catch (error) {
        return error as SqError;
      }
      throw new Error('accepted');
    };
    const shape = refusal({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'move', percent: '-2', windowSec: 0.5, direction: 'sideways', cooldownSec: 0 });
    expect(shape.code).toBe('INVALID_INPUT');
    for (const field of ['percent', 'windowSec', 'direction', 'cooldownSec']) expect(shape.message).toContain(`${field}: `);
    const kind = refusal({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'pattern' });
    expect(kind.message).toMatch(/^alert not added: kind: /);
    const price = refusal({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '50000.001', cooldownSec: 30 });
    expect(price.message).toBe('alert not added: price: at most 2 decimals; cooldownSec: only an "every" alert has a cool-down');
    expect(refusal({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'move', percent: '100', windowSec: 60 }).message).toBe('alert not added: percent: must be under 100');
    expect(refusal({ venue: 'SIM', symbol: 'BTC-USDT', kind: 'analytics', metric: 'mid', condition: 'above', value: 1 }).message).toMatch(/metric: /);
    const unknown = refusal({ venue: 'SIM', symbol: 'DOGE-USDT', kind: 'price', condition: 'above', price: '1' });
    expect(unknown).toEqual(new SqError('UNKNOWN_INSTRUMENT', 'alert not added: unknown instrument SIM:DOGE-USDT'));
    expect(r.alerts.state().rules).toEqual([]);
    expect(() => r.alerts.rearm('a1')).toThrow(/no alert a1/);
  });
});
