import { describe, expect, it } from 'vitest';
import type { AlgoPreview, AlgoView, ConsolidatedBookView, Order, RiskState, TcaReport } from '../../contract';
import { SimulatedClock } from '../../engine/core';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';
import { bothBooksLive, value } from './smartVenues.fixture';

/**
 * A venue its circuit breaker halts, over the bridge: SIM-B's venue breaker trips on the venue's own
 * rejection of an order, and a smart parent over SIM-A and SIM-B leaves SIM-B out up front (nothing is sent
 * there, so nothing is refused), saying "SIM-B: halted by its circuit breaker (<its reason>)" in the preview,
 * on the parent's `algo` events and in algos.tca. The trader resets the breaker: SIM-B is planned again.
 */
const rigs = engineRigs('smart-halted');
const start = (dataDir: string) => rigs.start(dataDir, { clock: new SimulatedClock(1_700_000_000_000), simVenues: ['SIM-A', 'SIM-B'], forward: ['algo', 'order'] });

describe('a venue halted by its circuit breaker, over the bridge', () => {
  it('is left out of the smart preview and of every sweep with the breaker\'s reason; reset, it is routed to again', async () => {
    const { call, clock, received, terminal } = await start(rigs.dataDir());
    await bothBooksLive(terminal, clock);
    await terminal.booksApplied();
    // SIM-B's venue breaker trips on the first rejection by the venue and stays OPEN (a day's backoff).
    const risk = value(await call<RiskState>('risk.state'));
    const breakers = { ...risk.limits.breakers, venues: { ...(risk.limits.breakers?.venues ?? {}), 'SIM-B': { maxRejectPct: 0, rejectMinSamples: 1, initialBackoffMs: 86_400_000, maxBackoffMs: 86_400_000 } } };
    value(await call('risk.setLimits', { limits: { ...risk.limits, breakers } }));
    // A post-only buy above SIM-B's ask would take liquidity: the venue rejects it.
    const askB = value(await call<ConsolidatedBookView>('algos.consolidatedBook', { venues: ['SIM-B'], symbol: 'BTC-USDT', depth: 1 })).asks[0]!.price;
    await call<Order>('orders.submit', { venue: 'SIM-B', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: true, price: ((askB + 50) / 10).toFixed(1), qty: '0.0001' });
    let reason = '';
    await runUntil(
      clock,
      () => {
        const b = terminal.riskState().breakers.find((x) => x.scope === 'venue' && x.venue === 'SIM-B');
        reason = b?.state === 'OPEN' ? (b.reason ?? '') : '';
        return reason !== '';
      },
      "SIM-B's breaker open",
    );
    expect(reason).toMatch(/rejected/);
    const halted = `SIM-B: halted by its circuit breaker (${reason})`;

    const books = value(await call<ConsolidatedBookView>('algos.consolidatedBook', { venues: ['SIM-A', 'SIM-B'], symbol: 'BTC-USDT', depth: 20 }));
    const depth = books.asks.reduce((n, l) => n + l.qty, 0);
    const ticket = {
      venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty: (Math.min(4 * depth, 80_000) / 10_000).toFixed(4), limit: ((books.asks.at(-1)!.price + 500) / 10).toFixed(1), durationMs: 60_000,
      params: { type: 'smart', venues: ['SIM-A', 'SIM-B'] },
    };
    const preview = value(await call<AlgoPreview>('algos.preview', ticket));
    expect(preview.leftOut).toContain(halted);
    expect(preview.route!.children.every((c) => c.venue === 'SIM-A')).toBe(true);

    const smart = value(await call<AlgoView>('algos.start', ticket));
    const events = () => received.filter((e) => e.name === 'algo').map((e) => e.payload as AlgoView).filter((v) => v.id === smart.id);
    await runUntil(clock, () => events().some((v) => (v.leftOut ?? []).includes(halted)), 'an algo event saying SIM-B is halted');
    const tca = value(await call<TcaReport>('algos.tca', { id: smart.id }));
    expect(tca.leftOut).toContain(halted);
    expect(tca.children.length).toBeGreaterThan(0);
    expect(tca.children.every((c) => c.venue === 'SIM-A')).toBe(true);
    expect((tca.leftOut ?? []).some((w) => w.startsWith('SIM-B: refused') || w.startsWith('SIM-B: rejected'))).toBe(false);

    // Reset by the trader (the venue's settings tripped its instrument's breaker there too): SIM-B is planned again.
    value(await call<RiskState>('risk.resetBreaker', { venue: 'SIM-B' }));
    if (terminal.riskState().breakers.some((x) => x.venue === 'SIM-B' && x.symbol === 'BTC-USDT' && x.state !== 'CLOSED')) {
      value(await call<RiskState>('risk.resetBreaker', { venue: 'SIM-B', symbol: 'BTC-USDT' }));
    }
    const again = value(await call<AlgoPreview>('algos.preview', ticket));
    expect(again.leftOut ?? []).not.toContain(halted);
    expect((again.leftOut ?? []).some((w) => w.includes('halted'))).toBe(false);
    const next = value(await call<AlgoView>('algos.start', ticket));
    const sentToB = () => received.some((e) => e.name === 'order' && (e.payload as Order).parentId === next.id && (e.payload as Order).venue === 'SIM-B');
    await runUntil(clock, sentToB, 'a child at SIM-B after the reset');
    const after = value(await call<TcaReport>('algos.tca', { id: next.id }));
    expect((after.leftOut ?? []).some((w) => w.includes('halted'))).toBe(false);
    if (terminal.listAlgos().find((a) => a.id === next.id)!.state === 'running') value(await call('algos.cancel', { id: next.id }));
  });
});
