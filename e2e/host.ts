import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const root = join(import.meta.dirname, '..');

/** A running headless host: the real engine and the built UI, as `npm start` runs them. */
export interface Host {
  url: string;
  dataDir: string;
  /** Everything the host has written to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, as Ctrl+C or a service manager would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sq-e2e-'));
}

/** Starts out/main/headless.js on a free port and waits for the line with its URL; `env` adds to its environment (e.g. SQ_SIM_VENUES). */
export async function startHost(dataDir = tempDataDir(), env: Record<string, string> = {}): Promise<Host> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'out', 'main', 'headless.js')], {
    env: { ...process.env, SQ_DATA_DIR: dataDir, SQ_PORT: '0', SQ_SEED: '42', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${stderr}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ShrivenQuant running at (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => stdout + stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One host for a whole spec file, whose tests then run in order: started before the first test,
 * stopped after the last, which must end it cleanly (exit 0). Read `url` inside tests.
 */
export function sharedHost(env: Record<string, string> = {}): { readonly url: string } {
  test.describe.configure({ mode: 'serial' });
  let host: Host | undefined;
  test.beforeAll(async () => {
    host = await startHost(undefined, env);
  });
  test.afterAll(async () => {
    expect(await host?.stop()).toBe(0);
  });
  return {
    get url(): string {
      if (!host) throw new Error('the host is not started: read url inside a test');
      return host.url;
    },
  };
}
