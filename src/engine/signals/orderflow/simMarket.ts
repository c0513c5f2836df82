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
  /** Market time before sampling starts, used to size the VPIN bucket and fill the windows (default 10 min, at least 2 min). */
  warmUpMs?: number;
  /** Simulated start time (default 2026-12-07 14:00 UTC). */
  startMs?: number;
  /** Book levels per side fed to the analytics (default 5). */
  levels?: number;
}

/**
 * VPIN for a seconds-ahead model: one bucket per minute of volume and 5 s bars, so the 50-bucket average
 * spans under an hour. The terminal's feed uses EL&O'H's 1/50 of daily volume, which fills one bucket
 * per half hour: a flat line at this horizon (and undefined for the first bucket's half hour).
 */
const VPIN_BUCKET_MS = 60_000;
const VPIN_BAR_MS = 5_000;
const SIZING_MS = 60_000;

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
  if (!(warmUpMs >= 2 * SIZING_MS)) throw new RangeError('warmUpMs must be at least 2 minutes (the first sizes the VPIN bucket)');
  if (sampleMs % STEP_MS !== 0) throw new RangeError(`sampleMs must be a multiple of ${STEP_MS} ms`);
  const clock = new SimulatedClock(opts.startMs ?? Date.UTC(2026, 11, 7, 14, 0));
  const venue = createSimVenue({ clock, seed: opts.seed });
  if (!venue.instruments().some((i) => i.symbol === symbol)) throw new Error(`the SIM venue does not list ${symbol}`);
  let features: OrderFlowFeatures | undefined;
  let sizingVolume = 0;
  const off = venue.onEvent((e) => {
    if (e.type !== 'trade' || e.symbol !== symbol) return;
    if (features) features.onTrade(e.price, e.qty, e.aggressor, e.ts);
    else sizingVolume += e.qty;
  });
  await venue.connect();
  const step = async (): Promise<void> => {
    clock.advance(STEP_MS);
    await Promise.resolve(); // the venue delivers the step's trades in a microtask
    const book = venue.book(symbol, levels);
    if (features && book) features.onBook(book.bids, book.asks, clock.now());
  };
  try {
    // The first minute sizes VPIN's bucket from the volume seen (as the terminal sizes it from recent
    // volume); the rest of the warm-up fills the analytics' windows before the first sample.
    const start = clock.now();
    while (clock.now() - start < SIZING_MS) await step();
    const bucketVolume = Math.max(1, Math.round((sizingVolume * VPIN_BUCKET_MS) / SIZING_MS));
    features = new OrderFlowFeatures({ analytics: { vpin: { bucketVolume, barMs: VPIN_BAR_MS } } });
    while (clock.now() - start < warmUpMs) await step();
    const recorder = new DatasetRecorder(features, sampleMs);
    const sampleStart = clock.now();
    const end = sampleStart + opts.durationMs;
    let nextSample = sampleStart + sampleMs;
    while (clock.now() < end) {
      await step();
      if (clock.now() >= nextSample) {
        recorder.record(clock.now());
        nextSample += sampleMs;
      }
    }
    return recorder.dataset();
  } finally {
    off();
    await venue.disconnect();
  }
}
