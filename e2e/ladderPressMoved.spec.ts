import { expect, type Locator, type Page, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { rowPrice } from './ladderRows';
import { armOneClick } from './oneClick';
import { openTerminal, type Screen } from './terminal';

// The SIM's traders 40 times as active, so the book moves under a held button within a second or two.
const host = sharedHost({ SQ_SIM_ACTIVITY: '40' });
test.afterEach(async () => {
  await bridgeCall(host.url, 'orders.cancelAll', {});
});

const bidRow = (s: Screen, n: number): Locator => s.book.locator('.ladder-side.bids .ladder-row').nth(n);

/**
 * Presses the mouse on a row, holds it until the book has rewritten the row's price, and lets go on the
 * same row. Returns the prices the row showed at the press and at the click, as listeners on the row read
 * them (they run before the ladder's handlers at the page's root). The book may move back before the
 * release: then the two agree and the caller tries again.
 */
async function pressWhileTheBookMoves(page: Page, row: Locator): Promise<{ pressedAt: string; clickedAt: string }> {
  await row.evaluate((el) => {
    const text = () => (el.querySelector('.price button')?.textContent ?? '').trim();
    delete el.dataset.pressedAt;
    delete el.dataset.clickedAt;
    el.addEventListener('pointerdown', () => (el.dataset.pressedAt = text()), { once: true });
    el.addEventListener('click', () => (el.dataset.clickedAt = text()), { once: true });
  });
  await row.locator('.size').hover();
  const before = await rowPrice(row);
  await page.mouse.down();
  await expect.poll(() => rowPrice(row), { timeout: 20_000 }).not.toBe(before);
  await page.mouse.up();
  const seen = await row.evaluate((el) => ({ pressedAt: el.dataset.pressedAt ?? '', clickedAt: el.dataset.clickedAt ?? '' }));
  expect(seen.pressedAt).toBe(before);
  return seen;
}

/** Presses, holds while the book moves, releases; retried while the book moved back before the release. */
async function moveUnderThePress(page: Page, row: Locator, onSameAgain: () => Promise<void>): Promise<{ pressedAt: string; clickedAt: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const seen = await pressWhileTheBookMoves(page, row);
    if (seen.clickedAt !== seen.pressedAt) return seen;
    await onSameAgain();
  }
  throw new Error('the book moved back before every release');
}

test('one-click: a click whose row shows another price at the release than at the press sends nothing, and says so', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await armOneClick(page, s);
  await s.book.getByRole('button', { name: 'Quantity preset 0.1', exact: true }).click();

  const everSent = async () => {
    const listed = await bridgeCall(host.url, 'orders.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    return listed.value.length;
  };
  let fairClicks = 0;
  const { pressedAt, clickedAt } = await moveUnderThePress(page, bidRow(s, 3), async () => {
    fairClicks += 1;
    // The row came back to the pressed price: that click was a fair one and sent; clear it and try again.
    await expect(s.book.getByRole('status')).toHaveText(/^Buy 0\.10 @ \S+ sent$/);
    await bridgeCall(host.url, 'orders.cancelAll', {});
    await expect(s.orderRows).toHaveCount(0);
  });
  await expect(s.book.getByRole('alert')).toHaveText(`Price moved under the click (${pressedAt} → ${clickedAt}): nothing sent`);
  // Every order the engine ever took (canceled ones too) came from a fair click before: none from this one.
  await expect(s.orderRows).toHaveCount(0);
  expect(await everSent()).toBe(fairClicks);

  // Enter on a row's price button has no press: it acts on the price shown then.
  await bidRow(s, 5).locator('.price button').focus();
  await page.keyboard.press('Enter');
  await expect(s.book.getByRole('status')).toHaveText(/^Buy 0\.10 @ \S+ sent$/);
  await expect(s.orderRows).toHaveCount(1);
});

test('ticket: a click whose row moved under the press puts no price in the ticket, and says so', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.price.fill('');
  const { pressedAt, clickedAt } = await moveUnderThePress(page, bidRow(s, 3), async () => {
    await s.price.fill('');
  });
  await expect(s.book.getByRole('alert')).toHaveText(`Price moved under the click (${pressedAt} → ${clickedAt}): nothing picked`);
  await expect(s.price).toHaveValue('');
  await expect(s.orderRows).toHaveCount(0);
});
