import { expect, type Locator, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { clickLadderRow } from './ladderRows';
import { armOneClick } from './oneClick';
import { shoot } from './screens';
import { openTerminal, type Screen } from './terminal';

const host = sharedHost();
test.afterEach(async () => {
  await bridgeCall(host.url, 'orders.cancelAll', {});
});

/** The `n`th bid row from the touch: a place on the ladder, whose price the book rewrites as it moves. */
const bidRow = (s: Screen, n: number): Locator => s.book.locator('.ladder-side.bids .ladder-row').nth(n);

/** The ladder row of our own order resting at `price` on the bid side. */
const ownBidRow = (s: Screen, price: string): Locator =>
  s.book.locator('.ladder-side.bids .ladder-row.own').filter({ has: s.page.getByLabel(`Your buy orders at ${price}:`, { exact: false }) });

test('one-click on the ladder: a click on a bid places a buy limit there, drag moves it (a new version), right-click cancels it', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  // Off by default: a click only fills the ticket's price, nothing is sent.
  // Rows are keyed by place (the book rewrites them): the price is the one the row showed at the click.
  const clicked = await clickLadderRow(bidRow(s, 4));
  await expect(s.price).toHaveValue(clicked);
  await expect(s.orderRows).toHaveCount(0);

  await armOneClick(page, s);
  await s.book.getByRole('button', { name: 'Quantity preset 0.1', exact: true }).click();
  await expect(s.book.getByRole('button', { name: 'Quantity preset 0.1', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Deep in the bids (five levels under the touch) so it rests while we work with it.
  const price = await clickLadderRow(bidRow(s, 5));
  const order = s.orderRows.filter({ hasText: price });
  await expect(order).toHaveCount(1);
  await expect(order.locator('[col-id="side"]')).toContainText(/buy/i);
  await expect(order.locator('[col-id="qty"]')).toHaveText('0.10');
  await expect(s.book.getByRole('status')).toContainText(`Buy 0.10 @ ${price} sent`);
  await shoot(page, 'ladder-one-click', 'Order book');

  // Our order shows on its level, and a drag to a deeper bid amends it: version 2 at the new price.
  const own = ownBidRow(s, price);
  await expect(own).toHaveCount(1);
  await own.locator('.mine-tag').hover();
  await page.mouse.down();
  // Two levels deeper (the ladder shows fewer levels in a short window: at least two more are below a level five down).
  // A row is a place whose price the book rewrites: find our order's row again just before letting go, and aim under it.
  const twoBelowOwn = async () => bidRow(s, (await own.evaluate((el) => [...el.parentElement!.children].indexOf(el))) + 2);
  const to = (await (await twoBelowOwn()).boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await (await twoBelowOwn()).hover();
  await page.mouse.up();
  const moved = s.orderRows.first();
  await expect(moved.locator('[col-id="version"]')).toHaveText('2');
  const newPrice = (await moved.locator('[col-id="price"]').innerText()).trim();
  expect(Number(newPrice)).toBeLessThan(Number(price));
  await expect(s.book.getByRole('status')).toContainText(`Amend to`);

  // Right-click on the level holding it cancels it.
  await ownBidRow(s, newPrice).click({ button: 'right' });
  await expect(s.orderRows).toHaveCount(0);
  const listed = await bridgeCall(host.url, 'orders.list', {});
  expect(listed.ok && listed.value.filter((o) => !['filled', 'canceled', 'rejected', 'expired'].includes(o.status))).toEqual([]);
});

test('a one-click order the engine refuses is shown in its words, and nothing rests', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await armOneClick(page, s);
  // 0.001 SOL is off the lot size (0.01): refused before it leaves, saying why.
  await s.book.getByRole('button', { name: 'Quantity preset 0.001', exact: true }).click();
  await clickLadderRow(bidRow(s, 3));
  await expect(s.book.getByRole('alert')).toContainText(/^Not sent: Quantity: .*lot/);
  await expect(s.orderRows).toHaveCount(0);

  // The engine's own risk check, exactly as for the ticket: a 1 SOL order over a 0.5 SOL limit is refused in its words.
  const state = await bridgeCall(host.url, 'risk.state');
  if (!state.ok) throw new Error(state.error.message);
  const limits = state.value.limits;
  await bridgeCall(host.url, 'risk.setLimits', { limits: { ...limits, instruments: { ...limits.instruments, 'SIM:SOL-USDT': { maxOrderQty: '0.5' } } } });
  try {
    await s.book.getByRole('button', { name: 'Quantity preset 1', exact: true }).click();
    await clickLadderRow(bidRow(s, 3));
    await expect(s.book.getByRole('alert')).toContainText(/^Rejected: .*exceeds the max order quantity/);
    await expect(s.orderRows).toHaveCount(0);
  } finally {
    await bridgeCall(host.url, 'risk.setLimits', { limits });
  }
});
