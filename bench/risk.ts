/**
 * `npm run bench -- risk`
 * The full pre-trade check of a typical limit order with every check enabled (kill switch, instrument,
 * conformity, daily loss, venue and instrument breakers, max qty, min/max notional, price collar, max
 * long/short, open orders per instrument/venue/account, self-trade, duplicate guard, gross exposure,
 * venue and account order-rate buckets) against a realistic context: 4 instruments on two venues
 * (SIM-A, SIM-B) with live books in the real book worker's SharedArrayBuffer read through a real
 * BookReader, 3 open positions and 20 working orders.
 *
 * There is no JavaScript risk-check library to compare with, so the peer is a NAIVE REFERENCE written
 * here: the same checks the obvious way (an array of check closures, working orders and sent orders
 * filtered from arrays, limits resolved from the decimal strings on every call, book prices through
 * BookReader.bestBid/bestAsk/mid which return fresh arrays). Both are cross-checked to give the same
 * verdict on a mixed stream of orders (limit, market, stop-market, stop-limit, reduce-only) before
 * anything is timed. Requests are built in one object shape (see request()); what many shapes cost is
 * measured last.
 *
 * One check takes far less than the timer's resolution, so checks are timed in batches of BATCH with
 * process.hrtime.bigint() and each batch's time divided by BATCH: p50/p99 are over those per-batch
 * means. Heap allocation per check: gc() (exposed at run time via v8 flags), heapUsed before and after
 * a window of checks; the median window / size is reported (see bytesPerCall).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BookService, topBufferLength, type BookReader } from '../src/engine/book';
import type { Clock, Side } from '../src/engine/core';
import { instrumentKey, InstrumentRegistry, notional, quoteDecimals, type Instrument } from '../src/engine/instruments';
import { riskRequest, type Order, type OrderRequest } from '../src/engine/oms';
import { testOrder } from '../src/engine/oms/testSupport';
import {
  BookQuotes,
  ExposureTracker,
  KillSwitch,
  riskCodeName,
  RiskManager,
  LiveRiskContext,
  type RiskLimitsConfig,
} from '../src/engine/risk';
import { openStore, type Store } from '../src/engine/storage';
import { simInstruments } from '../src/engine/venues';
import { fmt, percentile, sortedCopy } from './stats';

const BATCH = 1_000;
const OUR_BATCHES = 3_000;
const PEER_BATCHES = 300;
const STEP_MS = 100; // the bench clock moves 100 ms per order: 10 orders/s on one instrument
const VENUES = ['SIM-A', 'SIM-B'];
const SYMBOLS = ['BTC-USDT', 'ETH-USDT'];

/** Time as the bench says: each order advances it by STEP_MS. No timers are needed (breakers stay closed). */
class BenchClock implements Clock {
  t = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
  setTimeout(): number {
    return 0;
  }
  setInterval(): number {
    return 0;
  }
  clearTimer(): void {}
}

const LIMITS: RiskLimitsConfig = {
  defaults: {
    maxOrderQty: '5',
    maxOrderNotional: '500000',
    maxLongPosition: '3',
    maxShortPosition: '3',
    priceCollarPct: '5',
    maxOpenOrders: 50,
    selfTradePrevention: true,
    duplicateWindowMs: 1_000,
  },
  instruments: {},
  venueDefaults: { maxOpenOrders: 100, ordersPerSecond: 100, orderBurst: 50 },
  account: {
    maxOpenOrders: 200,
    ordersPerSecond: 200,
    orderBurst: 100,
    maxGrossExposure: { USDT: '10000000' },
    maxDailyLoss: { USDT: '50000' },
  },
  breakers: { defaults: { maxRejectPct: 50, maxErrors: 3, maxAckLatencyMs: 2_000, staleBook: true } },
};

const MID: Record<string, number> = { 'BTC-USDT': 950_000, 'ETH-USDT': 340_000 };
const LEVELS = 50;

interface World {
  clock: BenchClock;
  registry: InstrumentRegistry;
  service: BookService;
  store: Store;
  dir: string;
  killSwitch: KillSwitch;
  orders: Order[];
  positions: { venue: string; symbol: string; qty: number }[];
}

async function buildWorld(): Promise<World> {
  const clock = new BenchClock();
  const registry = new InstrumentRegistry();
  for (const venue of VENUES) for (const inst of simInstruments(venue)) if (SYMBOLS.includes(inst.symbol)) registry.add(inst);
  const service = new BookService({ capacity: 8 });
  for (const venue of VENUES) {
    for (const symbol of SYMBOLS) {
      const mid = MID[symbol]!;
      const bids: [number, number][] = [];
      const asks: [number, number][] = [];
      for (let i = 0; i < LEVELS; i++) {
        bids.push([mid - 1 - i, 20 + i]);
        asks.push([mid + 1 + i, 20 + i]);
      }
      const fed = service.onVenueEvent({ type: 'bookSnapshot', venue, symbol, seq: 1, bids, asks });
      if (!fed.ok) throw new Error(fed.error.message);
    }
  }
  await service.whenApplied();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-bench-risk-'));
  const store = openStore(dir);
  const killSwitch = new KillSwitch({ clock, store });

  // 20 working orders: 12 on SIM-A BTC, 4 on SIM-A ETH, 4 on SIM-B BTC; resting away from the touch.
  const orders: Order[] = [];
  const add = (venue: string, symbol: string, side: Side, price: number): void => {
    orders.push(testOrder({ clientOrderId: `w${orders.length}`, venue, symbol, side, price, createdAt: clock.t, updatedAt: clock.t }));
  };
  for (let k = 0; k < 8; k++) add('SIM-A', 'BTC-USDT', 'buy', MID['BTC-USDT']! - 100 - 2 * k);
  for (let k = 0; k < 4; k++) add('SIM-A', 'BTC-USDT', 'sell', MID['BTC-USDT']! + 100 + 2 * k);
  for (let k = 0; k < 3; k++) add('SIM-A', 'ETH-USDT', 'buy', MID['ETH-USDT']! - 50 - k);
  add('SIM-A', 'ETH-USDT', 'sell', MID['ETH-USDT']! + 50);
  for (let k = 0; k < 2; k++) add('SIM-B', 'BTC-USDT', 'buy', MID['BTC-USDT']! - 80 - k);
  for (let k = 0; k < 2; k++) add('SIM-B', 'BTC-USDT', 'sell', MID['BTC-USDT']! + 80 + k);
  const positions = [
    { venue: 'SIM-A', symbol: 'BTC-USDT', qty: 5_000 }, // 0.5 BTC long
    { venue: 'SIM-A', symbol: 'ETH-USDT', qty: -2_000 }, // 2 ETH short
    { venue: 'SIM-B', symbol: 'BTC-USDT', qty: 2_000 }, // 0.2 BTC long
  ];
  return { clock, registry, service, store, dir, killSwitch, orders, positions };
}

function ourRisk(w: World): RiskManager {
  const tracker = new ExposureTracker();
  for (const o of w.orders) tracker.applyOrder(o);
  for (const p of w.positions) tracker.setPosition(p.venue, p.symbol, p.qty);
  const quotes = new BookQuotes(w.service.sab, (key) => w.service.slotOf(key));
  const context = new LiveRiskContext(tracker, quotes, () => 0);
  const risk = new RiskManager({ instruments: w.registry, killSwitch: w.killSwitch, clock: w.clock, context, config: structuredClone(LIMITS) });
  risk.evaluateDailyLoss();
  return risk;
}

// ---- the naive reference -------------------------------------------------------------------------

type Verdict = { ok: true } | { ok: false; code: string; reason: string };
interface Sent {
  venue: string;
  symbol: string;
  side: Side;
  price: number | undefined;
  stopPrice: number | undefined;
  qty: number;
  ts: number;
}

const parseAmount = (text: string, decimals: number): number => {
  const [whole = '0', frac = ''] = text.split('.');
  return Number(whole + frac.slice(0, decimals).padEnd(decimals, '0'));
};

/** The same checks, written the obvious way. */
class NaiveRisk {
  private sent: Sent[] = [];
  private buckets: Record<string, { tokens: number; last: number }> = {};

  constructor(
    private readonly cfg: RiskLimitsConfig,
    private readonly registry: InstrumentRegistry,
    private readonly reader: BookReader,
    private readonly orders: Order[],
    private readonly positions: { venue: string; symbol: string; qty: number }[],
    private readonly killSwitch: KillSwitch,
    private readonly clock: Clock,
  ) {}

  check(req: OrderRequest): Verdict {
    const now = this.clock.now();
    const key = instrumentKey(req.venue, req.symbol);
    const inst = this.registry.get(req.venue, req.symbol);
    const spec = { ...this.cfg.defaults, ...this.cfg.instruments[key] };
    const lots = (text: string | undefined): number =>
      text === undefined || !inst ? Infinity : Math.floor(parseAmount(text, inst.qtyDecimals) / inst.lotSize);
    const mine = this.orders.filter((o) => o.venue === req.venue && o.symbol === req.symbol && ['submitted', 'accepted', 'partially_filled'].includes(o.status));
    const position = this.positions.find((p) => p.venue === req.venue && p.symbol === req.symbol)?.qty ?? 0;
    const limitPriced = req.type === 'limit' || req.type === 'stop_limit';
    const isStop = req.type === 'stop_market' || req.type === 'stop_limit';
    // Valued at the limit price, else the stop price, else the touch a market order takes.
    const price = (): number | undefined =>
      limitPriced ? req.price : isStop ? req.stopPrice : (req.side === 'buy' ? this.reader.bestAsk(key) : this.reader.bestBid(key))?.[0];
    const value = (): number => notional(inst!, price()!, req.qty);
    const venueSpec = { ...this.cfg.venueDefaults, ...this.cfg.venues?.[req.venue] };
    const account = this.cfg.account ?? {};
    const exposureLimit = account.maxGrossExposure?.[inst?.quote ?? ''];

    const checks: [string, () => string | undefined][] = [
      ['KILL_SWITCH', () => (this.killSwitch.isEngaged() ? 'kill switch engaged' : undefined)],
      ['UNKNOWN_INSTRUMENT', () => (inst ? undefined : `unknown instrument ${key}`)],
      ['INVALID_QTY', () => (Number.isSafeInteger(req.qty) && req.qty > 0 ? undefined : 'bad quantity')],
      ['MISSING_PRICE', () => (limitPriced && req.price === undefined ? 'needs a price' : undefined)],
      ['MISSING_STOP_PRICE', () => (isStop && req.stopPrice === undefined ? 'needs a stop price' : undefined)],
      ['MAX_ORDER_QTY', () => (req.qty > lots(spec.maxOrderQty) ? `quantity ${req.qty} over ${lots(spec.maxOrderQty)}` : undefined)],
      ['NO_REFERENCE_PRICE', () => (price() === undefined ? 'no reference price' : undefined)],
      ['MIN_NOTIONAL', () => (value() < inst!.minNotional ? 'below min notional' : undefined)],
      [
        'MAX_ORDER_NOTIONAL',
        () => {
          const max = spec.maxOrderNotional === undefined ? Infinity : parseAmount(spec.maxOrderNotional, quoteDecimals(inst!));
          return value() > max ? `notional ${value()} over ${max}` : undefined;
        },
      ],
      [
        'PRICE_COLLAR',
        () => {
          // Every price the trader typed: the limit price and the stop price.
          const typed = [limitPriced ? req.price : undefined, isStop ? req.stopPrice : undefined].filter((p) => p !== undefined);
          if (typed.length === 0 || spec.priceCollarPct === undefined) return undefined;
          const mid = this.reader.mid(key);
          if (mid === undefined) return 'no mid';
          const pct = Math.max(...typed.map((p) => (Math.abs(p - mid) / mid) * 100));
          return pct > Number(spec.priceCollarPct) ? `price ${pct.toFixed(2)}% from mid` : undefined;
        },
      ],
      [
        req.side === 'buy' ? 'MAX_LONG_POSITION' : 'MAX_SHORT_POSITION',
        () => {
          const working = mine.filter((o) => o.side === req.side).reduce((sum, o) => sum + o.qty - o.filledQty, 0);
          const worst = (req.side === 'buy' ? position : -position) + working + req.qty;
          const max = lots(req.side === 'buy' ? spec.maxLongPosition : spec.maxShortPosition);
          const reduces = req.reduceOnly === true && (req.side === 'buy' ? position < 0 : position > 0);
          return worst > max && !reduces ? `worst case ${worst} over ${max}` : undefined;
        },
      ],
      ['MAX_OPEN_ORDERS_INSTRUMENT', () => (mine.length + 1 > (spec.maxOpenOrders ?? Infinity) ? 'too many open orders' : undefined)],
      [
        'MAX_OPEN_ORDERS_VENUE',
        () => (this.orders.filter((o) => o.venue === req.venue).length + 1 > (venueSpec.maxOpenOrders ?? Infinity) ? 'venue open orders' : undefined),
      ],
      ['MAX_OPEN_ORDERS_ACCOUNT', () => (this.orders.length + 1 > (account.maxOpenOrders ?? Infinity) ? 'account open orders' : undefined)],
      [
        'SELF_TRADE',
        () => {
          if (!spec.selfTradePrevention) return undefined;
          const crossing = mine.filter(
            (o) => o.side !== req.side && (!limitPriced || (req.side === 'buy' ? req.price! >= o.price! : req.price! <= o.price!)),
          );
          return crossing.length > 0 ? `would cross own order ${crossing[0]!.clientOrderId}` : undefined;
        },
      ],
      [
        'DUPLICATE_ORDER',
        () => {
          const windowMs = spec.duplicateWindowMs ?? 0;
          this.sent = this.sent.filter((s) => now - s.ts < 60_000);
          const dup = this.sent.find(
            (s) =>
              now - s.ts < windowMs &&
              s.venue === req.venue &&
              s.symbol === req.symbol &&
              s.side === req.side &&
              s.qty === req.qty &&
              s.price === (limitPriced ? req.price : undefined) &&
              s.stopPrice === (isStop ? req.stopPrice : undefined),
          );
          return dup ? 'duplicate' : undefined;
        },
      ],
      [
        'MAX_GROSS_EXPOSURE',
        () => {
          if (exposureLimit === undefined) return undefined;
          const same = this.registry.all().filter((i) => i.quote === inst!.quote);
          const decimals = Math.max(...same.map(quoteDecimals));
          const scale = (i: Instrument): number => 10 ** (decimals - quoteDecimals(i)) * i.tickSize * i.lotSize;
          const held = same
            .map((i) => {
              const p = this.positions.find((x) => x.venue === i.venue && x.symbol === i.symbol)?.qty ?? 0;
              const mid = p === 0 ? 0 : (this.reader.mid(instrumentKey(i.venue, i.symbol)) ?? NaN);
              const working = this.orders
                .filter((o) => o.venue === i.venue && o.symbol === i.symbol && o.price !== undefined)
                .reduce((sum, o) => sum + o.price! * (o.qty - o.filledQty), 0);
              return Math.ceil(Math.abs(p) * mid * scale(i)) + working * scale(i);
            })
            .reduce((a, b) => a + b, 0);
          const total = held + value() * 10 ** (decimals - quoteDecimals(inst!));
          return total > parseAmount(exposureLimit, decimals) ? 'gross exposure' : undefined;
        },
      ],
      ['ORDER_RATE_VENUE', () => this.rate(`v:${req.venue}`, venueSpec.ordersPerSecond, venueSpec.orderBurst, now)],
      ['ORDER_RATE_ACCOUNT', () => this.rate('account', account.ordersPerSecond, account.orderBurst, now)],
    ];
    for (const [code, run] of checks) {
      const reason = run();
      if (reason !== undefined) return { ok: false, code, reason };
    }
    this.take(`v:${req.venue}`, venueSpec.ordersPerSecond);
    this.take('account', account.ordersPerSecond);
    this.sent.push({
      venue: req.venue,
      symbol: req.symbol,
      side: req.side,
      price: limitPriced ? req.price : undefined,
      stopPrice: isStop ? req.stopPrice : undefined,
      qty: req.qty,
      ts: now,
    });
    return { ok: true };
  }

  private rate(name: string, perSecond: number | undefined, burst: number | undefined, now: number): string | undefined {
    if (perSecond === undefined) return undefined;
    const size = burst ?? perSecond;
    const b = (this.buckets[name] ??= { tokens: size, last: now });
    b.tokens = Math.min(size, b.tokens + ((now - b.last) * perSecond) / 1000);
    b.last = now;
    return b.tokens < 1 ? 'order rate' : undefined;
  }

  private take(name: string, perSecond: number | undefined): void {
    if (perSecond !== undefined) this.buckets[name]!.tokens -= 1;
  }
}

// ---- measurement ---------------------------------------------------------------------------------

function timeBatches(run: (n: number) => void, batches: number): Float64Array {
  const out = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    run(BATCH);
    out[b] = Number(process.hrtime.bigint() - start) / BATCH;
  }
  return out;
}

/**
 * Heap bytes per call: gc(), then heapUsed before and after a window of calls, over several windows;
 * the median window. Windows are kept small enough (well under a young-generation semi-space) that a
 * GC inside one is rare, and the median ignores one-off allocations such as JIT code.
 */
function bytesPerCall(gc: () => void, run: (n: number) => void, window: number, windows: number): number {
  const samples = new Float64Array(windows);
  for (let k = 0; k < windows; k++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    run(window);
    const after = process.memoryUsage().heapUsed;
    samples[k] = (after - before) / window;
  }
  return percentile(sortedCopy(samples), 50);
}

/**
 * Orders of every kind (limit, market, stop-market, stop-limit, reduce-only; passing and failing
 * various checks), to compare the two verdict by verdict.
 */
/**
 * Every request in one object shape, absent fields undefined: the check then reads its fields through
 * monomorphic inline caches. Objects of many shapes (an optional field present in some, absent in
 * others) make those reads megamorphic; the breakdown measures that case too.
 */
function request(r: Pick<OrderRequest, 'venue' | 'symbol' | 'side' | 'type' | 'qty'> & Partial<OrderRequest>): OrderRequest {
  return riskRequest(r);
}

function mixedOrder(i: number, bid: number, shape = request): OrderRequest {
  const r = (i * 2654435761) >>> 0;
  const side: Side = r % 3 === 0 ? 'sell' : 'buy';
  const venue = VENUES[(r >>> 3) % 2]!;
  const symbol = (r >>> 5) % 4 === 0 ? 'ETH-USDT' : 'BTC-USDT';
  const base = symbol === 'BTC-USDT' ? bid : MID['ETH-USDT']! - 1;
  const kind = (r >>> 8) % 10;
  const qty = kind === 0 ? 60_000 : kind === 1 ? 1 : kind === 5 ? 40_000 : 100 + ((r >>> 12) % 7);
  if (kind === 2) return shape({ venue, symbol, side, type: 'market', qty });
  const offset = kind === 3 ? 200 : kind === 4 ? 60_000 : (r >>> 16) % 64;
  const price = side === 'buy' ? base - 20 + offset : base + 20 - offset;
  // Some of them stop orders (the stop where the limit would be, or 10 ticks the other side of it), some reduce-only.
  const flavour = (r >>> 22) % 8;
  if (flavour === 0) return shape({ venue, symbol, side, type: 'stop_market', stopPrice: price, qty });
  if (flavour === 1) return shape({ venue, symbol, side, type: 'stop_limit', stopPrice: side === 'buy' ? price - 10 : price + 10, price, qty });
  if (flavour === 2) return shape({ venue, symbol, side, type: 'limit', price, qty, reduceOnly: true });
  return shape({ venue, symbol, side, type: 'limit', price, qty });
}

/** The same requests as object literals with only their own fields: five shapes. */
const asLiteral = (r: Pick<OrderRequest, 'venue' | 'symbol' | 'side' | 'type' | 'qty'> & Partial<OrderRequest>): OrderRequest => ({ ...r });

export async function runRiskBench(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const world = await buildWorld();
  try {
    const ours = ourRisk(world);
    const peer = new NaiveRisk(LIMITS, world.registry, world.service.reader, world.orders, world.positions, world.killSwitch, world.clock);
    const bid = MID['BTC-USDT']! - 1;

    // 1. Same verdicts on a mixed stream (each side sees the same clock values in the same order).
    const startT = world.clock.t;
    const verdicts: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      world.clock.t = startT + i * STEP_MS;
      const code = ours.checkCode(mixedOrder(i, bid));
      verdicts.push(riskCodeName(code));
    }
    const peerVerdicts: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      world.clock.t = startT + i * STEP_MS;
      const v = peer.check(mixedOrder(i, bid));
      peerVerdicts.push(v.ok ? 'PASS' : v.code);
    }
    const mismatch = verdicts.findIndex((v, i) => v !== peerVerdicts[i]);
    if (mismatch >= 0) throw new Error(`verdicts differ at order ${mismatch}: ours ${verdicts[mismatch]}, peer ${peerVerdicts[mismatch]}`);
    const tally = new Map<string, number>();
    for (const v of verdicts) tally.set(v, (tally.get(v) ?? 0) + 1);
    console.log(`cross-check: 2,000 mixed orders, identical verdicts (${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')})`);

    // 2. Timing: a typical passing limit buy on SIM-A BTC-USDT, price walking 64 ticks below the touch.
    world.clock.t += 3_600_000;
    const req: OrderRequest = request({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: bid, qty: 100 });
    let i = 0;
    let passed = 0;
    // The loops keep their counters in locals: what is timed should be the check, not the loop.
    const clock = world.clock;
    const runOurs = (n: number): void => {
      let at = i;
      let ok = 0;
      for (let k = 0; k < n; k++) {
        clock.t += STEP_MS;
        req.price = bid - (at++ & 63);
        if (ours.check(req).ok) ok++;
      }
      i = at;
      passed += ok;
    };
    const runPeer = (n: number): void => {
      let at = i;
      let ok = 0;
      for (let k = 0; k < n; k++) {
        clock.t += STEP_MS;
        req.price = bid - (at++ & 63);
        if (peer.check(req).ok) ok++;
      }
      i = at;
      passed += ok;
    };
    runOurs(200_000); // warm up the JIT
    runPeer(20_000);
    const oursNs = sortedCopy(timeBatches(runOurs, OUR_BATCHES));
    const peerNs = sortedCopy(timeBatches(runPeer, PEER_BATCHES));
    const oursBytes = bytesPerCall(gc, runOurs, 100_000, 11);
    const peerBytes = bytesPerCall(gc, runPeer, 50, 21);
    const expected = 200_000 + 20_000 + (OUR_BATCHES + PEER_BATCHES) * BATCH + 100_000 * 11 + 50 * 21;
    if (passed !== expected) throw new Error(`only ${passed} of ${expected} typical orders passed`);

    const p50 = percentile(oursNs, 50);
    const p99 = percentile(oursNs, 99);
    const peerP50 = percentile(peerNs, 50);
    console.log(`context: 4 instruments on SIM-A/SIM-B, live books in a real BookReader/SAB, 3 positions, 20 working orders`);
    console.log(`order: limit buy 0.01 BTC SIM-A:BTC-USDT, every check enabled; clock +${STEP_MS} ms per order`);
    console.log(`timing: batches of ${fmt(BATCH)} checks timed with process.hrtime.bigint() and divided (one check is below timer resolution)`);
    console.log(`risk check p50: ${fmt(p50, 1)} ns`);
    console.log(`risk check p99: ${fmt(p99, 1)} ns`);
    console.log(`risk check heap: ${fmt(oursBytes, 3)} bytes/check (median of 11 windows of 100,000 checks, gc() before each)`);
    console.log(`naive reference (NOT a library: the same checks written the obvious way, in bench/risk.ts):`);
    console.log(`naive check p50: ${fmt(peerP50, 1)} ns, p99: ${fmt(percentile(peerNs, 99), 1)} ns, heap: ${fmt(peerBytes, 0)} bytes/check`);
    console.log(`ratio (naive p50 / ours p50): ${fmt(peerP50 / p50, 1)}x`);

    // 3. Where the time goes: the same order with parts of the work taken away, and the book read alone.
    console.log('breakdown (same order, ours):');
    const variant = (label: string, config: RiskLimitsConfig): void => {
      const set = ours.setLimits(config);
      if (!set.ok) throw new Error(set.error.message);
      runOurs(100_000);
      const ns = sortedCopy(timeBatches(runOurs, OUR_BATCHES / 3));
      console.log(`  ${label}: p50 ${fmt(percentile(ns, 50), 1)} ns`);
    };
    variant('every position marked from its live book on every check (exposureMarkMaxAgeMs 0)', {
      ...LIMITS,
      account: { ...LIMITS.account, exposureMarkMaxAgeMs: 0 },
    });
    variant('without the checks that read the book (price collar, gross exposure)', {
      ...LIMITS,
      defaults: { ...LIMITS.defaults, priceCollarPct: undefined },
      account: { ...LIMITS.account, maxGrossExposure: undefined },
    });
    variant('no limits at all (kill switch, instrument, conformity, breakers only)', { defaults: {}, instruments: {} });
    const slot = world.service.slotOf('SIM-A:BTC-USDT')!;
    const top = new Float64Array(topBufferLength(1));
    const readNs = sortedCopy(
      timeBatches((n) => {
        for (let k = 0; k < n; k++) world.service.reader.readTopInto(slot, 1, top);
      }, OUR_BATCHES / 3),
    );
    console.log(`  one top-of-book read alone (BookReader.readTopInto, n=1): p50 ${fmt(percentile(readNs, 50), 1)} ns`);

    // Last, because it cannot be undone in this process: requests of five object shapes make the
    // check's reads of their fields megamorphic for the rest of the run.
    const restored = ours.setLimits(structuredClone(LIMITS));
    if (!restored.ok) throw new Error(restored.error.message);
    for (let k = 0; k < 20_000; k++) {
      world.clock.t += STEP_MS;
      ours.checkCode(mixedOrder(k, bid, asLiteral));
    }
    world.clock.t += 3_600_000;
    const passedBefore = passed;
    runOurs(100_000);
    const mixedNs = sortedCopy(timeBatches(runOurs, OUR_BATCHES / 3));
    const mixedBytes = bytesPerCall(gc, runOurs, 100_000, 11);
    const mixedExpected = 100_000 + (OUR_BATCHES / 3) * BATCH + 100_000 * 11;
    if (passed - passedBefore !== mixedExpected) throw new Error(`only ${passed - passedBefore} of ${mixedExpected} typical orders passed`);
    console.log(
      `  after requests of 5 object shapes (optional fields present or absent: megamorphic field reads): p50 ${fmt(percentile(mixedNs, 50), 1)} ns, heap ${fmt(mixedBytes, 3)} bytes/check`,
    );
    ours.dispose();
  } finally {
    await world.service.close();
    world.store.close();
    fs.rmSync(world.dir, { recursive: true, force: true });
  }
}
