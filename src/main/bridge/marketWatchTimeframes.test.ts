import { describe, expect, it } from 'vitest';
import { type Candle, type EventName, type MarketSnapshot, type Timeframe, timeframes, timeframeSeconds } from '../../contract';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';
import { MAX_WATCHED, Session } from './session';

/**
 * Several charts of one instrument side by side (a 1m and a 5m chart of ETH), through the real Dispatcher,
 * handlers and engine: each timeframe's candles reach the view and each chart's history is of its own
 * timeframe; the book and trades still come once; letting one timeframe go keeps the others.
 */
const rigs = engineRigs('watch-tf');

const BTC = { venue: 'SIM', symbol: 'BTC-USDT' };
const ETH = { venue: 'SIM', symbol: 'ETH-USDT' };

type Received = { name: EventName; payload: unknown }[];
type CandleEvent = { venue: string; symbol: string; timeframe: Timeframe; candle: Candle };
const candlesOf = (got: Received, symbol: string, timeframe: Timeframe) =>
  got.filter((e): e is { name: 'candle'; payload: CandleEvent } => e.name === 'candle' && (e.payload as CandleEvent).symbol === symbol && (e.payload as CandleEvent).timeframe === timeframe).map((e) => e.payload.candle);
const count = (got: Received, name: EventName, symbol: string) => got.filter((e) => e.name === name && (e.payload as { symbol: string }).symbol === symbol).length;

/** A rig whose engine's books, trades and candles reach the sessions as the engine host sends them (candles named by timeframe). */
async function start() {
  const rig = await rigs.start(rigs.dataDir(), { forward: ['book', 'trades'] });
  const bySeconds = new Map(timeframes.map((tf) => [timeframeSeconds[tf], tf]));
  rig.terminal.events.on('candle', ({ venue, symbol, seconds, candle }) => {
    const timeframe = bySeconds.get(seconds);
    if (timeframe) rig.sessions.publish('candle', { venue, symbol, timeframe, candle });
  });
  return rig;
}

const snapshotOf = (reply: { ok: boolean }) => {
  expect(reply.ok).toBe(true);
  return (reply as { ok: true; value: MarketSnapshot }).value;
};
/** The start of the bar of `tf` holding the engine's now. */
const barOf = (nowMs: number, tf: Timeframe) => Math.floor(nowMs / 1000 / timeframeSeconds[tf]) * timeframeSeconds[tf];

describe('charts of several timeframes of one instrument', () => {
  it("streams a watched instrument's 1m and 5m candles, each chart's history of its own timeframe", async () => {
    const rig = await start();
    await rig.call('market.focus', { ...BTC, timeframe: '1m' });
    snapshotOf(await rig.call('market.watch', { ...ETH, timeframe: '1m' }));
    // Some trading first, so that both histories hold a bar.
    await runUntil(rig.clock, () => candlesOf(rig.received, 'ETH-USDT', '1m').length >= 2, 'ETH 1m candles');
    const oneMinute = snapshotOf(await rig.call('market.watch', { ...ETH, timeframe: '1m' }));
    const fiveMinute = snapshotOf(await rig.call('market.watch', { ...ETH, timeframe: '5m' }));
    const now = rig.clock.now();
    // The simulated clock sits 20 s into a minute and 200 s into a five-minute bar: the two histories differ.
    expect(barOf(now, '1m')).not.toBe(barOf(now, '5m'));
    expect(oneMinute.candles.at(-1)?.time).toBe(barOf(now, '1m'));
    expect(fiveMinute.candles.at(-1)?.time).toBe(barOf(now, '5m'));
    expect(fiveMinute.candles.every((c) => c.time % 300 === 0)).toBe(true);

    const at = rig.received.length;
    await runUntil(rig.clock, () => candlesOf(rig.received.slice(at), 'ETH-USDT', '1m').length >= 2 && candlesOf(rig.received.slice(at), 'ETH-USDT', '5m').length >= 2, 'ETH candles of both timeframes');
    const after = rig.received.slice(at);
    expect(candlesOf(after, 'ETH-USDT', '5m').every((c) => c.time % 300 === 0)).toBe(true);
    expect(candlesOf(after, 'ETH-USDT', '1m').at(-1)!.time % 60).toBe(0);
    // A timeframe no chart draws is not sent: neither ETH's 15m nor the focus's 5m.
    expect(candlesOf(after, 'ETH-USDT', '15m')).toEqual([]);
    expect(candlesOf(after, 'BTC-USDT', '5m')).toEqual([]);
    expect(candlesOf(rig.received, 'BTC-USDT', '1m').length).toBeGreaterThan(0);
  });

  it('draws the focused instrument on a second timeframe too, its book and trades still sent once each', async () => {
    const rig = await start();
    const published = { book: 0, trades: 0 };
    rig.terminal.events.on('book', (b) => b.symbol === 'BTC-USDT' && published.book++);
    rig.terminal.events.on('trades', (t) => t.symbol === 'BTC-USDT' && published.trades++);
    await rig.call('market.focus', { ...BTC, timeframe: '1m' });
    const hourly = snapshotOf(await rig.call('market.watch', { ...BTC, timeframe: '1h' }));
    expect(hourly.candles.every((c) => c.time % 3600 === 0)).toBe(true);
    snapshotOf(await rig.call('market.watch', { ...BTC, timeframe: '5m' }));
    const at = rig.received.length;
    const from = { ...published };
    await runUntil(rig.clock, () => ['1m', '5m', '1h'].every((tf) => candlesOf(rig.received.slice(at), 'BTC-USDT', tf as Timeframe).length >= 2) && published.trades - from.trades >= 2, 'BTC of three timeframes');
    const after = rig.received.slice(at);
    // Focused and watched on three timeframes: every book and trades event of BTC reached the view exactly once.
    expect(count(after, 'book', 'BTC-USDT')).toBe(published.book - from.book);
    expect(count(after, 'trades', 'BTC-USDT')).toBe(published.trades - from.trades);
    expect(candlesOf(after, 'BTC-USDT', '15m')).toEqual([]);
  });

  it('keeps the other timeframe streaming when one is let go, and ends the watch with its last', async () => {
    const rig = await start();
    await rig.call('market.focus', { ...BTC, timeframe: '1m' });
    await rig.call('market.watch', { ...ETH, timeframe: '1m' });
    await rig.call('market.watch', { ...ETH, timeframe: '5m' });
    await runUntil(rig.clock, () => candlesOf(rig.received, 'ETH-USDT', '5m').length >= 1, 'ETH 5m');

    expect(await rig.call('market.unwatch', { ...ETH, timeframe: '5m' })).toEqual({ ok: true, value: { watched: true } });
    let at = rig.received.length;
    await runUntil(rig.clock, () => candlesOf(rig.received.slice(at), 'ETH-USDT', '1m').length >= 3 && count(rig.received.slice(at), 'book', 'ETH-USDT') >= 3, 'ETH 1m after 5m let go');
    expect(candlesOf(rig.received.slice(at), 'ETH-USDT', '5m')).toEqual([]);
    // Letting go what is not watched says so and changes nothing.
    expect(await rig.call('market.unwatch', { ...ETH, timeframe: '5m' })).toEqual({ ok: true, value: { watched: false } });
    expect(await rig.call('market.unwatch', { ...ETH, timeframe: '15m' })).toEqual({ ok: true, value: { watched: false } });

    expect(await rig.call('market.unwatch', { ...ETH, timeframe: '1m' })).toEqual({ ok: true, value: { watched: true } });
    at = rig.received.length;
    await runUntil(rig.clock, () => count(rig.received.slice(at), 'book', 'BTC-USDT') >= 4, 'focus books after the watch ended');
    // At most one ETH picture already on its way; nothing of ETH after the next focus book.
    const after = rig.received.slice(at);
    const firstBtc = after.findIndex((e) => e.name === 'book' && (e.payload as { symbol: string }).symbol === 'BTC-USDT');
    expect(after.slice(firstBtc + 1).filter((e) => (e.payload as { symbol?: string }).symbol === 'ETH-USDT')).toEqual([]);
  });

  it(`counts an instrument once against the bound of ${MAX_WATCHED} whatever its timeframes, and refuses a bad timeframe`, async () => {
    const venues = ['SIM', 'SIM-A', 'SIM-B', 'SIM-C', 'SIM-D', 'SIM-E'];
    const rig = await rigs.start(rigs.dataDir(), { simVenues: venues });
    const all = venues.flatMap((venue) => ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'].map((symbol) => ({ venue, symbol })));
    await rig.call('market.focus', { ...all[0]!, timeframe: '1m' });
    // Every timeframe of the focused instrument (its charts' other timeframes: not one of the bound's) and of one other.
    for (const inst of all.slice(0, 2)) for (const timeframe of timeframes) expect(await rig.call('market.watch', { ...inst, timeframe })).toMatchObject({ ok: true });
    for (const inst of all.slice(2, MAX_WATCHED + 1)) expect(await rig.call('market.watch', { ...inst, timeframe: '5m' })).toMatchObject({ ok: true });
    const over = await rig.call('market.watch', { ...all[MAX_WATCHED + 1]!, timeframe: '1m' });
    expect(over).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(over.ok || over.error.message).toContain(`at most ${MAX_WATCHED}`);
    // One more timeframe of an instrument already watched is no new instrument.
    expect(await rig.call('market.watch', { ...all[2]!, timeframe: '1h' })).toMatchObject({ ok: true });
    // Letting one timeframe go frees nothing; letting the last one go does.
    await rig.call('market.unwatch', { ...all[2]!, timeframe: '1h' });
    expect(await rig.call('market.watch', { ...all[MAX_WATCHED + 1]!, timeframe: '1m' })).toMatchObject({ ok: false });
    await rig.call('market.unwatch', { ...all[2]!, timeframe: '5m' });
    expect(await rig.call('market.watch', { ...all[MAX_WATCHED + 1]!, timeframe: '1m' })).toMatchObject({ ok: true });
    for (const bad of [{ ...all[1]!, timeframe: '2m' }, { ...all[1]!, timeframe: ['1m', '5m'] }]) {
      expect(await rig.call('market.watch', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await rig.call('market.unwatch', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('never lets a view hold more than MAX_WATCHED + 1 watches, however often its focus moves', () => {
    const view = new Session('v', () => {});
    const inst = (i: number) => ({ venue: 'SIM', symbol: `X${i}-USDT`, depth: 20 });
    view.focus = { ...inst(0), timeframe: '1m' };
    expect(view.watch({ ...inst(0), timeframe: '5m' })).toBe(true);
    for (let i = 1; i <= MAX_WATCHED; i++) expect(view.watch({ ...inst(i), timeframe: '1m' })).toBe(true);
    expect(view.watch({ ...inst(MAX_WATCHED + 1), timeframe: '1m' })).toBe(false);
    // The focus moves to an instrument not watched: its own watch would be one too many.
    view.focus = { ...inst(MAX_WATCHED + 1), timeframe: '1m' };
    expect(view.watch({ ...inst(MAX_WATCHED + 1), timeframe: '5m' })).toBe(false);
    expect(view.watches.size).toBe(MAX_WATCHED + 1);
    // Onto a watched one: its other timeframes are a change, not one more.
    view.focus = { ...inst(3), timeframe: '1m' };
    expect(view.watch({ ...inst(3), timeframe: '1h' })).toBe(true);
    expect(view.watches.size).toBe(MAX_WATCHED + 1);
  });
});
