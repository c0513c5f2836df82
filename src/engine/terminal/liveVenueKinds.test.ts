import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import type { AccountVenue } from '../secrets';
import { PASSPHRASE, TEST_SCRYPT_N } from '../secrets/testSupport';
import { LoopbackClient, newApiKey, startBinanceLoopback, type BinanceLoopback } from '../venues/binance/testSupport';
import { Terminal, type TerminalEvents } from './terminal';
import { runUntil, waitFor } from './testSupport';

/**
 * Each kind of account the vault holds becomes a venue of the running terminal through its own
 * connector: Binance USD-M futures, and a ccxt venue (ccxt's binance, pointed at the loopback spot
 * venue). Binance spot has its own, longer, test in liveVenues.test.ts.
 */
const T0 = 1_780_000_000_000;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function terminalWithAccount(market: 'spot' | 'usdm', venue: AccountVenue, urls: (lb: BinanceLoopback) => { restUrl: string; streamUrl?: string; wsApiUrl?: string }) {
  const clock = new SimulatedClock(T0);
  const key = { apiKey: newApiKey(), secret: newApiKey() };
  const loopback = await startBinanceLoopback({ market, clock, accounts: [{ name: 'trader', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '50000', BTC: '1' } }] });
  cleanup.push(() => loopback.stop());
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-kinds-'));
  const terminal = await Terminal.start({ dataDir, clock, logger: recordingLogger(), mode: 'headless', seed: 5, vault: { scryptN: TEST_SCRYPT_N } });
  cleanup.push(async () => {
    await terminal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const balances: TerminalEvents['balances'][] = [];
  terminal.events.on('balances', (b) => balances.push(b));
  await terminal.accounts.create(PASSPHRASE);
  terminal.accounts.add({ name: 'acct', venue, apiKey: key.apiKey, secret: key.secret, testnet: true, ...urls(loopback) });
  const line = () => terminal.status().venues.find((v) => v.venue === 'acct');
  await waitFor(() => line()?.state === 'connected', `${venue} account connected`).catch((error: Error) => {
    throw new Error(`${error.message}; status: ${JSON.stringify(line())}`);
  });
  return { clock, loopback, terminal, balances, key };
}

async function restAndCancel(rig: Awaited<ReturnType<typeof terminalWithAccount>>, symbol: string, price: string) {
  const { terminal, clock } = rig;
  terminal.watch([{ venue: 'acct', symbol, depth: 5 }]);
  const book = () => terminal.marketSnapshot('acct', symbol, 60, 5).book;
  await runUntil(clock, () => book() !== undefined && !book()!.stale && book()!.bids.length > 0, `${symbol} book live`);
  const order = terminal.submit({ venue: 'acct', symbol, side: 'buy', type: 'limit', tif: 'GTC', price, qty: '0.01' }, 'ticket');
  const status = () => terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status;
  await waitFor(() => status() === 'accepted', 'order resting at the venue');
  expect(rig.loopback.exchange.working('trader').map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
  terminal.cancel(order.clientOrderId, 'ticket');
  await waitFor(() => status() === 'canceled', 'order canceled');
  expect(rig.loopback.exchange.working('trader')).toEqual([]);
}

describe('every kind of account trades through its connector', () => {
  it('Binance USD-M futures: perpetuals listed, a live book, an order rests and is canceled, the wallet balance shown, the venue position beside ours, valued at the venue mark', async () => {
    const rig = await terminalWithAccount('usdm', 'binance-usdm', (lb) => ({ restUrl: lb.restUrl, streamUrl: lb.wsUrl }));
    expect(rig.terminal.instruments().filter((i) => i.venue === 'acct').map((i) => i.symbol).sort()).toEqual(['BTC-USDT-PERP', 'ETH-USDT-PERP']);
    expect(rig.balances.at(-1)?.balances.find((b) => b.asset === 'USDT')).toMatchObject({ free: '50000.00000000', locked: '0' });
    await restAndCancel(rig, 'BTC-USDT-PERP', '19000.0');

    // A position opened outside the terminal (another client of the same key) shows beside ours, which has none.
    const elsewhere = new LoopbackClient(rig.loopback.restUrl, { apiKey: rig.key.apiKey, hmacSecret: rig.key.secret });
    const placed = await elsewhere.request('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.010', timestamp: rig.clock.now() }, { signed: true, timestamp: rig.clock.now() });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const btc = () => rig.terminal.positions().find((p) => p.venue === 'acct' && p.symbol === 'BTC-USDT-PERP');
    await waitFor(() => btc()?.venueQty === 10, 'the venue position shown');
    expect(btc()).toMatchObject({ qty: 0, venueQty: 10 });

    // Ours is valued at the venue's mark price, as its margin is.
    rig.loopback.exchange.setMarkPrice('BTCUSDT', '20100.0');
    await runUntil(rig.clock, () => btc()?.mark === 201_000, 'marked at the venue mark price');
  });

  it('a ccxt venue (ccxt:binance at the loopback spot venue): markets listed, a live book, an order rests and is canceled, balances shown', async () => {
    const rig = await terminalWithAccount('spot', 'ccxt:binance', (lb) => ({ restUrl: lb.restUrl, streamUrl: lb.wsUrl }));
    expect(rig.terminal.instruments().filter((i) => i.venue === 'acct').map((i) => i.symbol).sort()).toEqual(['BTC-USDT', 'ETH-USDT']);
    expect(rig.balances.at(-1)?.balances.map((b) => b.asset).sort()).toEqual(['BTC', 'USDT']);
    await restAndCancel(rig, 'BTC-USDT', '19000.00');
  });
});
