import { expect, type Page, test } from '@playwright/test';
import { sharedHost } from './host';
import { openTerminal, placeRestingBuy } from './terminal';

const host = sharedHost();

/** Whether the element with the keyboard focus is inside the open dialog. */
const focusInDialog = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null && document.activeElement !== null);

test('Tab and Shift+Tab cannot leave the kill switch reset dialog; closing it gives focus back to the reset button', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.killSwitch.click();
  await expect(s.resetKillSwitch).toBeVisible();
  await s.resetKillSwitch.focus();
  await s.resetKillSwitch.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reset the kill switch?' });
  await expect(dialog.getByRole('button', { name: 'Keep engaged', exact: true })).toBeFocused();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog(page)).toBe(true);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog(page)).toBe(true);
  }
  // The two buttons take turns: Tab from the last comes back to the first.
  await dialog.getByRole('button', { name: 'Confirm reset', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Keep engaged', exact: true })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(s.resetKillSwitch).toBeFocused();
  // Reset from the keyboard, for the next test.
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Confirm reset', exact: true }).press('Enter');
  await expect(s.resetKillSwitch).toHaveCount(0);
});

test('Escape closes the order history drawer and focus returns to the History button that opened it', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await placeRestingBuy(s, 0.01, 2, 20, '0.10');
  const history = s.openOrders.getByRole('button', { name: /^History / }).first();
  await history.focus();
  await history.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Order history' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('button', { name: /close/i }).first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(history).toBeFocused();
  await s.orderRows.first().getByRole('button', { name: 'Cancel', exact: true }).click();
});

const CONTROL_ROLES = ['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'slider', 'switch', 'tab', 'link', 'listbox', 'menuitem'];
const UNNAMED = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})( "\\s*")?(:|$| \\[)`);
const CONTROL = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})\\b`);

/**
 * The controls a screen reader meets on the page now, from Playwright's accessibility snapshot (names
 * computed as a screen reader does: labels, aria-label(ledby), content, title; hidden ones left out).
 * A snapshot line reads `- role "name"` for a named control and `- role`, `- role:` or `- role [..]` for one without.
 */
async function unnamedControls(page: Page): Promise<{ seen: number; unnamed: string[] }> {
  const lines = (await page.locator('body').ariaSnapshot()).split('\n');
  const unnamed: string[] = [];
  let seen = 0;
  lines.forEach((line, i) => {
    if (!CONTROL.test(line)) return;
    seen++;
    if (UNNAMED.test(line)) unnamed.push(`${line.trim()}  (after: ${lines[i - 1]?.trim() ?? ''})`);
  });
  return { seen, unnamed };
}

test('every control on the default screen, and behind each of its tabs, has a name a screen reader can say', async ({ page }) => {
  await openTerminal(page, host.url);
  const first = await unnamedControls(page);
  expect(first.seen).toBeGreaterThan(20);
  expect(first.unnamed).toEqual([]);
  // Every tab on the screen in turn (the bottom area's today; a docked workspace's tabs if they carry role=tab).
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    if (!(await tab.isVisible())) continue;
    const name = (await tab.textContent()) ?? '';
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    // A lazy panel's chunk has arrived (its controls are on screen, not "Loading…").
    await expect(page.getByRole('tabpanel').filter({ visible: true }).getByText('Loading…', { exact: true })).toHaveCount(0);
    const { unnamed } = await unnamedControls(page);
    expect(unnamed, `behind the tab ${name}`).toEqual([]);
  }
});
