import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../engine/core';
import { Vault, VAULT_FILE_NAME } from '../engine/secrets';
import { startBinanceLoopback } from '../engine/venues/binance/testSupport';

/**
 * `sq account` end to end, as a person runs it: `node --import tsx src/cli/sq.ts account ...` with the
 * secret on stdin and the real scrypt cost (2^17; about a second per command that unlocks).
 */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sq-account-'));
  dirs.push(dir);
  return dir;
}

const PASSPHRASE = 'a passphrase for the test vault';
const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const API_KEY_2 = 'Q3R4dW1tYXJ5S2V5Rm9yVGhlRnV0dXJlc0FjY291bnQxMjM0NTY3ODkwYWJjZGVm';
const SECRET_2 = 'ZnV0dXJlc1NlY3JldE5ldmVyT25EaXNrSW5DbGVhcjA5ODc2NTQzMjFhYmNkZWZnaA';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything every command printed, for the test that greps for the secret. */
const allOutput: string[] = [];

/**
 * Each command is a fresh `node --import tsx` that compiles the CLI's imports and, to unlock, runs the
 * vault's real scrypt: about a second alone, and several under the load of parallel test files on a
 * small machine. A test runs up to 13 of them one after another, so the tests get room well beyond the
 * 30 s default (TEST_LIMIT_MS), and a command that hangs is killed and named instead of using it all.
 */
const COMMAND_LIMIT_MS = 60_000;
const TEST_LIMIT_MS = 240_000;

function sq(args: string[], opts: { dir: string; stdin?: string; env?: Record<string, string | undefined> }): Promise<Run> {
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SQ_DATA_DIR: opts.dir, SQ_VAULT_PASSPHRASE: undefined, SQ_VAULT_NEW_PASSPHRASE: undefined, ...opts.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sq.ts', 'account', ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // The command's name only: its arguments may hold an API key.
    const hung = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`sq account ${args[0] ?? ''} did not finish within ${COMMAND_LIMIT_MS / 1000} s; stderr so far: ${stderr}`));
    }, COMMAND_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(hung);
      fail(error);
    });
    child.on('close', (code) => {
      clearTimeout(hung);
      allOutput.push(stdout, stderr);
      done({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

const withPassphrase = { SQ_VAULT_PASSPHRASE: PASSPHRASE };
const fingerprint = (key: string) => '…' + createHash('sha256').update(key).digest('hex').slice(-4);

/** A failure is one line on stderr and nothing on stdout. */
function failed(run: Run, code: number, says: string): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^sq account: [^\n]+\n$/);
  expect(run.stderr).toContain(says);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('sq account', { timeout: TEST_LIMIT_MS }, () => {
  it('adds (creating the vault), lists and removes accounts; the key and secret are nowhere in the data directory or the output', async () => {
    const dir = dataDir();
    const added = await sq(['add', '--venue', 'binance-spot', '--name', 'main', '--api-key', API_KEY], { dir, stdin: SECRET + '\n', env: withPassphrase });
    expect(added.code, added.stderr).toBe(0);
    const main = JSON.parse(added.stdout);
    expect(main).toMatchObject({ name: 'main', venue: 'binance-spot', environment: 'production', enabled: true, keyFingerprint: fingerprint(API_KEY) });

    const perpArgs = ['add', '--venue', 'binance-usdm', '--name', 'perp', '--api-key', API_KEY_2, '--testnet', '--rest-url', 'http://127.0.0.1:18080', '--stream-url', 'ws://127.0.0.1:18081'];
    const perp = await sq(perpArgs, { dir, stdin: SECRET_2, env: withPassphrase });
    expect(perp.code, perp.stderr).toBe(0);

    const listed = await sq(['list'], { dir, env: withPassphrase });
    expect(listed.code, listed.stderr).toBe(0);
    const views = JSON.parse(listed.stdout);
    expect(views).toEqual([
      main,
      {
        id: expect.any(String),
        name: 'perp',
        venue: 'binance-usdm',
        environment: 'testnet',
        enabled: true,
        customEndpoints: { rest: true, stream: true, wsApi: false },
        keyFingerprint: fingerprint(API_KEY_2),
      },
    ]);
    // The passphrase on stdin instead of the environment.
    const listedFromStdin = await sq(['list'], { dir, stdin: PASSPHRASE + '\n' });
    expect(JSON.parse(listedFromStdin.stdout)).toEqual(views);

    const disabled = await sq(['disable', 'perp'], { dir, env: withPassphrase });
    expect(JSON.parse(disabled.stdout)).toMatchObject({ name: 'perp', enabled: false });

    const removed = await sq(['remove', 'main'], { dir, env: withPassphrase });
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual(main);
    const after = await sq(['list'], { dir, env: withPassphrase });
    expect(JSON.parse(after.stdout).map((v: { name: string }) => v.name)).toEqual(['perp']);

    // Every byte of every file in the data directory, and everything printed.
    const files = filesUnder(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['vault.json']);
    const needles = [API_KEY, SECRET, API_KEY_2, SECRET_2, PASSPHRASE].flatMap((s) => [Buffer.from(s), Buffer.from(Buffer.from(s).toString('base64').slice(0, 40))]);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
    const printed = Buffer.from(allOutput.join('\n'));
    for (const needle of needles) expect(printed.includes(needle), `${needle} printed`).toBe(false);
  });

  it('refuses what it must, each with one line on stderr that never repeats a secret', async () => {
    const dir = dataDir();
    failed(await sq(['add', '--venue', 'binance-spot', '--name', 'x', '--api-key', API_KEY, `--secret=${SECRET}`], { dir, env: withPassphrase }), 2, '--secret is refused');
    failed(await sq(['add', '--venue', 'binance-spot', '--name', 'x', '--api-key', API_KEY], { dir, stdin: SECRET }), 2, 'set SQ_VAULT_PASSPHRASE');
    failed(await sq(['add', '--venue', 'binance-spot', '--name', 'x', '--api-key', API_KEY], { dir, env: withPassphrase }), 2, 'stdin is empty');
    failed(await sq(['add', '--venue', 'binance-spot', '--name', 'x', '--api-key', API_KEY], { dir, stdin: SECRET, env: { SQ_VAULT_PASSPHRASE: 'short' } }), 1, 'at least 8 characters');
    expect(readdirSync(dir)).toEqual([]);

    // Nothing listens on 127.0.0.1:2: the test reaches no venue and says so.
    expect((await sq(['add', '--venue', 'binance-usdm', '--name', 'perp', '--api-key', API_KEY, '--rest-url', 'http://127.0.0.1:2'], { dir, stdin: SECRET, env: withPassphrase })).code).toBe(0);
    const vault = readFileSync(join(dir, 'vault.json'));

    failed(await sq(['list'], { dir, env: { SQ_VAULT_PASSPHRASE: 'not the passphrase' } }), 1, 'wrong passphrase');
    failed(await sq(['test', 'perp'], { dir, env: withPassphrase }), 1, 'perp: server time: GET /fapi/v1/time failed before an answer: fetch failed (ECONNREFUSED)');
    failed(await sq(['add', '--venue', 'binance-spot', '--name', 'PERP', '--api-key', API_KEY], { dir, stdin: SECRET, env: withPassphrase }), 1, 'an account named perp already exists');
    const badUrl = await sq(['add', '--venue', 'binance-spot', '--name', 'spot', '--api-key', API_KEY, '--rest-url', 'http://api.binance.com'], { dir, stdin: SECRET, env: withPassphrase });
    failed(badUrl, 1, 'restUrl: must be a https:// URL');
    failed(await sq(['remove', 'nobody'], { dir, env: withPassphrase }), 1, 'there is no account named nobody');
    failed(await sq(['frobnicate'], { dir }), 2, "unknown command 'frobnicate'");
    expect(readFileSync(join(dir, 'vault.json')).equals(vault)).toBe(true);
    expect(allOutput.join('\n')).not.toContain(SECRET);
  });

  it('tests a binance-spot account against the venue: its balances, or the venue\'s exact refusal with exit code 1', async () => {
    const venue = await startBinanceLoopback({
      market: 'spot',
      accounts: [
        { name: 'trader', keys: [{ apiKey: API_KEY, hmacSecret: SECRET }], balances: { USDT: '1234.5', BTC: '0.25' } },
        { name: 'watcher', keys: [{ apiKey: API_KEY_2, hmacSecret: SECRET_2 }], canTrade: false },
      ],
    });
    try {
      const dir = dataDir();
      const add = (name: string, key: string, secret: string) =>
        sq(['add', '--venue', 'binance-spot', '--name', name, '--api-key', key, '--testnet', '--rest-url', venue.restUrl], { dir, stdin: secret, env: withPassphrase });
      expect((await add('main', API_KEY, SECRET)).code).toBe(0);
      expect((await add('badsecret', API_KEY, SECRET_2)).code).toBe(0);
      expect((await add('nokey', 'A'.repeat(64), SECRET)).code).toBe(0);
      expect((await add('readonly', API_KEY_2, SECRET_2)).code).toBe(0);

      const ok = await sq(['test', 'main'], { dir, env: withPassphrase });
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toEqual({
        account: 'main',
        venue: 'binance-spot',
        environment: 'testnet',
        balances: [
          { asset: 'BTC', free: '0.25000000', locked: '0.00000000' },
          { asset: 'USDT', free: '1234.50000000', locked: '0.00000000' },
        ],
      });
      failed(await sq(['test', 'badsecret'], { dir, env: withPassphrase }), 1, 'badsecret: Signature for this request is not valid. (Binance code -1022)');
      failed(await sq(['test', 'nokey'], { dir, env: withPassphrase }), 1, 'nokey: Invalid API-key, IP, or permissions for action. (Binance code -2015)');
      failed(await sq(['test', 'readonly'], { dir, env: withPassphrase }), 1, 'readonly: this API key may not trade');
      expect(allOutput.join('\n')).not.toContain(SECRET);
      expect(allOutput.join('\n')).not.toContain(SECRET_2);
    } finally {
      await venue.stop();
    }
  });

  it("lists the names of the vault's other secrets (a CryptoPanic token's), never a value; a passphrase change keeps them", async () => {
    const dir = dataDir();
    const token = 'cp0token0for0the0cli0test0f3a9c1e';
    expect(JSON.parse((await sq(['secrets'], { dir, env: withPassphrase })).stdout)).toEqual([]);
    // Kept as the terminal keeps it (the signals desk, through the vault), at the vault's real cost.
    const vault = new Vault({ file: join(dir, VAULT_FILE_NAME), clock: new SimulatedClock(0) });
    await vault.create(PASSPHRASE);
    vault.setSecret('signals:cryptopanic:cryptopanic-1', token);
    vault.lock();
    const listed = await sq(['secrets'], { dir, stdin: PASSPHRASE + '\n' });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(['signals:cryptopanic:cryptopanic-1']);
    const changed = await sq(['passwd'], { dir, env: { ...withPassphrase, SQ_VAULT_NEW_PASSPHRASE: 'the new passphrase' } });
    expect(changed.code, changed.stderr).toBe(0);
    await vault.unlock('the new passphrase');
    expect(vault.secret('signals:cryptopanic:cryptopanic-1')).toBe(token);
    vault.lock();
    expect(allOutput.join('\n')).not.toContain(token);
    expect(readFileSync(join(dir, VAULT_FILE_NAME)).includes(token)).toBe(false);
  });

  it('changes the passphrase: the old one stops working, the new one opens the same accounts', async () => {
    const dir = dataDir();
    const added = await sq(['add', '--venue', 'ccxt:bybit', '--name', 'bybit', '--api-key', API_KEY], { dir, stdin: SECRET, env: withPassphrase });
    expect(added.code, added.stderr).toBe(0);
    failed(await sq(['passwd'], { dir, env: withPassphrase }), 2, 'SQ_VAULT_NEW_PASSPHRASE');
    const changed = await sq(['passwd'], { dir, env: { ...withPassphrase, SQ_VAULT_NEW_PASSPHRASE: 'the new passphrase' } });
    expect(changed.code, changed.stderr).toBe(0);
    failed(await sq(['list'], { dir, env: withPassphrase }), 1, 'wrong passphrase');
    const listed = await sq(['list'], { dir, env: { SQ_VAULT_PASSPHRASE: 'the new passphrase' } });
    expect(JSON.parse(listed.stdout)).toEqual([JSON.parse(added.stdout)]);
  });
});

describe('sq account --market-types', { timeout: TEST_LIMIT_MS }, () => {
  it("sets a ccxt account's market types on add and edit, shows them in list, and refuses them on a Binance account", async () => {
    const dir = dataDir();
    const added = await sq(['add', '--venue', 'ccxt:bybit', '--name', 'bybit', '--api-key', API_KEY, '--market-types', 'swap,spot'], { dir, stdin: SECRET, env: withPassphrase });
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'bybit', venue: 'ccxt:bybit', marketTypes: ['spot', 'swap'] });
    const plain = await sq(['add', '--venue', 'ccxt:okx', '--name', 'okx', '--api-key', API_KEY_2], { dir, stdin: SECRET_2, env: withPassphrase });
    expect(JSON.parse(plain.stdout).marketTypes).toEqual(['spot']);
    const vault = readFileSync(join(dir, 'vault.json'));

    failed(await sq(['add', '--venue', 'binance-spot', '--name', 'main', '--api-key', API_KEY, '--market-types', 'spot'], { dir, stdin: SECRET, env: withPassphrase }), 1, 'marketTypes: only a ccxt:<exchange id> account chooses its market types (binance-spot trades spot)');
    failed(await sq(['edit', 'okx', '--market-types', 'spot,options'], { dir, env: withPassphrase }), 1, 'marketTypes.1: each must be one of spot, swap, future');
    expect(readFileSync(join(dir, 'vault.json')).equals(vault)).toBe(true);

    const edited = await sq(['edit', 'okx', '--market-types', 'future'], { dir, env: withPassphrase });
    expect(edited.code, edited.stderr).toBe(0);
    const listed = await sq(['list'], { dir, env: withPassphrase });
    expect(JSON.parse(listed.stdout).map((a: { name: string; marketTypes?: string[] }) => [a.name, a.marketTypes])).toEqual([
      ['bybit', ['spot', 'swap']],
      ['okx', ['future']],
    ]);
    const help = await sq(['--help'], { dir });
    expect(help.stdout).toContain('--market-types TYPES');
  });
});
