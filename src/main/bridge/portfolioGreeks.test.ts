import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortfolioGreeksView } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal } from '../../engine/terminal';
import { runUntil, waitFor } from '../../engine/terminal/testSupport';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * Portfolio Greeks over the bridge: `portfolio.greeks` (a view's first read, through the contract's
 * schema) and the `portfolioGreeks` event every session gets when they change, on the SIM options venue.
 */
const MONDAY = Date.UTC(2026, 11, 7, 14, 0);
let terminal: Terminal | undefined;
let dir: string | undefined;
afterEach(async () => {
  await terminal?.stop();
  terminal = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('portfolio Greeks over the bridge', () => {
  it('answers portfolio.greeks and pushes portfolioGreeks to every session as a held call moves', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sq-greeks-bridge-'));
    const clock = new SimulatedClock(MONDAY);
    const logger = recordingLogger();
    const t = (terminal = await Terminal.start({ dataDir: dir, clock, logger, mode: 'headless', seed: 7, simOptions: true, warmUpMs: 60_000 }));
    const sessions = new SessionRegistry();
    const received: PortfolioGreeksView[] = [];
    // A session focused on nothing: the event is account-wide, so it still arrives.
    const session = new Session('viewer', (event, payload) => {
      if (event === 'portfolioGreeks') received.push(payload as PortfolioGreeksView);
    });
    sessions.add(session);
    t.events.on('portfolioGreeks', (v) => sessions.publish('portfolioGreeks', v));
    const dispatcher = new Dispatcher(createHandlers(t, sessions), logger);

    const empty = await dispatcher.handle(session, 'portfolio.greeks', {});
    expect(empty).toMatchObject({ ok: true, value: { underlyings: [], conventions: { vega: 'quote currency per 1 vol point', theta: 'quote currency per calendar day' } } });
    expect(await dispatcher.handle(session, 'portfolio.greeks', { venue: 'SIM' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const call = t.instruments().find((i) => i.venue === 'SIM' && i.symbol.startsWith('ETH-261211-') && i.contract?.kind === 'call' && t.optionGreeks('SIM', i.symbol))!;
    await waitFor(() => t.marketSnapshot('SIM', call.symbol, 60, 1).book?.asks.length, 'the call quoted');
    const ask = t.marketSnapshot('SIM', call.symbol, 60, 1).book!.asks[0]![0];
    const order = t.submit({ venue: 'SIM', symbol: call.symbol, side: 'buy', type: 'limit', price: ((ask * call.tickSize) / 10).toFixed(1), qty: '0.05' }, 'ticket');
    await runUntil(clock, () => t.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'the call bought');
    await runUntil(clock, () => received.some((v) => v.underlyings.some((u) => u.underlying === 'ETH-USDT')), 'Greeks pushed');
    const first = received.at(-1)!.underlyings.find((u) => u.underlying === 'ETH-USDT')!;
    expect(first).toMatchObject({ venue: 'SIM', riskKey: 'SIM:ETH-USDT', quote: 'USDT', positions: [expect.objectContaining({ symbol: call.symbol, units: 0.05 })] });
    expect(first.delta).toBeGreaterThan(0);
    // It keeps coming as ETH moves.
    const count = received.length;
    await runUntil(clock, () => received.length > count && received.at(-1)!.underlyings[0]!.delta !== first.delta, 'a changed delta pushed');
    const read = await dispatcher.handle(session, 'portfolio.greeks', {});
    expect(read.ok && (read.value as PortfolioGreeksView).underlyings.map((u) => u.underlying)).toEqual(['ETH-USDT']);
  }, 60_000);
});
