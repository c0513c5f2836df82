import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock, type Order } from '../core';
import { InstrumentRegistry } from '../instruments';
import { KillSwitch, RiskManager } from '../risk';
import { openJournal, openStore } from '../storage';
import { BinanceSpotAdapter } from '../venues';
import { newApiKey, startBinanceLoopback, type BinanceLoopback } from '../venues/binance/testSupport';
import { OrderManager } from './orderManager';

/*
 * The OMS against a Binance spot account (the loopback venue, its real protocol): an order whose
 * acknowledgement is lost while the account stream is down reaches the views as "unknown", and is
 * shown for what it is once the connector has found it at the venue. It is never sent twice.
 */
const T0 = 1_780_000_000_000;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function engine() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-oms-binance-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const clock = new SimulatedClock(T0);
  const key = { apiKey: newApiKey(), secret: newApiKey() };
  const venue: BinanceLoopback = await startBinanceLoopback({ market: 'spot', clock, accounts: [{ name: 'me', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '100000', BTC: '1' } }] });
  cleanup.push(() => venue.stop());
  const logger = recordingLogger();
  const binance = new BinanceSpotAdapter({
    account: { name: 'my-binance', ...key, restUrl: venue.restUrl, wsApiUrl: `${venue.wsUrl}/ws-api/v3` },
    clock,
    logger,
    symbols: ['BTCUSDT'],
    random: () => 0.5,
  });
  await binance.connect();
  cleanup.push(() => binance.disconnect());
  const instruments = new InstrumentRegistry();
  for (const inst of binance.instruments()) instruments.add(inst);
  const store = openStore(dir);
  cleanup.push(() => store.close());
  const opened = openJournal(dir, { clock, fsync: { mode: 'none' } });
  if (!opened.ok) throw new Error(opened.error.message);
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({ instruments, killSwitch, referencePrice: () => 2_000_000, store, defaults: { maxOrderQty: '1' } });
  const oms = new OrderManager({ clock, store, journal: opened.value.journal, venues: [binance], instruments, risk, logger });
  cleanup.push(() => oms.close());
  oms.recover();
  const seen: Order[] = [];
  oms.events.on('order', (o) => seen.push(o));
  return { clock, venue, binance, oms, seen };
}

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!done()) throw new Error(`${what}: not after 400 polls`);
}

describe('OMS with a Binance spot account: an order whose acknowledgement is lost', () => {
  it('is shown unknown (its status still submitted) until the connector finds it at Binance, then accepted; never sent twice', async () => {
    const e = await engine();
    // The account stream is down (its reconnect waits on the clock, which does not move), so only the
    // REST answer could tell of the order, and that answer is lost.
    e.venue.faults.dropAllSockets();
    e.venue.faults.swallowNextAck('order');
    const r = e.oms.submit({ venue: 'my-binance', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 1_900_000, qty: 1000 }, 'ticket');
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value.clientOrderId : '';
    await until(() => e.oms.get(id)?.status === 'accepted', 'the order found and accepted');
    await e.oms.settled();

    const shown = e.seen.filter((o) => o.clientOrderId === id);
    expect(shown.map((o) => [o.status, o.unknownReason !== undefined])).toEqual([
      ['submitted', false],
      ['submitted', true],
      ['accepted', false],
    ]);
    expect(shown[1]!.unknownReason).toMatch(/^no answer from Binance to the order .*never sending it again$/);
    expect(e.oms.get(id)).not.toHaveProperty('unknownReason');
    expect(e.venue.exchange.allOrders('me', 'BTCUSDT').map((o) => o.clientOrderId)).toEqual([id]);
  });
});
