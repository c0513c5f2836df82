import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../core';
import { binanceAccount, kiteAccount, PASSPHRASE, testVault, vaultDirPerTest, vaultFailure } from './testSupport';

const dir = vaultDirPerTest();

const TOKEN = 'accesstoken0kite0demo0123456789x';
const HOUR = 3_600_000;

describe("a kite account's daily session", () => {
  it('keeps the access token encrypted with its expiry across lock and a new process; views, settings and logs see only loggedIn and the expiry', async () => {
    const { file } = dir();
    const logger = recordingLogger();
    const { vault, clock } = testVault(file, { logger });
    await vault.create(PASSPHRASE);
    expect(vault.add(kiteAccount({ restUrl: 'http://127.0.0.1:9001', streamUrl: 'ws://127.0.0.1:9002' })).session).toEqual({ loggedIn: false });
    vault.add(binanceAccount());
    const expiresAt = clock.now() + 10 * HOUR;
    expect(vault.setSession('zerodha', { accessToken: TOKEN, expiresAt }).session).toEqual({ loggedIn: true, expiresAt });
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    vault.lock();

    const again = testVault(file, { logger });
    again.clock.advance(clock.now() - again.clock.now());
    await again.vault.unlock(PASSPHRASE);
    const views = again.vault.list();
    expect(views.map((v) => [v.name, v.session])).toEqual([
      ['zerodha', { loggedIn: true, expiresAt }],
      ['main', undefined],
    ]);
    expect(again.vault.session('zerodha')).toEqual({ accessToken: TOKEN, expiresAt });
    expect(again.vault.settings('zerodha')).not.toHaveProperty('session');
    expect(again.vault.credentials('zerodha')).toEqual({ apiKey: kiteAccount().apiKey, secret: kiteAccount().secret });
    expect(JSON.stringify(views)).not.toContain(TOKEN);
    for (const needle of [TOKEN, kiteAccount().secret, kiteAccount().apiKey]) expect(JSON.stringify(logger.lines)).not.toContain(needle);
    expect(JSON.stringify(logger.lines)).toContain('vault account logged in');

    // Past its expiry on the vault's clock the token is no login, before anyone clears it.
    again.clock.advance(10 * HOUR);
    expect(again.vault.session('zerodha')).toBeUndefined();
    expect(again.vault.list()[0]!.session).toEqual({ loggedIn: false });
    expect(again.vault.clearSession('zerodha').session).toEqual({ loggedIn: false });
    expect(again.vault.clearSession('zerodha').session).toEqual({ loggedIn: false });
  });

  it('a new API key logs the account out; an edit that keeps the key keeps the session', async () => {
    const { file } = dir();
    const { vault, clock } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.add(kiteAccount());
    vault.setSession('zerodha', { accessToken: TOKEN, expiresAt: clock.now() + HOUR });
    expect(vault.edit('zerodha', { name: 'kite1', restUrl: 'https://kite.example.com' }).session?.loggedIn).toBe(true);
    expect(vault.session('kite1')?.accessToken).toBe(TOKEN);
    expect(vault.edit('kite1', { apiKey: 'otherkey12345678', secret: 'othersecret0000000000000000000000' }).session).toEqual({ loggedIn: false });
    expect(vault.session('kite1')).toBeUndefined();
  });

  it('refuses what Kite has not (testnet, passphrase, WebSocket API URL), a session on another venue, and a session already expired', async () => {
    const { file } = dir();
    const { vault, clock } = testVault(file);
    await vault.create(PASSPHRASE);
    expect((await vaultFailure(() => vault.add(kiteAccount({ environment: 'testnet' })))).message).toContain('environment: Kite has no testnet');
    expect((await vaultFailure(() => vault.add(kiteAccount({ password: 'pass' })))).message).toContain('password: Kite has no API passphrase');
    expect((await vaultFailure(() => vault.add(kiteAccount({ wsApiUrl: 'wss://ws.kite.trade' })))).message).toContain('wsApiUrl: Kite has no WebSocket API');
    expect((await vaultFailure(() => vault.add(kiteAccount({ marketTypes: ['spot'] })))).message).toContain('only a ccxt:<exchange id> account chooses its market types');
    vault.add(kiteAccount());
    expect((await vaultFailure(() => vault.edit('zerodha', { wsApiUrl: 'wss://ws.kite.trade' }))).message).toContain('wsApiUrl: Kite has no WebSocket API');
    expect((await vaultFailure(() => vault.edit('zerodha', { environment: 'testnet' }))).message).toContain('Kite has no testnet');
    vault.add(binanceAccount());
    expect((await vaultFailure(() => vault.setSession('main', { accessToken: TOKEN, expiresAt: clock.now() + HOUR }))).message).toContain('only a kite account logs in daily');
    expect((await vaultFailure(() => vault.setSession('zerodha', { accessToken: TOKEN, expiresAt: clock.now() }))).message).toContain('already expired');
    const bad = await vaultFailure(() => vault.setSession('zerodha', { accessToken: 'has space', expiresAt: clock.now() + HOUR }));
    expect(bad.message).toContain('accessToken: must be 1 to 512 printable characters');
    expect(bad.message).not.toContain('has space');
    expect(vault.list().map((v) => v.session)).toEqual([{ loggedIn: false }, undefined]);
  });

  it('a vault written before Kite opens as it was, and takes a kite account and its session', async () => {
    const { file } = dir();
    copyFileSync(fileURLToPath(new URL('./fixtures/vault-before-market-types.json', import.meta.url)), file);
    const { vault, clock } = testVault(file);
    await vault.unlock(PASSPHRASE);
    expect(vault.list().map((a) => [a.name, a.session])).toEqual([
      ['bybit', undefined],
      ['main', undefined],
    ]);
    vault.add(kiteAccount());
    vault.setSession('zerodha', { accessToken: TOKEN, expiresAt: clock.now() + HOUR });
    vault.lock();
    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.list().map((a) => a.name)).toEqual(['bybit', 'main', 'zerodha']);
    expect(reopened.session('zerodha')?.accessToken).toBe(TOKEN);
  });
});
