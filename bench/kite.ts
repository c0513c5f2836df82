/**
 * `npm run bench -- kite`: KiteTicker's binary frames, our decoder against kiteconnect's own parser
 * (`KiteTicker.prototype.parseBinary`, what its socket calls on every binary message) on the same
 * frames in one process; then ticks/s end to end into the book: decoder -> KiteBooks (what
 * KiteMarketFeed does with each binary frame: five-level diff, contiguous seq, trades from volume) ->
 * (a) the L2Book ladder on this thread and (b) the book worker's own code without the thread hop (the
 * service's DeltaBatch into BookEngine.deltas, one flush per event, as bench/venue.ts feeds it).
 *
 * The frames are built from the recorded full packet (../shared/data/kite/ticker_full.packet, RELIANCE,
 * 184 bytes): INSTRUMENTS NSE equity tokens, full mode, PACKETS_PER_FRAME packets a frame (Kite batches
 * the ticks of a second into one frame). Every fourth tick of an instrument moves the recorded ladder
 * by a tick of 5 paise (levels inserted and deleted), and each tick gives one level a side another of
 * the recorded quantities; its volume rises by the recorded last traded quantity, so every tick is
 * also a trade.
 *
 * Each side gets the frame as its socket hands it over: ws gives our listener a Buffer; kiteconnect sets
 * binaryType 'arraybuffer' and parses the ArrayBuffer. Both must read the same values from every packet
 * (checked once, outside the timing), or the figures mean nothing (exit code 1).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KiteTicker } from 'kiteconnect';
import { levelChangesOf, SimulatedClock, silentLogger, type Symbol, type VenueEvent } from '../src/engine/core';
import { createBookBuffer, createL2Book, type L2Book } from '../src/engine/book';
import { BookEngine } from '../src/engine/book/bookEngine';
import { DeltaBatch } from '../src/engine/book/protocol';
import { KiteBooks, KiteFrameDecoder, type KiteInstrumentMap, type KiteTick, type KiteTickSink as TickSink } from '../src/engine/venues';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

const DATA = new URL('../../shared/data/kite/', import.meta.url);
const INSTRUMENTS = 100;
const PACKETS_PER_FRAME = 20;
const FRAMES = 5_000;
const PACKETS = FRAMES * PACKETS_PER_FRAME;
const ROUNDS = 5;

interface Level {
  qty: number;
  price: number;
  orders: number;
}

interface Recorded {
  lastPrice: number;
  ltq: number;
  avg: number;
  volume: number;
  buyQty: number;
  sellQty: number;
  ohlc: number[];
  time: number;
  bids: Level[];
  asks: Level[];
}

function readRecorded(): Recorded {
  const p = Buffer.from(readFileSync(new URL('ticker_full.packet', DATA), 'utf8').trim(), 'base64');
  if (p.length !== 184) throw new Error(`ticker_full.packet is ${p.length} bytes, not a full packet`);
  const level = (i: number): Level => ({ qty: p.readUInt32BE(64 + 12 * i), price: p.readInt32BE(68 + 12 * i), orders: p.readUInt16BE(72 + 12 * i) });
  return {
    lastPrice: p.readInt32BE(4),
    ltq: p.readUInt32BE(8),
    avg: p.readInt32BE(12),
    volume: p.readUInt32BE(16),
    buyQty: p.readUInt32BE(20),
    sellQty: p.readUInt32BE(24),
    ohlc: [28, 32, 36, 40].map((o) => p.readInt32BE(o)),
    time: p.readUInt32BE(44),
    bids: [0, 1, 2, 3, 4].map(level),
    asks: [5, 6, 7, 8, 9].map(level),
  };
}

const tokenOf = (i: number): number => ((1_000 + i) << 8) | 1; // NSE equity (segment 1)

/** Packet n of the stream: instrument n % INSTRUMENTS, its tick number n / INSTRUMENTS. */
function writePacket(rec: Recorded, n: number, out: Buffer, o: number): void {
  const i = n % INSTRUMENTS;
  const g = Math.floor(n / INSTRUMENTS);
  // The ladder moves by a tick of 5 paise every fourth tick of an instrument (0..2 ticks up).
  const shift = 5 * (Math.floor((g + i) / 4) % 3);
  // One level a side changes size per tick (the recorded quantities, rotated).
  const changed = g % 5;
  out.writeUInt32BE(tokenOf(i), o);
  out.writeInt32BE(rec.lastPrice + shift, o + 4);
  out.writeUInt32BE(rec.ltq, o + 8);
  out.writeInt32BE(rec.avg, o + 12);
  out.writeUInt32BE(rec.volume + g * rec.ltq, o + 16);
  out.writeUInt32BE(rec.buyQty, o + 20);
  out.writeUInt32BE(rec.sellQty, o + 24);
  rec.ohlc.forEach((v, k) => out.writeInt32BE(v, o + 28 + 4 * k));
  out.writeUInt32BE(rec.time + g, o + 44);
  out.writeUInt32BE(0, o + 48);
  out.writeUInt32BE(0, o + 52);
  out.writeUInt32BE(0, o + 56);
  out.writeUInt32BE(rec.time + g, o + 60);
  const levels = [...rec.bids, ...rec.asks];
  levels.forEach((l, k) => {
    const side = k < 5 ? rec.bids : rec.asks;
    const q = k % 5 === changed ? side[(k + g) % 5]!.qty : l.qty;
    out.writeUInt32BE(q, o + 64 + 12 * k);
    out.writeInt32BE(l.price + shift, o + 68 + 12 * k);
    out.writeUInt16BE(l.orders, o + 72 + 12 * k);
    out.writeUInt16BE(0, o + 74 + 12 * k);
  });
}

function buildFrames(rec: Recorded): Buffer[] {
  const frames: Buffer[] = [];
  for (let f = 0; f < FRAMES; f++) {
    const frame = Buffer.alloc(2 + PACKETS_PER_FRAME * (2 + 184));
    frame.writeUInt16BE(PACKETS_PER_FRAME, 0);
    let o = 2;
    for (let k = 0; k < PACKETS_PER_FRAME; k++) {
      frame.writeUInt16BE(184, o);
      writePacket(rec, f * PACKETS_PER_FRAME + k, frame, o + 2);
      o += 186;
    }
    frames.push(frame);
  }
  return frames;
}

// ---- the two decoders -------------------------------------------------------------------------------

interface KiteconnectTick {
  instrument_token: number;
  last_price: number;
  volume_traded: number;
  depth: { buy: { quantity: number; price: number; orders: number }[]; sell: { quantity: number; price: number; orders: number }[] };
}
type Parse = (frame: ArrayBuffer) => KiteconnectTick[];

/**
 * Both sides read the same fields of every tick into a checksum, so neither parse can be skipped. Kept a
 * small integer (| 0): a module-level double would box a new heap number on every store, 16 bytes a tick
 * charged to the decoder.
 */
let sink = 0;
const ourSink: TickSink = {
  tick: (t: KiteTick) => void (sink = (sink + t.lastPrice + t.volumeTraded + t.bidPrice[0]! + t.askQuantity[4]!) | 0),
  malformed: (reason) => {
    throw new Error(`our decoder refused a bench frame: ${reason}`);
  },
};

function theirs(parse: Parse, frame: ArrayBuffer): void {
  const ticks = parse(frame);
  for (let i = 0; i < ticks.length; i++) {
    const t = ticks[i]!;
    sink = (sink + t.last_price + t.volume_traded + t.depth.buy[0]!.price + t.depth.sell[4]!.quantity) | 0;
  }
}

/** Every packet, every level: kiteconnect's floats (rupees) must be our integers (paise) / 100. */
function sameValues(frames: Buffer[], arrays: ArrayBuffer[], parse: Parse): string | undefined {
  const decoder = new KiteFrameDecoder();
  for (let f = 0; f < frames.length; f++) {
    const ref = parse(arrays[f]!);
    let k = 0;
    let why: string | undefined;
    decoder.decode(frames[f]!, {
      tick: (t) => {
        const r = ref[k++];
        const paise = (rupees: number) => Math.round(rupees * 100);
        if (!r || r.instrument_token !== t.instrumentToken || paise(r.last_price) !== t.lastPrice || r.volume_traded !== t.volumeTraded) why ??= `frame ${f} packet ${k}: header differs`;
        for (let i = 0; i < 5; i++) {
          const b = r?.depth.buy[i];
          const a = r?.depth.sell[i];
          if (!b || !a || paise(b.price) !== t.bidPrice[i] || b.quantity !== t.bidQuantity[i] || b.orders !== t.bidOrders[i] || paise(a.price) !== t.askPrice[i] || a.quantity !== t.askQuantity[i] || a.orders !== t.askOrders[i]) {
            why ??= `frame ${f} packet ${k}: depth level ${i} differs`;
          }
        }
      },
      malformed: (reason) => void (why ??= `frame ${f}: ${reason}`),
    });
    if (k !== ref.length) why ??= `frame ${f}: ${k} ticks, kiteconnect ${ref.length}`;
    if (why) return why;
  }
  return undefined;
}

// ---- into the book ----------------------------------------------------------------------------------

const SYMBOLS = Array.from({ length: INSTRUMENTS }, (_, i) => `NSE:EQ${i}` as Symbol);
const instruments: KiteInstrumentMap = {
  tokenOf: (s) => {
    const i = SYMBOLS.indexOf(s);
    return i < 0 ? undefined : tokenOf(i);
  },
  symbolOf: (token) => SYMBOLS[(token >>> 8) - 1_000],
  priceScale: () => ({ priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 1 }),
};

interface Counts {
  snapshots: number;
  deltas: number;
  changes: number;
  trades: number;
}

/** What KiteMarketFeed does with a binary frame (decoder into its KiteBooks), with the books' events to `apply`. */
function ourFeed(apply: (event: VenueEvent) => void, counts: Counts): (frame: Buffer) => void {
  let failure: string | undefined;
  const books = new KiteBooks({
    venue: 'kite',
    clock: new SimulatedClock(),
    logger: { ...silentLogger, warn: (f: object, m?: string) => void (failure ??= `${m} ${JSON.stringify(f)}`), error: (f: object, m?: string) => void (failure ??= `${m} ${JSON.stringify(f)}`) },
    instruments,
    emit: (event) => {
      if (event.type === 'bookSnapshot') counts.snapshots++;
      else if (event.type === 'bookDelta') {
        counts.deltas++;
        counts.changes += levelChangesOf(event).length;
      } else if (event.type === 'trade') counts.trades++;
      apply(event);
    },
    stale: (symbol, reason) => void (failure ??= `${symbol} went stale: ${reason}`),
  });
  books.watch(SYMBOLS);
  const decoder = new KiteFrameDecoder();
  return (frame) => {
    decoder.decode(frame, books);
    if (failure) throw new Error(failure);
  };
}

function applyToLadders(ladders: L2Book[]): (event: VenueEvent) => void {
  const slot = new Map(SYMBOLS.map((s, i) => [s, i]));
  return (event) => {
    if (event.type === 'bookSnapshot') {
      const book = ladders[slot.get(event.symbol)!]!;
      book.clear();
      for (const [p, q] of event.bids) book.set('bid', p, q);
      for (const [p, q] of event.asks) book.set('ask', p, q);
    } else if (event.type === 'bookDelta') {
      const book = ladders[slot.get(event.symbol)!]!;
      for (const c of levelChangesOf(event)) book.set(c.side === 'buy' ? 'bid' : 'ask', c.price, c.qty);
    }
  };
}

function applyToEngine(engine: BookEngine): (event: VenueEvent) => void {
  const slot = new Map(SYMBOLS.map((s, i) => [s, i]));
  const batch = new DeltaBatch();
  const pack = (levels: readonly (readonly [number, number])[]) => Float64Array.from(levels.flat());
  return (event) => {
    if (event.type === 'bookSnapshot') engine.snapshot(slot.get(event.symbol)!, event.seq, pack(event.bids), pack(event.asks));
    else if (event.type === 'bookDelta') {
      batch.add(slot.get(event.symbol)!, event.seq, levelChangesOf(event));
      const { data, length } = batch.take();
      engine.deltas(data, length);
    }
  };
}

// ---- runs -------------------------------------------------------------------------------------------

/**
 * Heap bytes per packet, as bench/risk.ts measures per check: gc(), heapUsed before and after a window of
 * frames, the median of several windows (small enough that a GC inside one is rare).
 */
function bytesPerPacket<F>(frames: F[], handle: (frame: F) => void, windowFrames: number): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const windows = 11;
  const samples = new Float64Array(windows);
  for (let k = 0; k < windows; k++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < windowFrames; i++) handle(frames[(k * windowFrames + i) % frames.length]!);
    samples[k] = (process.memoryUsage().heapUsed - before) / (windowFrames * PACKETS_PER_FRAME);
  }
  return percentile(sortedCopy(samples), 50);
}

/** Whole pass in ns, and per-frame samples when asked. */
function drive<F>(frames: F[], handle: (frame: F) => void, perFrame: boolean): { ns: number; samples?: Float64Array } {
  if (!perFrame) {
    const t0 = nowNs();
    for (let i = 0; i < frames.length; i++) handle(frames[i]!);
    return { ns: Number(nowNs() - t0) };
  }
  const samples = new Float64Array(frames.length);
  let ns = 0;
  for (let i = 0; i < frames.length; i++) {
    const t0 = nowNs();
    handle(frames[i]!);
    ns += samples[i] = Number(nowNs() - t0);
  }
  return { ns, samples };
}

const perPacket = (ns: number): string => `${fmt(ns / PACKETS, 1)} ns/packet`;
const rate = (ns: number): string => `${fmt((PACKETS / ns) * 1e9)} ticks/s (${fmt(ns / PACKETS, 0)} ns/tick)`;
const p50 = (s: Float64Array) => percentile(sortedCopy(s), 50);
const p99 = (s: Float64Array) => percentile(sortedCopy(s), 99);
const version = (pkg: string): string =>
  (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;

export async function runKiteBench(): Promise<void> {
  const rec = readRecorded();
  const frames = buildFrames(rec);
  // kiteconnect's socket hands its parser an ArrayBuffer per message (binaryType 'arraybuffer').
  const arrays = frames.map((f) => f.buffer.slice(f.byteOffset, f.byteOffset + f.length) as ArrayBuffer);
  const ticker = new KiteTicker({ api_key: 'x' } as never) as unknown as { parseBinary: Parse };
  const parse: Parse = (frame) => ticker.parseBinary(frame);
  console.log(
    `\nframes (from the recorded RELIANCE full packet): ${fmt(FRAMES)} frames x ${PACKETS_PER_FRAME} full packets (184 bytes) = ${fmt(PACKETS)} ticks, ` +
      `${INSTRUMENTS} instruments, ${fmt(frames[0]!.length)} bytes/frame`,
  );

  // Ours first, then kiteconnect's: kiteconnect allocates so much (an ArrayBuffer per field of every
  // tick) that interleaved rounds had its garbage collected inside ours. Rounds: the first a warm-up,
  // the best of the middle ones kept, the last timed frame by frame.
  const decoder = new KiteFrameDecoder();
  const timeRounds = <F>(input: F[], handle: (frame: F) => void) => {
    let best = Infinity;
    let samples: Float64Array | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const last = round === ROUNDS - 1;
      const r = drive(input, handle, last);
      if (round === 0) continue;
      if (last) samples = r.samples;
      else best = Math.min(best, r.ns);
    }
    return { best, samples: samples! };
  };
  const ours = timeRounds(frames, (f) => void decoder.decode(f, ourSink));

  // End to end into the book.
  const e2e = { ladder: Infinity, engine: Infinity };
  let counts: Counts = { snapshots: 0, deltas: 0, changes: 0, trades: 0 };
  let engineFrames: Float64Array | undefined;
  let ladderFrames: Float64Array | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const last = round === ROUNDS - 1;
    counts = { snapshots: 0, deltas: 0, changes: 0, trades: 0 };
    const ladders = SYMBOLS.map(() => createL2Book());
    const l = drive(frames, ourFeed(applyToLadders(ladders), counts), last);
    const engine = new BookEngine(createBookBuffer(INSTRUMENTS, 50), () => {});
    const e = drive(frames, ourFeed(applyToEngine(engine), { snapshots: 0, deltas: 0, changes: 0, trades: 0 }), last);
    if (round === 0) continue;
    if (last) {
      engineFrames = e.samples;
      ladderFrames = l.samples;
    } else {
      e2e.ladder = Math.min(e2e.ladder, l.ns);
      e2e.engine = Math.min(e2e.engine, e.ns);
    }
  }

  const oursHeap = bytesPerPacket(frames, (f) => void decoder.decode(f, ourSink), 1_000);
  // End to end, the heap is the events' (a delta with its changes, a trade with its id): fresh books, the
  // windows in stream order.
  const e2eHeap = bytesPerPacket(frames, ourFeed(applyToLadders(SYMBOLS.map(() => createL2Book())), { snapshots: 0, deltas: 0, changes: 0, trades: 0 }), 200);
  const theirs_ = timeRounds(arrays, (f) => theirs(parse, f));
  const theirHeap = bytesPerPacket(arrays, (f) => theirs(parse, f), 50);
  const agree = sameValues(frames, arrays, parse);
  if (agree) {
    console.error(`  FAILED: our decoder and kiteconnect read different values: ${agree}`);
    process.exitCode = 1;
    return;
  }

  console.log(`  ours: KiteFrameDecoder.decode (one reused struct, nothing allocated per tick): ${perPacket(ours.best)}`);
  console.log(`        per frame of ${PACKETS_PER_FRAME}: p50 ${fmt(p50(ours.samples))} ns, p99 ${fmt(p99(ours.samples))} ns`);
  console.log(`  kiteconnect ${version('kiteconnect')}: KiteTicker.parseBinary (an object per tick, ArrayBuffer slices per field): ${perPacket(theirs_.best)}`);
  console.log(`        per frame of ${PACKETS_PER_FRAME}: p50 ${fmt(p50(theirs_.samples))} ns, p99 ${fmt(p99(theirs_.samples))} ns`);
  console.log(`  heap allocated per packet: ours ${fmt(oursHeap, 3)} bytes, kiteconnect ${fmt(theirHeap)} bytes (median of 11 windows, gc() before each)`);
  // The headline is the ratio of the per-frame p50s, as in bench/venue.ts: steadier than whole rounds on a
  // shared machine, and it leaves out GC pauses, which kiteconnect has far more of: the conservative figure.
  console.log(`  ratio vs kiteconnect: ${fmt(p50(theirs_.samples) / p50(ours.samples), 1)}x   (p50 per frame; best whole rounds: ${fmt(theirs_.best / ours.best, 1)}x)`);

  const p50Rate = (samples: Float64Array) => `${fmt((PACKETS_PER_FRAME / p50(samples)) * 1e9)} ticks/s at the p50 frame`;
  console.log(`  end to end: frame -> KiteFrameDecoder -> KiteBooks (5-level diff, seq, trades) -> L2Book ladders: ${rate(e2e.ladder)}`);
  console.log(`        per frame of ${PACKETS_PER_FRAME}: p50 ${fmt(p50(ladderFrames!))} ns, p99 ${fmt(p99(ladderFrames!))} ns (${p50Rate(ladderFrames!)})`);
  console.log(`  end to end, into the book worker's code (DeltaBatch -> BookEngine.deltas, seq check + top-50 publish per event, no thread hop): ${rate(e2e.engine)}`);
  console.log(`        per frame of ${PACKETS_PER_FRAME}: p50 ${fmt(p50(engineFrames!))} ns, p99 ${fmt(p99(engineFrames!))} ns (${p50Rate(engineFrames!)})`);
  console.log(`        heap allocated per tick end to end: ${fmt(e2eHeap)} bytes (the VenueEvent objects: a bookDelta with its changes and a trade per tick)`);
  console.log(
    `  events per pass: ${fmt(counts.snapshots)} snapshots, ${fmt(counts.deltas)} deltas (${fmt(counts.changes / counts.deltas, 1)} level changes each), ${fmt(counts.trades)} trades` +
      `${sink === 42 ? '' : ''}`,
  );
}
