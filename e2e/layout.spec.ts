import { expect, type Page, test } from '@playwright/test';
import { sharedHost } from './host';
import { openTerminal } from './terminal';

const host = sharedHost();

/**
 * A single limit order's ticket fits its pane with nothing cut off: no scrolling needed, and each of
 * its last rows (Value, Min value, Buy/Sell) whole inside the ticket's box with its text unclipped.
 */
async function ticketFits(page: Page): Promise<void> {
  const ticket = page.getByRole('region', { name: 'Order ticket', exact: true });
  const form = ticket.locator('form.ticket');
  expect(await form.evaluate((el) => el.scrollHeight - el.clientHeight), 'ticket overflow (px)').toBeLessThanOrEqual(1);
  const box = (await form.boundingBox())!;
  const rows = [ticket.locator('.ticket-info', { hasText: 'Min value' }), ticket.locator('.ticket-info', { hasText: /^Value/ }), ticket.locator('.submit-row')];
  for (const row of rows) {
    const r = (await row.boundingBox())!;
    const what = await row.innerText();
    expect(r.y + r.height, `${what}: bottom edge`).toBeLessThanOrEqual(box.y + box.height + 0.5);
    expect(r.x + r.width, `${what}: right edge`).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(await row.evaluate((el) => [...el.querySelectorAll('*')].every((c) => c.scrollWidth <= c.clientWidth + 1)), `${what}: text clipped`).toBe(true);
  }
}

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`the screen at ${width}x${height}: ticket rows whole, every panel there`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const s = await openTerminal(page, host.url, 'BTC-USDT');
    await expect(s.ticket.getByLabel('Account', { exact: true })).toHaveValue('SIM');
    for (const name of ['Order book', 'Open orders', 'Positions', 'Balances', 'Fills']) {
      await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
    }
    await page.screenshot({ path: `test-results/screens/ticket-${width}x${height}.png`, clip: (await s.ticket.boundingBox())! });
    await ticketFits(page);
    await page.screenshot({ path: `test-results/screens/terminal-${width}x${height}.png` });
    // The picker open over the panels, for the eye.
    const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
    await box.click();
    await box.fill('usdt');
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.screenshot({ path: `test-results/screens/picker-${width}x${height}.png` });
    await box.press('Escape');

    // Rows in the account panels carry their account; a resting order and a position, for the eye.
    await s.orderType.selectOption('Market');
    await s.quantity.fill('0.0010');
    await s.buy.click();
    await expect(s.positions.getByRole('row').filter({ hasText: 'BTC-USDT' })).toContainText('SIM');
    await s.orderType.selectOption('Limit');
    await s.price.fill('90000.0');
    await s.quantity.fill('0.0010');
    await s.buy.click();
    await expect(s.orderRows.first()).toContainText('SIM');
    await expect(s.ticket.getByRole('status').filter({ hasText: 'Working' })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/rows-${width}x${height}.png` });
    await s.openOrders.getByRole('button', { name: 'Cancel all', exact: true }).click();
    await expect(s.orderRows).toHaveCount(0);
  });
}
