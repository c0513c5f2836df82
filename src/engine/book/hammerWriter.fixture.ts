/**
 * Test-only worker entry for the seqlock hammer test: writes generation after generation into one
 * slot through the real layout writer (writeSlot), as fast as it can. Every level of generation g is
 * a pure function of g (see generationLevel), so a reader can check any picture it gets for tearing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BookViews, SlotStatus, writeSlot, type TopSource } from './layout';

export interface HammerConfig {
  sab: SharedArrayBuffer;
  /** Int32 words: [0] go (main sets 1), [1] done (writer sets 1). */
  control: SharedArrayBuffer;
  slot: number;
  generations: number;
  /**
   * Busy work between two writes, standing in for the worker applying the next batch. With none at
   * all the slot is odd nearly all the time and readers mostly starve, which no real feed does.
   */
  workBetweenWrites: number;
}

export const bidCountOf = (g: number, depth: number): number => 1 + (g % depth);
export const askCountOf = (g: number, depth: number): number => 1 + ((g * 7) % depth);

/** Price of level j (0 = best) of generation g; qty of every level is g itself. */
export function generationPrice(side: 'bid' | 'ask', g: number, j: number): number {
  const mid = 1_000_000 + (g % 500);
  return side === 'bid' ? mid - 1 - j * (1 + (g % 3)) : mid + 1 + j * (1 + (g % 5));
}

class GenerationBook implements TopSource {
  g = 0;
  bidCount = 0;
  askCount = 0;

  constructor(private readonly depth: number) {}

  next(g: number): void {
    this.g = g;
    this.bidCount = bidCountOf(g, this.depth);
    this.askCount = askCountOf(g, this.depth);
  }

  copyTop(side: 'bid' | 'ask', k: number, dst: Float64Array, offset: number): number {
    const n = Math.min(k, side === 'bid' ? this.bidCount : this.askCount);
    for (let j = 0; j < n; j++) {
      dst[offset + 2 * j] = generationPrice(side, this.g, j);
      dst[offset + 2 * j + 1] = this.g;
    }
    return n;
  }
}

if (parentPort) {
  const config = workerData as HammerConfig;
  const views = new BookViews(config.sab);
  const control = new Int32Array(config.control);
  const book = new GenerationBook(views.layout.depth);
  parentPort.postMessage('ready');
  Atomics.wait(control, 0, 0);
  const scratch = new Float64Array(64);
  for (let g = 1; g <= config.generations; g++) {
    book.next(g);
    writeSlot(views, config.slot, SlotStatus.LIVE, g, book);
    for (let w = 0; w < config.workBetweenWrites; w++) scratch[w & 63] = scratch[(w + 1) & 63]! + g;
  }
  Atomics.store(control, 1, 1);
}
