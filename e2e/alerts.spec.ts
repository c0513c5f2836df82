import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { openTerminal, prefilledBestBid } from './terminal';

const host = sharedHost();

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

test('a price alert added in the Alerts panel fires: a toast, a log entry and a desktop notification', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await page.addInitScript(wrapNotification);
  const s = await openTerminal(page, host.url, 'BTC-USDT');
  const bid = await prefilledBestBid(s);
  const decimals = ((await s.price.inputValue()).split('.')[1] ?? '').length;

  await page.getByRole('tab', { name: 'Alerts', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Alerts', exact: true });
  const form = panel.getByRole('form', { name: 'New alert' });
  await expect(form).toContainText('SIM BTC-USDT');

  // A price that is not a whole number of ticks: the engine's own words are shown, unchanged.
  const offTick = `${bid.toFixed(decimals)}00001`;
  await form.getByLabel('Price', { exact: true }).fill(offTick);
  await form.getByRole('button', { name: 'Add alert' }).click();
  const refusal = await bridgeCall(host.url, 'alerts.add', { venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'crosses', price: offTick, source: 'last', repeat: 'once', sound: false });
  expect(refusal.ok).toBe(false);
  await expect(form.getByRole('alert')).toHaveText(refusal.ok ? '' : refusal.error.message);

  // `above` a level well under the market fires with the next trade (the engine's at-once semantics).
  const level = (Math.floor(bid / 100) * 100 - 100).toFixed(decimals);
  await form.getByLabel('Condition', { exact: true }).selectOption('above');
  await form.getByLabel('Price', { exact: true }).fill(level);
  await form.getByLabel('Note', { exact: true }).fill('e2e level');
  await form.getByRole('button', { name: 'Add alert' }).click();
  await expect(form.getByRole('status')).toHaveText('Alert added on SIM BTC-USDT');

  const toast = page.locator('.toasts').getByRole('alert').filter({ hasText: 'BTC-USDT' });
  await expect(toast.first()).toBeVisible();
  const log = panel.getByRole('table', { name: 'Alert log' });
  await expect(log.getByRole('row').nth(1)).toContainText(`above ${level}`);
  await expect(log.getByRole('row').nth(1)).toContainText('e2e level');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __raised: { title: string }[] }).__raised.length)).toBeGreaterThan(0);
  const raised = await page.evaluate(() => (window as unknown as { __raised: { title: string; body: string }[] }).__raised[0]);
  expect(raised?.title).toContain('BTC-USDT');

  // A `once` rule is now disarmed: Re-arm brings it back, Remove takes it away (both named by the rule).
  const rules = panel.getByRole('table', { name: 'Alert rules list' });
  const row = rules.getByRole('row').filter({ hasText: `above ${level}` });
  await expect(row).toContainText('fired');
  const description = (await row.getByRole('cell').first().textContent())?.split(' · ')[0] ?? '';
  await expect(row.getByRole('button', { name: `Re-arm ${description}` })).toBeVisible();
  await row.getByRole('button', { name: `Remove ${description}` }).click();
  await expect(panel).toContainText('No alerts.');
  const left = await bridgeCall(host.url, 'alerts.list');
  expect(left.ok && left.value.rules).toEqual([]);
});

test('without permission, the panel offers "Enable desktop notifications"', async ({ page }) => {
  await openTerminal(page, host.url, 'BTC-USDT');
  await page.getByRole('tab', { name: 'Alerts', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Enable desktop notifications' })).toBeVisible();
});

test('fills become toasts, and a burst of fills on one instrument is told as one toast with the count', async ({ page }) => {
  const s = await openTerminal(page, host.url, 'SOL-USDT');
  // One market buy from the ticket: its fill is told in a toast.
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0.10');
  await s.buy.click();
  const fillToasts = page.locator('.toasts').getByRole('status').filter({ hasText: 'SOL-USDT' });
  await expect(fillToasts.first()).toContainText(/Bought|fills SOL-USDT/);

  // Several more at once (as an algo would send them): still one toast for SOL-USDT, now counting them.
  const sent = await Promise.all(
    [1, 2, 3, 4].map(() => bridgeCall(host.url, 'orders.submit', { venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '0.1' })),
  );
  expect(sent.every((r) => r.ok)).toBe(true);
  await expect(fillToasts).toHaveCount(1);
  await expect(fillToasts.first()).toContainText(/\d+ fills SOL-USDT/);
});
