import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { PASSPHRASE, TEST_SCRYPT_N } from '../secrets/testSupport';
import { defaultSymbols, type LoopbackSymbolConfig, newApiKey, startBinanceLoopback } from '../venues/binance/testSupport';
import { FULL_LIST_MAX_INSTRUMENTS } from './instrumentCatalog';
import { Terminal, type TerminalEvents } from './terminal';
import { runUntil, waitFor } from './testSupport';

/**
 * A running terminal with an account whose venue lists more instruments than the views get whole (a
 * loopback spot venue with 6,000 symbols stands in for Kite's ~100k): the views' list holds SIM whole
 * and of the account only what the trader deals with, and grows as the trader focuses or orders.
 */
const T0 = 1_780_000_000_000;
const SYMBOLS = 6_000;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function manySymbols(): LoopbackSymbolConfig[] {
  const [btc] = defaultSymbols('spot');
  const extra = Array.from({ length: SYMBOLS - 1 }, (_, i): LoopbackSymbolConfig => {
    const base = `TK${i}`;
    return { ...btc!, symbol: `${base}USDT`, baseAsset: base, book: { lastUpdateId: 1, bids: [['10.00', '1.00000']], asks: [['10.01', '1.00000']] } };
  });
  return [btc!, ...extra];
}

describe('a venue too large to list whole, in a running terminal', () => {
  it('lists SIM whole and the account by what matters, marked partial; focusing and ordering add to it', async () => {
    expect(SYMBOLS).toBeGreaterThan(FULL_LIST_MAX_INSTRUMENTS);
    const clock = new SimulatedClock(T0);
    const key = { apiKey: newApiKey(), secret: newApiKey() };
    const venue = await startBinanceLoopback({ market: 'spot', clock, symbols: manySymbols(), accounts: [{ name: 'trader', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '50000', BTC: '1' } }] });
    cleanup.push(() => venue.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'sq-large-'));
    const terminal = await Terminal.start({ dataDir, clock, logger: recordingLogger(), mode: 'headless', seed: 5, vault: { scryptN: TEST_SCRYPT_N } });
    cleanup.push(async () => {
      await terminal.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const sent: { partial: TerminalEvents['instrumentsPartial']; list: TerminalEvents['instruments'] }[] = [];
    let partial: TerminalEvents['instrumentsPartial'] | undefined;
    terminal.events.on('instrumentsPartial', (p) => (partial = p));
    terminal.events.on('instruments', (list) => sent.push({ partial: partial!, list }));
    const simCount = terminal.instruments().length;
    expect(terminal.instrumentsPartial()).toEqual([]);

    await terminal.accounts.create(PASSPHRASE);
    terminal.accounts.add({ name: 'big', venue: 'binance-spot', apiKey: key.apiKey, secret: key.secret, testnet: true, restUrl: venue.restUrl, streamUrl: venue.wsUrl, wsApiUrl: `${venue.wsUrl}/ws-api/v3` });
    await waitFor(() => terminal.status().venues.find((v) => v.venue === 'big')?.state === 'connected', 'account connected');
    // The BTC held makes BTC-USDT matter once the balances are in.
    await waitFor(() => terminal.instruments().some((i) => i.venue === 'big'), 'held instrument listed');
    const big = () => terminal.instruments().filter((i) => i.venue === 'big').map((i) => i.symbol).sort();
    expect(big()).toEqual(['BTC-USDT']);
    expect(terminal.instruments().filter((i) => i.venue === 'SIM')).toHaveLength(simCount);
    expect(terminal.instrumentsPartial()).toEqual([{ venue: 'big', listed: 1, total: SYMBOLS }]);
    const last = () => sent[sent.length - 1]!;
    expect(last().partial).toEqual([{ venue: 'big', listed: 1, total: SYMBOLS }]);
    expect(last().list.length).toBe(simCount + 1);

    // The picker found TK42-USDT through the search and the trader focused it.
    expect(terminal.searchInstruments('tk42', { venue: 'big', limit: 5 }).instruments[0]!.symbol).toBe('TK42-USDT');
    terminal.watch([{ venue: 'big', symbol: 'TK42-USDT', depth: 5 }]);
    await runUntil(clock, () => last().list.some((i) => i.symbol === 'TK42-USDT'), 'focused instrument listed');
    expect(last().partial).toEqual([{ venue: 'big', listed: 2, total: SYMBOLS }]);

    // An order in another one keeps it listed after the focus moves on.
    terminal.submit({ venue: 'big', symbol: 'TK7-USDT', side: 'buy', type: 'limit', tif: 'GTC', price: '9.00', qty: '1' }, 'ticket');
    terminal.watch([{ venue: 'SIM', symbol: 'BTC-USDT', depth: 5 }]);
    await runUntil(clock, () => last().partial[0]!.listed === 2 && last().list.some((i) => i.symbol === 'TK7-USDT'), 'ordered instrument listed');
    expect(big()).toEqual(['BTC-USDT', 'TK7-USDT']);
  });
});
