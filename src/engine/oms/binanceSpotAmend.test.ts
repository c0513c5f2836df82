import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock, type AuditEntry } from '../core';
import { InstrumentRegistry } from '../instruments';
import { KillSwitch, RiskManager } from '../risk';
import { openJournal, openStore } from '../storage';
import { BinanceSpotAdapter } from '../venues';
import { newApiKey, startBinanceLoopback, type BinanceLoopback } from '../venues/binance/testSupport';
import { OrderManager } from './orderManager';

/*
 * The OMS amending an order at a Binance spot account (the loopback venue, its real protocol), as the
 * open-orders grid does (source 'grid'): a lower quantity is confirmed as a new version; a price
 * change and a larger quantity are refused, and the refusal's audit entry (what the grid's notice
 * shows) carries the reason in the venue's or the connector's words. The order stays as it was.
 */
const T0 = 1_780_000_000_000;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function engine() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-oms-binance-amend-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const clock = new SimulatedClock(T0);
  const key = { apiKey: newApiKey(), secret: newApiKey() };
  const venue: BinanceLoopback = await startBinanceLoopback({ market: 'spot', clock, accounts: [{ name: 'me', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '100000', BTC: '1' } }] });
  cleanup.push(() => venue.stop());
  const logger = recordingLogger();
  const binance = new BinanceSpotAdapter({ account: { name: 'my-binance', ...key, restUrl: venue.restUrl, wsApiUrl: `${venue.wsUrl}/ws-api/v3` }, clock, logger, symbols: ['BTCUSDT'], random: () => 0.5 });
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
  const audit: AuditEntry[] = [];
  oms.events.on('audit', (a) => audit.push(a));
  return { venue, oms, audit };
}

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!done()) throw new Error(`${what}: not after 400 polls`);
}

describe('OMS amending a Binance spot order from the grid', () => {
  it('confirms a lower quantity as version 2, and shows why a price change or a larger quantity is refused', async () => {
    const e = await engine();
    const r = e.oms.submit({ venue: 'my-binance', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 1_900_000, qty: 1000 }, 'ticket');
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.clientOrderId;
    await until(() => e.oms.get(id)?.status === 'accepted', 'the order accepted');

    expect(e.oms.amend(id, { qty: 600 }, 'grid').ok).toBe(true);
    await until(() => e.oms.get(id)?.version === 2, 'the amend confirmed');
    expect(e.oms.get(id)).toMatchObject({ status: 'accepted', qty: 600, price: 1_900_000, version: 2 });
    expect(e.venue.exchange.working('me').map((o) => [o.clientOrderId, o.origQty])).toEqual([[id, 600_000n]]);

    const refusals = () => e.audit.filter((a) => a.clientOrderId === id && a.action === 'amend_reject');
    expect(e.oms.amend(id, { price: 1_900_100 }, 'grid').ok).toBe(true);
    await until(() => refusals().length === 1, 'the price change refused');
    expect(e.oms.amend(id, { qty: 800 }, 'grid').ok).toBe(true);
    await until(() => refusals().length === 2, 'the larger quantity refused');
    expect(refusals().map((a) => a.detail)).toEqual([
      expect.stringMatching(/^Binance spot cannot change a working order's price: only cancel-replace can/),
      'Order amend (quantity increase) is not supported.',
    ]);
    expect(e.oms.get(id)).toMatchObject({ status: 'accepted', qty: 600, price: 1_900_000, version: 2 });
    expect(e.venue.exchange.working('me').map((o) => [o.clientOrderId, o.origQty, o.price])).toEqual([[id, 600_000n, 1_900_000_000_000n]]);
  });
});
