import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { shoot } from './screens';
import { openTerminal } from './terminal';

const host = sharedHost();
// A computer east of UTC, so local time reads differently from the venue's UTC.
test.use({ timezoneId: 'Asia/Kolkata' });

test('light theme and local time are chosen in Settings, kept by the engine and back after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openTerminal(page, host.url, 'BTC-USDT');
  const engineClock = page.locator('footer.statusbar');
  await expect(engineClock).toContainText(/\d\d:\d\d:\d\d UTC/);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('radio', { name: 'Light' }).check();
  await dialog.getByRole('radio', { name: 'Local time' }).check();
  // Applied at once, without a reload: the page's colours and the clock.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(238, 241, 245)');
  await expect(engineClock).toContainText(/\d\d:\d\d:\d\d UTC\+05:30/);
  await expect.poll(async () => {
    const r = await bridgeCall(host.url, 'settings.get');
    return r.ok ? `${r.value.theme} ${r.value.timeZone}` : r.error.message;
  }).toBe('light local');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(engineClock).toContainText(/\d\d:\d\d:\d\d UTC\+05:30/);
  // The grids take the light theme too (AG Grid's own background, not only the page's).
  await expect(page.getByRole('region', { name: 'Order book' }).getByRole('button').first()).toBeVisible();
  await shoot(page, 'settings-light', 'Order book');
  await page.getByRole('tab', { name: 'Alerts', exact: true }).click();
  await shoot(page, 'settings-light-alerts', 'Alerts');

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(dialog.getByRole('radio', { name: 'Light' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Local time' })).toBeChecked();
  await shoot(page, 'settings-dialog-light', dialog);
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await dialog.getByRole('radio', { name: 'UTC' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(engineClock).toContainText(/\d\d:\d\d:\d\d UTC/);
  await expect.poll(async () => {
    const r = await bridgeCall(host.url, 'settings.get');
    return r.ok ? `${r.value.theme} ${r.value.timeZone}` : r.error.message;
  }).toBe('dark utc');
});
