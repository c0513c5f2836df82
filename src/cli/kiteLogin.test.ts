import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startKiteLoopback } from '../engine/venues/kite/testSupport';

/**
 * `sq account login` as a trader runs it on a headless host: the command prints Kite's login URL, the
 * trader logs in in a browser (here: the loopback venue's login page, which approves at once) and pastes
 * the URL it redirected to; the command keeps the token in the vault and prints when it expires.
 */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSPHRASE = 'a passphrase for the test vault';
const APP = { apiKey: 'kitetestkey0001', apiSecret: 'kitetestsecret00000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/redirect' };

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sq account ...`; `answer` sees stdout's first line (the login URL) and returns what to type on stdin. */
function sq(args: string[], dir: string, stdin: string | ((firstLine: string) => Promise<string>)): Promise<Run> {
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SQ_DATA_DIR: dir, SQ_VAULT_PASSPHRASE: PASSPHRASE };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sq.ts', 'account', ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    let answered = typeof stdin === 'string';
    if (typeof stdin === 'string') child.stdin.end(stdin);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!answered && stdout.includes('\n')) {
        answered = true;
        (stdin as (line: string) => Promise<string>)(stdout.split('\n')[0]!).then((text) => child.stdin.end(text), fail);
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('sq account login', () => {
  it('adds a kite account, prints the login URL, takes the redirected URL on stdin and prints the expiry; the token is never printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-kite-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const venue = await startKiteLoopback({ app: APP });
    cleanups.push(() => venue.close());

    const added = await sq(['add', '--venue', 'kite', '--name', 'zerodha', '--api-key', APP.apiKey, '--rest-url', venue.restUrl, '--stream-url', venue.tickerUrl], dir, APP.apiSecret + '\n');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'zerodha', venue: 'kite', customEndpoints: { rest: true, stream: true, wsApi: false }, session: { loggedIn: false } });

    const refused = await sq(['add', '--venue', 'kite', '--name', 'other', '--api-key', APP.apiKey, '--ws-api-url', 'wss://ws.kite.trade'], dir, APP.apiSecret);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('wsApiUrl: Kite has no WebSocket API');

    let redirect = '';
    const login = await sq(['login', 'zerodha'], dir, async (url) => {
      expect(url).toBe(`${venue.restUrl}/connect/login?v=3&api_key=${APP.apiKey}`);
      redirect = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
      return `${redirect}\n`;
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('paste the URL Kite redirected to');
    expect(login.stdout).toMatch(/\nzerodha: logged in to Kite until \d{4}-\d\d-\d\d 06:00 IST \(\d{4}-\d\d-\d\dT00:30:00\.000Z\)\n$/);
    expect(venue.control.liveSessions).toBe(1);

    const list = await sq(['list'], dir, '');
    expect(JSON.parse(list.stdout)[0].session).toMatchObject({ loggedIn: true });

    // A cancelled login: a clear error, exit 1, the session kept as it was.
    const cancelled = await sq(['login', 'zerodha'], dir, async () => `${APP.redirectUrl}?status=cancelled\n`);
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toContain('sq account: zerodha: Kite did not complete the login (status=cancelled): log in again');

    const out = await sq(['logout', 'zerodha'], dir, '');
    expect(JSON.parse(out.stdout).session).toEqual({ loggedIn: false });

    const everything = [added, refused, login, list, cancelled, out].map((r) => r.stdout + r.stderr).join('\n') + readFileSync(join(dir, 'vault.json'), 'utf8');
    expect(everything).not.toContain(APP.apiSecret);
    expect(everything).not.toContain(new URL(redirect).searchParams.get('request_token'));
  }, 180_000);
});
