import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * The headless host as `npm start` runs it, from source (tsx): its own process, its own engine, the
 * real HTTP server. A request that could kill it shows up here as a dead child.
 */
const entry = join(import.meta.dirname, 'headless.ts');

let child: ChildProcess;
let base: URL;
let stderr = '';

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-headless-'));
  child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, SQ_DATA_DIR: dataDir, SQ_PORT: '0', SQ_SEED: '42', SQ_JOURNAL_FSYNC: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  base = await new Promise<URL>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ShrivenQuant running at (\S+)/.exec(stdout);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`headless host exited with ${code} before listening:\n${stderr}`)));
  });
  // Start-up warms SIM's market (its options too) before listening: a bound on waiting, not on speed.
}, 90_000);

afterAll(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const code = await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  // Still a clean shutdown after everything above.
  expect(code, stderr).toBe(0);
}, 60_000);

/** One GET with the path sent exactly as written (no client-side normalising). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: base.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function instrumentsOverBridge(): Promise<string[]> {
  const ws = new WebSocket(`ws://127.0.0.1:${base.port}/bridge?token=${base.searchParams.get('token')}`);
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ t: 'call', id: 1, name: 'instruments.list', input: {} })));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { t: string; ok: boolean; value: { symbol: string }[] };
      if (msg.t !== 'reply') return;
      ws.close();
      if (!msg.ok) return reject(new Error(`instruments.list failed: ${data.toString()}`));
      resolve(msg.value.map((i) => i.symbol));
    });
  });
}

const SPOT = ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'];
const OPTION = /^(BTC|ETH)-\d{6}-\d+-[CP]$/;

/** What the SIM venue lists by default: its three spot pairs, then its options on BTC and ETH. */
function expectSimListing(symbols: string[]): void {
  expect(symbols.slice(0, 3)).toEqual(SPOT);
  expect(symbols.slice(3).every((s) => OPTION.test(s))).toBe(true);
  expect(symbols).toHaveLength(3 + 176);
}

describe('headless host over HTTP', () => {
  it('answers a malformed percent escape with 400 and stays up (it used to exit on it)', async () => {
    const reply = await get('/%E0%A4%A');
    expect(reply.status).toBe(400);
    expect(child.exitCode).toBeNull();
    expectSimListing(await instrumentsOverBridge());
  });

  it('answers an unparseable request target with 400 and stays up', async () => {
    expect((await get('//')).status).toBe(400);
    expect((await get('/%00')).status).toBe(400);
    expectSimListing(await instrumentsOverBridge());
  });

  it('serves the renderer and nothing outside it', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<html/i);
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/..%5c..%5cpackage.json']) {
      const reply = await get(path);
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.status, path).toBeLessThan(500);
      expect(reply.body, path).not.toContain('"name": "shrivenquant"');
    }
  });
});
