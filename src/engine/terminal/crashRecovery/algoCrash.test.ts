import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParentView } from '../../algos';
import { SimulatedClock, silentLogger } from '../../core';
import { Terminal } from '../terminal';
import { runUntil } from '../testSupport';
import { readVenueTruth } from './venueTruth';

/*
 * A TWAP is SIGKILLed mid-run in a real process (the terminal trading on SIM with the live clock),
 * then a terminal restarted on what it left resumes it. The truth is the simulated exchange's own
 * record of our fills: the resumed parent must start from exactly what the venue filled, send no
 * child id twice, and count exactly what the venue filled, never more than the parent's quantity.
 */
const CHILD = fileURLToPath(new URL('./algoCrashChild.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
/** How long the TWAP trades before the kill (real time after its ready line). */
const KILL_AFTER_MS = 4_000;
const ALGO_QTY = 3_000;

let dataDir = '';
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the child until its ready line, lets it trade KILL_AFTER_MS, SIGKILLs it; resolves with the parent's id. */
function runAndKill(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO_ROOT, env: { ...process.env, SQ_DATA_DIR: dir, SQ_ALGO_QTY: String(ALGO_QTY) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let id: string | undefined;
    let killed = false;
    const kill = (): void => {
      killed = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, READY_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const m = /^\{"t":"ready","id":"([^"]+)"\}$/m.exec(stdout);
      if (m && id === undefined) {
        id = m[1]!;
        clearTimeout(timer);
        timer = setTimeout(kill, KILL_AFTER_MS);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!killed || signal !== 'SIGKILL' || id === undefined) return reject(new Error(`algo crash child: code ${code}, signal ${signal}, ready ${id !== undefined}:\n${stderr.slice(-4_000)}`));
      resolve(id);
    });
  });
}

const boughtAtVenue = async (dir: string, id: string): Promise<{ qty: number; ids: Set<string> }> => {
  const truth = await readVenueTruth(dir, 'SIM', new SimulatedClock(Date.now()));
  const mine = truth.fills.filter((f) => f.clientOrderId.startsWith(`${id}.`));
  return { qty: mine.reduce((n, f) => n + f.qty, 0), ids: new Set(mine.map((f) => f.clientOrderId)) };
};

describe('an algo across a SIGKILL', () => {
  it('resumes a TWAP killed mid-run from exactly what the venue filled, and never trades more than its quantity', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sq-algo-crash-'));
    const id = await runAndKill(dataDir);
    const before = await boughtAtVenue(dataDir, id);
    expect(before.qty).toBeGreaterThan(0);
    expect(before.qty).toBeLessThan(ALGO_QTY);

    const clock = new SimulatedClock(Date.now());
    let done: ParentView | undefined;
    const terminal = await Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 41, journalFsync: { mode: 'none' } });
    try {
      // The children sent before the kill, as the restarted OMS knows them (reconciled with the venue).
      const preKill = terminal.orders(Number.MAX_SAFE_INTEGER).filter((o) => o.parentId === id && before.ids.has(o.clientOrderId));
      expect(preKill.reduce((n, o) => n + o.filledQty, 0)).toBe(before.qty);
      const parent = terminal.listAlgos().find((p) => p.id === id)!;
      expect(parent.state === 'running' || parent.state === 'completed').toBe(true);
      expect(parent.doneQty).toBeGreaterThanOrEqual(before.qty);
      await runUntil(clock, () => terminal.listAlgos().find((p) => p.id === id)!.state === 'completed', 'the resumed TWAP completed', { maxSteps: 2_000, pauseMs: 1 });
      done = terminal.listAlgos().find((p) => p.id === id)!;
    } finally {
      await terminal.stop();
    }
    // Exactly once: what the venue filled for the parent's children is what the parent counts, never
    // more than its quantity (a child re-sent would be counted and overshoot); the pre-kill fills stay.
    const after = await boughtAtVenue(dataDir, id);
    expect(after.qty).toBe(done!.doneQty);
    expect(after.qty).toBeGreaterThan(before.qty);
    expect(after.qty).toBeLessThanOrEqual(ALGO_QTY);
    // A TWAP stops at its window's end rather than chase: short only if the last slice's IOC was partly filled.
    if (after.qty < ALGO_QTY) expect(done!.reason).toMatch(/^window ended with/);
    for (const c of before.ids) expect(after.ids.has(c)).toBe(true);
  }, 120_000);
});
