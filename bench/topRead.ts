/**
 * Top-20 read cost: shared memory under a seqlock (BookReader.readTopInto) versus the peer approach,
 * a postMessage round trip to the worker that owns the book. Both read the same 1,000-level-per-side
 * book held by the real book worker. Bench code, so real time (process.hrtime) is fine here.
 */
import { pathToFileURL } from 'node:url';
import { BookService, TOP_BID_COUNT, TOP_LEVELS, topAskOffset, topBufferLength } from '../src/engine/book';

export interface TopReadResult {
  nsPerRead: number;
  reads: number;
}

const LEVELS = 1000;
const TOP = 20;
const KEY = 'BENCH:BTCUSDT';
const BEST_BID = 1_000_000;

async function withFullBook<T>(run: (service: BookService, slot: number) => Promise<T>): Promise<T> {
  const service = new BookService({ capacity: 1 });
  try {
    const bids: [number, number][] = [];
    const asks: [number, number][] = [];
    for (let i = 0; i < LEVELS; i++) {
      bids.push([BEST_BID - i, 1 + i]);
      asks.push([BEST_BID + 1 + i, 1 + i]);
    }
    const filled = service.onVenueEvent({ type: 'bookSnapshot', venue: 'BENCH', symbol: 'BTCUSDT', seq: 1, bids, asks });
    if (!filled.ok) throw new Error(filled.error.message);
    await service.whenApplied();
    const top = service.reader.readTop(KEY, TOP);
    if (top?.bidLevels !== LEVELS || top.askLevels !== LEVELS) throw new Error('bench book was not filled');
    return await run(service, service.slotOf(KEY)!);
  } finally {
    await service.close();
  }
}

/** ns per top-20 read from shared memory with readTopInto (zero allocation). */
export async function benchTopRead(reads = 5_000_000): Promise<TopReadResult> {
  return withFullBook(async (service, slot) => {
    const out = new Float64Array(topBufferLength(TOP));
    const askAt = topAskOffset(TOP);
    let checksum = 0;
    const readMany = (count: number): void => {
      for (let i = 0; i < count; i++) {
        if (!service.reader.readTopInto(slot, TOP, out)) throw new Error('unreadable slot');
        checksum += out[TOP_LEVELS]! + out[askAt]! + out[TOP_BID_COUNT]!; // keeps the reads observable
      }
    };
    readMany(200_000); // warm up: let the JIT optimise the read path
    const start = process.hrtime.bigint();
    readMany(reads);
    const elapsed = process.hrtime.bigint() - start;
    if (checksum !== (200_000 + reads) * (2 * BEST_BID + 1 + TOP)) throw new Error('a read returned the wrong book');
    return { nsPerRead: Number(elapsed) / reads, reads };
  });
}

/** ns per top-20 read by asking the worker with postMessage and awaiting its answer. */
export async function benchTopReadByMessage(reads = 20_000): Promise<TopReadResult> {
  return withFullBook(async (service) => {
    const readMany = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const top = await service.queryDepth(KEY, TOP);
        if (top?.bids[0]?.[0] !== BEST_BID || top.asks.length !== TOP) throw new Error('a read returned the wrong book');
      }
    };
    await readMany(2_000);
    const start = process.hrtime.bigint();
    await readMany(reads);
    const elapsed = process.hrtime.bigint() - start;
    return { nsPerRead: Number(elapsed) / reads, reads };
  });
}

// `node --import tsx bench/topRead.ts` prints both and the ratio.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const shared = await benchTopRead();
  const message = await benchTopReadByMessage();
  console.log(`top-20 via SharedArrayBuffer: ${shared.nsPerRead.toFixed(1)} ns/read (${shared.reads} reads)`);
  console.log(`top-20 via postMessage:       ${message.nsPerRead.toFixed(1)} ns/read (${message.reads} reads)`);
  console.log(`ratio: ${(message.nsPerRead / shared.nsPerRead).toFixed(0)}x`);
}
