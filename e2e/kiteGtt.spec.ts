import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { KiteLoopback } from '../src/engine/venues/kite/testSupport';
import { type Host, startHost, tempDataDir } from './host';
import { addKiteAccount, focusNiftyFuture, KITE_ACCOUNT as ACCOUNT, logInToKite, NIFTY, startKiteForHost, tab } from './kite';
import { SCREENS_DIR, shoot } from './screens';

/**
 * GTT triggers on a Kite account from the UI, against the loopback Kite venue: the GTT tab appears
 * once the account's instruments are there, the form refuses bad fields beside them, an OCO on the
 * focused NIFTY future is created at Kite and listed, and Delete removes it there. Screens at
 * 1366x768 and 1920x1080. (Time set-up as in kiteAccount.spec.ts: the venue's clock is a Monday
 * 10:00 IST; GTTs have no session rule.)
 */
const PASSPHRASE = 'kite gtt e2e vault passphrase';
const API_KEY = 'kitegttapikey01';
const API_SECRET = 'kite-gtt-e2e-api-secret-5b7e02';

test('GTT on a Kite account: the tab, field messages, an OCO created and listed, deleted at Kite', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = tempDataDir();
  let host: Host | undefined;
  let kite: KiteLoopback | undefined;
  try {
    host = await startHost(dataDir);
    kite = await startKiteForHost(host, { apiKey: API_KEY, apiSecret: API_SECRET }, { autoStepMs: 1000 });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);
    // No Kite account yet: no GTT tab.
    await expect(tab(page, 'Accounts')).toBeVisible();
    await expect(tab(page, 'GTT')).toHaveCount(0);

    await addKiteAccount(page, kite, { passphrase: PASSPHRASE, apiKey: API_KEY, apiSecret: API_SECRET });
    await logInToKite(page);
    await focusNiftyFuture(page);
    await tab(page, 'GTT').click();
    const list = page.getByRole('region', { name: 'GTT triggers', exact: true });
    await expect(list).toContainText(`No GTT triggers on ${ACCOUNT}`);
    const form = page.getByRole('form', { name: 'New GTT' });
    await form.getByRole('radiogroup', { name: 'GTT type' }).getByRole('radio', { name: 'OCO' }).check();

    // Bad fields are refused beside them, nothing is sent.
    await form.getByLabel('Stop-loss trigger', { exact: true }).fill('23800.05');
    await form.getByLabel('Stop-loss quantity', { exact: true }).fill('100');
    await form.getByRole('button', { name: 'Create GTT' }).click();
    await expect(form.getByLabel('Stop-loss trigger', { exact: true })).toHaveAccessibleDescription('not a multiple of the tick size 0.10');
    await expect(form.getByLabel('Stop-loss quantity', { exact: true })).toHaveAccessibleDescription('not a multiple of the lot size 75');
    await expect(form.getByLabel('Target trigger', { exact: true })).toHaveAccessibleDescription('required');
    expect(kite.control.gtts()).toEqual([]);

    await form.getByLabel('Last price', { exact: true }).fill('24000');
    await form.getByLabel('Stop-loss trigger', { exact: true }).fill('23800');
    await form.getByLabel('Stop-loss quantity', { exact: true }).fill('75');
    await form.getByLabel('Stop-loss limit price', { exact: true }).fill('23790');
    await form.getByLabel('Target trigger', { exact: true }).fill('24300');
    await form.getByLabel('Target quantity', { exact: true }).fill('75');
    await form.getByLabel('Target limit price', { exact: true }).fill('24310.5');
    await form.getByRole('button', { name: 'Create GTT' }).click();
    await expect(form.getByRole('status')).toContainText(`created on ${NIFTY}`);
    const row = list.getByRole('row').filter({ hasText: NIFTY });
    await expect(row.getByRole('cell', { name: '23800.00 24300.00' })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Sell 75 @ 23790.00 NRML Sell 75 @ 24310.50 NRML' })).toBeVisible();
    await expect(row).toContainText('active');
    expect(kite.control.gtts()).toHaveLength(1);
    await shoot(page, 'kite-gtt', 'GTT triggers');

    const id = (kite.control.gtts()[0] as { id: number }).id;
    // Edit fills the form with the GTT's terms; Save changes moves the stop-loss up at Kite.
    await list.getByRole('button', { name: `Edit OCO GTT ${id} on ${NIFTY}` }).click();
    const edit = page.getByRole('form', { name: `Edit GTT ${id}` });
    await expect(edit.getByLabel('Stop-loss trigger', { exact: true })).toHaveValue('23800.00');
    await expect(edit.getByLabel('Target limit price', { exact: true })).toHaveValue('24310.50');
    await edit.getByLabel('Last price', { exact: true }).fill('24000');
    await edit.getByLabel('Stop-loss trigger', { exact: true }).fill('23850');
    await edit.getByLabel('Stop-loss limit price', { exact: true }).fill('23840');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByRole('status')).toContainText(`GTT ${id} changed on ${NIFTY}`);
    await expect(row.getByRole('cell', { name: '23850.00 24300.00' })).toBeVisible();
    expect(JSON.stringify(kite.control.gtts())).toContain('23850');
    await edit.getByRole('button', { name: 'Stop editing' }).click();
    await expect(page.getByRole('form', { name: 'New GTT' })).toBeVisible();

    await list.getByRole('button', { name: `Delete OCO GTT ${id} on ${NIFTY}` }).click();
    // A second, deliberate click: a deleted stop-loss no longer protects the position.
    const confirm = page.getByRole('dialog', { name: `Delete OCO GTT ${id} on ${NIFTY}?` });
    await expect(confirm).toContainText('Kite stops watching 23850.00 / 24300.00');
    await confirm.getByRole('button', { name: 'Delete GTT' }).click();
    await expect(confirm).toBeHidden();
    await expect(list).toContainText(`No GTT triggers on ${ACCOUNT}`);
    expect(kite.control.gtts()).toEqual([]);
  } finally {
    if (host) {
      mkdirSync(SCREENS_DIR, { recursive: true });
      writeFileSync(join(SCREENS_DIR, 'kite-gtt-host.log'), host.output());
    }
    await kite?.close();
    await host?.stop();
  }
});
