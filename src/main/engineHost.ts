import { LiveClock } from '../engine/core';
import { Terminal, type TerminalEvents } from '../engine/terminal';
import type { FsyncPolicy } from '../engine/storage';
import type { BookWorkerEntry } from '../engine/book';
import type { DeviceKeyStore } from '../engine/secrets';
import { type KillState, timeframes, timeframeSeconds } from '../contract';
import { Dispatcher } from './bridge/dispatcher';
import { createHandlers } from './bridge/handlers';
import { SessionRegistry } from './bridge/router';
import { startControlSocket } from './controlSocket';
import { createLogger, type HostLogger } from './logging';
import { installProcessGuards } from './processGuards';

export interface EngineHostOptions {
  dataDir: string;
  mode: 'electron' | 'headless';
  bookWorker?: BookWorkerEntry;
  /** better-sqlite3's native addon when not node_modules' (Electron's build; see sqliteBinding.ts). */
  sqliteBinding?: string;
  /** The OS keychain for "remember on this device" (Electron's safeStorage); none on a headless host. */
  deviceKeyStore?: DeviceKeyStore;
}

export interface EngineHost {
  terminal: Terminal;
  sessions: SessionRegistry;
  dispatcher: Dispatcher;
  logger: HostLogger;
  /**
   * Engages the kill switch for the system (source 'system') and resolves once the cancel-all it
   * started has its outcome recorded (at once if the switch was engaged already).
   */
  haltTrading(reason: string): Promise<void>;
  shutdown(): Promise<void>;
}

/** The simulated market's seed: SQ_SEED when given, so a session can be replayed exactly. */
const seedFromEnv = (): number | undefined => {
  const seed = Number(process.env.SQ_SEED);
  return Number.isSafeInteger(seed) ? seed : undefined;
};

/** SQ_SIM_VENUES: the simulated venues to run, e.g. "SIM-A,SIM-B" (default: one venue, SIM). */
export function simVenuesFromEnv(text = process.env.SQ_SIM_VENUES): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const ids = text.split(',').map((id) => id.trim());
  const bad = ids.find((id) => !/^[A-Z0-9][A-Z0-9-]{0,15}$/.test(id));
  if (bad !== undefined || new Set(ids).size !== ids.length) {
    throw new Error(`SQ_SIM_VENUES must be distinct venue ids of A-Z, 0-9 and - (e.g. SIM-A,SIM-B), got "${text}"`);
  }
  return ids;
}

/**
 * SQ_SIM_ACTIVITY: how many times faster the SIM's synthetic traders act (1..1000, default 1). A load
 * knob for `npm run bench -- ui` (80: about 1,000 quotes and 200 trades a second per spot instrument).
 */
export function simActivityFromEnv(text = process.env.SQ_SIM_ACTIVITY): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const activity = Number(text);
  if (!Number.isInteger(activity) || activity < 1 || activity > 1000) throw new Error(`SQ_SIM_ACTIVITY must be a whole number 1..1000, got "${text}"`);
  return activity;
}

/**
 * SQ_JOURNAL_FSYNC: how order journal commits reach the disk. "always" (default: fdatasync per group
 * commit, survives a power cut), "interval:<ms>" (written to the OS at once, survives a crash of the
 * terminal; fsynced every ms), or "none" (tests only).
 */
export function journalFsyncFromEnv(text = process.env.SQ_JOURNAL_FSYNC): FsyncPolicy | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (text === 'always' || text === 'none') return { mode: text };
  const interval = /^interval:(\d{1,6})$/.exec(text);
  if (interval) return { mode: 'interval', ms: Number(interval[1]) };
  throw new Error(`SQ_JOURNAL_FSYNC must be always, interval:<ms> or none, got "${text}"`);
}

/**
 * SQ_VAULT_PASSPHRASE: unlocks the vault of venue accounts at start (headless hosts). Removed from the
 * environment once read, so no worker or child process started later inherits it (the process's own
 * initial environment, /proc/<pid>/environ, cannot be cleared: see README "Accounts and the vault").
 */
export function vaultPassphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.SQ_VAULT_PASSPHRASE;
  delete env.SQ_VAULT_PASSPHRASE;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The signals desk's host settings. SQ_SIM_WIRE_MS: the SIM news wire's poll interval in ms (default 15 s;
 * e2e runs shorten it), 1000 to 3600000. SQ_SIM_WIRE_PER_MIN: its mean headline rate per minute (default 2),
 * 0.1 to 600. SQ_SIM_ORDERFLOW_TRAIN=1: fit the SIM's BTC-USDT order-flow model
 * at start on simulated data (holds the engine thread ~650 ms once; off by default).
 */
export function signalsFromEnv(env: NodeJS.ProcessEnv = process.env): { simWireIntervalMs?: number; simWireHeadlinesPerMinute?: number; trainSimulatedAtStart?: boolean } {
  const out: { simWireIntervalMs?: number; simWireHeadlinesPerMinute?: number; trainSimulatedAtStart?: boolean } = {};
  const text = env.SQ_SIM_WIRE_MS;
  if (text !== undefined && text !== '') {
    const ms = Number(text);
    if (!Number.isInteger(ms) || ms < 1_000 || ms > 3_600_000) throw new Error(`SQ_SIM_WIRE_MS must be a whole number of ms from 1000 to 3600000, got "${text}"`);
    out.simWireIntervalMs = ms;
  }
  const rate = env.SQ_SIM_WIRE_PER_MIN;
  if (rate !== undefined && rate !== '') {
    const perMinute = Number(rate);
    if (!Number.isFinite(perMinute) || perMinute < 0.1 || perMinute > 600) throw new Error(`SQ_SIM_WIRE_PER_MIN must be a number of headlines a minute from 0.1 to 600, got "${rate}"`);
    out.simWireHeadlinesPerMinute = perMinute;
  }
  if (env.SQ_SIM_ORDERFLOW_TRAIN === '1') out.trainSimulatedAtStart = true;
  return out;
}

const secondsToTimeframe = new Map(timeframes.map((tf) => [timeframeSeconds[tf], tf]));

/** Starts the engine and the transport-independent half of the bridge; shared by Electron and headless. */
export async function startEngineHost(opts: EngineHostOptions): Promise<EngineHost> {
  const logger = createLogger(opts.dataDir);
  const clock = new LiveClock();
  const terminal = await Terminal.start({
    dataDir: opts.dataDir,
    clock,
    logger,
    mode: opts.mode,
    seed: seedFromEnv(),
    simVenues: simVenuesFromEnv(),
    // The simulated venues list options (176 more instruments and books per venue) so that options work
    // with no account; SQ_SIM_OPTIONS=0 turns them off (a spot-only SIM, three instruments).
    simOptions: process.env.SQ_SIM_OPTIONS !== '0',
    simActivity: simActivityFromEnv(),
    warmUpMs: 2 * 60 * 60_000,
    bookWorker: opts.bookWorker,
    sqliteBinding: opts.sqliteBinding,
    journalFsync: journalFsyncFromEnv(),
    vault: { passphrase: vaultPassphraseFromEnv(), deviceKeyStore: opts.deviceKeyStore },
    signals: signalsFromEnv(),
  });
  const control = await startControlSocket(opts.dataDir, terminal, logger).catch(async (error: unknown) => {
    await terminal.stop();
    throw error;
  });
  const sessions = new SessionRegistry((session, event, error) =>
    logger.error({ session: session.id, event, err: String(error) }, 'bridge: event could not be delivered'),
  );
  forwardEvents(terminal, sessions);
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await control.close();
      await terminal.stop();
      clock.clearAll();
      await logger.flushAndClose();
    })());
  return { terminal, sessions, dispatcher, logger, haltTrading: (reason) => haltTrading(terminal, reason), shutdown };
}

function haltTrading(terminal: Terminal, reason: string): Promise<void> {
  return new Promise<void>((done, fail) => {
    const before = terminal.killState();
    if (before.engaged) {
      terminal.engageKillSwitch('system', reason); // a no-op that is logged with this reason
      return done();
    }
    const previous = before.lastCancel;
    const finished = (state: KillState) =>
      state.lastCancel !== undefined &&
      (previous === undefined || state.lastCancel.startedAt !== previous.startedAt || state.lastCancel.finishedAt !== previous.finishedAt);
    // Subscribed first: with nothing to cancel, the outcome is recorded inside engageKillSwitch itself.
    const off = terminal.events.on('kill', (state) => {
      if (!finished(state)) return;
      off();
      done();
    });
    try {
      terminal.engageKillSwitch('system', reason);
    } catch (error) {
      off();
      fail(error);
    }
  });
}

/**
 * The process guards wired to an engine host, for the Electron entry and the headless host alike: on
 * an uncaught exception the kill switch engages (cancels out), then `beforeShutdown` (e.g. closing the
 * HTTP server), then the host shuts down (journal, store and log file flushed), then `exit`.
 */
export function guardEngineHost(host: EngineHost, opts: { exit(code: number): void; beforeShutdown?: () => Promise<void> }): () => void {
  return installProcessGuards({
    logger: host.logger,
    haltTrading: (reason) => host.haltTrading(reason),
    flush: async () => {
      await opts.beforeShutdown?.().catch((error: unknown) => host.logger.error({ err: String(error) }, 'closing before shutdown failed'));
      await host.shutdown();
    },
    exit: opts.exit,
  });
}

/** Engine events go to the sessions that want them, in the contract's shapes. */
function forwardEvents(terminal: Terminal, sessions: SessionRegistry): void {
  // A book picture carries the host's monotonic send time: tick-to-pixel latency is measured from it (bench/ui.ts).
  terminal.events.on('book', (book) => sessions.publish('book', { ...book, sentAtMs: performance.now() }));
  const plain = ['trades', 'analytics', 'order', 'fill', 'audit', 'position', 'kill', 'risk', 'status', 'accounts', 'balances', 'instruments', 'instrumentsPartial', 'portfolioGreeks', 'signalAlert', 'signalSources', 'notice', 'algo'] as const;
  for (const name of plain) {
    terminal.events.on(name, (payload: TerminalEvents[typeof name]) => sessions.publish(name, payload as never));
  }
  terminal.events.on('candle', ({ venue, symbol, seconds, candle }) => {
    const timeframe = secondsToTimeframe.get(seconds);
    if (timeframe) sessions.publish('candle', { venue, symbol, timeframe, candle });
  });
}
