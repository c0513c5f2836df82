import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, SimulatedClock } from '../engine/core';
import { Terminal } from '../engine/terminal';
import { FATAL_EXIT_CODE } from './processGuards';

const child = join(import.meta.dirname, 'processGuards.fixture.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  log: string;
  dataDir: string;
}

/** Runs the child fixture to its end (it ends by itself in every case). */
function runChild(which: 'throw' | 'reject' | 'hang'): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), `sq-guard-${which}-`));
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, SQ_DATA_DIR: dataDir, SQ_GUARD_CASE: which, SQ_SEED: '7', SQ_JOURNAL_FSYNC: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    proc.once('close', (code) => resolve({ code, stdout, stderr, log: readFileSync(join(dataDir, 'logs', 'terminal.log'), 'utf8'), dataDir })),
  );
}

let reopened: Terminal | undefined;
afterEach(async () => {
  await reopened?.stop();
  reopened = undefined;
});

// Each case starts a whole host (SIM with its options, the default) in a child process and stops it:
// more than the default 30 s on a loaded machine. A bound on waiting, not an assertion on time.
const CHILD_RUN_MS = 90_000;

describe('process guards', () => {
  it('on an uncaught exception: engages the kill switch, cancels the working order, flushes and exits non-zero', async () => {
    const run = await runChild('throw');
    expect(run.code, run.stderr).toBe(FATAL_EXIT_CODE);
    const working = /WORKING (\S+)/.exec(run.stdout)?.[1];
    expect(working, run.stdout).toBeDefined();
    // Logged (stderr for the person watching, the log file for later) before anything else happened.
    expect(run.stderr).toContain('uncaught exception: engaging the kill switch and exiting');
    expect(run.stderr).toContain('boom: book state corrupted');
    expect(run.log).toContain('kill switch engaged by system: uncaught exception: Error: boom: book state corrupted');
    // The log file was flushed to its last line.
    expect(run.log).toContain('exiting after an uncaught exception');
    expect(run.log).toContain('terminal stopped');

    // What the next start finds: trading stopped, for the reason, and the order canceled at the venue.
    reopened = await Terminal.start({ dataDir: run.dataDir, clock: new SimulatedClock(Date.now()), logger: silentLogger, mode: 'headless', seed: 7 });
    const kill = reopened.killState();
    expect(kill).toMatchObject({ engaged: true, source: 'system', reason: 'uncaught exception: Error: boom: book state corrupted' });
    expect(kill.lastCancel).toMatchObject({ requested: 1, canceled: 1, notCanceled: [] });
    expect(reopened.orders().find((o) => o.clientOrderId === working)?.status).toBe('canceled');
  }, CHILD_RUN_MS);

  it('on an unhandled rejection: logs it and keeps the engine running and answering', async () => {
    const run = await runChild('reject');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('unhandled promise rejection (logged; the engine keeps running)');
    expect(run.stderr).toContain('stray rejection: venue socket write failed');
    const alive = JSON.parse(/ALIVE (.*)/.exec(run.stdout)?.[1] ?? 'null') as {
      kill: { ok: boolean; value: { engaged: boolean } };
      instruments: { ok: boolean; value: { symbol: string }[] };
    };
    expect(alive.kill).toMatchObject({ ok: true, value: { engaged: false } });
    // The SIM venue's three spot pairs first, then its options on BTC and ETH.
    const symbols = alive.instruments.value.map((i) => i.symbol);
    expect(symbols.slice(0, 3)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    expect(symbols.filter((s) => /^(BTC|ETH)-\d{6}-\d+-[CP]$/.test(s))).toHaveLength(176);
  }, CHILD_RUN_MS);

  it('exits even when halting never finishes (a hung venue cannot keep a broken process alive)', async () => {
    const run = await runChild('hang');
    expect(run.code, run.stderr).toBe(FATAL_EXIT_CODE);
    expect(run.stderr).toContain('boom while the venue hangs');
    expect(run.stderr).toMatch(/halting after an uncaught exception took over 300 ms; exiting now/);
  }, CHILD_RUN_MS);
});
