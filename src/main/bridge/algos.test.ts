import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlgoPreview, AlgoView, ConsolidatedBookView, EventName, Reply, TcaReport } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal } from '../../engine/terminal';
import { runUntil } from '../../engine/terminal/testSupport';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * algos.* through the real Dispatcher, handlers and engine on SIM-A and SIM-B: decimal strings parsed
 * against the instrument, bad tickets refused with the reason, TWAP and smart parents run to the end,
 * the TCA (arrival journaled with the parent, so a restart keeps it) and its CSV, the consolidated book.
 */
const dirs: string[] = [];
const terminals: Terminal[] = [];
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, clock = new SimulatedClock(1_700_000_000_000)) {
  const logger = recordingLogger();
  const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 5, simVenues: ['SIM-A', 'SIM-B'] });
  terminals.push(terminal);
  const sessions = new SessionRegistry();
  const received: { name: EventName; payload: unknown }[] = [];
  const session = new Session('test', (name, payload) => received.push({ name, payload }));
  sessions.add(session);
  terminal.events.on('algo', (v) => sessions.publish('algo', v));
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  const call = async <T>(name: string, input: unknown = {}): Promise<Reply<T>> => (await dispatcher.handle(session, name, input)) as Reply<T>;
  return { terminal, clock, call, received };
}

/** Until both venues' books are live in the book worker (it runs on its own thread). */
async function booksLive(terminal: Terminal, clock: SimulatedClock): Promise<void> {
  await runUntil(
    clock,
    () => {
      const b = terminal.consolidatedBook(['SIM-A', 'SIM-B'], 'BTC-USDT', 10);
      return b.excluded.length === 0 && new Set([...b.bids, ...b.asks].flatMap((l) => l.venues.map((v) => v.venue))).size === 2;
    },
    'both books live',
  );
}

const value = <T>(r: Reply<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('algos.* over the bridge', () => {
  it('refuses a ticket off the instrument grid or with no window, and a VWAP profile goes to views as its length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-algos-bridge-'));
    dirs.push(dir);
    const { call, clock, received, terminal } = await start(dir);
    await booksLive(terminal, clock);
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
    const dir = mkdtempSync(join(tmpdir(), 'sq-algos-bridge-'));
    dirs.push(dir);
    const first = await start(dir);
    await booksLive(first.terminal, first.clock);
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
    await first.terminal.stop();
    terminals.splice(terminals.indexOf(first.terminal), 1);
    const second = await start(dir, first.clock);
    const again = value(await second.call<TcaReport>('algos.tca', { id: started.id }));
    expect(again.arrivalPrice).toBe(started.arrivalMid);
    expect(again.filledQty).toBe(tca.filledQty);
  });

  it('routes a smart parent to SIM-A and SIM-B and shows the consolidated book with the venue of each level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-algos-bridge-'));
    dirs.push(dir);
    const { call, clock, terminal } = await start(dir);
    await booksLive(terminal, clock);
    const book = value(await call<ConsolidatedBookView>('algos.consolidatedBook', { venues: ['SIM-A', 'SIM-B'], symbol: 'BTC-USDT', depth: 50 }));
    expect(book.venues).toEqual(['SIM-A', 'SIM-B']);
    // Both venues hold levels of the merged book (when their markets drift apart, one holds the best bids, the other the best asks).
    const holders = new Set([...book.bids, ...book.asks].flatMap((l) => l.venues.map((v) => v.venue)));
    expect(holders).toEqual(new Set(['SIM-A', 'SIM-B']));
    for (const l of book.asks) expect(l.qty).toBe(l.venues.reduce((n, v) => n + v.qty, 0));
    // A limit above both venues' best ask, and the smallest doubling of size the preview splits over both:
    // the first sweep goes out at once on the same books, so it is that split.
    const bestAsk = (venue: string) => terminal.consolidatedBook([venue], 'BTC-USDT', 1).asks[0]!.price;
    const limit = ((Math.max(bestAsk('SIM-A'), bestAsk('SIM-B')) + 20) / 10).toFixed(1);
    const ticket = (qty: string) => ({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty, limit, durationMs: 30_000, params: { type: 'smart', venues: ['SIM-A', 'SIM-B'] } });
    let qty = 0.05;
    for (; qty <= 8; qty *= 2) {
      const p = value(await call<AlgoPreview>('algos.preview', ticket(qty.toFixed(4))));
      if (new Set(p.route!.children.map((c) => c.venue)).size === 2) break;
    }
    expect(qty).toBeLessThanOrEqual(8);
    const smart = value(await call<AlgoView>('algos.start', ticket(qty.toFixed(4))));
    await runUntil(clock, () => terminal.listAlgos().find((a) => a.id === smart.id)!.state === 'completed', 'the smart parent ended');
    const tca = value(await call<TcaReport>('algos.tca', { id: smart.id }));
    expect(new Set(tca.children.map((c) => c.venue))).toEqual(new Set(['SIM-A', 'SIM-B']));
    expect(tca.filledQty).toBe(terminal.listAlgos().find((a) => a.id === smart.id)!.doneQty);
  });
});
