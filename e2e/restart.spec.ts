import { expect, test } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';
import { openTerminal, placeRestingBuy } from './terminal';

test('open orders and the kill switch state are back after the host restarts', async ({ page }) => {
  const dataDir = tempDataDir();
  let host: Host = await startHost(dataDir);
  let s = await openTerminal(page, host.url);
  const price = await placeRestingBuy(s, 0.01, 2, 10, '0.40');
  await expect(s.orderRows).toHaveCount(1);

  // A clean stop (SIGTERM) exits 0; a new host on the same data directory restores the order.
  expect(await host.stop()).toBe(0);
  host = await startHost(dataDir);
  s = await openTerminal(page, host.url);
  await expect(s.orderRows).toHaveCount(1);
  await expect(s.orderRows.first()).toContainText(price);

  // Engaged before a restart, engaged after it.
  await s.killSwitch.click();
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
  await expect(s.orderRows).toHaveCount(0);
  expect(await host.stop()).toBe(0);
  host = await startHost(dataDir);
  s = await openTerminal(page, host.url);
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/after-restart.png' });

  await s.resetKillSwitch.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm reset' }).click();
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeHidden();
  expect(await host.stop()).toBe(0);
});
