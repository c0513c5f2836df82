import type { Locator } from '@playwright/test';

/** The price text of a ladder row as the trader reads it. */
export const rowPrice = async (row: Locator): Promise<string> => ((await row.locator('.price button').textContent()) ?? '').trim();

/**
 * Clicks a ladder row (on its size, away from the price button) and returns the price it showed when the
 * click landed. Rows are keyed by place: the book may rewrite a row between the press and the release,
 * and then the click is refused ("Price moved under the click"); such a click is tried again, a few
 * times. The prices are read by listeners on the row itself, which run before the ladder's own handlers
 * (those sit at the page's root), so they see exactly the prices the ladder compares.
 */
export async function clickLadderRow(row: Locator): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await row.evaluate((el) => {
      const text = () => (el.querySelector('.price button')?.textContent ?? '').trim();
      delete el.dataset.pressedAt;
      delete el.dataset.clickedAt;
      el.addEventListener('pointerdown', () => (el.dataset.pressedAt = text()), { once: true });
      el.addEventListener('click', () => (el.dataset.clickedAt = text()), { once: true });
    });
    await row.locator('.size').click();
    const { pressedAt, clickedAt } = await row.evaluate((el) => ({ pressedAt: el.dataset.pressedAt, clickedAt: el.dataset.clickedAt }));
    if (clickedAt && pressedAt === clickedAt) return clickedAt;
  }
  throw new Error('the book moved under every click on this row');
}
