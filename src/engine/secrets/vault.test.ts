import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../core';
import { DEFAULT_SCRYPT_N, type VaultEvent } from './index';
import { binanceAccount, InMemoryDeviceKeyStore, PASSPHRASE, testVault, vaultDirPerTest, vaultFailure, TEST_SCRYPT_N } from './testSupport';

const dir = vaultDirPerTest();

const sha256Tail = (text: string) => '…' + createHash('sha256').update(text).digest('hex').slice(-4);

describe('vault round trip', () => {
  it('keeps accounts across lock and a new process, shows only views, and decrypts credentials on demand', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    expect(vault.state()).toBe('absent');
    await vault.create(PASSPHRASE);
    expect(vault.state()).toBe('unlocked');
    const main = vault.add(binanceAccount());
    const futures = vault.add(
      binanceAccount({
        name: 'perp-test',
        venue: 'binance-usdm',
        environment: 'testnet',
        apiKey: 'k'.repeat(64),
        secret: 's'.repeat(64),
        restUrl: 'https://testnet.binancefuture.com',
        streamUrl: 'ws://127.0.0.1:9443',
      }),
    );
    expect(main).toEqual({
      id: main.id,
      name: 'main',
      venue: 'binance-spot',
      environment: 'production',
      enabled: true,
      customEndpoints: { rest: false, stream: false, wsApi: false },
      keyFingerprint: sha256Tail(binanceAccount().apiKey),
    });
    expect(futures.customEndpoints).toEqual({ rest: true, stream: true, wsApi: false });
    expect(futures.environment).toBe('testnet');
    vault.lock();
    expect(vault.state()).toBe('locked');

    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.list()).toEqual([main, futures]);
    expect(reopened.credentials('main')).toEqual({ apiKey: binanceAccount().apiKey, secret: binanceAccount().secret });
    expect(reopened.credentials('PERP-TEST')).toEqual({ apiKey: 'k'.repeat(64), secret: 's'.repeat(64) });
    expect(reopened.settings(futures.id)).toEqual({
      id: futures.id,
      name: 'perp-test',
      venue: 'binance-usdm',
      environment: 'testnet',
      enabled: true,
      restUrl: 'https://testnet.binancefuture.com',
      streamUrl: 'ws://127.0.0.1:9443',
    });
    // Neither the key nor the secret nor the account names are in the file as text.
    const text = readFileSync(file, 'utf8');
    for (const needle of [binanceAccount().apiKey, binanceAccount().secret, 'perp-test', 'testnet.binancefuture']) expect(text).not.toContain(needle);
  });

  it('refuses a wrong passphrase with "wrong passphrase" and changes nothing on disk', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    vault.lock();
    const before = readFileSync(file);
    const error = await vaultFailure(() => vault.unlock('correct horse battery stapler'));
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(error.message).toBe('wrong passphrase');
    expect(vault.state()).toBe('locked');
    expect((await vaultFailure(() => vault.list())).code).toBe('LOCKED');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('creates only where no vault is, and asks for a passphrase of 8 characters or more', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    expect((await vaultFailure(() => vault.create('short'))).code).toBe('INVALID_INPUT');
    expect(vault.state()).toBe('absent');
    expect((await vaultFailure(() => vault.unlock(PASSPHRASE))).code).toBe('NO_VAULT');
    await vault.create(PASSPHRASE);
    const before = readFileSync(file);
    expect((await vaultFailure(() => testVault(file).vault.create('another passphrase'))).code).toBe('EXISTS');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('derives with scrypt N = 2^17 unless told otherwise, and refuses a file with less by default', async () => {
    const { file } = dir();
    const strong = testVault(file, { scryptN: undefined }).vault;
    await strong.create(PASSPHRASE);
    const body = JSON.parse(JSON.parse(readFileSync(file, 'utf8')).body);
    expect(body.kdf).toMatchObject({ name: 'scrypt', N: DEFAULT_SCRYPT_N, r: 8, p: 1 });
    expect(DEFAULT_SCRYPT_N).toBeGreaterThanOrEqual(2 ** 17);

    const weak = dir();
    await testVault(weak.file).vault.create(PASSPHRASE);
    const error = await vaultFailure(() => testVault(weak.file, { scryptN: undefined }).vault.unlock(PASSPHRASE));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(`scrypt N ${TEST_SCRYPT_N} is below the minimum ${DEFAULT_SCRYPT_N}`);
  });
});

describe('accounts', () => {
  it('validates every field at the boundary, naming the field and never echoing a key or secret', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    const before = readFileSync(file);
    const refused = async (over: Parameters<typeof binanceAccount>[0], field: string) => {
      const error = await vaultFailure(() => vault.add(binanceAccount(over)));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain(`${field}:`);
      return error;
    };
    await refused({ name: '' }, 'name');
    await refused({ name: 'has space' }, 'name');
    await refused({ venue: 'kraken' as never }, 'venue');
    await refused({ venue: 'ccxt:Bybit' }, 'venue');
    await refused({ restUrl: 'http://api.binance.com' }, 'restUrl');
    await refused({ restUrl: 'https://user:pw@proxy.example' }, 'restUrl');
    await refused({ restUrl: 'wss://stream.binance.com' }, 'restUrl');
    await refused({ streamUrl: 'ws://stream.binance.com:9443' }, 'streamUrl');
    await refused({ wsApiUrl: 'https://ws-api.binance.com' }, 'wsApiUrl');
    const badKey = await refused({ apiKey: 'has a space SECRETKEYVALUE' }, 'apiKey');
    expect(badKey.message).not.toContain('SECRETKEYVALUE');
    const badSecret = await refused({ secret: 'tab\there SECRETVALUE' }, 'secret');
    expect(badSecret.message).not.toContain('SECRETVALUE');
    await refused({ secret: '   ' }, 'secret');
    expect(readFileSync(file).equals(before)).toBe(true);

    expect(vault.add(binanceAccount({ restUrl: 'http://127.0.0.1:8080', streamUrl: 'ws://localhost:9000', wsApiUrl: 'wss://ws-api.binance.com:443/ws-api/v3' })).customEndpoints).toEqual({
      rest: true,
      stream: true,
      wsApi: true,
    });
    vault.add(binanceAccount({ name: 'bybit', venue: 'ccxt:bybit', secret: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIF\n-----END PRIVATE KEY-----' }));
    const duplicate = await vaultFailure(() => vault.add(binanceAccount({ name: 'MAIN' })));
    expect(duplicate.message).toBe('an account named main already exists');
    expect(vault.list().map((a) => a.name)).toEqual(['main', 'bybit']);
  });

  it('edits, enables, disables, rotates keys and removes, each written before it is reported', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    const events: VaultEvent[] = [];
    vault.onChange((e) => events.push(e));
    const a = vault.add(binanceAccount({ restUrl: 'https://api1.binance.com' }));
    const b = vault.add(binanceAccount({ name: 'other', apiKey: 'B'.repeat(64) }));

    expect(vault.edit('main', { name: 'spot', environment: 'testnet', restUrl: null, streamUrl: 'wss://stream.testnet.binance.vision' })).toMatchObject({
      id: a.id,
      name: 'spot',
      environment: 'testnet',
      customEndpoints: { rest: false, stream: true, wsApi: false },
    });
    expect((await vaultFailure(() => vault.edit('spot', { name: 'Other' }))).message).toBe('an account named other already exists');
    expect((await vaultFailure(() => vault.edit('spot', { apiKey: 'X'.repeat(64) }))).message).toContain('a new API key and its secret are given together');
    const rotated = vault.edit('spot', { apiKey: 'X'.repeat(64), secret: 'Y'.repeat(64) });
    expect(rotated.keyFingerprint).toBe(sha256Tail('X'.repeat(64)));
    expect(vault.setEnabled('other', false).enabled).toBe(false);
    expect(vault.setEnabled('other', true).enabled).toBe(true);
    expect(vault.remove('other')).toMatchObject({ id: b.id, name: 'other' });
    expect((await vaultFailure(() => vault.remove('other'))).code).toBe('UNKNOWN_ACCOUNT');
    expect(events.filter((e) => e.kind === 'accounts')).toHaveLength(7);

    vault.lock();
    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.list()).toEqual([{ ...rotated, enabled: true }]);
    expect(reopened.credentials('spot')).toEqual({ apiKey: 'X'.repeat(64), secret: 'Y'.repeat(64) });
    const body = JSON.parse(JSON.parse(readFileSync(file, 'utf8')).body);
    expect(body.records.map((r: { id: string }) => r.id)).toEqual([a.id]);
  });

  it('logs account changes as views only', async () => {
    const { file } = dir();
    const logger = recordingLogger();
    const { vault } = testVault(file, { logger });
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    vault.edit('main', { apiKey: 'Z'.repeat(64), secret: 'W'.repeat(64) });
    vault.remove('main');
    const logged = JSON.stringify(logger.lines);
    expect(logged).toContain('vault account added');
    for (const needle of [binanceAccount().apiKey, binanceAccount().secret, 'Z'.repeat(64), 'W'.repeat(64), PASSPHRASE]) expect(logged).not.toContain(needle);
  });
});

describe("a ccxt venue's API passphrase (ccxt's password)", () => {
  it('is kept encrypted like the secret, handed only to a connector, and can be changed or removed', async () => {
    const { file } = dir();
    const logger = recordingLogger();
    const { vault } = testVault(file, { logger });
    await vault.create(PASSPHRASE);
    const password = 'okx-api-passphrase-7731';
    const view = vault.add({ name: 'okx', venue: 'ccxt:okx', apiKey: 'K'.repeat(36), secret: 'S'.repeat(32), password });
    expect(vault.credentials('okx')).toEqual({ apiKey: 'K'.repeat(36), secret: 'S'.repeat(32), password });
    expect(JSON.stringify([view, vault.list(), vault.settings('okx'), logger.lines])).not.toContain(password);
    expect(readFileSync(file, 'utf8')).not.toContain(password);
    vault.edit('okx', { password: 'another-passphrase' });
    expect(vault.credentials('okx').password).toBe('another-passphrase');
    vault.edit('okx', { password: null });
    expect(vault.credentials('okx')).toEqual({ apiKey: 'K'.repeat(36), secret: 'S'.repeat(32) });
    expect((await vaultFailure(() => vault.add({ name: 'kucoin', venue: 'ccxt:kucoin', apiKey: 'K'.repeat(36), secret: 'S'.repeat(32), password: 'tab\there' }))).message).toContain(
      'password: must be 1 to 512 printable characters',
    );
  });
});

describe('passphrase change', () => {
  it('re-wraps the data key only: records byte-identical, old passphrase refused, new one opens', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    vault.add(binanceAccount({ name: 'second' }));
    const body = () => JSON.parse(JSON.parse(readFileSync(file, 'utf8')).body);
    const before = body();

    const before2 = readFileSync(file);
    expect((await vaultFailure(() => vault.changePassphrase('not the passphrase', 'a new passphrase'))).code).toBe('WRONG_PASSPHRASE');
    expect(readFileSync(file).equals(before2)).toBe(true);
    expect((await vaultFailure(() => vault.changePassphrase(PASSPHRASE, 'short'))).code).toBe('INVALID_INPUT');

    await vault.changePassphrase(PASSPHRASE, 'a new passphrase');
    const after = body();
    expect(after.records).toEqual(before.records);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.passphraseWrap).not.toEqual(before.passphraseWrap);
    // Still unlocked and still writable: the vault knows the file it wrote.
    expect(vault.add(binanceAccount({ name: 'third' })).name).toBe('third');
    vault.lock();

    expect((await vaultFailure(() => vault.unlock(PASSPHRASE))).code).toBe('WRONG_PASSPHRASE');
    await vault.unlock('a new passphrase');
    expect(vault.list().map((a) => a.name)).toEqual(['main', 'second', 'third']);
    expect(vault.credentials('second').secret).toBe(binanceAccount().secret);
  });

  it('works on a locked vault too', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.lock();
    await vault.changePassphrase(PASSPHRASE, 'a new passphrase');
    expect(vault.state()).toBe('locked');
    await vault.unlock('a new passphrase');
  });
});

describe('auto-lock', () => {
  it('locks after the idle time on the injected clock, counted from the last operation, and zeroes the data key', async () => {
    const { file } = dir();
    const { vault, clock } = testVault(file, { autoLockMs: 60_000 });
    const events: VaultEvent[] = [];
    vault.onChange((e) => events.push(e));
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    const dataKey = (vault as unknown as { unlocked: { dataKey: Buffer } }).unlocked.dataKey;
    expect(dataKey.some((b) => b !== 0)).toBe(true);

    clock.advance(59_999);
    expect(vault.list()).toHaveLength(1); // activity: the countdown starts again
    clock.advance(59_999);
    expect(vault.state()).toBe('unlocked');
    clock.advance(1);
    expect(vault.state()).toBe('locked');
    expect(events.at(-1)).toEqual({ kind: 'locked', reason: 'idle' });
    expect(dataKey.every((b) => b === 0)).toBe(true);
    expect((await vaultFailure(() => vault.credentials('main'))).code).toBe('LOCKED');
  });

  it('follows the idle time the user sets, and never locks by itself when it is cleared', async () => {
    const { file } = dir();
    const { vault, clock } = testVault(file);
    await vault.create(PASSPHRASE);
    clock.advance(24 * 3_600_000);
    expect(vault.state()).toBe('unlocked');
    vault.setAutoLock(5_000);
    expect(vault.autoLock()).toBe(5_000);
    clock.advance(5_000);
    expect(vault.state()).toBe('locked');
    await vault.unlock(PASSPHRASE);
    vault.setAutoLock(undefined);
    clock.advance(24 * 3_600_000);
    expect(vault.state()).toBe('unlocked');
    expect((await vaultFailure(() => vault.setAutoLock(-1))).code).toBe('INVALID_INPUT');
  });

  it('an explicit lock during an unlock wins', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.lock();
    const unlocking = vault.unlock(PASSPHRASE);
    vault.lock();
    expect((await vaultFailure(() => unlocking)).code).toBe('LOCKED');
    expect(vault.state()).toBe('locked');
  });
});

describe('device key store', () => {
  it('remembers the data key on this device and unlocks without the passphrase', async () => {
    const { file } = dir();
    const device = new InMemoryDeviceKeyStore();
    const { vault } = testVault(file, { deviceKeyStore: device });
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    expect(vault.deviceStatus()).toEqual({ available: { ok: true }, remembered: false });
    vault.rememberOnDevice();
    vault.lock();
    expect(vault.deviceStatus()).toEqual({ available: { ok: true }, remembered: true });

    const sameDevice = testVault(file, { deviceKeyStore: device }).vault;
    sameDevice.unlockWithDevice();
    expect(sameDevice.credentials('main').secret).toBe(binanceAccount().secret);
    sameDevice.lock();

    const otherMachine = testVault(file, { deviceKeyStore: new InMemoryDeviceKeyStore() }).vault;
    expect((await vaultFailure(() => otherMachine.unlockWithDevice())).code).toBe('DEVICE_UNAVAILABLE');
    await otherMachine.unlock(PASSPHRASE); // the passphrase always works

    const headless = testVault(file).vault;
    expect((await vaultFailure(() => headless.unlockWithDevice())).message).toContain('no device key store');
  });

  it('says why the device store cannot be used, and refuses to remember there', async () => {
    const { file } = dir();
    const reason = "the OS keyring is not available (safeStorage's backend is basic_text): the passphrase is required";
    const { vault } = testVault(file, { deviceKeyStore: new InMemoryDeviceKeyStore(reason) });
    await vault.create(PASSPHRASE);
    expect(vault.deviceStatus().available).toEqual({ ok: false, reason });
    const error = await vaultFailure(() => vault.rememberOnDevice());
    expect(error).toMatchObject({ code: 'DEVICE_UNAVAILABLE', message: reason });
  });

  it('forgets the device: only the passphrase opens it again', async () => {
    const { file } = dir();
    const device = new InMemoryDeviceKeyStore();
    const { vault } = testVault(file, { deviceKeyStore: device });
    await vault.create(PASSPHRASE);
    vault.rememberOnDevice();
    vault.forgetDevice();
    vault.lock();
    expect((await vaultFailure(() => vault.unlockWithDevice())).message).toContain('not remembered on this device');
    await vault.unlock(PASSPHRASE);
  });
});

describe('writing', () => {
  it('replaces the file atomically: owner-only, no temporary file left, leftovers of a crash removed', async () => {
    const { dir: d, file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    for (let i = 0; i < 5; i++) vault.add(binanceAccount({ name: `acct-${i}` }));
    vault.remove('acct-2');
    await vault.changePassphrase(PASSPHRASE, 'a new passphrase');
    expect(readdirSync(d)).toEqual(['vault.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    vault.lock();
    writeFileSync(join(d, 'vault.json.0123456789ab.tmp'), 'interrupted write');
    await vault.unlock('a new passphrase');
    expect(readdirSync(d)).toEqual(['vault.json']);
  });

  it('refuses to write over a file another writer changed, so neither change is lost', async () => {
    const { file } = dir();
    const first = testVault(file).vault;
    await first.create(PASSPHRASE);
    const second = testVault(file).vault;
    await second.unlock(PASSPHRASE);
    first.add(binanceAccount());
    const afterFirst = readFileSync(file);
    const error = await vaultFailure(() => second.add(binanceAccount({ name: 'other' })));
    expect(error.code).toBe('CONFLICT');
    expect(readFileSync(file).equals(afterFirst)).toBe(true);
    second.lock();
    await second.unlock(PASSPHRASE);
    expect(second.add(binanceAccount({ name: 'other' })).name).toBe('other');
    expect(second.list().map((a) => a.name)).toEqual(['main', 'other']);
  });
});

describe('refresh: another writer changed the file', () => {
  it('reloads the accounts another vault instance (sq account) wrote, under a changed passphrase too, without counting as activity', async () => {
    const { file } = dir();
    const { vault, clock } = testVault(file, { autoLockMs: 60_000 });
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    const events: VaultEvent[] = [];
    vault.onChange((e) => events.push(e));
    expect(vault.refresh()).toBe(false);

    const shell = testVault(file).vault;
    await shell.unlock(PASSPHRASE);
    shell.add(binanceAccount({ name: 'futures', venue: 'binance-usdm', environment: 'testnet' }));
    shell.setEnabled('main', false);
    await shell.changePassphrase(PASSPHRASE, 'another passphrase');
    shell.lock();

    clock.advance(59_000);
    expect(vault.refresh()).toBe(true);
    expect(events).toEqual([{ kind: 'accounts', accounts: vault.list() }]);
    expect(vault.list().map((a) => [a.name, a.environment, a.enabled])).toEqual([
      ['main', 'production', false],
      ['futures', 'testnet', true],
    ]);
    // Writes go on from the file as it is now: no conflict with the change just read.
    vault.remove('futures');
    expect(vault.refresh()).toBe(false);

    // refresh() itself is no activity: the idle lock still comes 60 s after the last operation.
    clock.advance(59_999);
    vault.refresh();
    clock.advance(1);
    expect(vault.state()).toBe('locked');
    await vault.unlock('another passphrase');
    expect(vault.list().map((a) => a.name)).toEqual(['main']);
  });

  it('locks when the file is removed, damaged or replaced by another vault, and leaves the file as it is', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    const events: VaultEvent[] = [];
    vault.onChange((e) => events.push(e));

    const original = readFileSync(file);
    writeFileSync(file, original.subarray(0, original.length - 10));
    expect(vault.refresh()).toBe(true);
    expect(vault.state()).toBe('locked');
    expect(events.at(-1)).toEqual({ kind: 'locked', reason: 'file' });
    expect(readFileSync(file).length).toBe(original.length - 10);
    expect((await vaultFailure(() => vault.unlock(PASSPHRASE))).code).toBe('CORRUPT');

    writeFileSync(file, original);
    await vault.unlock(PASSPHRASE);
    const other = dir();
    const stranger = testVault(other.file).vault;
    await stranger.create(PASSPHRASE);
    writeFileSync(file, readFileSync(other.file));
    expect(vault.refresh()).toBe(true);
    expect(vault.state()).toBe('locked');

    writeFileSync(file, original);
    await vault.unlock(PASSPHRASE);
    rmSync(file);
    expect(vault.refresh()).toBe(true);
    expect(vault.state()).toBe('absent');
  });
});

/**
 * A ccxt account says which market types it trades (spot, swap, future); the connector loads only
 * those. A setting, not a secret: it is in the account's settings and its view; absent means spot,
 * which is what every account written before the field existed trades.
 */
const ccxt = (over: Record<string, unknown> = {}) => ({ name: 'bnc', venue: 'ccxt:binance' as const, apiKey: 'K'.repeat(64), secret: 'S'.repeat(64), ...over });

describe("a ccxt account's market types", () => {
  it('round-trip through the file, in the order spot, swap, future, shown in the view; absent is spot', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    const both = vault.add(ccxt({ marketTypes: ['swap', 'spot'] }));
    const plain = vault.add(ccxt({ name: 'plain' }));
    const spot = vault.add({ name: 'main', venue: 'binance-spot', apiKey: 'A'.repeat(64), secret: 'B'.repeat(64) });
    expect(both.marketTypes).toEqual(['spot', 'swap']);
    expect(plain.marketTypes).toEqual(['spot']);
    expect(spot).not.toHaveProperty('marketTypes');
    vault.lock();

    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.list().map((a) => [a.name, a.marketTypes])).toEqual([
      ['bnc', ['spot', 'swap']],
      ['plain', ['spot']],
      ['main', undefined],
    ]);
    expect(reopened.settings('bnc').marketTypes).toEqual(['spot', 'swap']);
    // Not written for an account that did not name any: the record stays as an older terminal wrote it.
    expect(reopened.settings('plain')).not.toHaveProperty('marketTypes');
    expect(reopened.credentials('bnc')).toEqual({ apiKey: 'K'.repeat(64), secret: 'S'.repeat(64) });

    // Changed, and set back to the default with null.
    expect(reopened.edit('plain', { marketTypes: ['future', 'swap'] }).marketTypes).toEqual(['swap', 'future']);
    expect(reopened.edit('bnc', { marketTypes: null }).marketTypes).toEqual(['spot']);
    expect(reopened.settings('bnc')).not.toHaveProperty('marketTypes');
    expect(reopened.settings('plain').marketTypes).toEqual(['swap', 'future']);
  });

  it('are refused on a Binance account, empty, repeated or unknown, with the rule named and nothing written', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.add({ name: 'main', venue: 'binance-usdm', apiKey: 'A'.repeat(64), secret: 'B'.repeat(64) });
    vault.add(ccxt());
    const before = readFileSync(file);

    const onBinance = await vaultFailure(() => vault.add({ name: 'spot', venue: 'binance-spot', apiKey: 'A'.repeat(64), secret: 'B'.repeat(64), marketTypes: ['spot'] }));
    expect(onBinance.code).toBe('INVALID_INPUT');
    expect(onBinance.message).toBe('the account is refused: marketTypes: only a ccxt:<exchange id> account chooses its market types (binance-spot trades spot)');
    const editOnBinance = await vaultFailure(() => vault.edit('main', { marketTypes: ['swap'] }));
    expect(editOnBinance.message).toBe('the change is refused: marketTypes: only a ccxt:<exchange id> account chooses its market types (binance-usdm trades USD-M futures)');

    expect((await vaultFailure(() => vault.add(ccxt({ name: 'x', marketTypes: [] })))).message).toBe('the account is refused: marketTypes: must name at least one market type');
    expect((await vaultFailure(() => vault.add(ccxt({ name: 'x', marketTypes: ['spot', 'spot'] })))).message).toBe('the account is refused: marketTypes: must not name a market type twice');
    expect((await vaultFailure(() => vault.add(ccxt({ name: 'x', marketTypes: ['margin'] as never })))).message).toContain('marketTypes.0: each must be one of spot, swap, future, option');
    expect((await vaultFailure(() => vault.edit('bnc', { marketTypes: ['margin'] as never }))).message).toContain('marketTypes.0: each must be one of spot, swap, future, option');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(vault.list().map((a) => a.name)).toEqual(['main', 'bnc']);
  });

  it('a vault written before the field existed opens unchanged: its ccxt account trades spot', async () => {
    // Written by the terminal as it was before market types (commit 495a26d), passphrase PASSPHRASE, scrypt 2^10.
    const { file } = dir();
    copyFileSync(fileURLToPath(new URL('./fixtures/vault-before-market-types.json', import.meta.url)), file);
    const { vault } = testVault(file);
    await vault.unlock(PASSPHRASE);
    expect(vault.list().map((a) => ({ name: a.name, venue: a.venue, marketTypes: a.marketTypes }))).toEqual([
      { name: 'bybit', venue: 'ccxt:bybit', marketTypes: ['spot'] },
      { name: 'main', venue: 'binance-spot', marketTypes: undefined },
    ]);
    expect(vault.settings('bybit')).not.toHaveProperty('marketTypes');
    expect(vault.credentials('bybit')).toEqual({ apiKey: 'K'.repeat(36), secret: 'S'.repeat(32) });
    expect(vault.settings('main').restUrl).toBe('https://api1.binance.com');
    // And the new field is written into it like any change.
    vault.edit('bybit', { marketTypes: ['spot', 'swap'] });
    vault.lock();
    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.settings('bybit').marketTypes).toEqual(['spot', 'swap']);
  });
});
