import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../core';
import { crashPayload, crashType } from './crashAppender.fixture';
import { openOk, removeTempDirs, tempDataDir } from './testSupport';

afterEach(removeTempDirs);

const FIXTURE = fileURLToPath(new URL('./crashAppender.fixture.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Starts the appender, lets it acknowledge `killAfter` commits, SIGKILLs it, and returns every
 * sequence it acknowledged (printed only after the commit resolved).
 */
function runAndKill(dataDir: string, seed: number, killAfter: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, String(seed)], { cwd: REPO_ROOT });
    const acks: number[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) acks.push(Number(line.slice(4)));
      if (acks.length >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`appender exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('crash: a process killed mid-append', () => {
  it('loses no acknowledged record, and reopens to a contiguous, intact journal (3 kills)', async () => {
    const rng = new Rng(20251121);
    const runs = [1, 2, 3].map((seed) => ({ seed, dataDir: tempDataDir(), killAfter: rng.int(20, 300) }));
    const results = await Promise.all(runs.map((r) => runAndKill(r.dataDir, r.seed, r.killAfter)));
    for (const [i, run] of runs.entries()) {
      const acked = Math.max(...results[i]!);
      expect(acked).toBeGreaterThan(0);
      const { journal, recovery } = openOk(run.dataDir);
      expect(recovery.lastSeq).toBeGreaterThanOrEqual(acked);
      // A tail cut at open may only ever remove records that were never acknowledged.
      if (recovery.truncated) expect(recovery.truncated.lastGoodSeq).toBeGreaterThanOrEqual(acked);
      let expectedSeq = 1;
      journal.replay((seq, type, payload) => {
        expect(seq).toBe(expectedSeq++);
        expect(type).toBe(crashType(seq));
        expect(Buffer.compare(payload, crashPayload(seq))).toBe(0);
      });
      expect(expectedSeq - 1).toBe(recovery.lastSeq);
      await journal.close();
    }
  });
});
