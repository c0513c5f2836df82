/**
 * `npm run bench -- book`
 * 1. Apply rate: one deterministic, real-shaped L2 delta stream applied in the same run to our book
 *    (the worker's own apply loop), to ccxt's OrderBook and to nodejs-order-book, with a cross-check
 *    that all three end with the same top 20.
 * 2. Latency from a delta applied in the real book worker to the change being visible on the main
 *    thread (real SharedArrayBuffer, main thread polling the slot's version), p50 / p99.
 * 3. Top-20 read under the seqlock (bench/topRead.ts), next to walking the ladder itself.
 *
 * Like with like: every side gets numbers already parsed from the venue's strings (that parsing is
 * the normaliser's job on every side and is not timed). Ours gets integer ticks and lots packed as the
 * worker receives them; ccxt gets decimal prices and amounts as JS numbers, which is what its parser
 * (safeFloat) hands to OrderBookSide.store(), and the fresh [price, amount] row its storeArray() keeps
 * is allocated in the timed loop because its API takes ownership of that array. The bench reaches into
 * the book folder's internals on purpose: it measures the worker's own code paths.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { Rng } from '../src/engine/core';
import { BookReader, createBookBuffer, createL2Book, tsxWorkerExecArgv, type L2Book } from '../src/engine/book';
import { applyChanges, BookEngine } from '../src/engine/book/bookEngine';
import { SIDE_ASK, SIDE_BID } from '../src/engine/book/protocol';
import { fmt, nowNs, percentile, sortedCopy } from './stats';
import { benchTopRead } from './topRead';

const DELTAS = 1_000_000;
const LEVELS = 1_000;
const START_MID = 1_000_000; // best bid reference in ticks: bids <= mid < asks
const TICK = 100; // ccxt's decimal price = ticks / 100 (tick 0.01)
const LOT = 1000; // ccxt's decimal amount = lots / 1000 (lot 0.001)
const TOP = 20;

interface Stream {
  /** (side, price ticks, qty lots) triples, exactly as the worker's batches carry them. */
  data: Float64Array;
  /** Which deltas insert a new level (1), change one (2) or delete one (3), for nodejs-order-book. */
  kind: Uint8Array;
  bids: [number, number][];
  asks: [number, number][];
  deletes: number;
  midLow: number;
  midHigh: number;
  midEnd: number;
}

/**
 * A 1,000-level book per side, then DELTAS updates: the mid takes a ±1 tick step every ~100 updates
 * (crossing levels are deleted as a venue would), 25% of updates delete an existing level near the
 * touch, the rest set a new quantity at a depth drawn from an exponential (mean 8 ticks) so most land
 * within a few ticks of the touch.
 */
function makeStream(seed: number): Stream {
  const rng = new Rng(seed);
  const span = 1 << 21;
  const origin = START_MID - span / 2;
  const book = { [SIDE_BID]: new Float64Array(span), [SIDE_ASK]: new Float64Array(span) };
  const lots = (): number => Math.min(1_000_000, Math.round(rng.pareto(1, 1.3)));
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  for (let d = 0; bids.length < LEVELS; d++) if (rng.next() < 0.75) bids.push([START_MID - d, lots()]);
  for (let d = 0; asks.length < LEVELS; d++) if (rng.next() < 0.75) asks.push([START_MID + 1 + d, lots()]);
  for (const [p, q] of bids) book[SIDE_BID][p - origin] = q;
  for (const [p, q] of asks) book[SIDE_ASK][p - origin] = q;

  const data = new Float64Array(3 * DELTAS);
  const kind = new Uint8Array(DELTAS);
  let n = 0;
  let deletes = 0;
  const emit = (side: number, price: number, qty: number): void => {
    const had = book[side as 0 | 1][price - origin]! > 0;
    kind[n] = qty === 0 ? 3 : had ? 2 : 1;
    if (qty === 0) deletes++;
    book[side as 0 | 1][price - origin] = qty;
    data[3 * n] = side;
    data[3 * n + 1] = price;
    data[3 * n + 2] = qty;
    n++;
  };
  let mid = START_MID;
  let midLow = mid;
  let midHigh = mid;
  while (n < DELTAS) {
    if (rng.next() < 0.01) {
      // The mid steps; the level that would now cross is taken out, as the venue's own delta would.
      if (rng.next() < 0.5) {
        mid++;
        if (book[SIDE_ASK][mid - origin]! > 0) emit(SIDE_ASK, mid, 0);
      } else {
        if (book[SIDE_BID][mid - origin]! > 0) emit(SIDE_BID, mid, 0);
        mid--;
      }
      midLow = Math.min(midLow, mid);
      midHigh = Math.max(midHigh, mid);
      continue;
    }
    const side = rng.next() < 0.5 ? SIDE_BID : SIDE_ASK;
    const away = side === SIDE_BID ? -1 : 1;
    const touch = side === SIDE_BID ? mid : mid + 1;
    let depth = Math.min(2_000, Math.floor(rng.exponential(8)));
    if (rng.next() < 0.25) {
      // Delete the first existing level at or beyond the drawn depth.
      while (depth < 4_000 && !(book[side][touch + away * depth - origin]! > 0)) depth++;
      if (depth < 4_000) emit(side, touch + away * depth, 0);
    } else {
      emit(side, touch + away * depth, lots());
    }
  }
  return { data, kind, bids, asks, deletes, midLow, midHigh, midEnd: mid };
}

/** The snapshot, loaded as the worker loads one (untimed). */
function load(book: L2Book, stream: Stream): void {
  book.loadSide('bid', Float64Array.from(stream.bids.flat()));
  book.loadSide('ask', Float64Array.from(stream.asks.flat()));
}

/** Our side: exactly the worker's per-delta loop (applyChanges), on one thread. Returns ns. */
function runOurs(book: L2Book, stream: Stream): number {
  load(book, stream);
  const t0 = nowNs();
  applyChanges(book, stream.data, 0, stream.data.length);
  return Number(nowNs() - t0);
}

/**
 * The whole worker path minus the thread: BookEngine.deltas on batches of 100 events x 10 changes
 * (sequence check per event, top-50 of the touched book published under the seqlock once per batch).
 */
function runEngine(stream: Stream): number {
  const engine = new BookEngine(createBookBuffer(1, 50), () => {});
  const toPairs = (levels: [number, number][]) => Float64Array.from(levels.flat());
  engine.snapshot(0, 0, toPairs(stream.bids), toPairs(stream.asks));
  const perEvent = 10;
  const perBatch = 100;
  const batches: Float64Array[] = [];
  let seq = 0;
  for (let c = 0; c < DELTAS; ) {
    const batch: number[] = [];
    for (let e = 0; e < perBatch && c < DELTAS; e++) {
      const count = Math.min(perEvent, DELTAS - c);
      batch.push(0, ++seq, count);
      for (let j = 0; j < count; j++, c++) batch.push(stream.data[3 * c]!, stream.data[3 * c + 1]!, stream.data[3 * c + 2]!);
    }
    batches.push(Float64Array.from(batch));
  }
  const t0 = nowNs();
  for (const batch of batches) engine.deltas(batch, batch.length);
  return Number(nowNs() - t0);
}

/** What a ladder living in shared memory would add at the least: a seqlock write (two atomic adds) per delta. */
function runOursLockedPerDelta(book: L2Book, stream: Stream): number {
  load(book, stream);
  const lock = new Int32Array(new SharedArrayBuffer(64));
  const data = stream.data;
  const t0 = nowNs();
  for (let c = 0; c < data.length; c += 3) {
    Atomics.add(lock, 0, 1);
    book.set(data[c] === SIDE_BID ? 'bid' : 'ask', data[c + 1]!, data[c + 2]!);
    Atomics.add(lock, 0, 1);
  }
  return Number(nowNs() - t0);
}

interface CcxtSide {
  storeArray(delta: number[]): void;
  length: number;
  [i: number]: number[];
}
interface CcxtBook {
  bids: CcxtSide;
  asks: CcxtSide;
}

/** ccxt: its pro OrderBook as watchOrderBook builds it, fed with decimal numbers. Returns ns and the book. */
function runCcxt(newBook: () => CcxtBook, stream: Stream, prices: Float64Array, amounts: Float64Array): { ns: number; book: CcxtBook } {
  const book = newBook();
  for (const [p, q] of stream.bids) book.bids.storeArray([p / TICK, q / LOT]);
  for (const [p, q] of stream.asks) book.asks.storeArray([p / TICK, q / LOT]);
  const data = stream.data;
  const t0 = nowNs();
  for (let i = 0; i < DELTAS; i++) (data[3 * i] === SIDE_BID ? book.bids : book.asks).storeArray([prices[i]!, amounts[i]!]);
  return { ns: Number(nowNs() - t0), book };
}

type PeerModule = typeof import('nodejs-order-book');
type PeerBook = InstanceType<PeerModule['OrderBook']>;

/**
 * nodejs-order-book is an order-matching book (orders with ids, price-time priority), not an L2 book.
 * Applied as one resting limit order per price level: a new level is limit(), a changed quantity is
 * modify(id, { size }), a deleted level is cancel(id). The stream never crosses, so nothing matches.
 * Ids are precomputed, so building their strings is not charged to it.
 */
function runPeer({ OrderBook, Side }: PeerModule, stream: Stream, n: number, ids: string[]): { ns: number; book: PeerBook } {
  const book = new OrderBook();
  for (const [p, q] of stream.bids) book.limit({ id: `b${p}`, side: Side.BUY, price: p, size: q });
  for (const [p, q] of stream.asks) book.limit({ id: `a${p}`, side: Side.SELL, price: p, size: q });
  const { data, kind } = stream;
  const t0 = nowNs();
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    if (k === 1) book.limit({ id: ids[i]!, side: data[3 * i] === SIDE_BID ? Side.BUY : Side.SELL, price: data[3 * i + 1]!, size: data[3 * i + 2]! });
    else if (k === 2) book.modify(ids[i]!, { size: data[3 * i + 2]! });
    else book.cancel(ids[i]!);
  }
  return { ns: Number(nowNs() - t0), book };
}

const version = (pkg: string): string =>
  (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
const mps = (n: number, ns: number): string => `${fmt((n / ns) * 1e3, 2)} M deltas/s (${fmt(ns / n, 1)} ns/delta)`;

async function applyBench(): Promise<void> {
  const t = nowNs();
  const stream = makeStream(7);
  const prices = new Float64Array(DELTAS);
  const amounts = new Float64Array(DELTAS);
  for (let i = 0; i < DELTAS; i++) {
    prices[i] = stream.data[3 * i + 1]! / TICK;
    amounts[i] = stream.data[3 * i + 2]! / LOT;
  }
  const peerN = DELTAS / 5; // the peer is slow enough that a fifth of the stream gives a stable figure
  const ids = Array.from({ length: peerN }, (_, i) => `${stream.data[3 * i] === SIDE_BID ? 'b' : 'a'}${stream.data[3 * i + 1]}`);
  console.log(`\nstream (seed 7, built in ${fmt(Number(nowNs() - t) / 1e6, 0)} ms): ${fmt(DELTAS)} deltas on a ${fmt(LEVELS)}-level-per-side book,`);
  console.log(
    `  ${fmt((100 * stream.deletes) / DELTAS, 1)}% deletes, depth from touch ~ exponential(mean 8 ticks), mid walked ` +
      `${fmt(START_MID)} -> ${fmt(stream.midEnd)} ticks (range ${fmt(stream.midHigh - stream.midLow)})`,
  );

  const ccxt = (await import('ccxt')).default;
  const exchange = new ccxt.pro.binance();
  const newCcxtBook = () => exchange.orderBook({}, 1000) as unknown as CcxtBook;
  const peer = await import('nodejs-order-book');

  const ours = createL2Book();
  const best = { ours: Infinity, engine: Infinity, locked: Infinity, ccxt: Infinity, peer: Infinity };
  let ccxtBook: CcxtBook | undefined;
  let peerBook: PeerBook | undefined;
  // Interleaved rounds, first one a warm-up; the best round of each is kept (least disturbed by the
  // other engineers' processes on this 2-core machine).
  for (let round = 0; round < 6; round++) {
    const o = runOurs(ours, stream);
    const e = runEngine(stream);
    const l = runOursLockedPerDelta(createL2Book(), stream);
    const c = round % 2 === 0 ? runCcxt(newCcxtBook, stream, prices, amounts) : undefined;
    const p = round % 3 === 0 ? runPeer(peer, stream, peerN, ids) : undefined;
    if (round === 0) continue;
    best.ours = Math.min(best.ours, o);
    best.engine = Math.min(best.engine, e);
    best.locked = Math.min(best.locked, l);
    if (c) ((best.ccxt = Math.min(best.ccxt, c.ns)), (ccxtBook = c.book));
    if (p) ((best.peer = Math.min(best.peer, p.ns)), (peerBook = p.book));
  }
  await exchange.close();

  console.log(`  ours: L2Book (price ladder), the worker's applyChanges loop:   ${mps(DELTAS, best.ours)}`);
  console.log(`  ours: BookEngine.deltas, 100 events x 10 changes per batch,`);
  console.log(`        seq check + top-50 publish under the seqlock per batch:   ${mps(DELTAS, best.engine)}`);
  console.log(`  ccxt ${version('ccxt')} OrderBook (pro binance orderBook({}, 1000)),`);
  console.log(`        bids/asks.storeArray([price, amount]) with decimal numbers: ${mps(DELTAS, best.ccxt)}`);
  console.log(`  nodejs-order-book ${version('nodejs-order-book')}, one resting order per level`);
  console.log(`        (limit / modify size / cancel), first ${fmt(peerN)} deltas: ${mps(peerN, best.peer)}`);
  console.log(`  ratio vs ccxt: ${fmt(best.ccxt / best.ours, 1)}x`);
  console.log(`  ratio vs nodejs-order-book: ${fmt(best.peer / peerN / (best.ours / DELTAS), 1)}x`);
  console.log(`  (a ladder living in shared memory would need a seqlock write per delta: ${mps(DELTAS, best.locked)})`);
  crossCheck(ours, ccxtBook!, stream, peerBook!, peerN);
}

/** All three books must agree on the top 20 after the stream, or the figures mean nothing. */
function crossCheck(ours: L2Book, ccxtBook: CcxtBook, stream: Stream, peerBook: PeerBook, peerN: number): void {
  const top = (book: L2Book, side: 'bid' | 'ask') => {
    const dst = new Float64Array(2 * TOP);
    return [...dst.subarray(0, 2 * book.copyTop(side, TOP, dst, 0))];
  };
  const ccxtTop = (side: CcxtSide) =>
    Array.from({ length: Math.min(TOP, side.length) }, (_, i) => [Math.round(side[i]![0]! * TICK), Math.round(side[i]![1]! * LOT)]).flat();
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const okCcxt = same(top(ours, 'bid'), ccxtTop(ccxtBook.bids)) && same(top(ours, 'ask'), ccxtTop(ccxtBook.asks));
  const partial = createL2Book();
  load(partial, stream);
  applyChanges(partial, stream.data, 0, 3 * peerN);
  const [peerAsks, peerBids] = peerBook.depth();
  const peerTop = (levels: [number, number][], best: 'high' | 'low') =>
    [...levels].sort((a, b) => (best === 'high' ? b[0] - a[0] : a[0] - b[0])).slice(0, TOP).flat();
  const okPeer = same(top(partial, 'bid'), peerTop(peerBids, 'high')) && same(top(partial, 'ask'), peerTop(peerAsks, 'low'));
  console.log(`  cross-check of the top ${TOP} after the stream: ccxt ${okCcxt ? 'same' : 'DIFFERENT'}, nodejs-order-book ${okPeer ? 'same' : 'DIFFERENT'}; ours holds ${fmt(ours.bidCount)} bids / ${fmt(ours.askCount)} asks`);
  if (!okCcxt || !okPeer) process.exitCode = 1;
}

// ---- latency: delta applied in a real worker -> visible on the main thread -------------------------

interface LatencyConfig {
  role: 'book-latency';
  sab: SharedArrayBuffer;
  /** Float64 [v % STARTED_RING]: hrtime (ns) at which the worker started the event that made the slot's version v + 1. */
  started: SharedArrayBuffer;
  /** Int32 [0]: set to 1 by the main thread once it polls (go); [1]: set to 1 to stop the worker. */
  control: SharedArrayBuffer;
}

/** Entries in the ring of start times: far more than the main thread could fall behind and still take a sample. */
const STARTED_RING = 1 << 16;

/**
 * Worker side: the real BookEngine on the real shared buffer, one single-change event every ~20 µs
 * on its own clock. It paces itself with a busy wait rather than being woken by the main thread: a
 * wake-up (Atomics.notify) keeps the main thread in a system call for microseconds, exactly when it
 * should be polling, and would be counted as latency.
 */
function latencyWorker(config: LatencyConfig): void {
  const engine = new BookEngine(config.sab, () => {});
  const started = new Float64Array(config.started);
  const control = new Int32Array(config.control);
  const bids = new Float64Array(2 * LEVELS);
  const asks = new Float64Array(2 * LEVELS);
  for (let i = 0; i < LEVELS; i++) {
    bids.set([START_MID - i, 1 + i], 2 * i);
    asks.set([START_MID + 1 + i, 1 + i], 2 * i);
  }
  engine.snapshot(0, 0, bids, asks); // version 1
  Atomics.wait(control, 0, 0); // until the main thread is polling
  const event = new Float64Array(6);
  for (let i = 1; Atomics.load(control, 1) === 0; i++) {
    const next = Number(process.hrtime.bigint()) + 20_000;
    while (Number(process.hrtime.bigint()) < next);
    // A change within the top 10, alternating sides; its seq is the event number.
    event.set([0, i, 1, i & 1 ? SIDE_BID : SIDE_ASK, i & 1 ? START_MID - (i % 10) : START_MID + 1 + (i % 10), 1 + (i % 97)]);
    started[i % STARTED_RING] = Number(process.hrtime.bigint());
    engine.deltas(event, event.length); // version i + 1
  }
}

async function latencyBench(samples = 20_000, warmup = 2_000): Promise<void> {
  const sab = createBookBuffer(1, 50);
  const config: LatencyConfig = {
    role: 'book-latency',
    sab,
    started: new SharedArrayBuffer(8 * STARTED_RING),
    control: new SharedArrayBuffer(8),
  };
  const started = new Float64Array(config.started);
  const control = new Int32Array(config.control);
  const worker = new Worker(new URL(import.meta.url), { workerData: config, execArgv: tsxWorkerExecArgv() });
  let failed: unknown;
  worker.once('error', (error) => (failed = error));
  const reader = new BookReader(sab, () => 0);
  const key = 'slot0';
  const latencies = new Float64Array(samples);
  let gathered = 0;
  let missed = 0;
  try {
    // The snapshot is version 1: wait for it (the worker also has to load TypeScript first).
    while (reader.versionOf(key) !== 1) {
      if (failed) throw failed;
      await new Promise((r) => setTimeout(r, 5));
    }
    Atomics.store(control, 0, 1);
    Atomics.notify(control, 0);
    // Spin on the slot's version; a version that moved by exactly one is a sample (when this thread was
    // descheduled and missed one, the next is not attributable and is skipped). Every million idle
    // polls, let the event loop run once (a worker error only arrives then) and stop after 30 s.
    const end = Number(process.hrtime.bigint()) + 30e9;
    let last = 1;
    for (let polls = 1; gathered < samples; polls++) {
      const version = reader.versionOf(key)!;
      if (version !== last) {
        const seen = Number(process.hrtime.bigint());
        if (version !== last + 1) missed++;
        else if (last > warmup) latencies[gathered++] = seen - started[last % STARTED_RING]!;
        last = version;
        continue;
      }
      if (polls % 1_000_000 !== 0) continue;
      await new Promise((resolve) => setImmediate(resolve));
      if (failed) throw failed;
      if (Number(process.hrtime.bigint()) > end) break;
    }
  } finally {
    Atomics.store(control, 1, 1);
    Atomics.store(control, 0, 1);
    Atomics.notify(control, 0);
    await worker.terminate();
  }
  const sorted = sortedCopy(latencies.subarray(0, gathered));
  console.log(`\ndelta applied in the book worker -> visible on the main thread (real worker and SAB, main polls the slot version):`);
  console.log(`  p50 ${fmt(percentile(sorted, 50), 0)} ns   p99 ${fmt(percentile(sorted, 99), 0)} ns   max ${fmt(sorted[sorted.length - 1]!, 0)} ns   (${fmt(gathered)} samples, ${fmt(missed)} skipped)`);
  console.log(`  (from the worker starting to apply a one-change event: apply + publish of that side's top 50 + cache-line transfer + one poll)`);
}

// ---- reads ------------------------------------------------------------------------------------------

async function readBench(): Promise<void> {
  const shared = await benchTopRead();
  const book = createL2Book();
  for (let i = 0; i < LEVELS; i++) {
    book.set('bid', START_MID - i, 1 + i);
    book.set('ask', START_MID + 1 + i, 1 + i);
  }
  const dst = new Float64Array(4 * TOP);
  const walk = (n: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      book.copyTop('bid', TOP, dst, 0);
      book.copyTop('ask', TOP, dst, 2 * TOP);
      sum += dst[0]! + dst[2 * TOP]!;
    }
    return sum;
  };
  walk(200_000);
  const t = nowNs();
  walk(2_000_000);
  const walkNs = Number(nowNs() - t) / 2_000_000;
  console.log(`\ntop-${TOP} read of a 1,000-level book:`);
  console.log(`  from the SharedArrayBuffer under the seqlock (BookReader.readTopInto): ${fmt(shared.nsPerRead, 1)} ns/read`);
  console.log(`  walking the ladder itself, no lock (what a reader of a shared ladder would do): ${fmt(walkNs, 1)} ns/read`);
}

export async function runBookBench(): Promise<void> {
  await applyBench();
  await latencyBench();
  await readBench();
}

if (!isMainThread && (workerData as LatencyConfig | undefined)?.role === 'book-latency') latencyWorker(workerData as LatencyConfig);
