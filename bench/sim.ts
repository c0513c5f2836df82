/**
 * `npm run bench -- sim`
 * 1. Matching: one deterministic stream of 100k limit / market / cancel orders applied to our SIM
 *    MatchingEngine and to nodejs-order-book (the peer JS matching engine), ns per order and ratio.
 * 2. Submit -> SIM acknowledgement inside the engine: the full path (parse, risk, the OMS journals the
 *    order, SIM venue (journals it too), ack journaled, event out), p50/p99, under two journal policies,
 *    each next to the floor any durable OMS pays for two durable steps: with the journal written to the
 *    OS at once (fsync every 5 ms), two SQLite writes without fsync; with fsync on every commit (the
 *    default), two appends each fdatasync'd.
 * 3. Top-20 read from the book worker's SharedArrayBuffer under the seqlock, vs a postMessage round trip.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OrderBook, Side as PeerSide } from 'nodejs-order-book';
import { LiveClock, Rng, silentLogger, type Side } from '../src/engine/core';
import type { Order } from '../src/engine/oms';
import type { FsyncPolicy } from '../src/engine/storage/journal';
import { Terminal } from '../src/engine/terminal';
import { MatchingEngine } from '../src/engine/venues/sim';
import { simStepBench } from './simStep';
import { fmt, nowNs, percentile, ratioLine, sortedCopy } from './stats';
import { benchTopRead, benchTopReadByMessage } from './topRead';

type Op =
  | { kind: 'limit'; side: Side; price: number; qty: number }
  | { kind: 'market'; side: Side; qty: number }
  | { kind: 'cancel'; target: number };

function orderStream(n: number, seed: number): Op[] {
  const rng = new Rng(seed);
  const ops: Op[] = [];
  const mid = 1_000_000;
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const side: Side = rng.next() < 0.5 ? 'buy' : 'sell';
    if (r < 0.7) {
      // Mostly passive, some marketable: offsets from -5 to +50 ticks away from the mid on the own side.
      const offset = rng.int(-5, 50);
      ops.push({ kind: 'limit', side, price: side === 'buy' ? mid - offset : mid + offset, qty: rng.int(1, 100) });
    } else if (r < 0.8) {
      ops.push({ kind: 'market', side, qty: rng.int(1, 200) });
    } else {
      ops.push({ kind: 'cancel', target: rng.int(0, i) });
    }
  }
  return ops;
}

function runOurs(ops: Op[]): number {
  const engine = new MatchingEngine();
  engine.setChangeTracking(false);
  const ids = new Int32Array(ops.length);
  const t0 = nowNs();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'limit') {
      const r = engine.submit({ owner: 1, side: op.side, type: 'limit', tif: 'GTC', price: op.price, qty: op.qty });
      if (r.ok) ids[i] = r.id;
    } else if (op.kind === 'market') {
      engine.submit({ owner: 1, side: op.side, type: 'market', tif: 'IOC', qty: op.qty });
    } else if (ids[op.target]) {
      engine.cancel(ids[op.target]!);
    }
  }
  return Number(nowNs() - t0);
}

function runPeer(ops: Op[]): number {
  const book = new OrderBook();
  const t0 = nowNs();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'limit') {
      book.limit({ id: String(i), side: op.side === 'buy' ? PeerSide.BUY : PeerSide.SELL, price: op.price, size: op.qty });
    } else if (op.kind === 'market') {
      book.market({ side: op.side === 'buy' ? PeerSide.BUY : PeerSide.SELL, size: op.qty });
    } else {
      book.cancel(String(op.target));
    }
  }
  return Number(nowNs() - t0);
}

function matchingBench(): void {
  const n = 100_000;
  const ops = orderStream(n, 7);
  // Warm both up on the same stream, then keep the best of 5 runs each.
  let ours = Infinity;
  let peer = Infinity;
  for (let round = 0; round < 6; round++) {
    const o = runOurs(ops);
    const p = runPeer(ops);
    if (round > 0) {
      ours = Math.min(ours, o);
      peer = Math.min(peer, p);
    }
  }
  console.log(`\nmatching, ${fmt(n)} orders (70% limit, 10% market, 20% cancel):`);
  console.log(`  ours (SIM MatchingEngine):  ${fmt(ours / n, 0)} ns/order  (${fmt((n / ours) * 1e9 / 1e6, 2)} M orders/s)`);
  console.log(`  nodejs-order-book 10.x:     ${fmt(peer / n, 0)} ns/order  (${fmt((n / peer) * 1e9 / 1e6, 2)} M orders/s)`);
  console.log(`  ${ratioLine('ratio vs nodejs-order-book', ours, peer, true)}`);
}

async function ackBench(n: number, journalFsync: FsyncPolicy): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-bench-'));
  const terminal = await Terminal.start({ dataDir, clock: new LiveClock(), logger: silentLogger, mode: 'headless', seed: 1, journalFsync });
  try {
    let snapshot = terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 1);
    for (let i = 0; i < 100 && !snapshot.book?.bids.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
      snapshot = terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 1);
    }
    const bestBid = snapshot.book?.bids[0]?.[0];
    if (bestBid === undefined) throw new Error('no book');
    const farPrice = (Math.floor(bestBid * 0.9) / 10).toFixed(1); // BTC-USDT tick 0.1: 10% under the market

    const waiters = new Map<string, () => void>();
    terminal.events.on('order', (o: Order) => waiters.get(`${o.clientOrderId}/${o.status}`)?.());
    const when = (id: string, status: string) => new Promise<void>((resolve) => waiters.set(`${id}/${status}`, resolve));

    const samples = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const id = `b${i}`;
      const acked = when(id, 'accepted');
      const t0 = nowNs();
      terminal.submit({ clientOrderId: id, venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: farPrice, qty: '0.001' }, 'ticket');
      await acked;
      samples[i] = Number(nowNs() - t0);
      waiters.delete(`${id}/accepted`);
      const canceled = when(id, 'canceled');
      terminal.cancel(id, 'ticket');
      await canceled;
      waiters.delete(`${id}/canceled`);
    }
    const sorted = sortedCopy(samples);
    const mode = journalFsync.mode === 'interval' ? `interval ${journalFsync.ms} ms` : journalFsync.mode;
    console.log(`\nsubmit -> SIM ack inside the engine, ${fmt(n)} orders, journal fsync ${mode} (risk, OMS write-ahead, venue, ack journaled):`);
    console.log(`  p50 ${fmt(percentile(sorted, 50) / 1000, 1)} µs   p99 ${fmt(percentile(sorted, 99) / 1000, 1)} µs`);
    return percentile(sorted, 50);
  } finally {
    await terminal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Two small appends, each fdatasync'd: the disk's cost of making an order and its ack durable. */
function fsyncFloor(n: number): { p50: number; p99: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sq-bench-fsync-'));
  const fd = openSync(join(dir, 'floor.log'), 'a');
  const record = Buffer.alloc(120, 7);
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = nowNs();
    for (let k = 0; k < 2; k++) {
      writeSync(fd, record);
      fdatasyncSync(fd);
    }
    samples[i] = Number(nowNs() - t0);
  }
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  const sorted = sortedCopy(samples);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Insert an order row, then update it to accepted: what any OMS that persists before it acts must pay. */
function sqliteFloor(n: number): { p50: number; p99: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sq-bench-sqlite-'));
  const db = new Database(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY, body TEXT NOT NULL, status TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO orders (id, body, status) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE orders SET status = ?, body = ? WHERE id = ?');
  const body = JSON.stringify({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 850000, qty: 10 });
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = nowNs();
    insert.run(`f${i}`, body, 'submitted');
    update.run('accepted', body, `f${i}`);
    samples[i] = Number(nowNs() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = sortedCopy(samples);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function topReadBench(): Promise<void> {
  const shared = await benchTopRead();
  const message = await benchTopReadByMessage();
  console.log('\ntop-20 read of a 1,000-level book held by the book worker:');
  console.log(`  SharedArrayBuffer + seqlock: ${fmt(shared.nsPerRead, 1)} ns/read`);
  console.log(`  postMessage round trip:      ${fmt(message.nsPerRead, 0)} ns/read`);
  console.log(`  ${ratioLine('ratio vs postMessage', shared.nsPerRead, message.nsPerRead, true)}`);
}

export async function runSimBench(): Promise<void> {
  matchingBench();
  const orders = Number(process.env.SQ_BENCH_ORDERS ?? 100_000);
  const interval = await ackBench(orders, { mode: 'interval', ms: 5 });
  const sqlite = sqliteFloor(orders);
  console.log(`  floor without fsync: the same two SQLite writes alone (better-sqlite3, WAL, synchronous=NORMAL): p50 ${fmt(sqlite.p50 / 1000, 1)} µs   p99 ${fmt(sqlite.p99 / 1000, 1)} µs`);
  console.log(`  engine p50 / floor p50: ${fmt(interval / sqlite.p50, 1)}x`);
  const durable = Math.max(1_000, Math.floor(orders / 10));
  const always = await ackBench(durable, { mode: 'always' });
  const disk = fsyncFloor(durable);
  console.log(`  floor with fsync: two appends, each fdatasync'd: p50 ${fmt(disk.p50 / 1000, 1)} µs   p99 ${fmt(disk.p99 / 1000, 1)} µs`);
  console.log(`  engine p50 / floor p50: ${fmt(always / disk.p50, 1)}x`);
  await topReadBench();
  await simStepBench();
}
