import { describe, expect, it } from 'vitest';
import { type EventName, type MarketSnapshot, type Timeframe, timeframes, timeframeSeconds } from '../../contract';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';

/**
 * market.focus without a timeframe (the renderer: its charts watch their own timeframes): the focus's book
 * and trades reach the view, but no candle history comes with the snapshot and no candle event follows. With a
 * timeframe (the CLI, e2e and bench clients) the focus streams its candles as before.
 */
const rigs = engineRigs('focus-candles');

const BTC = { venue: 'SIM', symbol: 'BTC-USDT' };

type Received = { name: EventName; payload: unknown }[];
const of = (got: Received, name: EventName) => got.filter((e) => e.name === name && (e.payload as { symbol: string }).symbol === BTC.symbol);

/** A rig forwarding books, trades and candles (named by timeframe) to its session as the engine host does. */
async function start() {
  const rig = await rigs.start(rigs.dataDir(), { forward: ['book', 'trades'] });
  const bySeconds = new Map(timeframes.map((tf) => [timeframeSeconds[tf], tf]));
  rig.terminal.events.on('candle', ({ venue, symbol, seconds, candle }) => {
    const timeframe: Timeframe | undefined = bySeconds.get(seconds);
    if (timeframe) rig.sessions.publish('candle', { venue, symbol, timeframe, candle });
  });
  return rig;
}

const snapshotOf = (reply: { ok: boolean }) => {
  expect(reply.ok).toBe(true);
  return (reply as { ok: true; value: MarketSnapshot }).value;
};

describe('market.focus with and without candles', () => {
  it('a focus without a timeframe gets its book and trades and no candles at all', async () => {
    const rig = await start();
    // Some trading first, so that a candle history exists to be (not) sent.
    await rig.call('market.focus', { ...BTC, timeframe: '1m' });
    await runUntil(rig.clock, () => of(rig.received, 'candle').length >= 2, 'candles of the old-style focus');

    const snapshot = snapshotOf(await rig.call('market.focus', { ...BTC, depth: 10 }));
    expect(snapshot.candles).toEqual([]);
    expect(snapshot.book).toMatchObject(BTC);
    expect(snapshot.trades.length).toBeGreaterThan(0);

    const at = rig.received.length;
    await runUntil(rig.clock, () => of(rig.received.slice(at), 'book').length >= 5 && of(rig.received.slice(at), 'trades').length >= 3, 'books and trades of the focus');
    // Ordered by events, not time: many books and trades later, not one candle of any timeframe.
    expect(rig.received.slice(at).filter((e) => e.name === 'candle')).toEqual([]);
  });

  it('a focus with a timeframe gets its candle history and stream of that timeframe, as before', async () => {
    const rig = await start();
    await rig.call('market.focus', { ...BTC });
    await runUntil(rig.clock, () => of(rig.received, 'trades').length >= 3, 'some trading');
    const snapshot = snapshotOf(await rig.call('market.focus', { ...BTC, timeframe: '5m' }));
    expect(snapshot.candles.length).toBeGreaterThan(0);
    expect(snapshot.candles.every((c) => c.time % 300 === 0)).toBe(true);

    const at = rig.received.length;
    await runUntil(rig.clock, () => of(rig.received.slice(at), 'candle').length >= 2, 'candles of the focus');
    const candles = of(rig.received.slice(at), 'candle').map((e) => e.payload as { timeframe: Timeframe });
    // Only the timeframe asked for: the engine's 1m bars of BTC do not reach this view.
    expect(candles.every((c) => c.timeframe === '5m')).toBe(true);
  });

  it('refuses a timeframe the contract does not know and loses nothing of the focus', async () => {
    const rig = await start();
    await rig.call('market.focus', { ...BTC });
    expect(await rig.call('market.focus', { venue: 'SIM', symbol: 'ETH-USDT', timeframe: '7m' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const at = rig.received.length;
    await runUntil(rig.clock, () => of(rig.received.slice(at), 'book').length >= 2, 'focus books go on');
    expect(rig.received.slice(at).some((e) => (e.payload as { symbol?: string }).symbol === 'ETH-USDT')).toBe(false);
  });
});
