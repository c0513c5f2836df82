import { SimulatedClock, type Symbol, type VenueId } from '../core';
import { dirPerTest } from '../core/testSupport';
import { InstrumentRegistry } from '../instruments';
import { enforceKillSwitch, type Order, OrderManager } from '../oms';
import { KillSwitch, type LimitSpec, RiskManager } from '../risk';
import { openJournal, openStore, type Store } from '../storage';
import { createSimVenue, type SimVenue, type VenueEvent } from '../venues';
import { AlgoEngine } from './algoEngine';
import type { AlgoQuote, BookSource, RouteMarket } from './algorithm';
import type { RetryPolicy } from './parentRunner';

/*
 * The AlgoEngine on the real OMS, risk, kill switch, journals and SIM venues, wired in the order the
 * terminal wires them (the algo engine is built before the kill switch's cancel-all is bound). Books
 * are read from the SIM venue itself; `staleBooks` marks them stale as a sequence gap would. The clock
 * moves only where a test says so (run()).
 */
export const T0 = 1_700_000_000_000;
export const SYMBOL = 'BTC-USDT';

export interface AlgoRig {
  clock: SimulatedClock;
  store: Store;
  venue: SimVenue;
  /** The extra venues (options.extraVenues), in order. */
  extras: SimVenue[];
  oms: OrderManager;
  risk: RiskManager;
  killSwitch: KillSwitch;
  algos: AlgoEngine;
  /** Books reported stale while this holds (venue:symbol keys, or '*'). */
  staleBooks: Set<string>;
  /** Every child sent (orders with source 'algo'), in order, with the clock time it was placed. */
  childLog: { order: Order; at: number }[];
  /** Every print seen on the venue (each symbol), oldest first: the recorded volume a VWAP may follow. */
  prints: Map<Symbol, { ts: number; qty: number }[]>;
  /** Prints seen on the venue (venue:symbol -> lots), what POV counts. */
  traded(symbol?: Symbol): number;
  quote(symbol?: Symbol): AlgoQuote;
  settle(): Promise<void>;
  /** Advances the clock by `ms` in steps of `stepMs`, letting every event take effect after each. */
  run(ms: number, stepMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** A crash: nothing more is written by this engine; the venue (carried) keeps running. */
  crash(): void;
}

export interface RigOptions {
  clock?: SimulatedClock;
  carried?: SimVenue;
  limits?: LimitSpec;
  retry?: RetryPolicy;
  /** Prints carried over from an earlier engine (its recorded volume). */
  prints?: Map<Symbol, { ts: number; qty: number }[]>;
  /** More SIM venues quoting the same instruments (smart routing): ids, each its own seeded market. */
  extraVenues?: string[];
  /** The extra venues of an earlier engine (a crash test carries them over, connected). */
  carriedExtras?: SimVenue[];
  /** Id of the main venue (default SIM). */
  venueId?: string;
}

export function algoDirs(): { readonly dir: string; start(options?: RigOptions): Promise<AlgoRig> } {
  const temp = dirPerTest('sq-algos-');
  return {
    get dir() {
      return temp.dir;
    },
    start: (options = {}) => start(temp.dir, temp.cleanup, options),
  };
}

async function start(dir: string, cleanup: (() => Promise<void> | void)[], options: RigOptions): Promise<AlgoRig> {
  const { clock = new SimulatedClock(T0), carried, limits = { maxOrderQty: '5' } } = options;
  const store = openStore(dir);
  const opened = openJournal(dir, { clock, fsync: { mode: 'none' } });
  if (!opened.ok) throw new Error(opened.error.message);
  const venue = carried ?? createSimVenue({ id: options.venueId ?? 'SIM', clock, seed: 11, dataDir: dir });
  const extras = options.carriedExtras ?? (options.extraVenues ?? []).map((id, i) => createSimVenue({ id, clock, seed: 12 + i, dataDir: dir }));
  const all = [venue, ...extras];
  const byId = (id: VenueId): SimVenue | undefined => all.find((v) => v.id === id);
  const instruments = new InstrumentRegistry();
  for (const v of all) for (const inst of v.instruments()) instruments.add(inst);
  const staleBooks = new Set<string>();
  const quote = (symbol: Symbol = SYMBOL, venueId: VenueId = venue.id): AlgoQuote => {
    const b = byId(venueId)?.book(symbol, 1);
    const bid = b?.bids[0];
    const ask = b?.asks[0];
    return { bid: bid?.[0] ?? NaN, bidQty: bid?.[1] ?? 0, ask: ask?.[0] ?? NaN, askQty: ask?.[1] ?? 0, stale: staleBooks.has('*') || staleBooks.has(`${venueId}:${symbol}`) };
  };
  const books: BookSource = { quote: (v, s) => (byId(v) ? quote(s, v) : undefined) };
  // Smart routing reads depth, the feed's last message time, fees and latency (a SIM answers at once).
  const feedAt = new Map<VenueId, number>();
  const market: RouteMarket = {
    instrument: (v, s) => instruments.get(v, s),
    book: (v, s, depth) => {
      const b = byId(v)?.book(s, depth);
      return b ? { ...b, stale: staleBooks.has('*') || staleBooks.has(`${v}:${s}`) } : undefined;
    },
    bookAt: (v) => feedAt.get(v),
    takerBps: (v) => byId(v)?.fees.takerBps,
    latencyMs: () => 0,
  };
  const referencePrice = (_v: VenueId, symbol: Symbol, side: 'buy' | 'sell'): number | undefined => {
    const q = quote(symbol);
    return side === 'buy' ? q.ask : q.bid;
  };
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({ instruments, killSwitch, referencePrice, store, defaults: limits });
  const oms = new OrderManager({ clock, store, journal: opened.value.journal, venues: all, instruments, risk });
  const prints = options.prints ?? new Map<Symbol, { ts: number; qty: number }[]>();
  const algos = new AlgoEngine({
    clock,
    oms,
    books,
    killSwitch,
    dataDir: dir,
    fsync: { mode: 'none' },
    recordedVolume: (_v, symbol) => prints.get(symbol) ?? [],
    market,
    breakers: risk.breakers,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  // As the terminal: the kill switch's cancel-all is bound after the algo engine exists.
  const offKill = killSwitch.events.on('kill', (s) => {
    if (s.state === 'engaged') enforceKillSwitch(killSwitch, oms);
  });
  const childLog: { order: Order; at: number }[] = [];
  const offChildren = oms.events.on('applied', (o) => {
    if (o.source === 'algo' && !childLog.some((c) => c.order.clientOrderId === o.clientOrderId)) childLog.push({ order: o, at: clock.now() });
  });
  const volume = new Map<string, number>();
  const onVenue = (e: VenueEvent): void => {
    feedAt.set(e.venue, clock.now());
    if (e.type === 'trade' && e.venue !== venue.id) {
      algos.onTrade(e.venue, e.symbol, e.qty);
    } else if (e.type === 'trade') {
      volume.set(e.symbol, (volume.get(e.symbol) ?? 0) + e.qty);
      let list = prints.get(e.symbol);
      if (!list) prints.set(e.symbol, (list = []));
      list.push({ ts: e.ts, qty: e.qty });
      algos.onTrade(e.venue, e.symbol, e.qty);
    } else if (e.type === 'bookDelta' || e.type === 'bookSnapshot') {
      algos.onBook(e.venue, e.symbol);
    }
  };
  const offVenues = all.map((v) => v.onEvent(onVenue));
  oms.recover();
  if (!carried) await venue.connect();
  if (!options.carriedExtras) for (const v of extras) await v.connect();
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      await oms.settled();
    }
  };
  await settle();
  await oms.reconcile();
  enforceKillSwitch(killSwitch, oms);
  algos.recover();
  algos.run();
  await settle();
  let stopped = false;
  const detach = (): void => {
    offKill();
    offChildren();
    for (const off of offVenues) off();
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    detach();
    await algos.close();
    await oms.close();
    store.close();
  };
  const crash = (): void => {
    stopped = true;
    detach();
    algos.dispose();
    oms.dispose();
    store.close();
  };
  cleanup.push(async () => {
    if (!stopped) await stop();
    await venue.disconnect();
    for (const v of extras) await v.disconnect();
  });
  const run = async (ms: number, stepMs = 100): Promise<void> => {
    for (let t = 0; t < ms; t += stepMs) {
      clock.advance(stepMs);
      await settle();
    }
  };
  return { clock, store, venue, extras, oms, risk, killSwitch, algos, staleBooks, childLog, prints, traded: (s = SYMBOL) => volume.get(s) ?? 0, quote: (s) => quote(s), settle, run, stop, crash };
}
