/**
 * `npm run bench -- journal`
 * 1. Codec: our binary layout vs JSON for the same realistic order records (encode + decode per record).
 * 2. Append: the journal under each fsync policy, side by side in the same run with
 *    - a raw sequential fs.writeSync of the same bytes in the same groups (+ fdatasync per group when the
 *      policy fsyncs per group): the disk's limit for that policy;
 *    - SQLite (better-sqlite3, WAL), one row per event, one transaction per group of the same size, at
 *      the synchronous level that matches the policy (FULL / NORMAL / OFF).
 * 3. Replay: open (verifies every record's CRC), replay (framing checked, a payload view per record; the
 *    CRC was verified by open), replay with the CRC recomputed, next to reading the same rows back from
 *    SQLite; then our real binary records: encode + append, replay + decode.
 * Payloads are 150 bytes (the middle of a realistic 100-200 byte order event; our own binary order
 * records are smaller, 60-90 bytes, see part 1). MB/s counts the bytes each side writes for the events
 * (journal: 17-byte header + payload). Benchmarks are not tests: nothing here asserts on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LiveClock, Rng } from '../src/engine/core';
import type { Order } from '../src/engine/oms';
import { EngineRecordDecoder, EngineRecordEncoder, openJournal, type EngineRecord, type FsyncPolicy, type Journal } from '../src/engine/storage/journal';
import { fmt, nowNs } from './stats';

const PAYLOAD_BYTES = 150;
const RECORD_BYTES = 17 + PAYLOAD_BYTES;
const POOL = 4096;

interface Case {
  label: string;
  policy: FsyncPolicy;
  /** Events per commit (journal) / per transaction (SQLite) / per write (raw). */
  group: number;
  events: number;
  sqliteSync: 'FULL' | 'NORMAL' | 'OFF';
  /** The raw side fsyncs after each group too. */
  rawSync: boolean;
  /** Commit with commitSync() (fsync on the main thread) instead of awaiting commit(). */
  blocking?: boolean;
}

const CASES: Case[] = [
  { label: 'none, commit per 1000', policy: { mode: 'none' }, group: 1000, events: 1_000_000, sqliteSync: 'OFF', rawSync: false },
  { label: 'interval 5 ms, commit per 100', policy: { mode: 'interval', ms: 5 }, group: 100, events: 1_000_000, sqliteSync: 'NORMAL', rawSync: false },
  { label: 'always, group of 1000', policy: { mode: 'always' }, group: 1000, events: 400_000, sqliteSync: 'FULL', rawSync: true },
  { label: 'always, group of 100', policy: { mode: 'always' }, group: 100, events: 100_000, sqliteSync: 'FULL', rawSync: true },
  { label: 'always, group of 10', policy: { mode: 'always' }, group: 10, events: 10_000, sqliteSync: 'FULL', rawSync: true },
  { label: 'always, group of 1', policy: { mode: 'always' }, group: 1, events: 2_000, sqliteSync: 'FULL', rawSync: true },
  { label: 'always, group of 1, commitSync()', policy: { mode: 'always' }, group: 1, events: 2_000, sqliteSync: 'FULL', rawSync: true, blocking: true },
];

/** Varied payloads (so nothing compresses or caches on content), cycled through. */
function payloadPool(): Buffer[] {
  const rng = new Rng(42);
  return Array.from({ length: POOL }, () => {
    const b = Buffer.allocUnsafe(PAYLOAD_BYTES);
    for (let i = 0; i < b.length; i++) b[i] = rng.int(0, 255);
    return b;
  });
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function appendJournal(dir: string, c: Case, pool: Buffer[]): Promise<{ seconds: number; journal: Journal }> {
  const clock = new LiveClock();
  const opened = openJournal(dir, { clock, fsync: c.policy });
  if (!opened.ok) throw new Error(opened.error.message);
  const journal = opened.value.journal;
  const start = nowNs();
  for (let done = 0; done < c.events; ) {
    const end = Math.min(c.events, done + c.group);
    for (; done < end; done++) journal.append(1, pool[done % POOL]!);
    if (c.blocking) {
      journal.commitSync();
      continue;
    }
    await journal.commit();
    // A real engine's event loop turns between groups; without this the interval timer would starve.
    if (c.policy.mode !== 'none') await yieldToLoop();
  }
  await journal.close(); // fsyncs what an interval policy had not yet: part of the cost
  const seconds = Number(nowNs() - start) / 1e9;
  clock.clearAll();
  return { seconds, journal };
}

function rawWrite(file: string, c: Case, pool: Buffer[]): number {
  // The same bytes the journal writes, prepared outside the timed loop: 1 MiB per write, or one
  // group per write (+ fdatasync) when the policy syncs each group.
  const chunkEvents = c.rawSync ? c.group : Math.floor((1 << 20) / RECORD_BYTES);
  const chunk = Buffer.alloc(chunkEvents * RECORD_BYTES);
  for (let i = 0; i < chunkEvents; i++) pool[i % POOL]!.copy(chunk, i * RECORD_BYTES + 17);
  const fd = fs.openSync(file, 'w');
  const start = nowNs();
  let position = 0;
  for (let done = 0; done < c.events; done += chunkEvents) {
    const n = Math.min(chunkEvents, c.events - done) * RECORD_BYTES;
    position += fs.writeSync(fd, chunk, 0, n, position);
    if (c.rawSync) fs.fdatasyncSync(fd);
  }
  if (!c.rawSync && c.policy.mode !== 'none') fs.fdatasyncSync(fd);
  const seconds = Number(nowNs() - start) / 1e9;
  fs.closeSync(fd);
  return seconds;
}

function sqliteInsert(file: string, c: Case, pool: Buffer[]): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${c.sqliteSync}`);
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, type INTEGER NOT NULL, payload BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO events (seq, type, payload) VALUES (?, ?, ?)');
  const group = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(i + 1, 1, pool[i % POOL]!);
  });
  const start = nowNs();
  for (let done = 0; done < c.events; done += c.group) group(done, Math.min(c.events, done + c.group));
  db.close(); // a checkpoint, like the journal's final fsync
  return Number(nowNs() - start) / 1e9;
}

function sqliteReadBack(file: string): { seconds: number; rows: number } {
  const db = new Database(file, { readonly: true });
  const select = db.prepare('SELECT seq, type, payload FROM events ORDER BY seq');
  let rows = 0;
  let check = 0;
  const start = nowNs();
  for (const row of select.iterate() as IterableIterator<{ seq: number; type: number; payload: Buffer }>) {
    rows++;
    check ^= row.payload[0]!;
  }
  const seconds = Number(nowNs() - start) / 1e9;
  db.close();
  if (check === -1) console.log('');
  return { seconds, rows };
}

const mbps = (bytes: number, seconds: number): string => `${fmt(bytes / seconds / 1e6, 0)} MB/s`;
const eps = (events: number, seconds: number): string => `${fmt(events / seconds, 0)} ev/s`;

function realisticRecords(n: number): EngineRecord[] {
  const rng = new Rng(7);
  const out: EngineRecord[] = [];
  for (let i = 0; i < n; i++) {
    const at = 1_763_700_000_000 + i * 3;
    const clientOrderId = `sq-m3x9k2-${String(i).padStart(6, '0')}`;
    if (i % 2 === 0) {
      const order: Order = {
        clientOrderId,
        venueOrderId: String(28_457_291_034 + i),
        venue: 'binance',
        symbol: 'BTCUSDT',
        side: i % 4 === 0 ? 'buy' : 'sell',
        type: 'limit',
        tif: 'GTC',
        postOnly: false,
        reduceOnly: false,
        price: 9_512_345 + rng.int(-500, 500),
        qty: rng.int(1, 5_000),
        filledQty: rng.int(0, 1_000),
        filledValue: rng.int(0, 2 ** 40),
        fees: rng.int(0, 100_000),
        status: 'partially_filled',
        version: 1,
        source: 'ticket',
        createdAt: at - 1_000,
        updatedAt: at,
      };
      out.push({ kind: 'orderState', at, order, source: 'recovery' });
    } else {
      out.push({
        kind: 'venueEvent',
        at,
        source: 'venue',
        event: {
          type: 'orderFilled',
          venue: 'binance',
          clientOrderId,
          fillId: String(4_411_829_731 + i),
          ts: at - 2,
          price: 9_512_345 + rng.int(-500, 500),
          qty: rng.int(1, 5_000),
          liquidity: 'taker',
          fee: -rng.int(0, 10_000),
        },
      });
    }
  }
  return out;
}

function benchCodec(): void {
  const records = realisticRecords(200_000);
  const enc = new EngineRecordEncoder();
  const dec = new EngineRecordDecoder();
  let binBytes = 0;
  let jsonBytes = 0;
  const encoded: { type: number; payload: Buffer }[] = [];
  const jsonEncoded: Buffer[] = [];
  for (const r of records) {
    const { type, payload } = enc.encode(r);
    encoded.push({ type, payload: Buffer.from(payload) });
    jsonEncoded.push(Buffer.from(JSON.stringify(r)));
    binBytes += payload.length;
    jsonBytes += jsonEncoded[jsonEncoded.length - 1]!.length;
  }
  const time = (f: () => void): number => {
    let best = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const t = nowNs();
      f();
      best = Math.min(best, Number(nowNs() - t) / 1e9);
    }
    return best;
  };
  let sink = 0;
  const binEnc = time(() => {
    for (const r of records) sink += enc.encode(r).payload.length;
  });
  const jsonEnc = time(() => {
    for (const r of records) sink += Buffer.byteLength(JSON.stringify(r));
  });
  const binDec = time(() => {
    for (const e of encoded) sink += dec.decode(e.type, e.payload).at;
  });
  const jsonDec = time(() => {
    for (const b of jsonEncoded) sink += (JSON.parse(b.toString()) as EngineRecord).at;
  });
  const n = records.length;
  console.log(`\n1. codec, ${fmt(n)} realistic records (half order states, half fills):`);
  console.log(`   binary: ${fmt(binBytes / n, 0)} B/record   encode ${eps(n, binEnc)}   decode ${eps(n, binDec)}`);
  console.log(`   JSON:   ${fmt(jsonBytes / n, 0)} B/record   encode ${eps(n, jsonEnc)}   decode ${eps(n, jsonDec)}`);
  console.log(`   binary vs JSON: ${fmt(jsonBytes / binBytes, 1)}x smaller, encode ${fmt(jsonEnc / binEnc, 1)}x, decode ${fmt(jsonDec / binDec, 1)}x faster`);
  if (sink === -1) console.log('');
}

/** The system this replaces: 229 MB/s write, about 5 M events/s replay. */
const OLD_WRITE_MBPS = 229;
const OLD_REPLAY_EPS = 5_000_000;

async function benchAppendAndReplay(work: string): Promise<void> {
  const writeMbps = new Map<string, number>();
  const pool = payloadPool();
  console.log(`\n2. append, ${PAYLOAD_BYTES}-byte payloads (${RECORD_BYTES} B/record on disk); best of 2 per side:`);
  let replayDir = '';
  let replayEvents = 0;
  let sqliteFile = '';
  for (const [i, c] of CASES.entries()) {
    let journalS = Infinity;
    let rawS = Infinity;
    let sqliteS = Infinity;
    for (let rep = 0; rep < 2; rep++) {
      const dir = path.join(work, `j${i}-${rep}`);
      const { seconds } = await appendJournal(dir, c, pool);
      journalS = Math.min(journalS, seconds);
      const raw = path.join(work, `raw${i}-${rep}.bin`);
      rawS = Math.min(rawS, rawWrite(raw, c, pool));
      fs.rmSync(raw);
      const db = path.join(work, `s${i}-${rep}.sqlite`);
      sqliteS = Math.min(sqliteS, sqliteInsert(db, c, pool));
      if (i === 0 && rep === 0) {
        replayDir = dir;
        replayEvents = c.events;
        sqliteFile = db;
      } else {
        fs.rmSync(dir, { recursive: true, force: true });
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
      }
    }
    const bytes = c.events * RECORD_BYTES;
    writeMbps.set(c.label, bytes / journalS / 1e6);
    console.log(`   ${c.label} (${fmt(c.events)} events):`);
    console.log(`      journal ${eps(c.events, journalS)}  ${mbps(bytes, journalS)}`);
    console.log(`      raw fs.writeSync${c.rawSync ? ' + fdatasync per group' : c.policy.mode === 'none' ? '' : ' + one fdatasync'} ${mbps(bytes, rawS)}   journal/raw ${fmt(rawS / journalS, 2)}x`);
    console.log(`      SQLite WAL synchronous=${c.sqliteSync} ${eps(c.events, sqliteS)}   journal/SQLite ${fmt(sqliteS / journalS, 1)}x`);
  }

  console.log(`\n3. replay of the ${fmt(replayEvents)}-event journal from part 2 (page cache warm), best of 3:`);
  let openS = Infinity;
  let replayS = Infinity;
  let verifiedS = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t = nowNs();
    const opened = openJournal(replayDir, { clock: new LiveClock(), fsync: { mode: 'none' } });
    if (!opened.ok) throw new Error(opened.error.message);
    openS = Math.min(openS, Number(nowNs() - t) / 1e9);
    const journal = opened.value.journal;
    let sink = 0;
    const visit = (_seq: number, _type: number, payload: Uint8Array): void => {
      sink += payload[0]!;
    };
    const t2 = nowNs();
    const n = journal.replay(visit);
    replayS = Math.min(replayS, Number(nowNs() - t2) / 1e9);
    const t3 = nowNs();
    journal.replay(visit, { verifyCrc: true });
    verifiedS = Math.min(verifiedS, Number(nowNs() - t3) / 1e9);
    await journal.close();
    if (n !== replayEvents || sink === -1) throw new Error(`replayed ${n} of ${replayEvents}`);
  }
  const sqlite = sqliteReadBack(sqliteFile);
  const bytes = replayEvents * RECORD_BYTES;
  console.log(`   open: verify every record (bounds, CRC-32C, sequence)   ${eps(replayEvents, openS)}  ${mbps(bytes, openS)}`);
  console.log(`   replay: framing checked, payload view per record      ${eps(replayEvents, replayS)}  ${mbps(bytes, replayS)}`);
  console.log(`   replay with the CRC recomputed (verifyCrc)             ${eps(replayEvents, verifiedS)}  ${mbps(bytes, verifiedS)}`);
  console.log(`   restart = open + replay                                ${eps(replayEvents, openS + replayS)}`);
  console.log(`   SQLite SELECT of the same rows in seq order            ${eps(sqlite.rows, sqlite.seconds)}`);
  console.log(`   replay/SQLite ${fmt(sqlite.seconds / replayS, 1)}x, (open + replay)/SQLite ${fmt(sqlite.seconds / (openS + replayS), 1)}x`);

  // Real records end to end: encode + append (policy none), then replay + decode.
  const records = realisticRecords(500_000);
  const enc = new EngineRecordEncoder();
  const dec = new EngineRecordDecoder();
  const dir = path.join(work, 'real');
  const opened = openJournal(dir, { clock: new LiveClock(), fsync: { mode: 'none' } });
  if (!opened.ok) throw new Error(opened.error.message);
  const real = opened.value.journal;
  const t = nowNs();
  for (const r of records) {
    const { type, payload } = enc.encode(r);
    real.append(type, payload);
  }
  await real.commit();
  const appendS = Number(nowNs() - t) / 1e9;
  let decodedAt = 0;
  const t2 = nowNs();
  real.replay((_seq, type, payload) => {
    decodedAt += dec.decode(type, payload).at;
  });
  const decodeS = Number(nowNs() - t2) / 1e9;
  const fileBytes = real.stats().bytesWritten;
  await real.close();
  if (decodedAt === -1) console.log('');
  console.log(`\n   our binary order records (${fmt(fileBytes / records.length, 0)} B/record on disk), ${fmt(records.length)} events, policy none:`);
  console.log(`   encode + append ${eps(records.length, appendS)}  ${mbps(fileBytes, appendS)};  replay + decode ${eps(records.length, decodeS)}`);

  console.log(`\n4. against the system this replaces (${OLD_WRITE_MBPS} MB/s write, ${fmt(OLD_REPLAY_EPS / 1e6, 0)} M events/s replay):`);
  // Small fsync groups are bound by the disk's flush latency, not by bandwidth: no MB/s comparison.
  const bandwidthBound = [...writeMbps].filter(([label]) => !/group of 1(0)?\b/.test(label));
  for (const [label, value] of bandwidthBound) {
    console.log(`   write, ${label}: ${fmt(value, 0)} MB/s = ${fmt(value / OLD_WRITE_MBPS, 2)}x`);
  }
  const ratio = (seconds: number): string => `${fmt(replayEvents / seconds / OLD_REPLAY_EPS, 2)}x`;
  console.log(`   replay ${ratio(replayS)}, with the CRC recomputed ${ratio(verifiedS)}, open + replay ${ratio(openS + replayS)}`);
}

export async function runJournalBench(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-bench-journal-'));
  console.log(`journal bench in ${work} (${os.platform()}, fsync = fdatasync)`);
  try {
    benchCodec();
    await benchAppendAndReplay(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
