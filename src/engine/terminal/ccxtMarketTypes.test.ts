import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { PASSPHRASE, TEST_SCRYPT_N } from '../secrets/testSupport';
import { newApiKey, startBinanceLoopback } from '../venues/binance/testSupport';
import { Terminal } from './terminal';
import { runUntil, waitFor } from './testSupport';

/**
 * A ccxt account trades the market types it names, and only those are loaded: ccxt's binance with
 * marketTypes ['swap'], pointed at the loopback Binance USD-M venue, lists its perpetuals and nothing
 * else, streams their books and trades them.
 */
const T0 = 1_780_000_000_000;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe("a ccxt account's market types", () => {
  it('ccxt:binance trading swaps only: the USD-M perpetuals listed, a live book, an order rests and is canceled', async () => {
    const clock = new SimulatedClock(T0);
    const key = { apiKey: newApiKey(), secret: newApiKey() };
    const loopback = await startBinanceLoopback({ market: 'usdm', clock, accounts: [{ name: 'trader', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '50000' } }] });
    cleanup.push(() => loopback.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'sq-mkttypes-'));
    const logger = recordingLogger();
    const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 5, vault: { scryptN: TEST_SCRYPT_N } });
    cleanup.push(async () => {
      await terminal.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    await terminal.accounts.create(PASSPHRASE);
    const view = terminal.accounts.add({ name: 'perps', venue: 'ccxt:binance', apiKey: key.apiKey, secret: key.secret, testnet: false, restUrl: loopback.restUrl, streamUrl: loopback.wsUrl, marketTypes: ['swap'] });
    expect(view.marketTypes).toEqual(['swap']);
    const line = () => terminal.status().venues.find((v) => v.venue === 'perps');
    await waitFor(() => line()?.state === 'connected', 'ccxt:binance swap account connected').catch((error: Error) => {
      throw new Error(`${error.message}; status: ${JSON.stringify(line())}; log: ${JSON.stringify(logger.lines.filter((l) => l.level === 'warn' || l.level === 'error').slice(-5))}`);
    });
    expect(terminal.instruments().filter((i) => i.venue === 'perps').map((i) => [i.symbol, i.venueSymbol])).toEqual([
      ['BTC-USDT-PERP', 'BTC/USDT:USDT'],
      ['ETH-USDT-PERP', 'ETH/USDT:USDT'],
    ]);

    terminal.watch([{ venue: 'perps', symbol: 'BTC-USDT-PERP', depth: 5 }]);
    const book = () => terminal.marketSnapshot('perps', 'BTC-USDT-PERP', 60, 5).book;
    await runUntil(clock, () => book() !== undefined && !book()!.stale && book()!.bids.length > 0, 'BTC-USDT-PERP book live');
    const order = terminal.submit({ venue: 'perps', symbol: 'BTC-USDT-PERP', side: 'buy', type: 'limit', tif: 'GTC', price: '19000.0', qty: '0.010' }, 'ticket');
    const status = () => terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status;
    await waitFor(() => status() === 'accepted', 'order resting at the venue');
    expect(loopback.exchange.working('trader').map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
    terminal.cancel(order.clientOrderId, 'ticket');
    await waitFor(() => status() === 'canceled', 'order canceled');
    expect(loopback.exchange.working('trader')).toEqual([]);

    // Two types on one account: ccxt would stream the fills of the first only, so it is not connected, and says why.
    terminal.accounts.add({ name: 'both', venue: 'ccxt:binance', apiKey: key.apiKey, secret: key.secret, testnet: false, restUrl: loopback.restUrl, marketTypes: ['spot', 'swap'] });
    const both = () => terminal.status().venues.find((v) => v.venue === 'both');
    await waitFor(() => both()?.reason !== undefined, 'the two-type account shown');
    expect(both()).toMatchObject({ state: 'disconnected', reason: 'a ccxt account streams the orders and fills of one market type only: make one account per type (here spot, swap)' });
  });
});
