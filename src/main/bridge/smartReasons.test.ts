import { describe, expect, it } from 'vitest';
import type { AlgoPreview, AlgoView, ConsolidatedBookView, RiskState, TcaReport } from '../../contract';
import { SimulatedClock } from '../../engine/core';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';
import { bothBooksLive, value } from './smartVenues.fixture';

/**
 * Why the smart router left a venue out, over the bridge: risk refuses SIM-B's children (its max order
 * quantity), a smart parent routes across SIM-A and SIM-B, and the reason reaches the views in words with
 * its figure: on the parent's `algo` events, in `algos.tca` and in the TCA CSV's `left_out` column.
 */
const rigs = engineRigs('smart-reasons');
const start = (dataDir: string) => rigs.start(dataDir, { clock: new SimulatedClock(1_700_000_000_000), simVenues: ['SIM-A', 'SIM-B'], forward: ['algo'] });

describe('smart routing reasons over the bridge', () => {
  it('the preview says which venue a one-lot order would not need; risk refusing SIM-B: "SIM-B: refused by risk: ..." on the algo event, in the TCA and its CSV', async () => {
    const { call, clock, received, terminal } = await start(rigs.dataDir());
    await bothBooksLive(terminal, clock);
    await terminal.booksApplied();
    // SIM-B may take at most one lot (0.0001 BTC) per order: any larger child there is refused by risk.
    const risk = value(await call<RiskState>('risk.state'));
    const limits = { ...risk.limits, instruments: { ...risk.limits.instruments, 'SIM-B:BTC-USDT': { ...(risk.limits.instruments['SIM-B:BTC-USDT'] ?? {}), maxOrderQty: '0.0001' } } };
    value(await call('risk.setLimits', { limits }));
    // A limit well above both asks and twice what the deeper venue shows: the first sweep sends to both.
    const books = value(await call<ConsolidatedBookView>('algos.consolidatedBook', { venues: ['SIM-A', 'SIM-B'], symbol: 'BTC-USDT', depth: 20 }));
    const limitTicks = books.asks.at(-1)!.price + 500;
    const depth = books.asks.reduce((n, l) => n + l.qty, 0);
    const ticket = {
      venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty: (Math.min(2 * depth, 80_000) / 10_000).toFixed(4), limit: (limitTicks / 10).toFixed(1), durationMs: 30_000,
      params: { type: 'smart', venues: ['SIM-A', 'SIM-B'] },
    };
    // The ticket's preview of one lot: the cheaper venue takes it, the other is "not needed", with both prices.
    const one = value(await call<AlgoPreview>('algos.preview', { ...ticket, qty: '0.0001' }));
    expect(one.route!.children).toHaveLength(1);
    const other = one.route!.children[0]!.venue === 'SIM-A' ? 'SIM-B' : 'SIM-A';
    expect(one.leftOut).toEqual([expect.stringMatching(new RegExp(`^${other}: not needed: best ask [\\d,]+\\.\\d, the plan filled elsewhere at [\\d,]+\\.\\d or better$`))]);
    const smart = value(await call<AlgoView>('algos.start', ticket));
    const refused = /^SIM-B: refused by risk: quantity [\d.]+ BTC exceeds the max order quantity 0\.0001 BTC for SIM-B:BTC-USDT$/;
    // The parent's event after its first sweep says it (the view's "Left out" line).
    const events = received.filter((e) => e.name === 'algo').map((e) => e.payload as AlgoView).filter((v) => v.id === smart.id);
    expect(events.some((v) => (v.leftOut ?? []).some((w) => refused.test(w)))).toBe(true);
    const tca = value(await call<TcaReport>('algos.tca', { id: smart.id }));
    expect(tca.leftOut!.some((w) => refused.test(w))).toBe(true);
    expect(tca.children.some((c) => c.venue === 'SIM-A')).toBe(true);
    const csv = value(await call<{ filename: string; csv: string }>('algos.tcaCsv', { kind: 'parents', id: smart.id })).csv.split('\r\n');
    expect(csv[0]!.endsWith(',left_out')).toBe(true);
    // The last cell: the reasons joined by "; " (the whole cell quoted when one holds a comma), the refusal last.
    expect(csv[1]).toMatch(/[,; ]SIM-B: refused by risk: quantity [\d.]+ BTC exceeds the max order quantity 0\.0001 BTC for SIM-B:BTC-USDT"?$/);
    // algos.list carries the same words.
    const listed = value(await call<AlgoView[]>('algos.list')).find((a) => a.id === smart.id)!;
    expect(listed.leftOut).toEqual(tca.leftOut);
    await runUntil(clock, () => terminal.listAlgos().find((a) => a.id === smart.id)!.state !== 'running', 'the parent ended');
  });
});
