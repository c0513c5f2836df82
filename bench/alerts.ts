/**
 * `npm run bench -- alerts`
 * What price alerts cost the engine per market event: Alerts.onTrade (the call the terminal makes on
 * every trade) with many armed rules that do not fire (the steady state: firing is rare and writes the
 * settings store), against the real settings store and a simulated clock. Scenarios:
 * - a trade on an instrument no rule watches (the common case: one map lookup);
 * - 1,000 rules spread over 10 instruments (100 per traded instrument: crosses, above, below, 2 % in 5 min);
 * - 1,000 rules on one instrument (the worst case for one trade);
 * - the 20 Hz mid sampling with 1,000 `mid` rules over 100 instruments (one sampling pass).
 * Times are per event in batches of BATCH (hrtime), p50/p99 over the batches' means; heap bytes per event
 * from heapUsed around a window of events after gc(). Nothing here asserts on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PLAIN_NUMBERS, SimulatedClock, silentLogger } from '../src/engine/core';
import type { Instrument } from '../src/engine/instruments';
import { openStore } from '../src/engine/storage';
import { Alerts } from '../src/engine/terminal/alerts';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

const BATCH = 1_000;
const BATCHES = 300;

function instrument(i: number): Instrument {
  return { venue: 'SIM', symbol: `I${i}-USDT`, venueSymbol: `I${i}USDT`, base: `I${i}`, quote: 'USDT', priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1, minNotional: 0 };
}

function rig(instruments: number, rulesPer: number, source: 'last' | 'mid') {
  const dir = mkdtempSync(join(tmpdir(), 'sq-bench-alerts-'));
  const store = openStore(dir);
  const clock = new SimulatedClock(1_800_000_000_000);
  const insts = Array.from({ length: instruments }, (_, i) => instrument(i));
  const byName = new Map(insts.map((i) => [`${i.venue}:${i.symbol}`, i]));
  let fired = 0;
  let mid = 5_000_000;
  const alerts = new Alerts({
    clock,
    logger: silentLogger,
    store,
    instrument: (venue, symbol) => byName.get(`${venue}:${symbol}`),
    mid: () => mid,
    analytics: () => undefined,
    numberFormat: () => PLAIN_NUMBERS,
    fired: () => fired++,
  });
  for (const inst of insts) {
    for (let r = 0; r < rulesPer; r++) {
      const common = { venue: inst.venue, symbol: inst.symbol, source };
      // Levels far from the traded 49,990..50,010, so nothing fires while timed.
      const level = (60_000 + r).toFixed(2);
      const kind = r % 4;
      if (kind === 0) alerts.add({ ...common, kind: 'price', condition: 'crosses', price: level });
      else if (kind === 1) alerts.add({ ...common, kind: 'price', condition: 'above', price: level });
      else if (kind === 2) alerts.add({ ...common, kind: 'price', condition: 'below', price: (40_000 - r).toFixed(2) });
      else alerts.add({ ...common, kind: 'move', percent: '2', windowSec: 300 });
    }
  }
  return {
    alerts,
    clock,
    keys: insts.map((i) => `${i.venue}:${i.symbol}`),
    setMid: (m: number) => (mid = m),
    fired: () => fired,
    close: () => {
      alerts.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function measure(label: string, event: (n: number) => void, perEvent = 1): void {
  for (let i = 0; i < BATCH * 20; i++) event(i); // warm-up
  const means = new Float64Array(BATCHES);
  let n = 0;
  for (let b = 0; b < BATCHES; b++) {
    const t0 = nowNs();
    for (let i = 0; i < BATCH; i++) event(n++);
    means[b] = Number(nowNs() - t0) / BATCH / perEvent;
  }
  const sorted = sortedCopy(means);
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const window = 20_000;
  for (let i = 0; i < window; i++) event(n++);
  const bytes = (process.memoryUsage().heapUsed - before) / window / perEvent;
  console.log(`${label.padEnd(64)} p50 ${fmt(percentile(sorted, 50), 0).padStart(6)} ns  p99 ${fmt(percentile(sorted, 99), 0).padStart(6)} ns  heap ${fmt(Math.max(0, bytes), 1)} B/event`);
}

export async function runAlertsBench(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const price = (n: number) => 4_999_000 + (n % 2_000); // 49,990.00 .. 50,009.99

  const none = rig(10, 100, 'last');
  measure('trade, instrument without rules (1,000 rules elsewhere)', (n) => none.alerts.onTrade('SIM:OTHER-USDT', price(n)));
  none.close();

  const spread = rig(10, 100, 'last');
  measure('trade, 100 rules on its instrument (1,000 over 10)', (n) => {
    if (n % 8 === 0) spread.clock.advance(1); // time moves: the move windows roll their buckets
    spread.alerts.onTrade(spread.keys[n % 10]!, price(n));
  });
  if (spread.fired() !== 0) throw new Error('a rule fired while timed: the figures would include store writes');
  spread.close();

  const one = rig(1, 1_000, 'last');
  measure('trade, 1,000 rules on its instrument', (n) => {
    if (n % 8 === 0) one.clock.advance(1);
    one.alerts.onTrade(one.keys[0]!, price(n));
  });
  one.close();

  const mids = rig(100, 10, 'mid');
  let m = 0;
  // One 50 ms step of the clock = one sampling pass over the 100 instruments' mids.
  measure('mid sampling pass, 1,000 mid rules over 100 instruments (per pass)', () => {
    mids.setMid(price(m++));
    mids.clock.advance(50);
  });
  mids.close();
}
