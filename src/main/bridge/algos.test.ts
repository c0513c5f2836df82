import { describe, expect, it } from 'vitest';
import type { AlgoPreview, AlgoView, ConsolidatedBookView, TcaReport } from '../../contract';
import { SimulatedClock } from '../../engine/core';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';
import { bothBooksLive, value } from './smartVenues.fixture';

/**
 * algos.* through the real Dispatcher, handlers and engine on SIM-A and SIM-B: decimal strings parsed
 * against the instrument, bad tickets refused with the reason, TWAP and smart parents run to the end,
 * the TCA (arrival journaled with the parent, so a restart keeps it) and its CSV, the consolidated book.
 */
const rigs = engineRigs('algos');
const start = (dataDir: string, clock = new SimulatedClock(1_700_000_000_000)) => rigs.start(dataDir, { clock, simVenues: ['SIM-A', 'SIM-B'], forward: ['algo'] });

describe('algos.* over the bridge', () => {
  it('refuses a ticket off the instrument grid or with no window, and a VWAP profile goes to views as its length', async () => {
    const dir = rigs.dataDir();
    const { call, clock, received, terminal } = await start(dir);
    await bothBooksLive(terminal, clock);
    const base = { venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty: '0.01', durationMs: 60_000, params: { type: 'twap', slices: 5 } };
    const offGrid = await call('algos.start', { ...base, qty: '0.000001' });
    expect(!offGrid.ok && offGrid.error.code).toBe('INVALID_INPUT');
    const noWindow = await call('algos.start', { ...base, durationMs: undefined });
    expect(!noWindow.ok && noWindow.error.message).toMatch(/duration or an end time/);
    const vwap = value(await call<AlgoView>('algos.start', { ...base, params: { type: 'vwap', profile: Array.from({ length: 5000 }, (_, i) => 1 + (i % 7)) } }));
    expect(vwap.params).toEqual({ type: 'vwap', buckets: 5000 });
    const event = received.filter((e) => e.name === 'algo').at(-1)!.payload as AlgoView;
    expect(event.params).toEqual({ type: 'vwap', buckets: 5000 });
    value(await call('algos.cancel', { id: vwap.id }));
  });

  it('previews a TWAP, runs it, pauses and resumes it to completion; its TCA survives a restart with the journaled arrival', async () => {
    const dir = rigs.dataDir();
    const first = await start(dir);
    await bothBooksLive(first.terminal, first.clock);
    const ticket = { venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty: '0.05', durationMs: 20_000, params: { type: 'twap', slices: 5 } };
    const preview = value(await first.call<AlgoPreview>('algos.preview', ticket));
    expect(preview.slices!.map((s) => s.qty).reduce((a, b) => a + b, 0)).toBe(500);
    expect(preview.slices!.at(-1)!.remaining).toBe(0);
    const started = value(await first.call<AlgoView>('algos.start', ticket));
    expect(started.arrivalMid).toBeGreaterThan(0);
    await runUntil(first.clock, () => first.terminal.listAlgos()[0]!.doneQty > 0, 'a first slice filled');
    expect(value(await first.call<AlgoView>('algos.pause', { id: started.id })).state).toBe('paused');
    expect(value(await first.call<AlgoView>('algos.resume', { id: started.id })).state).toBe('running');
    await runUntil(first.clock, () => first.terminal.listAlgos()[0]!.state === 'completed', 'the TWAP completed');
    const tca = value(await first.call<TcaReport>('algos.tca', { id: started.id }));
    expect(tca.filledQty).toBe(first.terminal.listAlgos()[0]!.doneQty);
    expect(tca.arrivalPrice).toBe(started.arrivalMid);
    expect(tca.children.length).toBeGreaterThan(0);
    const csv = value(await first.call<{ filename: string; csv: string }>('algos.tcaCsv', { kind: 'children', id: started.id }));
    expect(csv.filename).toMatch(/^tca-children-/);
    expect(csv.csv.split('\r\n')[0]).toMatch(/^parent,child,venue/);
    await rigs.stop(first.terminal);
    const second = await start(dir, first.clock);
    const again = value(await second.call<TcaReport>('algos.tca', { id: started.id }));
    expect(again.arrivalPrice).toBe(started.arrivalMid);
    expect(again.filledQty).toBe(tca.filledQty);
  });

  it('routes a smart parent to SIM-A and SIM-B and shows the consolidated book with the venue of each level', async () => {
    const dir = rigs.dataDir();
    const { call, clock, terminal } = await start(dir);
    await bothBooksLive(terminal, clock);
    // The simulated clock stands still from here until the parent starts: once the worker has applied what was fed,
    // every read below (and the parent's first sweep) sees the same books.
    await terminal.booksApplied();
    const book = value(await call<ConsolidatedBookView>('algos.consolidatedBook', { venues: ['SIM-A', 'SIM-B'], symbol: 'BTC-USDT', depth: 50 }));
    expect(book.venues).toEqual(['SIM-A', 'SIM-B']);
    for (const l of [...book.bids, ...book.asks]) expect(l.qty).toBe(l.venues.reduce((n, v) => n + v.qty, 0));
    // Each venue's own book, as the router reads it (50 levels a side).
    const own = (venue: string) => terminal.consolidatedBook([venue], 'BTC-USDT', 50);
    const bestAsk = (venue: string) => own(venue).asks[0]!.price;
    const bestBid = (venue: string) => own(venue).bids[0]!.price;
    // The merged touch is the better venue's, held by it (the markets drift apart, so which one varies).
    const [askA, askB, bidA, bidB] = [bestAsk('SIM-A'), bestAsk('SIM-B'), bestBid('SIM-A'), bestBid('SIM-B')];
    expect(book.asks[0]!.price).toBe(Math.min(askA, askB));
    expect(book.asks[0]!.venues.map((v) => v.venue)).toContain(askA <= askB ? 'SIM-A' : 'SIM-B');
    expect(book.bids[0]!.price).toBe(Math.max(bidA, bidB));
    expect(book.bids[0]!.venues.map((v) => v.venue)).toContain(bidA >= bidB ? 'SIM-A' : 'SIM-B');
    // A limit above both venues' best ask, and a size no single venue shows within it (but both together do):
    // the router must split it. Both venues list BTC-USDT alike, so the grid's ticks and lots are SIM-A's.
    const inst = terminal.instruments().find((i) => i.venue === 'SIM-A' && i.symbol === 'BTC-USDT')!;
    const limitTicks = Math.max(askA, askB) + 20 * inst.tickSize;
    const within = (venue: string) => own(venue).asks.filter((l) => l.price <= limitTicks).reduce((n, l) => n + l.qty, 0);
    const [a, b] = [within('SIM-A'), within('SIM-B')];
    const lots = Math.max(a, b) + Math.max(1, Math.floor(Math.min(a, b) / 2));
    expect(lots).toBeLessThanOrEqual(a + b);
    const text = (units: number, decimals: number) => (units / 10 ** decimals).toFixed(decimals);
    const limit = text(limitTicks, inst.priceDecimals);
    const qty = text(lots * inst.lotSize, inst.qtyDecimals);
    const ticket = { venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty, limit, durationMs: 30_000, params: { type: 'smart', venues: ['SIM-A', 'SIM-B'] } };
    const preview = value(await call<AlgoPreview>('algos.preview', ticket));
    expect(new Set(preview.route!.children.map((c) => c.venue))).toEqual(new Set(['SIM-A', 'SIM-B']));
    const smart = value(await call<AlgoView>('algos.start', ticket));
    await runUntil(clock, () => terminal.listAlgos().find((a) => a.id === smart.id)!.state === 'completed', 'the smart parent ended');
    const tca = value(await call<TcaReport>('algos.tca', { id: smart.id }));
    expect(new Set(tca.children.map((c) => c.venue))).toEqual(new Set(['SIM-A', 'SIM-B']));
    expect(tca.filledQty).toBe(terminal.listAlgos().find((a) => a.id === smart.id)!.doneQty);
  });
});
