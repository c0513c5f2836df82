import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recordingLogger, SimulatedClock } from '../../core';
import type { ReconcileReport } from '../../oms';
import { Terminal } from '../terminal';
import { type ChildLine, parseLines, type ReadyLine } from './acks';
import type { RecoveredState } from './recoveryChecks';

/**
 * The crash tests' harness: runs the crash child (a terminal trading on SIM) on a data dir and
 * SIGKILLs it as planned, and restarts a terminal on what it left to read what was recovered.
 */

export const READY_TIMEOUT_MS = 60_000;

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ChildRun {
  lines: ChildLine[];
  /** Absent when the kill came before the child was ready (during its recovery). */
  ready?: ReadyLine;
  stderr: string;
}

/**
 * When to SIGKILL the child: `ms` after its ready line (while it trades), or `ms` after its starting
 * line, whatever it is doing then (recovering, reconciling, or already trading).
 */
export type KillPlan = { after: 'ready' | 'starting'; ms: number };

/**
 * Runs the crash child on `dataDir` and SIGKILLs it as planned. Its stdout is what it acknowledged;
 * a child that exits by itself, or is not ready in time for a kill planned after ready, fails.
 */
export function runAndKill(dataDir: string, seed: number, plan: KillPlan): Promise<ChildRun> {
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
export async function quiet(terminal: Terminal): Promise<void> {
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
export async function recoverInProcess(dataDir: string, seed: number) {
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

export function tail(text: string, chars = 4_000): string {
  return text.length <= chars ? text : `...${text.slice(-chars)}`;
}
