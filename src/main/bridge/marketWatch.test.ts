import { describe, expect, it } from 'vitest';
import type { BookView, EventName, MarketSnapshot } from '../../contract/api';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';
import { MAX_WATCHED, Session } from './session';

/**
 * market.watch / market.unwatch through the real Dispatcher, handlers and engine: a view streams several
 * instruments at once (a green-group chart and ladder beside the red focus), each event naming its
 * instrument; the focus works as before; the number watched is bounded; a closed view stops costing books.
 */
const rigs = engineRigs('watch');

const BTC = { venue: 'SIM', symbol: 'BTC-USDT' };
const ETH = { venue: 'SIM', symbol: 'ETH-USDT' };

type Received = { name: EventName; payload: unknown }[];
const books = (got: Received, symbol: string) => got.filter((e) => e.name === 'book' && (e.payload as BookView).symbol === symbol);
const tradesOf = (got: Received, symbol: string) => got.filter((e) => e.name === 'trades' && (e.payload as { symbol: string }).symbol === symbol);

const start = (simVenues?: string[]) => rigs.start(rigs.dataDir(), { forward: ['book', 'trades'], ...(simVenues ? { simVenues } : {}) });

describe('market.watch over the bridge', () => {
  it("streams a watched instrument's book and trades beside the focus, each naming its instrument, and answers its snapshot", async () => {
    const rig = await start();
    expect(await rig.call('market.focus', { ...BTC, timeframe: '1m', depth: 10 })).toMatchObject({ ok: true });
    const watched = await rig.call('market.watch', { ...ETH, timeframe: '1m', depth: 10 });
    expect(watched.ok).toBe(true);
    const snapshot = (watched as { ok: true; value: MarketSnapshot }).value;
    // The snapshot is ETH's, not the focus's: a green chart never starts on red's bars.
    if (snapshot.book) expect(snapshot.book).toMatchObject(ETH);
    await runUntil(rig.clock, () => books(rig.received, 'ETH-USDT').length >= 3 && books(rig.received, 'BTC-USDT').length >= 3, 'books of both');
    await runUntil(rig.clock, () => tradesOf(rig.received, 'ETH-USDT').length > 0 && tradesOf(rig.received, 'BTC-USDT').length > 0, 'trades of both');
    const eth = books(rig.received, 'ETH-USDT').at(-1)!.payload as BookView;
    expect(eth.bids[0]![0]).toBeLessThan(eth.asks[0]![0]);
    // SOL is neither focused nor watched: nothing of it reaches this view.
    expect(rig.received.some((e) => (e.payload as { symbol?: string }).symbol === 'SOL-USDT')).toBe(false);
  });

  it('keeps market.focus as it was: moving the focus does not end a watch, and unwatch ends only that instrument', async () => {
    const rig = await start();
    await rig.call('market.focus', { ...BTC, timeframe: '1m' });
    await rig.call('market.watch', { ...ETH, timeframe: '1m' });
    await rig.call('market.focus', { venue: 'SIM', symbol: 'SOL-USDT', timeframe: '1m' });
    await runUntil(rig.clock, () => books(rig.received, 'ETH-USDT').length >= 2 && books(rig.received, 'SOL-USDT').length >= 2, 'watch and new focus');
    const bookOfBtcAfterMove = books(rig.received, 'BTC-USDT').length;

    expect(await rig.call('market.unwatch', ETH)).toEqual({ ok: true, value: { watched: true } });
    const at = rig.received.length;
    // Ordered by events, not time: after a few more focus books, nothing of ETH came after the unwatch.
    await runUntil(rig.clock, () => books(rig.received.slice(at), 'SOL-USDT').length >= 3, 'focus books after unwatch');
    expect(books(rig.received.slice(at), 'ETH-USDT')).toEqual([]);
    expect(tradesOf(rig.received.slice(at), 'ETH-USDT')).toEqual([]);
    expect(books(rig.received.slice(at), 'SOL-USDT').length).toBeGreaterThanOrEqual(3);
    // The old focus stopped when the focus moved (market.focus works exactly as before).
    expect(books(rig.received, 'BTC-USDT').length).toBeLessThanOrEqual(bookOfBtcAfterMove + 1);
    // Unwatching what was never watched says so and changes nothing.
    expect(await rig.call('market.unwatch', ETH)).toEqual({ ok: true, value: { watched: false } });
  });

  it(`refuses a ${MAX_WATCHED + 1}th watched instrument by name, while changing one already watched still works`, async () => {
    const venues = ['SIM', 'SIM-A', 'SIM-B', 'SIM-C', 'SIM-D', 'SIM-E'];
    const rig = await start(venues);
    const all = venues.flatMap((venue) => ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'].map((symbol) => ({ venue, symbol })));
    await rig.call('market.focus', { ...all[0]!, timeframe: '1m' });
    for (const inst of all.slice(1, MAX_WATCHED + 1)) expect(await rig.call('market.watch', { ...inst, timeframe: '1m' })).toMatchObject({ ok: true });
    const over = await rig.call('market.watch', { ...all[MAX_WATCHED + 1]!, timeframe: '1m' });
    expect(over).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(over.ok || over.error.message).toContain(`at most ${MAX_WATCHED}`);
    // A watched instrument on another timeframe is a change, not one more.
    expect(await rig.call('market.watch', { ...all[1]!, timeframe: '5m' })).toMatchObject({ ok: true });
    // After one is let go, there is room again.
    await rig.call('market.unwatch', all[1]!);
    expect(await rig.call('market.watch', { ...all[MAX_WATCHED + 1]!, timeframe: '1m' })).toMatchObject({ ok: true });
  });

  it('refuses an unknown instrument, a bad timeframe or depth and unknown fields, watching nothing', async () => {
    const rig = await start();
    const unknown = await rig.call('market.watch', { venue: 'SIM', symbol: 'NOPE-USDT', timeframe: '1m' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_INSTRUMENT' } });
    expect(await rig.call('market.unwatch', { venue: 'SIM', symbol: 'NOPE-USDT' })).toEqual({ ok: true, value: { watched: false } });
    for (const bad of [{ ...ETH, timeframe: '2m' }, { ...ETH, timeframe: '1m', depth: 0 }, { ...ETH, timeframe: '1m', depth: 51 }, { ...ETH, timeframe: '1m', extra: 1 }, { venue: 'SIM', timeframe: '1m' }]) {
      expect(await rig.call('market.watch', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await rig.call('market.unwatch', { ...ETH, timeframe: '2m' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await rig.call('market.unwatch', { ...ETH, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it("ends a view's watches when it closes: the engine stops publishing books nobody looks at", async () => {
    const rig = await start();
    await rig.call('market.focus', { ...BTC, timeframe: '1m' });
    const got: Received = [];
    const other = new Session('other', (name, payload) => got.push({ name, payload }));
    rig.sessions.add(other);
    expect(await rig.dispatcher.handle(other, 'market.watch', { ...ETH, timeframe: '1m' })).toMatchObject({ ok: true });
    const published: string[] = [];
    rig.terminal.events.on('book', (b) => published.push(b.symbol));
    await runUntil(rig.clock, () => books(got, 'ETH-USDT').length >= 2, 'the other view gets ETH');

    rig.sessions.remove(other);
    const at = published.length;
    await runUntil(rig.clock, () => published.slice(at).filter((s) => s === 'BTC-USDT').length >= 3, 'the focus still streams');
    // At most one ETH picture already on its way when the view went; none after the next BTC one.
    const after = published.slice(at);
    expect(after.slice(after.indexOf('BTC-USDT')).filter((s) => s === 'ETH-USDT')).toEqual([]);
  });

  it('a view that closes after the engine stopped (the host shutting down) changes nothing and throws nothing', async () => {
    const rig = await start();
    const other = new Session('other', () => {});
    rig.sessions.add(other);
    expect(await rig.dispatcher.handle(other, 'market.watch', { ...ETH, timeframe: '1m' })).toMatchObject({ ok: true });
    await rigs.stop(rig.terminal);
    expect(() => rig.sessions.remove(other)).not.toThrow();
  });
});

describe('which view gets a candle', () => {
  it('delivers a watched instrument its candles of its own timeframe, the focus of its own', async () => {
    const { SessionRegistry } = await import('./router');
    const sessions = new SessionRegistry();
    const got: string[] = [];
    const view = new Session('v', (_name, payload) => got.push(`${(payload as { symbol: string }).symbol}/${(payload as { timeframe: string }).timeframe}`));
    view.focus = { ...BTC, timeframe: '1m', depth: 20 };
    view.watch({ ...ETH, timeframe: '5m', depth: 20 });
    sessions.add(view);
    const candle = { time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    for (const symbol of ['BTC-USDT', 'ETH-USDT', 'SOL-USDT']) for (const timeframe of ['1m', '5m'] as const) sessions.publish('candle', { venue: 'SIM', symbol, timeframe, candle });
    expect(got).toEqual(['BTC-USDT/1m', 'ETH-USDT/5m']);
  });
});
