import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { type Host, startHost } from './host';
import { openTerminal } from './terminal';

/**
 * The notices the engine writes (fill toasts, alert toasts, the browser's desktop notification and the
 * Alerts panel's log) read in the number format chosen on the Settings screen, like every number the
 * renderer writes itself. Its own host: the settings changed here must not leak into other specs.
 */
let host: Host;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

/** Records every browser Notification the page raises (the real one still runs). */
function wrapNotification(): void {
  const Real = window.Notification;
  const raised: { title: string; body: string }[] = [];
  (window as unknown as { __raised: typeof raised }).__raised = raised;
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      raised.push({ title, body: options?.body ?? '' });
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true });
}

/** SIM's BTC-USDT: tens of thousands with one decimal, so grouped with a decimal comma it reads "95.012,3". */
const COMMA_PRICE = String.raw`\d{1,3}(\.\d{3})+,\d`;

test('with a decimal comma and thousands set in Settings, a fill toast and an alert (toast, desktop notification, log) read with a comma; the log keeps it after a change back', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await page.addInitScript(wrapNotification);
  const s = await openTerminal(page, host.url, 'BTC-USDT');

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('checkbox', { name: 'Thousands separator' }).check();
  await dialog.getByRole('checkbox', { name: 'Decimal comma' }).check();
  await expect(dialog).toContainText('e.g. 12.345,67');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A market buy from the ticket: the engine writes the fill's notice; the toast shows it as written.
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0,01');
  await s.buy.click();
  const fillToast = page.locator('.toasts').getByRole('status').filter({ hasText: 'BTC-USDT' }).first();
  // One fill reads "Bought 0,0100 BTC-USDT at 95.012,3"; a market order filled in parts is told as "N fills" with the latest.
  await expect(fillToast).toContainText(new RegExp(`Bought 0,\\d{4} BTC-USDT at ${COMMA_PRICE}`));
  await page.screenshot({ path: 'test-results/screens/notice-decimal-comma.png' });

  // An alert fired by the engine: the toast, the browser's desktop notification and the log read alike.
  const added = await bridgeCall(host.url, 'alerts.add', { venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '1000', source: 'last', repeat: 'once', sound: false });
  expect(added.ok).toBe(true);
  const alertText = new RegExp(`last ${COMMA_PRICE} at or above 1\\.000,0`);
  const alertToast = page.locator('.toasts').getByRole('alert').filter({ hasText: 'BTC-USDT' }).first();
  await expect(alertToast).toContainText(alertText);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __raised: { body: string }[] }).__raised.map((r) => r.body).join('\n'))).toMatch(alertText);
  await page.getByRole('tab', { name: 'Alerts', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Alerts', exact: true });
  const log = panel.getByRole('table', { name: 'Alert log' });
  await expect(log.getByRole('row').nth(1)).toContainText(alertText);
  const rule = panel.getByRole('table', { name: 'Alert rules list' }).getByRole('row').filter({ hasText: 'BTC-USDT' });
  await expect(rule).toContainText('SIM BTC-USDT last at or above 1.000,0');

  // Back to plain numbers: the rule reads in the format of now; the log keeps what the trader was shown.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await dialog.getByRole('checkbox', { name: 'Thousands separator' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Decimal comma' }).uncheck();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(rule).toContainText('SIM BTC-USDT last at or above 1000.0');
  await expect(log.getByRole('row').nth(1)).toContainText(alertText);
});
