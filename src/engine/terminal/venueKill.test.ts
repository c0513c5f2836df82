import { afterEach, describe, expect, it } from 'vitest';
import { LiveClock, recordingLogger, type VenueEvent } from '../core';
import { parsePrice, type Instrument } from '../instruments';
import { KillSwitch } from '../risk';
import { TempStore } from '../risk/testSupport';
import { kiteAccountAdapter, type KiteAdapter } from '../venues';
import { checksumOf, startKiteLoopback, type KiteLoopback } from '../venues/kite/testSupport';
import { bindVenueKill } from './venueKill';
import { killAction, VenueKillOutcomes } from './venueKillOutcomes';
import { waitFor } from './testSupport';

const APP = { apiKey: 'venuekilltest0001', apiSecret: 'venuekillsecret0000000000000001', redirectUrl: 'http://127.0.0.1:9/cb' };
/** Monday 7 December 2026, 10:00 IST (the market is open), moving in real time from there. */
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);
class ShiftedClock extends LiveClock {
  private readonly shift = MONDAY_10_IST - super.now();
  override now(): number {
    return super.now() + this.shift;
  }
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function kite(): Promise<{ venue: KiteLoopback; adapter: KiteAdapter; events: VenueEvent[]; clock: ShiftedClock; infy: Instrument }> {
  const clock = new ShiftedClock();
  const venue = await startKiteLoopback({ app: APP, clock, limits: { ordersPerSecond: 1000, ordersPerMinute: 10_000, quotesPerSecond: 1000, otherPerSecond: 1000 } });
  cleanup.push(() => venue.close(), () => clock.clearAll());
  const requestToken = venue.control.issueRequestToken();
  const session = await fetch(`${venue.restUrl}/session/token`, {
    method: 'POST',
    headers: { 'X-Kite-Version': '3', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: APP.apiKey, request_token: requestToken, checksum: checksumOf(APP.apiKey, requestToken, APP.apiSecret) }).toString(),
  });
  const accessToken = ((await session.json()) as { data: { access_token: string } }).data.access_token;
  const dataDir = new TempStore();
  cleanup.push(() => dataDir.cleanup());
  const adapter = kiteAccountAdapter({
    account: { name: 'zerodha', apiKey: APP.apiKey, restUrl: venue.restUrl, streamUrl: venue.tickerUrl },
    accessToken: () => accessToken,
    dataDir: dataDir.dir,
    clock,
    logger: recordingLogger(),
    random: () => 0.5,
  });
  const events: VenueEvent[] = [];
  adapter.onEvent((e) => events.push(e));
  await adapter.connect();
  cleanup.push(() => adapter.disconnect());
  return { venue, adapter, events, clock, infy: adapter.instruments().find((i) => i.symbol === 'NSE:INFY')! };
}

describe('the kill switch and a venue\'s own kill (Kite)', () => {
  it('engaging cancels every open Kite order and, with flatten on, squares off the MIS position; the outcome is logged', async () => {
    const { venue, adapter, events, clock, infy } = await kite();
    const temp = new TempStore();
    cleanup.push(() => temp.cleanup());
    const killSwitch = new KillSwitch({ clock, store: temp.store() });
    const logger = recordingLogger();
    const outcomes = new VenueKillOutcomes(() => {});
    cleanup.push(bindVenueKill(killSwitch, adapter, logger, { deleteGtts: () => false, outcomes }));
    const at = (text: string) => {
      const p = parsePrice(infy, text);
      if (!p.ok) throw new Error(p.reason);
      return p.value;
    };
    adapter.submit({ clientOrderId: 'sqkill-1', symbol: 'NSE:INFY', side: 'buy', type: 'limit', tif: 'DAY', postOnly: false, reduceOnly: false, qty: 2, product: 'MIS', price: at('1574') });
    adapter.submit({ clientOrderId: 'sqkill-2', symbol: 'NSE:INFY', side: 'buy', type: 'limit', tif: 'DAY', postOnly: false, reduceOnly: false, qty: 1, product: 'CNC', price: at('1560') });
    await waitFor(() => events.filter((e) => e.type === 'orderAccepted').length === 2, 'both accepted');
    await waitFor(() => (venue.control.positions() as { quantity: number }[]).some((p) => p.quantity === 2), 'MIS position');

    killSwitch.setFlattenOnEngage(true, 'ticket');
    killSwitch.engage('ticket', 'test');
    await waitFor(() => logger.lines.some((l) => l.message === 'kill switch: venue done'), 'venue kill done');
    const orders = venue.control.orders() as { status: string }[];
    expect(orders.filter((o) => o.status === 'OPEN')).toEqual([]);
    expect((venue.control.positions() as { quantity: number }[]).every((p) => p.quantity === 0)).toBe(true);
    // The MIS order filled (it is the position squared off): the CNC one was the open order.
    expect(outcomes.list()).toEqual([{ venue: 'zerodha', state: 'done', canceled: 1, failures: [] }]);
  });

  it('a cancel Kite did not answer reaches the kill state as "cancel <order id>"; the trader\'s "delete GTTs" deletes the GTT', async () => {
    const { venue, adapter, events, clock, infy } = await kite();
    const temp = new TempStore();
    cleanup.push(() => temp.cleanup());
    const killSwitch = new KillSwitch({ clock, store: temp.store() });
    let changes = 0;
    const outcomes = new VenueKillOutcomes(() => changes++);
    let deleteGtts = false;
    cleanup.push(bindVenueKill(killSwitch, adapter, recordingLogger(), { deleteGtts: () => deleteGtts, outcomes }));
    const at = (text: string) => {
      const p = parsePrice(infy, text);
      if (!p.ok) throw new Error(p.reason);
      return p.value;
    };
    adapter.submit({ clientOrderId: 'sqkill-3', symbol: 'NSE:INFY', side: 'buy', type: 'limit', tif: 'DAY', postOnly: false, reduceOnly: false, qty: 1, product: 'CNC', price: at('1560') });
    await waitFor(() => events.some((e) => e.type === 'orderAccepted'), 'accepted');
    const orderId = (events.find((e) => e.type === 'orderAccepted') as { venueOrderId: string }).venueOrderId;
    const gtt = await adapter.placeGtt({ symbol: 'NSE:INFY', kind: 'single', lastPrice: at('1573.7'), legs: [{ trigger: at('1500'), side: 'buy', qty: 1, price: at('1501'), product: 'CNC' }] });

    // The setting is read at the engage, not when the venue was bound.
    deleteGtts = true;
    venue.faults.swallowNextAck('cancel');
    killSwitch.engage('ticket', 'test');
    expect(outcomes.list()).toEqual([{ venue: 'zerodha', state: 'running', canceled: 0, failures: [] }]);
    await waitFor(() => outcomes.list()[0]?.state === 'done', 'venue kill done');
    const [outcome] = outcomes.list();
    expect(outcome!.failures.map((f) => f.action)).toEqual([`cancel ${orderId}`]);
    expect(outcome!.failures[0]!.reason.length).toBeGreaterThan(0);
    expect(gtt).toBeGreaterThan(0);
    expect(venue.control.gtts()).toEqual([]); // the loopback lists no deleted trigger
    expect(changes).toBeGreaterThanOrEqual(2);
  });

  it('a Kite session that ended fails every call, each named in Kite\'s words', async () => {
    const { venue, adapter, clock } = await kite();
    const temp = new TempStore();
    cleanup.push(() => temp.cleanup());
    const killSwitch = new KillSwitch({ clock, store: temp.store() });
    const outcomes = new VenueKillOutcomes(() => {});
    cleanup.push(bindVenueKill(killSwitch, adapter, recordingLogger(), { deleteGtts: () => true, outcomes }));
    venue.faults.expireAccessTokens();
    killSwitch.engage('ticket', 'test');
    await waitFor(() => outcomes.list()[0]?.state === 'done', 'venue kill done');
    const failures = outcomes.list()[0]!.failures;
    expect(failures.map((f) => f.action).sort()).toEqual(['list GTTs', 'list open orders']);
    for (const f of failures) expect(f.reason).toMatch(/token|session|log in/i);
  });
});

describe('killAction', () => {
  it("names Kite's calls as the trader reads them", () => {
    expect(killAction('DELETE /orders/regular/2412')).toBe('cancel 2412');
    expect(killAction('DELETE /orders/amo/77')).toBe('cancel 77');
    expect(killAction('DELETE /gtt/triggers/9')).toBe('delete GTT 9');
    expect(killAction('POST /orders/regular (square off NSE:INFY)')).toBe('square off NSE:INFY');
    expect(killAction('GET /orders')).toBe('list open orders');
    expect(killAction('every call')).toBe('every call');
  });
});
