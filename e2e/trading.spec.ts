import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { openTerminal, placeRestingBuy } from './terminal';

// SOL-USDT: tick 0.01, lot 0.01. Its price moves a fraction of a tick per second in the simulated
// market, so a buy 10 ticks under the best bid rests (and stays on the 20-level ladder) long enough
// to be seen and canceled.
const SOL = { tick: 0.01, decimals: 2 };

const host = sharedHost();

test('the order book is live', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const first = await s.book.innerText();
  await expect.poll(() => s.book.innerText(), { timeout: 10_000 }).not.toBe(first);
  // The depth chart and the microstructure analytics follow the same book.
  await expect(page.getByRole('region', { name: 'Depth', exact: true }).locator('canvas').first()).toBeVisible();
  const analytics = page.getByRole('region', { name: 'Analytics', exact: true });
  await expect(analytics).toContainText('Spread');
  await expect(analytics).toContainText(/Spread\s*\d+ ticks?/);
  await page.screenshot({ path: 'test-results/screens/terminal.png' });
});

test('an invalid quantity is refused with the reason shown and nothing is sent', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.orderType.selectOption('Limit');
  for (const [qty, reason] of [
    ['0', /greater than zero/],
    ['-1', /.+/],
    ['abc', /not a number/],
    ['0.001', /lot size 0.01/],
    ['', /.+/],
  ] as const) {
    await s.quantity.fill(qty);
    await s.buy.click();
    await expect(s.ticket.getByRole('alert').first()).toContainText(reason);
  }
  await page.screenshot({ path: 'test-results/screens/invalid-quantity.png' });
  const orders = await bridgeCall(host.url, 'orders.list');
  expect(orders.ok && orders.value).toEqual([]);
  await expect(s.openOrders).toContainText('No open orders');
});

test('a limit order rests in Open orders and on the ladder; Cancel removes it', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const price = await placeRestingBuy(s, SOL.tick, SOL.decimals, 10, '0.50');
  await expect(s.orderRows).toHaveCount(1);
  await expect(s.orderRows.first()).toContainText(price);
  await expect(s.book.locator('.ladder-row.own', { hasText: price })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/limit-order.png' });

  await s.openOrders.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(s.orderRows).toHaveCount(0);
  await expect(s.book.locator('.ladder-row.own')).toHaveCount(0);
});

test('a market order fills and shows a position with P&L', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.orderType.selectOption('Market');
  await s.quantity.fill('1.00');
  await s.buy.click();
  await expect(s.fills.getByRole('row').filter({ hasText: 'SOL-USDT' }).first()).toBeVisible();
  const row = s.positions.getByRole('row').filter({ hasText: 'SOL-USDT' });
  await expect(row).toContainText('1.00');
  // Unrealised P&L is marked to mid and shown as a signed number.
  await expect(row).toContainText(/[-+]?\d+\.\d+/);
  await page.screenshot({ path: 'test-results/screens/position.png' });
});

test('the kill switch cancels every working order and rejects new ones until reset', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await placeRestingBuy(s, SOL.tick, SOL.decimals, 10, '0.20');
  await placeRestingBuy(s, SOL.tick, SOL.decimals, 12, '0.30');
  await expect(s.orderRows).toHaveCount(2);

  await s.killSwitch.click();
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
  await expect(s.orderRows).toHaveCount(0);

  await placeRestingBuy(s, SOL.tick, SOL.decimals, 10, '0.20');
  await expect(s.ticket.getByRole('alert')).toContainText('kill switch engaged');
  await expect(s.orderRows).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/kill-switch.png' });

  await s.resetKillSwitch.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm reset' }).click();
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeHidden();
  await placeRestingBuy(s, SOL.tick, SOL.decimals, 10, '0.20');
  await expect(s.orderRows).toHaveCount(1);
  await s.openOrders.getByRole('button', { name: 'Cancel all', exact: true }).click();
  await expect(s.orderRows).toHaveCount(0);
});

test('the keyboard shortcut engages the kill switch', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
  const state = await bridgeCall(host.url, 'kill.state');
  expect(state.ok && state.value.history.at(-1)).toMatchObject({ action: 'engage', source: 'hotkey' });
  await s.resetKillSwitch.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm reset' }).click();
  await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeHidden();
});
