/**
 * `npm run bench -- oms`: what the OMS costs after 1,000,000 orders next to after 1,000.
 *
 * The real OrderManager (write-ahead journal with fsync every 5 ms, SQLite projection, risk checks)
 * trades through `InstantVenue`, a real in-process VenueAdapter that acknowledges every order at once
 * and fills 90% of them in full; the other 10% rest until the bench cancels them (about 100 work at
 * any time). Not the SIM venue: its matching engine and its own journal would dominate the time and
 * memory of a million orders, and they are not what is measured here. Orders go one at a time: submit,
 * then wait for the acknowledgement.
 *
 * Measured at 1k, 200k and 1M orders: heap after a full GC, the snapshot pause (`checkpoint()`: SQLite
 * fsynced, the ledger serialised, the snapshot written and fsynced, all on the event loop), cancel-all
 * over the working orders, and submit -> ack p50/p99 over the last 1,000 orders. The peer is the same
 * OMS holding every finished order in memory, as it did before (keepFinished unbounded), to 200k.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LiveClock, type Symbol } from '../src/engine/core';
import { InstrumentRegistry, type Instrument } from '../src/engine/instruments';
import { OrderManager, type Order } from '../src/engine/oms';
import { KillSwitch, RiskManager } from '../src/engine/risk';
import { openStore } from '../src/engine/storage';
import { openJournal } from '../src/engine/storage/journal';
import { SIM_INSTRUMENT_SPECS, type FeeSchedule, type VenueAdapter, type VenueEvent, type VenueOrderRequest } from '../src/engine/venues';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const VENUE = 'BENCH';
/** The SIM venue's BTC-USDT (same scale, same start price) at this bench's venue, without its minimum notional. */
const SPEC = SIM_INSTRUMENT_SPECS.find((s) => s.instrument.symbol === 'BTC-USDT')!;
const INSTRUMENT: Instrument = { ...SPEC.instrument, venue: VENUE, minNotional: 0 };
const SYMBOL = INSTRUMENT.symbol;
const PRICE = SPEC.market.startTicks;
const WINDOW = 1_000;
const RESTING_EVERY = 10;
const MAX_RESTING = 100;

/** Acknowledges at once and fills in full, answering like a socket would (after the call returns). */
class InstantVenue implements VenueAdapter {
  readonly id = VENUE;
  readonly fees: FeeSchedule = { makerBps: 1, takerBps: 5 };
  private readonly listeners = new Set<(e: VenueEvent) => void>();
  private seq = 0;

  instruments(): Instrument[] {
    return [INSTRUMENT];
  }
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  /** No book here: the bench trades blind. */
  requestBookSnapshot(): void {}

  submit(order: VenueOrderRequest): void {
    const n = ++this.seq;
    const rest = n % RESTING_EVERY === 0;
    queueMicrotask(() => {
      const ts = Date.now();
      this.emit({ type: 'orderAccepted', venue: VENUE, clientOrderId: order.clientOrderId, venueOrderId: `V${n}`, ts });
      if (!rest) {
        const price = order.price ?? PRICE;
        this.emit({ type: 'orderFilled', venue: VENUE, clientOrderId: order.clientOrderId, fillId: `F${n}`, ts, price, qty: order.qty, liquidity: 'taker', fee: 1 });
      }
    });
  }

  cancel(_symbol: Symbol, clientOrderId: string): void {
    queueMicrotask(() => this.emit({ type: 'orderCanceled', venue: VENUE, clientOrderId, ts: Date.now() }));
  }

  amend(): void {
    throw new Error('not used by the bench');
  }
  async openOrders() {
    return [];
  }
  async queryOrder() {
    return undefined;
  }
  async fillsSince() {
    return [];
  }
  onEvent(listener: (e: VenueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private emit(e: VenueEvent): void {
    for (const l of this.listeners) l(e);
  }
}

interface Figures {
  orders: number;
  heapMb: number;
  held: number;
  snapshotMs: number;
  snapshotKb: number;
  cancelAllUs: number;
  p50Us: number;
  p99Us: number;
}

async function run(total: number, marks: number[], keepFinished: number | undefined, label: string): Promise<Figures[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-bench-oms-'));
  const clock = new LiveClock();
  const store = openStore(dataDir);
  const opened = openJournal(dataDir, { clock, fsync: { mode: 'interval', ms: 5 } });
  if (!opened.ok) throw new Error(opened.error.message);
  const journal = opened.value.journal;
  const instruments = new InstrumentRegistry();
  instruments.add(INSTRUMENT);
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({ instruments, killSwitch, referencePrice: () => PRICE, store, defaults: { maxOrderQty: '1' } });
  const venue = new InstantVenue();
  const oms = new OrderManager({ clock, store, journal, venues: [venue], instruments, risk, ...(keepFinished === undefined ? {} : { keepFinished }) });
  oms.recover();

  let waiting: { id: string; resolve: () => void } | undefined;
  oms.events.on('order', (o: Order) => {
    if (waiting && o.clientOrderId === waiting.id && o.status !== 'submitted') waiting.resolve();
  });
  const resting: string[] = [];
  const samples = new Float64Array(total);
  const out: Figures[] = [];
  try {
    for (let i = 0; i < total; i++) {
      const id = `b${i}`;
      const acked = new Promise<void>((resolve) => (waiting = { id, resolve }));
      const t0 = nowNs();
      const placed = oms.submit({ clientOrderId: id, venue: VENUE, symbol: SYMBOL, side: i % 2 === 0 ? 'buy' : 'sell', type: 'limit', price: PRICE, qty: 10 }, 'ticket');
      if (!placed.ok) throw new Error(`order ${i} refused: ${placed.error.message}`);
      await acked;
      samples[i] = Number(nowNs() - t0);
      if ((i + 1) % RESTING_EVERY === 0) resting.push(id);
      if (resting.length > MAX_RESTING) oms.cancel(resting.shift()!, 'ticket');
      if (marks.includes(i + 1)) out.push(await measure(oms, journal.dir, samples, i + 1));
      if ((i + 1) % 250_000 === 0) console.log(`  ${label}: ${fmt(i + 1)} orders`);
    }
  } finally {
    await oms.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

async function measure(oms: OrderManager, journalDir: string, samples: Float64Array, n: number): Promise<Figures> {
  await oms.settled();
  const window = sortedCopy(samples.subarray(n - WINDOW, n));
  gc();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const held = oms.orders().length;
  // The pause a snapshot puts on the event loop: the best and worst of 3, reported as the worst.
  let snapshotMs = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = nowNs();
    if (!oms.checkpoint()) throw new Error('checkpoint refused');
    snapshotMs = Math.max(snapshotMs, Number(nowNs() - t0) / 1e6);
  }
  const { readdirSync, statSync } = await import('node:fs');
  const snap = readdirSync(journalDir).filter((f) => f.endsWith('.snap')).sort().at(-1)!;
  const snapshotKb = statSync(join(journalDir, snap)).size / 1024;
  const t0 = nowNs();
  oms.cancelAll({ symbol: SYMBOL }, 'kill_switch');
  const cancelAllUs = Number(nowNs() - t0) / 1000;
  await oms.settled();
  return { orders: n, heapMb, held, snapshotMs, snapshotKb, cancelAllUs, p50Us: percentile(window, 50) / 1000, p99Us: percentile(window, 99) / 1000 };
}

function print(title: string, rows: Figures[]): void {
  console.log(`\n${title}`);
  console.log('  orders     heap MB  held in memory  snapshot pause  snapshot KB  cancel-all  submit->ack p50 / p99 (last 1,000)');
  for (const r of rows) {
    console.log(
      `  ${fmt(r.orders).padStart(9)}  ${fmt(r.heapMb, 1).padStart(7)}  ${fmt(r.held).padStart(14)}  ${fmt(r.snapshotMs, 1).padStart(11)} ms  ${fmt(r.snapshotKb).padStart(11)}  ${fmt(r.cancelAllUs).padStart(7)} µs  ${fmt(r.p50Us, 1)} / ${fmt(r.p99Us, 1)} µs`,
    );
  }
}

export async function runOmsBench(): Promise<void> {
  const total = Number(process.env.SQ_BENCH_OMS_ORDERS ?? 1_000_000);
  const peerTotal = Math.min(total, Number(process.env.SQ_BENCH_OMS_PEER_ORDERS ?? 200_000));
  const marks = [1_000, peerTotal, total].filter((m, i, all) => m <= total && all.indexOf(m) === i);
  // Warm the JIT on a throwaway run first, so the figures at 1,000 orders are not those of cold code.
  await run(5_000, [], undefined, 'warm-up');
  const ours = await run(total, marks, undefined, 'ours');
  print(`ours: working orders + the 2,000 most recently finished in memory (journal fsync every 5 ms)`, ours);
  const peer = await run(peerTotal, marks.filter((m) => m <= peerTotal), Number.MAX_SAFE_INTEGER, 'peer');
  print('peer: the same OMS keeping every finished order in memory (the design before)', peer);
  const first = ours[0]!;
  const last = ours.at(-1)!;
  console.log(`\n  ours at ${fmt(last.orders)} vs at ${fmt(first.orders)}: heap ${fmt(last.heapMb / first.heapMb, 2)}x, snapshot pause ${fmt(last.snapshotMs / first.snapshotMs, 2)}x, p99 ${fmt(last.p99Us / first.p99Us, 2)}x`);
  const oursAtPeer = ours.find((r) => r.orders === peerTotal)!;
  const peerLast = peer.at(-1)!;
  console.log(
    `  ratio vs every finished order kept, at ${fmt(peerTotal)} orders: heap ${fmt(peerLast.heapMb / oursAtPeer.heapMb, 1)}x, ` +
      `snapshot pause ${fmt(peerLast.snapshotMs / oursAtPeer.snapshotMs, 1)}x, snapshot size ${fmt(peerLast.snapshotKb / oursAtPeer.snapshotKb, 1)}x (lower is ours)`,
  );
}
