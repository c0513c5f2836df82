import { SimulatedClock } from '../../core';
import { createSimVenue, STEP_MS } from '../../venues';
import { DatasetRecorder, type OrderFlowDataset } from './dataset';
import { OrderFlowFeatures } from './features';

export interface SimOrderFlowOptions {
  seed: number;
  /** Default BTC-USDT. */
  symbol?: string;
  /** Simulated market time sampled, ms (after the warm-up). */
  durationMs: number;
  /** Default 1 s. */
  sampleMs?: number;
  /** Market time before sampling starts, used to size the VPIN bucket and fill the windows (default 10 min). */
  warmUpMs?: number;
  /** Simulated start time (default 2026-12-07 14:00 UTC). */
  startMs?: number;
  /** Book levels per side fed to the analytics (default 5). */
  levels?: number;
}

/** VPIN buckets per day, as the terminal's analytics feed sizes them (EL&O'H: 1/50 of daily volume). */
const BUCKETS_PER_DAY = 50;
const DAY_MS = 86_400_000;

/**
 * Drives a SIM venue on a simulated clock and records the order-flow features of one instrument,
 * exactly as a live terminal would feed them: every trade event, and a book picture after each market
 * step. Deterministic: the same options give the same dataset, bit for bit.
 */
export async function simulateOrderFlow(opts: SimOrderFlowOptions): Promise<OrderFlowDataset> {
  const symbol = opts.symbol ?? 'BTC-USDT';
  const sampleMs = opts.sampleMs ?? 1_000;
  const warmUpMs = opts.warmUpMs ?? 600_000;
  const levels = opts.levels ?? 5;
  if (sampleMs % STEP_MS !== 0) throw new RangeError(`sampleMs must be a multiple of ${STEP_MS} ms`);
  const clock = new SimulatedClock(opts.startMs ?? Date.UTC(2026, 11, 7, 14, 0));
  const venue = createSimVenue({ clock, seed: opts.seed });
  if (!venue.instruments().some((i) => i.symbol === symbol)) throw new Error(`the SIM venue does not list ${symbol}`);
  let features: OrderFlowFeatures | undefined;
  let warmVolume = 0;
  const warmTrades: { price: number; qty: number; aggressor: 'buy' | 'sell'; ts: number }[] = [];
  const off = venue.onEvent((e) => {
    if (e.type !== 'trade' || e.symbol !== symbol) return;
    if (features) features.onTrade(e.price, e.qty, e.aggressor, e.ts);
    else {
      warmVolume += e.qty;
      warmTrades.push({ price: e.price, qty: e.qty, aggressor: e.aggressor, ts: e.ts });
    }
  });
  await venue.connect();
  try {
    const start = clock.now();
    // Warm-up: measure the volume to size VPIN's bucket as the terminal does (from recent volume).
    while (clock.now() - start < warmUpMs) {
      clock.advance(STEP_MS);
      await Promise.resolve();
    }
    const bucketVolume = Math.max(1, Math.round((warmVolume * DAY_MS) / warmUpMs / BUCKETS_PER_DAY));
    features = new OrderFlowFeatures({ analytics: { vpin: { bucketVolume } } });
    // Replay the warm-up's trades so the rolling windows are full when sampling starts.
    for (const t of warmTrades) features.onTrade(t.price, t.qty, t.aggressor, t.ts);
    const recorder = new DatasetRecorder(features, sampleMs);
    const sampleStart = clock.now();
    const end = sampleStart + opts.durationMs;
    let nextSample = sampleStart + sampleMs;
    while (clock.now() < end) {
      clock.advance(STEP_MS);
      await Promise.resolve(); // the venue delivers the step's trades in a microtask
      const now = clock.now();
      const book = venue.book(symbol, levels);
      if (book) features.onBook(book.bids, book.asks, now);
      if (now >= nextSample) {
        recorder.record(now);
        nextSample += sampleMs;
      }
    }
    return recorder.dataset();
  } finally {
    off();
    await venue.disconnect();
  }
}
