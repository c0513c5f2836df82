import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingLogger, Rng, SimulatedClock } from '../../core';
import type { ReconcileReport } from '../../oms';
import { Terminal } from '../terminal';
import { type ChildLine, parseLines, type ReadyLine } from './acks';
import { AckLedger, type RecoveredState, recoveryProblems } from './recoveryChecks';
import { readVenueTruth } from './venueTruth';

/** 5 kills in the default suite; `npm run test:long` sets SQ_CRASH_ROUNDS=50. */
const ROUNDS = roundsFromEnv();
/** Every random choice of the run (trading, kill times, which rounds are checked) follows from it. */
const SEED = Number(process.env.SQ_CRASH_SEED ?? 20261121);
const VENUE = 'SIM';
/** How long the child trades after it is ready, before the kill: a random point in this range. */
const TRADE_MS: [number, number] = [150, 600];
const READY_TIMEOUT_MS = 60_000;
/** Node + tsx + the book worker start in a few seconds on 2 cores; a round is mostly that. */
const PER_ROUND_MS = 20_000;

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function roundsFromEnv(): number {
  const text = process.env.SQ_CRASH_ROUNDS;
  if (text === undefined || text === '') return 5;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SQ_CRASH_ROUNDS must be a whole number of rounds, got ${JSON.stringify(text)}`);
  return n;
}

interface ChildRun {
  lines: ChildLine[];
  /** Absent when the kill came before the child was ready (during its recovery). */
  ready?: ReadyLine;
  stderr: string;
}

/**
 * When to SIGKILL the child: `ms` after its ready line (while it trades), or `ms` after its starting
 * line, whatever it is doing then (recovering, reconciling, or already trading).
 */
type KillPlan = { after: 'ready' | 'starting'; ms: number };

/**
 * Runs the crash child on `dataDir` and SIGKILLs it as planned. Its stdout is what it acknowledged;
 * a child that exits by itself, or is not ready in time for a kill planned after ready, fails.
 */
function runAndKill(dataDir: string, seed: number, plan: KillPlan): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO_ROOT,
      env: { ...process.env, SQ_DATA_DIR: dataDir, SQ_CRASH_SEED: String(seed) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let starting = false;
    let ready = false;
    const kill = (): void => {
      killed = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, READY_TIMEOUT_MS);
    const killIn = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(kill, ms);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!starting && /^\{"t":"starting"\}\n/m.test(stdout)) {
        starting = true;
        if (plan.after === 'starting') killIn(plan.ms);
      }
      if (!ready && /^\{"t":"ready"[^\n]*\n/m.test(stdout)) {
        ready = true;
        if (plan.after === 'ready') killIn(plan.ms);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    // 'close', not 'exit': every byte the child wrote before it died has been read by then.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const where = `(data dir kept at ${dataDir})`;
      if (!killed || signal !== 'SIGKILL') return reject(new Error(`crash child exited by itself (code ${code}, signal ${signal}) ${where}:\n${tail(stderr)}`));
      if (!starting || (plan.after === 'ready' && !ready)) {
        return reject(new Error(`crash child was not ready within ${READY_TIMEOUT_MS} ms ${where}:\n${tail(stderr)}`));
      }
      const lines = parseLines(stdout);
      const readyLine = lines.find((l): l is ReadyLine => l.t === 'ready');
      resolve({ lines, stderr, ...(readyLine ? { ready: readyLine } : {}) });
    });
  });
}

/**
 * A restarted terminal may still be finishing what reconciliation started (an armed bracket child
 * sent, its answer journaled). With the clock frozen nothing new starts, so the state settles: wait
 * (in real time) until it has not changed for a few polls.
 */
async function quiet(terminal: Terminal): Promise<void> {
  const fingerprint = (): string =>
    `${terminal.fills(Number.MAX_SAFE_INTEGER).length}|${terminal
      .orders(Number.MAX_SAFE_INTEGER)
      .map((o) => `${o.clientOrderId}:${o.status}:${o.filledQty}:${o.version}`)
      .join(',')}`;
  let last = fingerprint();
  for (let stable = 0, polls = 0; stable < 4; polls++) {
    if (polls > 200) throw new Error('the recovered terminal never settled');
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = fingerprint();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/** Restarts the terminal in this process on the crashed data dir, reads what it recovered, stops it. */
async function recoverInProcess(dataDir: string, seed: number) {
  const logger = recordingLogger();
  const startedAt = performance.now();
  // A frozen clock: the venue's market does not move, so the terminal and the venue can be compared.
  const terminal = await Terminal.start({ dataDir, clock: new SimulatedClock(Date.now()), logger, mode: 'headless', seed });
  const recoveryMs = Math.round(performance.now() - startedAt);
  let state: RecoveredState;
  let killSwitch: ReturnType<Terminal['killState']>;
  try {
    await quiet(terminal);
    state = { orders: terminal.orders(Number.MAX_SAFE_INTEGER), fills: terminal.fills(Number.MAX_SAFE_INTEGER), positions: terminal.positions() };
    killSwitch = terminal.killState();
  } finally {
    // A clean stop also writes the journal snapshot the next child starts from.
    await terminal.stop();
  }
  const reports = logger.lines.filter((l) => l.message === 'reconciled with venue').map((l) => l.fields as ReconcileReport);
  const warnings = logger.lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => `${l.level} ${l.message ?? ''} ${JSON.stringify(l.fields)}`);
  return { state, killSwitch, recoveryMs, reports, warnings };
}

function tail(text: string, chars = 4_000): string {
  return text.length <= chars ? text : `...${text.slice(-chars)}`;
}

let dataDir: string | undefined;
let keepDataDir = false;

afterAll(() => {
  if (dataDir && !keepDataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('crash recovery: a terminal trading on SIM, killed with SIGKILL at random points', () => {
  it(
    `loses and doubles no acknowledged order or fill, and its positions equal the venue's (${ROUNDS} kills)`,
    { timeout: 30_000 + ROUNDS * PER_ROUND_MS },
    async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'sq-crash-'));
      keepDataDir = true; // until every round has passed: a failure leaves the evidence on disk
      const rng = new Rng(SEED);
      const acks = new AckLedger();
      let checked = 0;
      let recoveryMs = 150; // until a child has shown how long Terminal.start takes here
      for (let round = 1; round <= ROUNDS; round++) {
        // Most kills land while the child trades; every third while it recovers and reconciles.
        const plan: KillPlan =
          round % 3 === 2
            ? { after: 'starting', ms: Math.round(recoveryMs * 1.3 * rng.next()) }
            : { after: 'ready', ms: rng.int(TRADE_MS[0], TRADE_MS[1]) };
        const childSeed = rng.int(1, 2 ** 31);
        const run = await runAndKill(dataDir, childSeed, plan);
        if (run.ready) recoveryMs = run.ready.recoveryMs;
        const added = acks.add(run.lines, round);
        const { ready } = run;
        const started = ready
          ? `child recovered in ${ready.recoveryMs} ms (${ready.orders} orders, ${ready.working} working, ${ready.fills} fills)`
          : 'child killed before it was ready';
        const killedAt = plan.after === 'ready' ? `traded ${plan.ms} ms` : `killed ${plan.ms} ms into its startup${ready ? ', after it was ready' : ''}`;
        const childPart = `${started}, ${killedAt}, acknowledged ${added.fills} fills and ${added.orderUpdates} order updates (${added.newOrders} new orders)`;

        // Every other round the next child recovers straight from the crashed state; the last is always checked.
        if (round % 2 === 0 && round !== ROUNDS) {
          console.log(`round ${round}/${ROUNDS}: ${childPart}; not checked, the next child recovers from the crash`);
          continue;
        }
        const recovered = await recoverInProcess(dataDir, childSeed);
        const venue = await readVenueTruth(dataDir, VENUE, new SimulatedClock(Date.now()));
        const missed = recovered.reports.reduce((n, r) => n + r.missedFills.length, 0);
        const updated = recovered.reports.reduce((n, r) => n + r.updated.length, 0);
        console.log(
          `round ${round}/${ROUNDS}: ${childPart}; checked: recovered in ${recovered.recoveryMs} ms, reconcile booked ${missed} missed fills and updated ${updated} orders; ` +
            `${recovered.state.orders.length} orders, ${recovered.state.fills.length} fills, venue ${venue.fills.length} fills / ${venue.open.length} open` +
            (venue.restoreProblem ? `; venue restore: ${venue.restoreProblem}` : ''),
        );
        const problems = recoveryProblems(acks, recovered.state, venue);
        if (recovered.killSwitch.engaged) problems.push(`kill switch engaged after recovery: ${recovered.killSwitch.reason ?? ''}`);
        const context = [
          `round ${round} of ${ROUNDS} (seed ${SEED}, child seed ${childSeed}), data dir kept at ${dataDir}`,
          `check terminal warnings:\n${tail(recovered.warnings.join('\n'))}`,
          `child stderr:\n${tail(run.stderr)}`,
        ].join('\n');
        expect(problems.slice(0, 60), context).toEqual([]);
        checked++;
      }
      // The run must have exercised something: orders and fills acknowledged, state checked.
      expect(acks.orders.size).toBeGreaterThan(0);
      expect(acks.fills.size).toBeGreaterThan(0);
      expect(checked).toBeGreaterThan(0);
      keepDataDir = false;
    },
  );
});
