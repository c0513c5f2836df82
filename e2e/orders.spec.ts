import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { openTerminal, placeRestingBuy, prefilledBestBid } from './terminal';

// SOL-USDT: tick 0.01, lot 0.01; orders 10+ ticks from the touch rest long enough to work with.
const SOL = { tick: 0.01, decimals: 2 };

const host = sharedHost();
test.afterEach(async () => {
  await bridgeCall(host.url, 'orders.cancelAll', {});
});

test('amend by editing the Price cell: a new version at the venue, every version in the history drawer, CSV export', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const price = await placeRestingBuy(s, SOL.tick, SOL.decimals, 10, '0.50');
  const row = s.orderRows.first();
  await expect(row).toContainText(price);
  const lower = (Number(price) - 5 * SOL.tick).toFixed(SOL.decimals);

  await row.locator('[col-id="price"]').dblclick();
  const editor = row.locator('[col-id="price"] input');
  await editor.fill(lower);
  await editor.press('Enter');
  await expect(row.locator('[col-id="price"]')).toHaveText(lower);
  await expect(row.locator('[col-id="version"]')).toHaveText('2');

  // An amend that is not on the tick grid is refused with the reason; the order keeps its terms.
  await row.locator('[col-id="qty"]').dblclick();
  await row.locator('[col-id="qty"] input').fill('0.505');
  await row.locator('[col-id="qty"] input').press('Enter');
  await expect(s.openOrders.getByRole('alert')).toContainText(/lot/);
  await expect(row.locator('[col-id="qty"]')).toHaveText('0.50');

  await s.openOrders.getByRole('button', { name: /^History / }).first().click();
  const drawer = page.getByRole('dialog', { name: 'Order history' });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(price);
  await expect(drawer).toContainText(lower);
  for (const action of [/submit/i, /accept/i, /amend/i]) await expect(drawer).toContainText(action);
  await page.screenshot({ path: 'test-results/screens/order-history.png' });

  const download = page.waitForEvent('download');
  await drawer.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^time,order,venue,symbol,action,source/);
  expect(csv).toContain(`,${lower},`);
  expect(csv).toMatch(/,amend_request,grid,/);
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();
});

test('a stop-limit rests untriggered at the venue and is listed as one', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const bid = await prefilledBestBid(s);
  await s.orderType.selectOption('Stop limit');
  const stop = (bid + 200 * SOL.tick).toFixed(SOL.decimals);
  const limit = (bid + 210 * SOL.tick).toFixed(SOL.decimals);
  await s.ticket.getByLabel('Stop price', { exact: true }).fill(stop);
  await s.price.fill(limit);
  await s.quantity.fill('0.30');
  await s.buy.click();
  const row = s.orderRows.first();
  await expect(row).toContainText(stop);
  await expect(row.locator('[col-id="type"]')).toContainText(/stop/i);
  await expect(row.locator('[col-id="status"]')).toContainText(/accepted|working/i);
  const orders = await bridgeCall(host.url, 'orders.list', {});
  expect(orders.ok && orders.value.find((o) => o.status === 'accepted' && o.type === 'stop_limit')).toBeTruthy();
});

test('a bracket from the ticket: market entry fills, take-profit and stop-loss are armed and listed as its group', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const bid = await prefilledBestBid(s);
  await s.ticket.getByRole('radio', { name: 'Bracket' }).check();
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0.20');
  await s.ticket.getByLabel('Take profit', { exact: true }).fill((bid + 300 * SOL.tick).toFixed(SOL.decimals));
  await s.ticket.getByLabel('Stop loss', { exact: true }).fill((bid - 300 * SOL.tick).toFixed(SOL.decimals));
  await s.buy.click();
  await expect(s.orderRows).toHaveCount(2);
  await expect(s.openOrders).toContainText(/TP/);
  await expect(s.openOrders).toContainText(/SL/);
  await page.screenshot({ path: 'test-results/screens/bracket.png' });
  const orders = await bridgeCall(host.url, 'orders.list', {});
  const roles = orders.ok ? orders.value.filter((o) => o.groupId !== undefined).map((o) => [o.role, o.status]) : [];
  expect(roles).toEqual(expect.arrayContaining([['entry', 'filled'], ['take_profit', 'accepted'], ['stop_loss', 'accepted']]));
});

test('an OCO from the ticket: both legs rest; cancelling one cancels the other', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const bid = await prefilledBestBid(s);
  await s.ticket.getByRole('radio', { name: 'OCO' }).check();
  await s.quantity.fill('0.10');
  await s.ticket.getByLabel('Limit price', { exact: true }).fill((bid + 300 * SOL.tick).toFixed(SOL.decimals));
  await s.ticket.getByLabel('Stop price', { exact: true }).fill((bid - 300 * SOL.tick).toFixed(SOL.decimals));
  await s.sell.click();
  await expect(s.orderRows).toHaveCount(2);
  await s.orderRows.first().getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(s.orderRows).toHaveCount(0);
  const orders = await bridgeCall(host.url, 'orders.list', {});
  const legs = orders.ok ? orders.value.filter((o) => o.role === 'oco_leg') : [];
  expect(legs.map((o) => o.status)).toEqual(['canceled', 'canceled']);
});
