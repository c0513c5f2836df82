import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, type VenueEvent } from '../../../core';
import { parsePrice } from '../../../instruments';
import { startKiteLoopback } from '../testSupport';
import { APP, kiteLogin, MONDAY_10_IST, ROOMY_VENUE, ShiftedClock, waitUntil } from './kiteAdapter.fixture';
import { kiteAccountAdapter } from './kiteAccountAdapter';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('kiteAccountAdapter: the adapter as the terminal builds it for a Kite account', () => {
  it('loads and caches the day\'s instruments with the session, streams the book, and trades through the ticker\'s order updates', async () => {
    const clock = new ShiftedClock(MONDAY_10_IST);
    const venue = await startKiteLoopback({ app: APP, clock, limits: ROOMY_VENUE });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-kite-'));
    dirs.push(dataDir);
    const accessToken = await kiteLogin(venue);
    const adapter = kiteAccountAdapter({
      account: { name: 'zerodha', apiKey: APP.apiKey, restUrl: venue.restUrl, streamUrl: venue.tickerUrl },
      accessToken: () => accessToken,
      dataDir,
      clock,
      logger: recordingLogger(),
      random: () => 0.5,
    });
    const events: VenueEvent[] = [];
    adapter.onEvent((e) => events.push(e));
    try {
      await adapter.connect();
      expect(events.filter((e) => e.type === 'connection').map((e) => (e as { state: string }).state)).toEqual(['connecting', 'connected']);
      expect(fs.readdirSync(path.join(dataDir, 'kite-instruments')).some((f) => f.endsWith('-all.csv'))).toBe(true);
      const infy = adapter.instruments().find((i) => i.symbol === 'NSE:INFY')!;
      adapter.watchMarket(['NSE:INFY']);
      await waitUntil(() => events.some((e) => e.type === 'bookSnapshot' && e.symbol === 'NSE:INFY'), 'INFY book');
      const price = parsePrice(infy, '1572');
      if (!price.ok) throw new Error(price.reason);
      adapter.submit({ clientOrderId: 'sqacct-1', symbol: 'NSE:INFY', side: 'buy', type: 'limit', tif: 'DAY', postOnly: false, reduceOnly: false, qty: 1, product: 'CNC', price: price.value });
      await waitUntil(() => events.some((e) => e.type === 'orderAccepted' && e.clientOrderId === 'sqacct-1'), 'accepted');
      venue.control.setPrice('NSE:INFY', '1571.5');
      await waitUntil(() => events.some((e) => e.type === 'orderFilled' && e.clientOrderId === 'sqacct-1'), 'filled from the ticker\'s order update');
    } finally {
      await adapter.disconnect();
      clock.clearAll();
      await venue.close();
    }
  });
});
