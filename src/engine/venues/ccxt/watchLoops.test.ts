import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../core';
import { WatchLoops } from './watchLoops';

/** Lets the awaiting loops run (their promises settle) without moving the clock. */
const settle = () => new Promise((r) => setImmediate(r));

describe('watch loops', () => {
  it('report one outage for all loops, ask again after a growing jittered backoff on the clock, and report the return once', async () => {
    const clock = new SimulatedClock(0);
    const exchange = new ccxt.pro.binance({});
    const said: string[] = [];
    const loops = new WatchLoops({ exchange, clock, random: () => 0, logger: recordingLogger(), backoff: { initialMs: 500, maxMs: 4000 }, venue: 'v', down: (r) => said.push(`down ${r}`), up: () => said.push('up') });
    let failuresLeft = 3;
    const asked: Record<string, number[]> = { a: [], b: [] };
    const handled: string[] = [];
    for (const name of ['a', 'b'] as const) {
      let served = false;
      loops.start<string>({
        name,
        watch: async () => {
          asked[name]!.push(clock.now());
          if (name === 'a' && failuresLeft-- > 0) throw new ccxt.NetworkError('binance connection closed by remote server, closing code 1006');
          if (name === 'b' && asked[name]!.length === 1) throw new ccxt.RequestTimeout('binance ping timeout');
          if (served) return new Promise<string>(() => {});
          served = true;
          return `${name} update`;
        },
        handle: (u) => handled.push(u),
      });
    }
    await settle();
    expect(said).toEqual(['down a: connection closed by remote server, closing code 1006']);
    // Backoff with random 0: half of 500, 1000, 2000 ms after each consecutive failure of a.
    for (let i = 0; i < 40; i++) {
      clock.advance(50);
      await settle();
    }
    // After an update the watch is asked again at once (ccxt resolves it with the next update).
    expect(asked['a']).toEqual([0, 250, 750, 1750, 1750]);
    expect(asked['b']).toEqual([0, 250, 250]);
    expect(said).toEqual(['down a: connection closed by remote server, closing code 1006', 'up']);
    expect(handled.sort()).toEqual(['a update', 'b update']);
    loops.stopAll();
  });

  it('leaves a stream the venue does not offer, without calling it an outage', async () => {
    const clock = new SimulatedClock(0);
    const said: string[] = [];
    const logger = recordingLogger();
    const loops = new WatchLoops({ exchange: new ccxt.pro.binance({}), clock, random: () => 0.5, logger, venue: 'v', down: (r) => said.push(r), up: () => said.push('up') });
    let asked = 0;
    loops.start({ name: 'watchPositions', watch: async () => (asked++, Promise.reject(new ccxt.NotSupported('binance watchPositions() is not supported yet'))), handle: () => {} });
    await settle();
    clock.advance(60_000);
    await settle();
    expect([asked, said, loops.has('watchPositions')]).toEqual([1, [], false]);
    expect(logger.lines[0]?.message).toBe('the venue does not offer this stream through ccxt: not watched');
  });
});
