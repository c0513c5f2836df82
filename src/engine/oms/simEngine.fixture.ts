import { type Logger, SimulatedClock, type Side, type Symbol, type VenueId } from '../core';
import { dirPerTest } from '../core/testSupport';
import { InstrumentRegistry } from '../instruments';
import { Portfolio } from '../portfolio';
import { KillSwitch, type LimitSpec, RiskManager } from '../risk';
import { openJournal, openStore, type Store } from '../storage';
import { createSimVenue, type SimVenue } from '../venues';
import { OrderManager, type RecoveryReport } from './orderManager';

/*
 * The OMS, its journal, risk, kill switch, storage and portfolio against real SIM venues, wired as
 * the terminal wires them. SIM delivers its events in a microtask, as a socket would; the OMS acts
 * once a record is durable; settle() lets both happen. The clock only moves where a test says so,
 * so prices come from the seeded book.
 */
export const T0 = 1_700_000_000_000;
const SEED = 7;

export interface Engine {
  clock: SimulatedClock;
  store: Store;
  /** The first venue (SIM unless others were asked for). */
  venue: SimVenue;
  venues: SimVenue[];
  oms: OrderManager;
  risk: RiskManager;
  killSwitch: KillSwitch;
  portfolio: Portfolio;
  /** What recover() found at this start. */
  recovered: RecoveryReport;
  touch(symbol: Symbol, side: 'bid' | 'ask', venue?: VenueId): number;
  settle(): Promise<void>;
  /** A clean stop: everything in flight takes effect, the journal is snapshotted and closed; carried venues go on. */
  stop(): Promise<void>;
  /** A crash: nothing more is written by this OMS; the venues keep running until stopped. */
  crash(): void;
}

export interface StartOptions {
  clock?: SimulatedClock;
  /** Venues carried over from an earlier engine (they outlive it, as a real venue does); connected already. */
  carried?: SimVenue[];
  venueIds?: VenueId[];
  limits?: LimitSpec;
  logger?: Logger;
  /** Finished orders the OMS keeps in memory. */
  keepFinished?: number;
  /** The journal failed: what the terminal does about it. */
  onJournalFailure?: (engine: Engine, error: Error) => void;
}

/** A fresh data dir per test, removed after it with every engine started on it. */
export function engineDirs(): { readonly dir: string; start(options?: StartOptions): Promise<Engine> } {
  const temp = dirPerTest('sq-oms-sim-');
  return {
    get dir() {
      return temp.dir;
    },
    start: (options = {}) => start(temp.dir, temp.cleanup, options),
  };
}

/** One run of the engine on `dir`; the venues may be carried over. */
async function start(dir: string, cleanup: (() => Promise<void> | void)[], options: StartOptions): Promise<Engine> {
  const { clock = new SimulatedClock(T0), carried, venueIds = ['SIM'], limits = { maxOrderQty: '1' }, logger, keepFinished } = options;
  const store = openStore(dir);
  const opened = openJournal(dir, { clock, fsync: { mode: 'none' } });
  if (!opened.ok) throw new Error(opened.error.message);
  const venues = carried ?? venueIds.map((id, i) => createSimVenue({ id, clock, seed: SEED + i, dataDir: dir }));
  const instruments = new InstrumentRegistry();
  for (const v of venues) for (const inst of v.instruments()) instruments.add(inst);
  const touch = (symbol: Symbol, side: 'bid' | 'ask', venue: VenueId = venues[0]!.id): number => {
    const book = venues.find((v) => v.id === venue)!.book(symbol, 1)!;
    return (side === 'bid' ? book.bids : book.asks)[0]![0];
  };
  const referencePrice = (venue: VenueId, symbol: Symbol, side: Side): number | undefined => touch(symbol, side === 'buy' ? 'ask' : 'bid', venue);
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({ instruments, killSwitch, referencePrice, store, defaults: limits });
  let engine: Engine | undefined;
  const oms = new OrderManager({
    clock,
    store,
    journal: opened.value.journal,
    venues,
    instruments,
    risk,
    ...(logger ? { logger } : {}),
    ...(keepFinished ? { keepFinished } : {}),
    onJournalFailure: (error) => options.onJournalFailure?.(engine!, error),
  });
  const portfolio = new Portfolio(instruments);
  oms.events.on('fill', (fill) => void portfolio.applyFill(fill));
  const recovered = oms.recover();
  portfolio.rebuild(store.loadFills());
  if (!carried) for (const v of venues) await v.connect();
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      await oms.settled();
    }
  };
  await settle();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await oms.close();
    if (!carried) for (const v of venues) await v.disconnect();
    store.close();
  };
  const crash = (): void => {
    stopped = true;
    oms.dispose();
    store.close();
  };
  cleanup.push(async () => {
    if (!stopped) await stop();
    for (const v of venues) await v.disconnect();
  });
  engine = { clock, store, venue: venues[0]!, venues, oms, risk, killSwitch, portfolio, recovered, touch, settle, stop, crash };
  return engine;
}
