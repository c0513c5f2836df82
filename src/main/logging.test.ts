import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logging';
import { REDACTED, redactCredentials } from './redact';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

/** Logs through the real host logger (pino, to <dataDir>/logs/terminal.log) and returns the lines written. */
async function logged(write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'sq-log-'));
  const log = createLogger(dir);
  write(log);
  await log.flushAndClose();
  return readFileSync(log.file, 'utf8');
}

describe('the host logger', () => {
  it('writes no credential, at any depth, in arrays, in any letter case, and keeps everything else', async () => {
    const text = await logged((log) => {
      log.info({ apiKey: KEY, secret: SECRET, venue: 'binance-spot' }, 'top level');
      log.info({ account: { name: 'main', apiKey: KEY, credentials: { secret: SECRET } } }, 'nested');
      log.info({ request: { headers: { 'X-MBX-APIKEY': KEY }, query: { symbol: 'BTCUSDT', signature: 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71' } } }, 'signed request');
      log.info({ a: { b: { c: { d: { e: { f: { g: { h: { Secret: SECRET, ApiKey: KEY } } } } } } } } }, 'eight levels down');
      log.info({ accounts: [{ name: 'x', api_key: KEY }, [{ privateKey: SECRET }]] }, 'in arrays');
      log.info({ passphrase: 'correct horse battery staple', newPassphrase: 'another passphrase', listenKey: 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1' }, 'vault');
    });
    for (const needle of [KEY, SECRET, 'c8db56825ae71d6d', 'correct horse', 'another passphrase', 'pqia91ma19a5s61']) expect(text).not.toContain(needle);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ apiKey: REDACTED, secret: REDACTED, venue: 'binance-spot', msg: 'top level' });
    expect(lines[1].account).toEqual({ name: 'main', apiKey: REDACTED, credentials: REDACTED });
    expect(lines[2].request).toEqual({ headers: { 'X-MBX-APIKEY': REDACTED }, query: { symbol: 'BTCUSDT', signature: REDACTED } });
    expect(lines[3].a.b.c.d.e.f.g.h).toEqual({ Secret: REDACTED, ApiKey: REDACTED });
    expect(lines[4].accounts).toEqual([{ name: 'x', api_key: REDACTED }, [{ privateKey: REDACTED }]]);
  });

  it("never changes the caller's object", () => {
    const account = { name: 'main', apiKey: KEY, nested: { secret: SECRET }, plain: { qty: 1 } };
    const out = redactCredentials(account);
    expect(account).toEqual({ name: 'main', apiKey: KEY, nested: { secret: SECRET }, plain: { qty: 1 } });
    expect(out).toEqual({ name: 'main', apiKey: REDACTED, nested: { secret: REDACTED }, plain: { qty: 1 } });
    expect(out.plain).toBe(account.plain); // untouched branches are shared, not copied
    const clean = { venue: 'SIM', order: { price: 100 } };
    expect(redactCredentials(clean)).toBe(clean);
  });

  it('survives a cycle and fails closed on an object too deep to check', async () => {
    const cyclic: Record<string, unknown> = { secret: SECRET };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { secret: SECRET };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    const text = await logged((log) => {
      log.info({ cyclic }, 'cycle');
      log.info({ deep }, 'deep');
    });
    expect(text).not.toContain(SECRET);
    expect(text).toContain('too deep or too large to check');
    expect(text).toContain('[Circular]');
  });
});
