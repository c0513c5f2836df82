import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { armOneClick } from './oneClick';
import { shoot } from './screens';
import { openTerminal, placeRestingBuy } from './terminal';

const host = sharedHost();
test.afterEach(async () => {
  await bridgeCall(host.url, 'orders.cancelAll', {});
});

const SOL = { tick: 0.01, decimals: 2 };

test('an order line on the chart: drag it to a new price (a new version, on the tick grid), Escape drops a drag, × cancels', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  const chart = page.getByRole('region', { name: 'Chart', exact: true });
  const price = await placeRestingBuy(s, SOL.tick, SOL.decimals, 30, '0.20');
  await expect(s.orderRows.first()).toContainText(price);
  const grip = chart.getByRole('button', { name: `Move buy 0.20 at ${price}` });
  await expect(grip).toBeVisible();
  await expect(grip).toHaveText('BUY 0.20');

  await armOneClick(page, s);
  await shoot(page, 'chart-orders', grip);

  // A drag dropped with Escape sends nothing.
  let box = (await grip.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 40, { steps: 4 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(s.book.getByRole('status')).toHaveText('Move cancelled');
  await expect(s.orderRows.first().locator('[col-id="version"]')).toHaveText('1');
  await expect(s.orderRows.first().locator('[col-id="price"]')).toHaveText(price);

  // Dragged down 40 px: amended to a lower price on the tick grid; the venue confirms a new version.
  box = (await grip.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 40, { steps: 4 });
  await page.mouse.up();
  const row = s.orderRows.first();
  await expect(row.locator('[col-id="version"]')).toHaveText('2');
  const moved = (await row.locator('[col-id="price"]').innerText()).trim();
  expect(moved).toMatch(/^\d+\.\d{2}$/);
  expect(Number(moved)).toBeLessThan(Number(price));
  await expect(chart.getByRole('button', { name: `Move buy 0.20 at ${moved}` })).toBeVisible();
  const orders = await bridgeCall(host.url, 'orders.list', {});
  const amended = orders.ok ? orders.value.find((o) => o.version === 2) : undefined;
  expect(amended?.price).toBe(Math.round(Number(moved) * 100));

  await chart.getByRole('button', { name: `Cancel buy 0.20 at ${moved}` }).click();
  await expect(s.orderRows).toHaveCount(0);
  await expect(chart.getByRole('button', { name: /^Move buy/ })).toHaveCount(0);
});
