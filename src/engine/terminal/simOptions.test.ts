import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, silentLogger } from '../core';
import { Terminal } from './terminal';
import { runUntil, waitFor } from './testSupport';

// Monday 7 December 2026, 14:00 UTC.
const MONDAY = Date.UTC(2026, 11, 7, 14, 0);
let terminal: Terminal | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await terminal?.stop();
  terminal = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('Terminal with the SIM venue listing options', () => {
  it('lists the options with their contracts, carries their books, and trades one through the OMS and risk', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sq-simopt-'));
    const clock = new SimulatedClock(MONDAY);
    terminal = await Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 11, simOptions: true, warmUpMs: 60_000 });
    const t = terminal;
    const options = t.instruments().filter((i) => i.venue === 'SIM' && i.contract);
    expect(options).toHaveLength(176);
    const call = options.find((i) => i.symbol.startsWith('BTC-261211-') && i.contract!.kind === 'call' && t.marketSnapshot('SIM', i.symbol, 60, 1))!;
    expect(call.contract).toMatchObject({ kind: 'call', expiry: Date.UTC(2026, 11, 11, 8), underlying: 'BTC-USDT', underlyingKind: 'spot' });

    // Every option book reaches the book worker (its buffer has room for all of them).
    const live = (): boolean =>
      options.every((i) => {
        const book = t.marketSnapshot('SIM', i.symbol, 60, 1).book;
        return book !== undefined && !book.stale && book.asks.length > 0;
      });
    await waitFor(live, 'option books live');

    const atm = options
      .filter((i) => i.symbol.startsWith('BTC-261211-') && i.contract!.kind === 'call')
      .map((i) => ({ i, book: t.marketSnapshot('SIM', i.symbol, 60, 1).book! }))
      .filter((x) => x.book.bids.length > 0)
      .sort((a, b) => Math.abs(a.book.asks[0]![0] - 60) - Math.abs(b.book.asks[0]![0] - 60))[0]!;
    const askTicks = atm.book.asks[0]![0];
    const order = t.submit({ venue: 'SIM', symbol: atm.i.symbol, side: 'buy', type: 'limit', price: String(askTicks * 5), qty: '0.01' }, 'ticket');
    await runUntil(clock, () => t.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'the call bought');
    // The position follows once the fill is durable.
    await runUntil(clock, () => t.positions().some((p) => p.symbol === atm.i.symbol), 'the position shown');
    const position = t.positions().find((p) => p.symbol === atm.i.symbol)!;
    expect(position).toBeDefined();
    expect(position).toMatchObject({ venue: 'SIM', qty: 1, avgPrice: askTicks });
  });
});
