import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsState, CallName, EventName } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { VAULT_FILE_NAME } from '../../engine/secrets';
import { binanceAccount, PASSPHRASE, TEST_SCRYPT_N, testVault } from '../../engine/secrets/testSupport';
import { Terminal } from '../../engine/terminal';
import { vaultPassphraseFromEnv } from '../engineHost';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * The Accounts screen's calls through the real Dispatcher, handlers and engine, on a real vault file:
 * what a trader relies on is that the vault answers in its own words, that every view is told about every
 * change (its own and `sq account`'s), and that no key or secret ever leaves the engine.
 */
const SECRET = binanceAccount().secret;
const API_KEY = binanceAccount().apiKey;
/** A rotated key: random, so that finding it anywhere means it leaked. */
const NEW_API_KEY = randomBytes(32).toString('hex');
const NEW_SECRET = randomBytes(32).toString('hex');
/** A headless host has no OS keychain: "remember on this device" is not available, and says why. */
const HEADLESS = { available: false, reason: 'no device key store on this host (headless): use the passphrase', remembered: false };

interface Rig {
  dataDir: string;
  clock: SimulatedClock;
  terminal: Terminal;
  logger: ReturnType<typeof recordingLogger>;
  events: { name: EventName; payload: unknown }[];
  call(name: CallName, input?: object): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** Every reply and event so far, as the bridge would serialise them. */
  traffic: string[];
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs) await rig.terminal.stop();
  for (const dir of new Set(rigs.map((r) => r.dataDir))) rmSync(dir, { recursive: true, force: true });
  rigs = [];
});

async function startRig(dataDir = mkdtempSync(join(tmpdir(), 'sq-accounts-')), passphrase?: string): Promise<Rig> {
  const clock = new SimulatedClock(1_700_000_000_000);
  const logger = recordingLogger();
  const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 7, vault: { scryptN: TEST_SCRYPT_N, passphrase } });
  const sessions = new SessionRegistry();
  const traffic: string[] = [];
  const events: Rig['events'] = [];
  const session = new Session('test', (name, payload) => {
    events.push({ name, payload });
    traffic.push(JSON.stringify(payload));
  });
  sessions.add(session);
  terminal.events.on('accounts', (state) => sessions.publish('accounts', state));
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  const rig: Rig = {
    dataDir,
    clock,
    terminal,
    logger,
    events,
    traffic,
    call: async (name, input = {}) => {
      const reply = await dispatcher.handle(session, name, input);
      traffic.push(JSON.stringify(reply));
      return reply;
    },
  };
  rigs.push(rig);
  return rig;
}

const accountEvents = (rig: Rig) => rig.events.filter((e) => e.name === 'accounts').map((e) => e.payload as AccountsState);
const lastState = (rig: Rig) => accountEvents(rig).at(-1);

const testnetAccount = {
  name: 'spot-test',
  venue: 'binance-spot',
  apiKey: API_KEY,
  secret: SECRET,
  testnet: true,
  // Nothing listens on port 9 here: the connection test and the terminal's connect fail at once, offline.
  restUrl: 'http://127.0.0.1:9',
};

describe('accounts over the bridge', () => {
  it('creates, adds, locks, refuses a wrong passphrase, unlocks, tests, disables and removes, telling every view', async () => {
    const rig = await startRig();
    expect(await rig.call('accounts.state')).toEqual({ ok: true, value: { vault: 'absent', accounts: [], idleLockMinutes: 15, device: HEADLESS } });
    const noVault = await rig.call('accounts.unlock', { passphrase: PASSPHRASE });
    expect(noVault.error).toEqual({ code: 'VAULT_LOCKED', message: `there is no vault at ${join(rig.dataDir, VAULT_FILE_NAME)} yet` });

    // The vault's own words reach the caller.
    expect((await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: 'something else' })).error).toEqual({
      code: 'INVALID_INPUT',
      message: 'confirm: the two passphrases differ',
    });
    expect((await rig.call('accounts.create', { passphrase: 'short', confirm: 'short' })).error).toEqual({
      code: 'INVALID_INPUT',
      message: 'a passphrase needs at least 8 characters',
    });
    expect(await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).toEqual({
      ok: true,
      value: { vault: 'unlocked', accounts: [], idleLockMinutes: 15, device: HEADLESS },
    });
    expect(lastState(rig)).toEqual({ vault: 'unlocked', accounts: [], idleLockMinutes: 15, device: HEADLESS });

    const added = await rig.call('accounts.add', testnetAccount);
    expect(added.ok).toBe(true);
    const view = added.value as { id: string; keyFingerprint: string };
    expect(view).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'spot-test',
      venue: 'binance-spot',
      environment: 'testnet',
      enabled: true,
      customEndpoints: { rest: true, stream: false, wsApi: false },
      keyFingerprint: expect.stringMatching(/^…[0-9a-f]{4}$/),
    });
    expect(lastState(rig)?.accounts).toEqual([view]);

    const refused = await rig.call('accounts.add', { ...testnetAccount, name: 'bad name!', venue: 'kraken' });
    expect(refused.error?.code).toBe('INVALID_INPUT');
    expect(refused.error?.message).toMatch(/^the account is refused: name: must be 1 to 32 letters.*; venue: must be binance-spot, binance-usdm, kite or ccxt:<exchange id>/);
    expect((await rig.call('accounts.add', { ...testnetAccount, name: 'SPOT-TEST' })).error?.message).toBe('an account named spot-test already exists');

    expect(await rig.call('accounts.lock')).toEqual({ ok: true, value: { vault: 'locked', accounts: [], idleLockMinutes: 15, device: HEADLESS } });
    expect(lastState(rig)).toEqual({ vault: 'locked', accounts: [], idleLockMinutes: 15, device: HEADLESS });
    expect((await rig.call('accounts.add', { ...testnetAccount, name: 'other' })).error).toEqual({ code: 'VAULT_LOCKED', message: 'the vault is locked: unlock it first' });
    expect(await rig.call('accounts.unlock', { passphrase: 'not the passphrase' })).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'wrong passphrase' } });
    expect((await rig.call('accounts.state')).value).toMatchObject({ vault: 'locked' });
    expect((await rig.call('accounts.unlock', { passphrase: PASSPHRASE })).value).toEqual({ vault: 'unlocked', accounts: [view], idleLockMinutes: 15, device: HEADLESS });

    expect(await rig.call('accounts.test', { id: view.id })).toEqual({
      ok: false,
      error: { code: 'VENUE_UNAVAILABLE', message: expect.stringMatching(/^spot-test: server time unknown: GET \/api\/v3\/time failed before an answer/) },
    });
    expect((await rig.call('accounts.setEnabled', { id: view.id, enabled: false })).value).toMatchObject({ id: view.id, enabled: false });
    expect(lastState(rig)?.accounts[0]?.enabled).toBe(false);
    expect((await rig.call('accounts.remove', { id: view.id })).value).toMatchObject({ id: view.id });
    expect(lastState(rig)?.accounts).toEqual([]);
    expect((await rig.call('accounts.remove', { id: view.id })).error).toEqual({ code: 'UNKNOWN_ACCOUNT', message: 'there is no account by that name' });

    // Changing the passphrase: a wrong current one changes nothing; the new one opens the vault.
    expect((await rig.call('accounts.changePassphrase', { current: 'wrong wrong', next: 'a brand new passphrase' })).error?.message).toBe('wrong passphrase');
    expect((await rig.call('accounts.changePassphrase', { current: PASSPHRASE, next: 'a brand new passphrase' })).ok).toBe(true);
    await rig.call('accounts.lock');
    expect((await rig.call('accounts.unlock', { passphrase: PASSPHRASE })).error?.message).toBe('wrong passphrase');
    expect((await rig.call('accounts.unlock', { passphrase: 'a brand new passphrase' })).ok).toBe(true);

    // No key or secret in any reply, any event, any log line (before redaction), or the vault file.
    const everything = [...rig.traffic, JSON.stringify(rig.logger.lines), readFileSync(join(rig.dataDir, VAULT_FILE_NAME), 'utf8')].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(PASSPHRASE);
  });

  it('edits an account: renames, switches to testnet, rotates the key, clears a URL; a bad change is refused in the vault\'s words and changes nothing', async () => {
    const rig = await startRig();
    await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const production = { ...testnetAccount, name: 'spot', testnet: false, streamUrl: 'ws://127.0.0.1:9' };
    const added = (await rig.call('accounts.add', production)).value as { id: string; keyFingerprint: string };
    // Disabled so that the terminal does not try the venue's real default URL once the custom one is cleared.
    await rig.call('accounts.setEnabled', { id: added.id, enabled: false });

    const renamed = await rig.call('accounts.edit', { id: added.id, name: 'spot-main', testnet: true });
    expect(renamed).toEqual({
      ok: true,
      value: { ...added, name: 'spot-main', environment: 'testnet', enabled: false, customEndpoints: { rest: true, stream: true, wsApi: false } },
    });
    expect(lastState(rig)?.accounts).toEqual([renamed.value]);

    const rotated = await rig.call('accounts.edit', { id: added.id, apiKey: NEW_API_KEY, secret: NEW_SECRET, restUrl: null });
    expect(rotated.value).toMatchObject({ id: added.id, name: 'spot-main', customEndpoints: { rest: false, stream: true, wsApi: false } });
    expect((rotated.value as { keyFingerprint: string }).keyFingerprint).not.toBe(added.keyFingerprint);
    // The engine connects with the new key and secret from now on; the cleared URL is the venue's default again.
    const connecting = rig.terminal.accounts.forConnecting(added.id);
    expect({ apiKey: connecting.apiKey, secret: connecting.secret, restUrl: connecting.restUrl, streamUrl: connecting.streamUrl }).toEqual({
      apiKey: NEW_API_KEY,
      secret: NEW_SECRET,
      restUrl: undefined,
      streamUrl: 'ws://127.0.0.1:9',
    });
    await rig.call('accounts.add', { ...testnetAccount, name: 'other' });
    const before = lastState(rig);
    const fileBefore = readFileSync(join(rig.dataDir, VAULT_FILE_NAME), 'utf8');

    // Refusals: the vault's words, and nothing changes (neither the views nor the file).
    expect((await rig.call('accounts.edit', { id: added.id, name: 'bad name!', restUrl: 'ftp://example.com' })).error).toEqual({
      code: 'INVALID_INPUT',
      message:
        'the change is refused: name: must be 1 to 32 letters, digits, ".", "_" or "-", starting with a letter or digit; restUrl: must be a https:// URL (http:// only for 127.0.0.1 or localhost), without a user name or password',
    });
    expect((await rig.call('accounts.edit', { id: added.id, apiKey: 'only-the-key' })).error).toEqual({
      code: 'INVALID_INPUT',
      message: 'the change is refused: secret: a new API key and its secret are given together',
    });
    expect((await rig.call('accounts.edit', { id: added.id, name: 'OTHER' })).error?.message).toBe('an account named other already exists');
    expect((await rig.call('accounts.edit', { id: 'no-such-account', name: 'x' })).error?.code).toBe('UNKNOWN_ACCOUNT');
    // The bridge's own limits come before the vault.
    expect((await rig.call('accounts.edit', { id: added.id, restUrl: '' })).error?.code).toBe('INVALID_INPUT');
    expect((await rig.call('accounts.edit', { id: added.id, enabled: true })).error?.code).toBe('INVALID_INPUT');
    expect((await rig.call('accounts.state')).value).toEqual(before);
    expect(readFileSync(join(rig.dataDir, VAULT_FILE_NAME), 'utf8')).toBe(fileBefore);
    expect(rig.terminal.accounts.forConnecting(added.id).secret).toBe(NEW_SECRET);

    // No old or new key or secret in any reply, any event, any log line (before redaction), or the vault file.
    const everything = [...rig.traffic, JSON.stringify(rig.logger.lines), readFileSync(join(rig.dataDir, VAULT_FILE_NAME), 'utf8')].join('\n');
    for (const needle of [SECRET, API_KEY, NEW_SECRET, NEW_API_KEY, 'only-the-key']) expect(everything).not.toContain(needle);
  });

  it('shows what `sq account` changes in the file while the terminal runs: a new vault, new accounts, a new passphrase', async () => {
    const rig = await startRig();
    const file = join(rig.dataDir, VAULT_FILE_NAME);
    const shell = testVault(file).vault; // what `sq account` does: its own Vault on the same file

    await shell.create(PASSPHRASE);
    shell.lock();
    rig.clock.advance(1_000);
    expect(lastState(rig)).toEqual({ vault: 'locked', accounts: [], idleLockMinutes: 15, device: HEADLESS });

    await rig.call('accounts.unlock', { passphrase: PASSPHRASE });
    await shell.unlock(PASSPHRASE);
    const futures = shell.add(binanceAccount({ name: 'futures', venue: 'binance-usdm' }));
    // Asked at once, the state reads the file again...
    expect((await rig.call('accounts.state')).value).toMatchObject({ vault: 'unlocked', accounts: [futures] });
    // ...and without asking, the views are told within a second.
    const shown = accountEvents(rig).length;
    shell.setEnabled('futures', false);
    rig.clock.advance(1_000);
    expect(accountEvents(rig).slice(shown).at(-1)?.accounts).toEqual([{ ...futures, enabled: false }]);

    // A change from the screen right after is made on the file as `sq account` left it, not refused.
    const added = await rig.call('accounts.add', { ...testnetAccount, name: 'spot' });
    expect(added.ok).toBe(true);
    shell.lock();
    await shell.unlock(PASSPHRASE);
    expect(shell.list().map((a) => a.name)).toEqual(['futures', 'spot']);

    await shell.changePassphrase(PASSPHRASE, 'changed from a shell');
    rig.clock.advance(1_000);
    expect(lastState(rig)?.vault).toBe('unlocked');
    expect((await rig.call('accounts.remove', { id: 'spot' })).ok).toBe(true);
    await rig.call('accounts.lock');
    expect((await rig.call('accounts.unlock', { passphrase: 'changed from a shell' })).value).toMatchObject({ accounts: [{ name: 'futures' }] });

    rmSync(file);
    rig.clock.advance(1_000);
    expect(lastState(rig)).toEqual({ vault: 'absent', accounts: [], idleLockMinutes: 15, device: HEADLESS });
  });

  it('locks after the idle time set, which the next start keeps; SQ_VAULT_PASSPHRASE unlocks at start', async () => {
    const rig = await startRig();
    await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    await rig.call('accounts.add', testnetAccount);
    expect((await rig.call('accounts.setIdleLock', { minutes: 2 })).value).toMatchObject({ vault: 'unlocked', idleLockMinutes: 2, device: HEADLESS });
    expect((await rig.call('accounts.setIdleLock', { minutes: 1.5 })).error?.code).toBe('INVALID_INPUT');
    rig.clock.advance(119_000);
    expect(lastState(rig)?.vault).toBe('unlocked');
    rig.clock.advance(1_000);
    expect(lastState(rig)).toEqual({ vault: 'locked', accounts: [], idleLockMinutes: 2, device: HEADLESS });
    await rig.terminal.stop();
    rigs = rigs.filter((r) => r !== rig);

    const wrong = await startRig(rig.dataDir, 'not the passphrase');
    expect((await wrong.call('accounts.state')).value).toEqual({ vault: 'locked', accounts: [], idleLockMinutes: 2, device: HEADLESS });
    expect(wrong.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'vault not unlocked with SQ_VAULT_PASSPHRASE: unlock it in the Accounts tab', fields: { reason: 'wrong passphrase' } }),
    );
    await wrong.terminal.stop();
    rigs = rigs.filter((r) => r !== wrong);

    const right = await startRig(rig.dataDir, PASSPHRASE);
    expect((await right.call('accounts.state')).value).toMatchObject({ vault: 'unlocked', accounts: [{ name: 'spot-test', environment: 'testnet' }], idleLockMinutes: 2 });
    expect(JSON.stringify(right.logger.lines)).not.toContain(PASSPHRASE);
  });
});

describe('SQ_VAULT_PASSPHRASE', () => {
  it('is read once and taken out of the environment, so nothing the host starts later inherits it', () => {
    const env: NodeJS.ProcessEnv = { SQ_VAULT_PASSPHRASE: PASSPHRASE, SQ_DATA_DIR: '/tmp/x' };
    expect(vaultPassphraseFromEnv(env)).toBe(PASSPHRASE);
    expect(env).toEqual({ SQ_DATA_DIR: '/tmp/x' });
    expect(vaultPassphraseFromEnv(env)).toBeUndefined();
    expect(vaultPassphraseFromEnv({ SQ_VAULT_PASSPHRASE: '' })).toBeUndefined();
  });
});
