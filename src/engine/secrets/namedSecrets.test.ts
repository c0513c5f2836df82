import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../core';
import { binanceAccount, PASSPHRASE, testVault, vaultDirPerTest, vaultFailure } from './testSupport';

/**
 * Named secrets: API tokens that belong to no venue account (a CryptoPanic token), kept in the vault
 * beside the accounts, sealed one by one under the data key, written atomically, and never shown.
 */
const dir = vaultDirPerTest();

const TOKEN = 'cp0token0f3a9c1e77d2b84a05e6f19c';
const OTHER = 'cp0token0other0000000000000000000';
const NAME = 'signals:cryptopanic:cryptopanic-1';
const versionOnDisk = (file: string) => JSON.parse(readFileSync(file, 'utf8')).version as number;

describe('named secrets', () => {
  it('keep their values across lock and a new process, replaced and removed by name, the file version 2 only while one is kept', async () => {
    const { file } = dir();
    const logger = recordingLogger();
    const { vault } = testVault(file, { logger });
    await vault.create(PASSPHRASE);
    vault.add(binanceAccount());
    expect(vault.secretNames()).toEqual([]);
    expect(vault.secret(NAME)).toBeUndefined();
    expect(versionOnDisk(file)).toBe(1);

    vault.setSecret(NAME, TOKEN);
    vault.setSecret('other_one', OTHER);
    expect(versionOnDisk(file)).toBe(2);
    expect(vault.secretNames()).toEqual([NAME, 'other_one']);
    vault.lock();
    expect((await vaultFailure(() => vault.secret(NAME))).code).toBe('LOCKED');
    expect((await vaultFailure(() => vault.setSecret(NAME, TOKEN))).code).toBe('LOCKED');
    expect((await vaultFailure(() => vault.secretNames())).code).toBe('LOCKED');

    const again = testVault(file, { logger }).vault;
    await again.unlock(PASSPHRASE);
    expect(again.secret(NAME)).toBe(TOKEN);
    expect(again.secret('other_one')).toBe(OTHER);
    expect(again.list().map((a) => a.name)).toEqual(['main']);
    expect(again.credentials('main')).toEqual({ apiKey: binanceAccount().apiKey, secret: binanceAccount().secret });

    again.setSecret(NAME, OTHER); // replaces, in place
    expect(again.secretNames()).toEqual([NAME, 'other_one']);
    expect(again.secret(NAME)).toBe(OTHER);
    expect(again.removeSecret(NAME)).toBe(true);
    expect(again.removeSecret(NAME)).toBe(false);
    expect(again.secret(NAME)).toBeUndefined();
    expect(again.removeSecret('other_one')).toBe(true);
    expect(versionOnDisk(file)).toBe(1); // readable again by builds that know only version 1

    const text = JSON.stringify(logger.lines);
    for (const value of [TOKEN, OTHER]) {
      expect(text).not.toContain(value);
      expect(readFileSync(file, 'utf8')).not.toContain(value);
    }
    expect(text).toContain('vault secret added');
    expect(text).toContain('vault secret replaced');
    expect(text).toContain('vault secret removed');
    expect(text).toContain(NAME);
  });

  it('refuses a bad name, an empty or oversized value, never echoing the value, and writes nothing', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.setSecret(NAME, TOKEN);
    const before = readFileSync(file);
    for (const bad of ['', 'Upper', 'has space', 'x'.repeat(65), 'a/b', 'é']) {
      const error = await vaultFailure(() => vault.setSecret(bad, TOKEN));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('a secret name is 1 to 64 characters');
    }
    expect((await vaultFailure(() => vault.setSecret(NAME, ''))).message).toContain('its value is empty');
    const huge = `${TOKEN}${'z'.repeat(4096)}`;
    const tooLong = await vaultFailure(() => vault.setSecret(NAME, huge));
    expect(tooLong.message).toContain('longer than 4096 bytes');
    expect(tooLong.message).not.toContain(TOKEN);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(vault.secret(NAME)).toBe(TOKEN);
  });

  it('a wrong passphrase changes nothing; a passphrase change keeps every secret', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.setSecret(NAME, TOKEN);
    vault.lock();
    const before = readFileSync(file);
    expect((await vaultFailure(() => vault.unlock('not the passphrase'))).code).toBe('WRONG_PASSPHRASE');
    expect((await vaultFailure(() => vault.changePassphrase('not the passphrase', 'a new passphrase'))).code).toBe('WRONG_PASSPHRASE');
    expect(readFileSync(file).equals(before)).toBe(true);

    await vault.changePassphrase(PASSPHRASE, 'a new passphrase');
    const sealedBefore = JSON.parse(JSON.parse(before.toString('utf8')).body).secrets;
    const sealedAfter = JSON.parse(JSON.parse(readFileSync(file, 'utf8')).body).secrets;
    expect(sealedAfter).toEqual(sealedBefore); // the data key is re-wrapped; the secret is not touched
    const reopened = testVault(file).vault;
    expect((await vaultFailure(() => reopened.unlock(PASSPHRASE))).code).toBe('WRONG_PASSPHRASE');
    await reopened.unlock('a new passphrase');
    expect(reopened.secret(NAME)).toBe(TOKEN);
  });

  it('another writer’s secret reaches an unlocked vault through refresh(), and a stale vault never overwrites it', async () => {
    const { file } = dir();
    const first = testVault(file).vault;
    await first.create(PASSPHRASE);
    const second = testVault(file).vault;
    await second.unlock(PASSPHRASE);
    second.setSecret(NAME, TOKEN);
    expect((await vaultFailure(() => first.setSecret('mine', OTHER))).code).toBe('CONFLICT');
    expect(first.refresh()).toBe(true);
    expect(first.secret(NAME)).toBe(TOKEN);
    first.setSecret('mine', OTHER);
    expect(second.refresh()).toBe(true);
    expect(second.secretNames()).toEqual([NAME, 'mine']);
  });

  it('a version-1 vault written before named secrets opens as it was and takes one (written as version 2)', async () => {
    const { file } = dir();
    copyFileSync(fileURLToPath(new URL('./fixtures/vault-before-market-types.json', import.meta.url)), file);
    expect(versionOnDisk(file)).toBe(1);
    const { vault } = testVault(file);
    await vault.unlock(PASSPHRASE);
    expect(vault.secretNames()).toEqual([]);
    const accounts = vault.list();
    vault.setSecret(NAME, TOKEN);
    expect(versionOnDisk(file)).toBe(2);
    vault.lock();
    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.list()).toEqual(accounts);
    expect(reopened.secret(NAME)).toBe(TOKEN);
  });
});
