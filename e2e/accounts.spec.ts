import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { newApiKey, startBinanceLoopback } from '../src/engine/venues/binance/testSupport';
import { startHost } from './host';
import { filesUnder, recordFramesFromEngine } from './secretTrace';
import { openTerminal } from './terminal';

/**
 * The Accounts tab against the real headless host and a real vault (scrypt at its production cost):
 * create, add, test, disable, edit, lock, unlock, remove; `sq account` changing the vault under a running
 * terminal; and, at the end, no trace of the secret anywhere the terminal writes or sends.
 */

const PASSPHRASE = 'e2e vault passphrase';
/** Shaped like Binance's (64 letters and digits), random so that finding it anywhere means it leaked. */
const secretLike = () => randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 64);
const screens = join(import.meta.dirname, '..', 'test-results', 'screens');
const fingerprint = (apiKey: string) => '…' + createHash('sha256').update(apiKey).digest('hex').slice(-4);

/** `sq account ...` against `dataDir`, with `stdin` piped in (the secret, or the passphrase). */
function sqAccount(dataDir: string, args: string[], stdin: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli', 'sq.ts'), 'account', ...args], {
    env: { ...process.env, SQ_DATA_DIR: dataDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function openAccounts(page: Page, url: string): Promise<Locator> {
  await openTerminal(page, url);
  await page.getByRole('tab', { name: 'Accounts', exact: true }).click();
  const accounts = page.getByRole('region', { name: 'Accounts', exact: true });
  await expect(accounts).toBeVisible();
  return accounts;
}

test('create the vault, add a Binance testnet account, test, disable, edit (rename, new key), lock, unlock and remove it: no secret is anywhere', async ({ page }) => {
  // The "testnet" is a loopback Binance spot venue (this machine has no internet): the key is registered there.
  const apiKey = newApiKey();
  const secret = newApiKey();
  // The key it is given later from the Edit dialog, as a trader rotating keys would.
  const newKey = newApiKey();
  const newSecret = newApiKey();
  const venue = await startBinanceLoopback({
    market: 'spot',
    accounts: [{ name: 'trader', keys: [{ apiKey, hmacSecret: secret }, { apiKey: newKey, hmacSecret: newSecret }], balances: { USDT: '1000', BTC: '0.5' } }],
  });
  const host = await startHost();
  let stopped = false;
  try {
    const frames = recordFramesFromEngine(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    mkdirSync(screens, { recursive: true });
    const accounts = await openAccounts(page, host.url);

    // No vault yet: create one. A mistyped confirmation is caught before anything is sent.
    await expect(accounts.getByRole('heading', { name: 'Create the vault for your venue accounts' })).toBeVisible();
    await accounts.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await accounts.getByLabel('Confirm passphrase', { exact: true }).fill(`${PASSPHRASE}!`);
    await accounts.getByRole('button', { name: 'Create vault' }).click();
    await expect(accounts.getByLabel('Confirm passphrase', { exact: true })).toHaveAccessibleDescription('the two passphrases differ');
    await page.screenshot({ path: join(screens, 'accounts-create-1366x768.png') });
    await accounts.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
    await accounts.getByRole('button', { name: 'Create vault' }).click();

    const form = accounts.getByRole('region', { name: 'Add account', exact: true });
    const list = accounts.getByRole('region', { name: 'Account list', exact: true });
    await expect(list).toContainText('No accounts yet');

    // A name the vault refuses: its reason next to the Name field; the secret is cleared all the same.
    await form.getByLabel('Name', { exact: true }).fill('spot test');
    await form.getByLabel('API key', { exact: true }).fill(apiKey);
    await form.getByLabel('API secret', { exact: true }).fill(secret);
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(form.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/must be 1 to 32 letters, digits/);
    await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('API secret', { exact: true })).toHaveValue('');
    await page.screenshot({ path: join(screens, 'accounts-refused-1366x768.png') });

    await form.getByLabel('Name', { exact: true }).fill('spot-test');
    await expect(form.getByLabel('Venue', { exact: true })).toHaveValue('binance-spot');
    await form.getByLabel('API secret', { exact: true }).fill(secret);
    await form.getByLabel('Testnet', { exact: true }).check();
    await form.getByLabel('REST URL', { exact: true }).fill(venue.restUrl);
    await form.getByLabel('Stream URL', { exact: true }).fill(venue.wsUrl);
    await form.getByLabel('WS API URL', { exact: true }).fill(`${venue.wsUrl}/ws-api/v3`);
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(form.getByRole('status')).toHaveText('Added spot-test');
    await expect(form.getByLabel('API secret', { exact: true })).toHaveValue('');
    await expect(form.getByLabel('API key', { exact: true })).toHaveValue('');

    const row = list.getByRole('row').filter({ hasText: 'spot-test' });
    await expect(row).toContainText('Binance spot');
    await expect(row).toContainText(fingerprint(apiKey));
    await expect(row.getByText('TESTNET', { exact: true })).toBeVisible();
    await expect(row.getByText('CUSTOM ENDPOINT', { exact: true })).toBeVisible();

    // Test connects with the key and reads the account: its two balances at the venue.
    await row.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(list.getByRole('status')).toHaveText('spot-test: connected, 2 balances');

    // Disabled and enabled again: the engine's list follows.
    const enabled = row.getByRole('checkbox', { name: 'Enabled', exact: true });
    await enabled.uncheck();
    await expect(enabled).not.toBeChecked();
    await expect(row).toHaveClass(/disabled/);
    await enabled.check();
    await expect(enabled).toBeChecked();

    // Edit: a name the vault refuses puts its reason on the Name field, clears the new secret and keeps the dialog open...
    await row.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit spot-test' });
    await expect(edit.getByLabel('Name', { exact: true })).toHaveValue('spot-test');
    await expect(edit.getByLabel('Testnet', { exact: true })).toBeChecked();
    // The view has no URL, only whether one is set: the field says so and stays empty.
    await expect(edit.getByLabel('REST URL', { exact: true })).toHaveValue('');
    await expect(edit.getByLabel('REST URL', { exact: true })).toHaveAttribute('placeholder', 'custom URL set');
    await expect(edit.getByRole('checkbox', { name: "Use venue's default REST URL" })).not.toBeChecked();
    await edit.getByLabel('Name', { exact: true }).fill('spot main');
    await edit.getByLabel('API key', { exact: true }).fill(newKey);
    await edit.getByLabel('API secret', { exact: true }).fill(newSecret);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/must be 1 to 32 letters, digits/);
    await expect(edit.getByLabel('API secret', { exact: true })).toHaveValue('');
    await expect(row).toContainText(fingerprint(apiKey));
    await page.screenshot({ path: join(screens, 'accounts-edit-refused-1366x768.png') });
    // ...then renamed and given the new key: the list shows both, and Test connects with the new key.
    await edit.getByLabel('Name', { exact: true }).fill('spot-main');
    await edit.getByLabel('API secret', { exact: true }).fill(newSecret);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(list.getByRole('status')).toHaveText('spot-main: changes saved');
    const edited = list.getByRole('row').filter({ hasText: 'spot-main' });
    await expect(edited).toContainText(fingerprint(newKey));
    await expect(edited.getByText('TESTNET', { exact: true })).toBeVisible();
    await expect(edited.getByText('CUSTOM ENDPOINT', { exact: true })).toBeVisible();
    await expect(row).toHaveCount(0);
    await edited.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(list.getByRole('status')).toHaveText('spot-main: connected, 2 balances');

    // A headless host has no OS keychain: "remember on this device" cannot be had, and the screen says why.
    const remember = accounts.getByRole('checkbox', { name: 'Remember on this device' });
    await expect(remember).toBeDisabled();
    await expect(accounts.getByText('no device key store on this host (headless): use the passphrase')).toBeVisible();

    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(edited).toBeVisible();
      await page.screenshot({ path: join(screens, `accounts-${width}x${height}.png`) });
    }

    // Lock; a wrong passphrase is refused in those words and cleared; the right one opens it again.
    await list.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(accounts.getByRole('heading', { name: 'The vault is locked' })).toBeVisible();
    await page.screenshot({ path: join(screens, 'accounts-locked-1920x1080.png') });
    await accounts.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await accounts.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(accounts.getByLabel('Passphrase', { exact: true })).toHaveAccessibleDescription('wrong passphrase');
    await expect(accounts.getByLabel('Passphrase', { exact: true })).toHaveValue('');
    await accounts.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await accounts.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(edited).toContainText(fingerprint(newKey));

    // Remove asks first; keeping it changes nothing.
    await edited.getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove spot-main?' });
    await expect(dialog).toContainText('Revoke the key at Binance spot');
    await dialog.getByRole('button', { name: 'Keep account' }).click();
    await expect(edited).toBeVisible();
    await edited.getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove account' }).click();
    await expect(list).toContainText('No accounts yet');

    // Stopped, so that every log line is on disk: then no file, no log line and no frame from the engine holds the secret.
    expect(await host.stop()).toBe(0);
    stopped = true;
    const files = filesUnder(host.dataDir);
    expect(files.map((f) => f.path)).toContainEqual(join(host.dataDir, 'vault.json'));
    expect(files.map((f) => f.path)).toContainEqual(join(host.dataDir, 'logs', 'terminal.log'));
    expect(readFileSync(join(host.dataDir, 'logs', 'terminal.log'), 'utf8')).toContain('vault account added');
    expect(readFileSync(join(host.dataDir, 'logs', 'terminal.log'), 'utf8')).toContain('vault account changed');
    expect(frames.some((f) => f.includes('spot-test'))).toBe(true);
    for (const needle of [secret, apiKey, newSecret, newKey, PASSPHRASE]) {
      for (const file of files) expect(file.bytes.includes(Buffer.from(needle)), `${file.path} holds it`).toBe(false);
      expect(host.output()).not.toContain(needle);
      for (const frame of frames) expect(frame).not.toContain(needle);
    }
  } finally {
    if (!stopped) await host.stop();
    await venue.stop();
  }
});

test('what `sq account` changes while the terminal runs shows up without a restart', async ({ page }) => {
  const host = await startHost();
  try {
    const accounts = await openAccounts(page, host.url);
    await expect(accounts.getByRole('heading', { name: 'Create the vault for your venue accounts' })).toBeVisible();

    // The first `sq account add` creates the vault: the screen goes from "create" to "locked" by itself.
    const added = await sqAccount(host.dataDir, ['add', '--venue', 'binance-usdm', '--name', 'futures', '--api-key', secretLike()], secretLike(), {
      SQ_VAULT_PASSPHRASE: PASSPHRASE,
    });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    await expect(accounts.getByRole('heading', { name: 'The vault is locked' })).toBeVisible();
    await accounts.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await accounts.getByRole('button', { name: 'Unlock', exact: true }).click();
    const list = accounts.getByRole('region', { name: 'Account list', exact: true });
    const row = list.getByRole('row').filter({ hasText: 'futures' });
    await expect(row).toContainText('Binance USD-M futures');
    await expect(row).toContainText('production');
    await expect(row.getByRole('checkbox', { name: 'Enabled', exact: true })).toBeChecked();

    // Changed from the shell while unlocked here: the screen follows.
    const disabled = await sqAccount(host.dataDir, ['disable', 'futures'], PASSPHRASE);
    expect(disabled.code).toBe(0);
    await expect(row.getByRole('checkbox', { name: 'Enabled', exact: true })).not.toBeChecked();
    const second = await sqAccount(host.dataDir, ['add', '--venue', 'ccxt:bybit', '--name', 'bybit', '--api-key', secretLike(), '--testnet'], secretLike(), {
      SQ_VAULT_PASSPHRASE: PASSPHRASE,
    });
    expect(second.code).toBe(0);
    const bybit = list.getByRole('row').filter({ hasText: 'bybit' });
    await expect(bybit).toContainText('ccxt: bybit');
    await expect(bybit.getByText('TESTNET', { exact: true })).toBeVisible();
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
