import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { createSimVenue, simInstruments } from '../../venues';
import { createSentimentScorer } from '../sentiment';
import { InstrumentTagger, openSignalStore, SignalSources, type SignalItem, type SignalStore } from '../sources';
import { SIM_TITLE_PREFIX, SimWireGenerator } from './headlineGenerator';
import type { MarketSample, RegimeReader } from './regime';
import { isSimulatedSource, SIM_WIRE_LABEL, SIM_WIRE_SOURCE_ID, simVenueRegimeReader, simWireSource } from './simWireSource';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const BTC = 'BTC-USDT';
const ETH = 'ETH-USDT';
const SOL = 'SOL-USDT';
const START: Record<string, number> = { [BTC]: 95_000, [ETH]: 3_400, [SOL]: 180 };
const VOL: Record<string, number> = { [BTC]: 3e-5, [ETH]: 4e-5, [SOL]: 5e-5 };

/**
 * A scripted market: each underlying's log price drifts at `drift[symbol]` per second (about 6
 * normal-volatility units over the 5-minute window at 1e-5/s for BTC), volatility ratio `volRatio`.
 */
function scripted(clock: SimulatedClock, drift: Record<string, number>, volRatio = 1): RegimeReader {
  return (symbol): MarketSample | undefined =>
    START[symbol] === undefined
      ? undefined
      : { fairValue: START[symbol]! * Math.exp((drift[symbol] ?? 0) * ((clock.now() - T0) / 1000)), volRatio, volPerSqrtSec: VOL[symbol]! };
}

let dir: string;
let clock: SimulatedClock;
let store: SignalStore;
let sources: SignalSources;
const tagger = new InstrumentTagger(simInstruments('SIM'));
const scorer = createSentimentScorer();

function open(): SignalSources {
  store = openSignalStore(dir);
  sources = new SignalSources({ clock, store, tagger, score: (t) => scorer.score(t) });
  return sources;
}

/** Advances simulated time in 1-second steps, letting each poll settle (the wire's poll is synchronous). */
async function run(ms: number, step = 1000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await sources.idle();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const compounds = (items: SignalItem[]) => items.map((i) => i.score!.compound);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-simwire-'));
  clock = new SimulatedClock(T0);
});

afterEach(() => {
  sources?.stop();
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('simulated news wire', () => {
  it('gives the same headlines for the same seed, and others for another seed', () => {
    const titles = (seed: number) => {
      const c = new SimulatedClock(T0);
      const g = new SimWireGenerator({ seed, read: scripted(c, { [BTC]: 1e-5, [ETH]: -1e-5 }) });
      const out: string[] = [];
      for (let i = 0; i < 120; i++) {
        c.advance(15_000);
        for (const h of g.generate(c.now())) out.push(`${h.publishedAt} ${h.guid} ${h.title}`);
      }
      return out;
    };
    const a = titles(7);
    expect(a.length).toBeGreaterThan(20);
    expect(titles(7)).toEqual(a);
    expect(titles(8)).not.toEqual(a);
  });

  it('reads bullish on a rising underlying and bearish on a falling one, tagged by the real tagger', async () => {
    open().add(simWireSource({ seed: 11, read: scripted(clock, { [BTC]: 1e-5, [ETH]: -1e-5 }), headlinesPerMinute: 4 }));
    await run(60 * 60_000);
    const btc = store.latestForInstrument(BTC, 1000);
    const eth = store.latestForInstrument(ETH, 1000);
    const sol = store.latestForInstrument(SOL, 1000);
    expect(btc.length).toBeGreaterThan(30);
    expect(eth.length).toBeGreaterThan(30);
    expect(sol.length).toBeGreaterThan(10);
    expect(mean(compounds(btc))).toBeGreaterThan(0.2);
    expect(mean(compounds(eth))).toBeLessThan(-0.2);
    // A flat market reads near neutral: between the two.
    expect(Math.abs(mean(compounds(sol)))).toBeLessThan(0.2);
    // Not an oracle: some headlines go against the trend.
    expect(btc.some((i) => i.score!.compound < 0)).toBe(true);
    expect(eth.some((i) => i.score!.compound > 0)).toBe(true);
    // Each headline is about one underlying, and the tagger finds that one from the title alone.
    const all = store.latestForSource(SIM_WIRE_SOURCE_ID, 10_000);
    expect(all.length).toBe(btc.length + eth.length + sol.length);
    for (const i of all) {
      expect(i.instruments).toHaveLength(1);
      const named = /\b(Bitcoin|BTC)\b/.test(i.title) ? BTC : /\b(Ether|ETH)\b/.test(i.title) ? ETH : SOL;
      expect(i.instruments, i.title).toEqual([named]);
    }
    // The rising asset's headlines cite the real move: "+x%" figures near the scripted 5-minute move (0.30%).
    expect(btc.some((i) => i.title.includes('0.30%'))).toBe(true);
  });

  it('labels every item simulated and reports its status like any source', async () => {
    open().add(simWireSource({ seed: 3, read: scripted(clock, { [SOL]: 2e-5 }) }));
    await run(10 * 60_000);
    const items = store.latestForSource(SIM_WIRE_SOURCE_ID, 1000);
    expect(items.length).toBeGreaterThan(5);
    for (const i of items) {
      expect(i.source).toBe('sim-wire');
      expect(isSimulatedSource(i.source)).toBe(true);
      expect(i.title.startsWith(SIM_TITLE_PREFIX)).toBe(true);
      expect(i.link).toBeUndefined();
      expect(i.guid).toMatch(/^sim-wire-\d+-\d+$/);
      expect(i.timeFromItem).toBe(true);
      expect(i.ts).toBeLessThanOrEqual(i.firstSeen);
      expect(i.score).toBeDefined();
    }
    const status = sources.status(SIM_WIRE_SOURCE_ID)!;
    expect(status).toMatchObject({ id: 'sim-wire', kind: 'simWire', label: SIM_WIRE_LABEL, state: 'connected', errorsInRow: 0, errorCount: 0, intervalMs: 15_000 });
    expect(status.lastItemAt).toBe(Math.max(...items.map((i) => i.ts)));
    expect(status.itemsStored).toBe(items.length);
    expect(status.nextPollAt).toBeGreaterThan(clock.now());

    // A restart continues the count and stores nothing twice.
    sources.stop();
    store.close();
    open().add(simWireSource({ seed: 3, read: scripted(clock, { [SOL]: 2e-5 }) }));
    await run(5 * 60_000);
    expect(sources.status(SIM_WIRE_SOURCE_ID)!.itemsStored).toBe(store.countForSource(SIM_WIRE_SOURCE_ID));
    expect(store.countForSource(SIM_WIRE_SOURCE_ID)).toBeGreaterThan(items.length);
  });

  it('keeps publishing when the clock jumps past several polls at once', async () => {
    open().add(simWireSource({ seed: 4, read: scripted(clock, { [BTC]: 1e-5 }) }));
    // No await between polls: each synchronous poll's promise is still settling when the next is due.
    clock.advance(0);
    clock.advance(15_000);
    clock.advance(15_000);
    await sources.idle();
    await run(2 * 60_000);
    const status = sources.status(SIM_WIRE_SOURCE_ID)!;
    expect(status.state).toBe('connected');
    expect(status.lastPollAt).toBe(clock.now() - (clock.now() - T0) % 15_000);
  });

  it('reports an error while the SIM market is not running, and recovers', async () => {
    let running = false;
    const live = scripted(clock, {});
    open().add(simWireSource({ seed: 5, read: (s) => (running ? live(s) : undefined) }));
    clock.advance(0); // the first poll is due at once
    await sources.idle();
    expect(sources.status(SIM_WIRE_SOURCE_ID)).toMatchObject({ state: 'error', errorsInRow: 1, error: 'unexpected failure: the SIM market is not running (no underlying to report on)' });
    running = true;
    await run(5 * 60_000);
    expect(sources.status(SIM_WIRE_SOURCE_ID)).toMatchObject({ state: 'connected', errorsInRow: 0, errorCount: 1 });
  });

  it('bounds its rate: at most the highest rate in a volatile market, a cap per poll, no replay after a sleep', () => {
    const g = new SimWireGenerator({ seed: 9, read: scripted(clock, { [BTC]: 3e-5 }, 10), headlinesPerMinute: 2, maxPerPoll: 5 });
    expect(g.maxHeadlinesPerMinute).toBe(6);
    let n = 0;
    for (let i = 0; i < 4 * 60 * 2; i++) {
      clock.advance(15_000);
      const batch = g.generate(clock.now());
      expect(batch.length).toBeLessThanOrEqual(5);
      n += batch.length;
    }
    // Two hours at the highest rate: 720 expected; Poisson spread is ~27.
    expect(n).toBeLessThan(720 + 4 * 27);
    expect(n).toBeGreaterThan(720 - 4 * 27);
    // A calm, normal-volatility market makes a third of that.
    const calm = new SimWireGenerator({ seed: 9, read: scripted(clock, {}, 1), headlinesPerMinute: 2 });
    let m = 0;
    for (let i = 0; i < 4 * 60 * 2; i++) {
      clock.advance(15_000);
      m += calm.generate(clock.now()).length;
    }
    expect(m).toBeLessThan(240 + 4 * 16);
    // An hour's sleep: one capped batch of recent headlines, not an hour of them.
    clock.advance(3_600_000);
    const after = g.generate(clock.now());
    expect(after.length).toBeLessThanOrEqual(5);
    for (const h of after) expect(h.publishedAt!).toBeGreaterThanOrEqual(clock.now() - 120_000);
  });

  it('follows a real SIM venue: its headlines agree with the move of the underlying they name', async () => {
    const venue = createSimVenue({ clock, seed: 21 });
    await venue.connect();
    const reader = simVenueRegimeReader(venue);
    const r = reader(BTC)!;
    expect(r.fairValue).toBeGreaterThan(50_000);
    expect(r.volRatio).toBeGreaterThan(0);
    expect(r.volPerSqrtSec).toBe(3e-5);
    expect(reader('NOPE-USDT')).toBeUndefined();

    // The realised 5-minute move before each poll, recorded beside the wire.
    const history = new Map<string, { ts: number; fv: number }[]>([[BTC, []], [ETH, []], [SOL, []]]);
    const recording: RegimeReader = (s) => {
      const m = reader(s);
      if (m) history.get(s)!.push({ ts: clock.now(), fv: m.fairValue });
      return m;
    };
    open().add(simWireSource({ seed: 21, read: recording, headlinesPerMinute: 6 }));
    await run(40 * 60_000);
    await venue.disconnect();

    const items = store.latestForSource(SIM_WIRE_SOURCE_ID, 10_000);
    expect(items.length).toBeGreaterThan(100);
    let agree = 0;
    let signed = 0;
    for (const i of items) {
      expect(i.instruments).toHaveLength(1);
      const h = history.get(i.instruments[0]!)!;
      // The poll that published it is the first sample at or after its time.
      const k = h.findIndex((x) => x.ts >= i.ts);
      const ref = h.findLast((x) => x.ts <= h[k]!.ts - 5 * 60_000) ?? h[0]!;
      const move = h[k]!.fv - ref.fv;
      const c = i.score!.compound;
      if (Math.abs(c) < 0.05 || move === 0) continue;
      signed++;
      if (Math.sign(c) === Math.sign(move)) agree++;
    }
    // Volatile-market headlines read bearish whatever the direction, and a quarter are noise: a
    // clear majority still agrees with the move.
    expect(signed).toBeGreaterThan(50);
    expect(agree / signed).toBeGreaterThan(0.6);
  });
});

