import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { openTerminal } from './terminal';

const host = sharedHost();

test('"Confirm every order on production accounts" is on by default and the choice is kept by the engine', async ({ page }) => {
  await openTerminal(page, host.url);
  await page.getByRole('tab', { name: 'Accounts', exact: true }).click();
  const option = page.getByRole('checkbox', { name: 'Confirm every order on production accounts', exact: true });
  await expect(option).toBeChecked();

  await option.uncheck();
  await expect.poll(async () => {
    const r = await bridgeCall(host.url, 'preferences.get');
    return r.ok && r.value.confirmProductionOrders;
  }).toBe(false);
  await page.reload();
  await page.getByRole('tab', { name: 'Accounts', exact: true }).click();
  await expect(option).not.toBeChecked();

  await option.check();
  await page.reload();
  await page.getByRole('tab', { name: 'Accounts', exact: true }).click();
  await expect(option).toBeChecked();
});

test('with the option on, a SIM order is never held for confirmation', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0.10');
  await s.buy.click();
  await expect(s.fills.getByRole('row').filter({ hasText: 'SOL-USDT' }).first()).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The position carries its account, and SIM has no per-asset balances to list.
  const row = s.positions.getByRole('row').filter({ hasText: 'SOL-USDT' });
  await expect(row).toContainText('SIM');
  await expect(page.getByRole('region', { name: 'Balances', exact: true })).toContainText('No account balances yet');
  const balances = await bridgeCall(host.url, 'balances.list');
  expect(balances.ok && balances.value).toEqual([]);
});

test('the status bar shows each venue with its connection state', async ({ page }) => {
  await openTerminal(page, host.url);
  const bar = page.locator('footer.statusbar');
  await expect(bar.locator('.item.venue', { hasText: 'SIM' })).toContainText('connected');
  await expect(bar.locator('.item.venue', { hasText: 'SIM' })).toHaveAttribute('title', 'SIM: connected');
});
