import { expect, type Locator, type Page, test } from '@playwright/test';
import { sharedHost } from './host';
import { shoot } from './screens';
import { openTerminal, screen } from './terminal';

const host = sharedHost();

const tab = (page: Page, name: string): Locator => page.getByRole('tab', { name, exact: true });
/** The tab strip (one dock group) that holds the tab `name`. */
const stripOf = (page: Page, name: string): Locator => page.getByRole('tablist').filter({ has: tab(page, name) });
const panelsMenu = (page: Page): Locator => page.getByRole('button', { name: 'Panels ▾' });
const menuItem = (page: Page, name: string): Locator => page.getByRole('menu', { name: 'Panels' }).getByRole('menuitemcheckbox', { name, exact: true });

async function workspaceMenu(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Workspaces' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: /^Workspace/ }).click();
  await expect(dialog).toBeVisible();
  return dialog;
}

/** A drag as a hand makes it: press on the tab, move across in steps (so the drop target sees the pointer), release. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 5, { steps: 5 });
  await page.mouse.move(b.x + b.width * 0.75, b.y + b.height / 2, { steps: 20 });
  await page.mouse.up();
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('a panel dragged into another group stays there after a reload, with the grid columns as they were left', async ({ page }) => {
  await openTerminal(page, host.url, 'BTC-USDT');
  await expect(stripOf(page, 'Order book')).not.toContainText('Trades');
  // Drag the Trades tab onto the Order book's tab strip: it becomes a tab beside the book.
  await drag(page, tab(page, 'Trades'), tab(page, 'Order book'));
  await expect(stripOf(page, 'Order book').getByRole('tab', { name: 'Trades', exact: true })).toBeVisible();
  // Widen a column of the fills: the grids' columns are part of the workspace.
  const fills = page.getByRole('region', { name: 'Fills', exact: true });
  const s = screen(page);
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0.0010');
  await s.buy.click();
  await expect(fills.getByRole('row').filter({ hasText: 'BTC-USDT' }).first()).toBeVisible();
  const symbolHeader = fills.getByRole('columnheader', { name: 'Symbol' });
  const before = (await symbolHeader.boundingBox())!.width;
  const handle = (await symbolHeader.locator('.ag-header-cell-resize').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 10 });
  await page.mouse.up();
  const widened = (await symbolHeader.boundingBox())!.width;
  expect(widened).toBeGreaterThan(before + 40);

  // Restart the page: the engine kept the layout, not the browser.
  await page.reload();
  await expect(stripOf(page, 'Order book').getByRole('tab', { name: 'Trades', exact: true })).toBeVisible();
  await expect(fills.getByRole('row').filter({ hasText: 'BTC-USDT' }).first()).toBeVisible();
  await expect.poll(async () => Math.round((await symbolHeader.boundingBox())!.width)).toBe(Math.round(widened));
  // In a fresh browser context too (another origin's storage would be empty).
  const other = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
  await other.goto(host.url);
  await expect(stripOf(other, 'Order book').getByRole('tab', { name: 'Trades', exact: true })).toBeVisible();
  await other.close();
});

test('save a named workspace, switch to a preset, load it back', async ({ page }) => {
  await page.goto(host.url);
  await expect(stripOf(page, 'Order book').getByRole('tab', { name: 'Trades', exact: true })).toBeVisible();
  let menu = await workspaceMenu(page);
  await menu.getByLabel('Workspace name').fill('Scalping');
  await menu.getByRole('button', { name: 'Save workspace' }).click();
  await expect(menu.getByRole('button', { name: 'Load Scalping' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Workspace: Scalping ▾' })).toBeVisible();

  // The Risk preset: limits large, no order book.
  await menu.getByRole('button', { name: 'Risk preset' }).click();
  await expect(page.getByRole('button', { name: 'Workspace: Risk ▾' })).toBeVisible();
  await expect(tab(page, 'Order book')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Risk limits' }).or(page.getByRole('region', { name: 'Risk', exact: true })).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await shoot(page, 'workspace-risk-preset', page.getByRole('tab', { name: /^Risk/ }));

  // The Options preset has the chain large.
  menu = await workspaceMenu(page);
  await menu.getByRole('button', { name: 'Options preset' }).click();
  await expect(tab(page, 'Option chain')).toBeVisible();
  await expect(tab(page, 'Order book')).toHaveCount(0);

  // Load the saved one: the book is back with the tape beside it.
  await menu.getByRole('button', { name: 'Load Scalping' }).click();
  await expect(stripOf(page, 'Order book').getByRole('tab', { name: 'Trades', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Workspace: Scalping ▾' })).toBeVisible();
  // A name too long is refused in words, and nothing is lost.
  await menu.getByLabel('Workspace name').fill('x'.repeat(40) + 'y');
  await expect(menu.getByLabel('Workspace name')).toHaveValue('x'.repeat(40));
  await menu.getByLabel('Workspace name').fill('   ');
  await menu.getByRole('button', { name: 'Save workspace' }).click();
  await expect(menu.getByRole('alert')).toHaveText('Give the workspace a name.');
  await menu.getByRole('button', { name: 'Delete Scalping' }).click();
  await expect(menu.getByRole('button', { name: 'Load Scalping' })).toHaveCount(0);
  await menu.getByRole('button', { name: 'Trading preset' }).click();
  await expect(stripOf(page, 'Order book')).not.toContainText('Trades');
});

test('close a panel, reopen it from the Panels menu; float one and dock it back', async ({ page }) => {
  await page.goto(host.url);
  const fills = page.getByRole('region', { name: 'Fills', exact: true });
  await expect(fills).toBeVisible();
  await panelsMenu(page).click();
  await expect(menuItem(page, 'Fills')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Panels' })).toHaveCount(0);
  await expect(panelsMenu(page)).toBeFocused();

  await page.getByRole('button', { name: 'Close Fills', exact: true }).click();
  await expect(fills).toHaveCount(0);
  await panelsMenu(page).click();
  await expect(menuItem(page, 'Fills')).toHaveAttribute('aria-checked', 'false');
  await menuItem(page, 'Fills').click();
  await expect(fills).toBeVisible();
  await expect(menuItem(page, 'Fills')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');

  // Float the order book over the workspace, then dock it back.
  await page.getByRole('button', { name: 'Float Order book', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Order book' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Order book', exact: true }).getByRole('button').first()).toBeVisible();
  await page.getByRole('button', { name: 'Dock Order book', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Order book' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Order book', exact: true })).toBeVisible();
});

test('a panel popped out into its own tab shows it alone, live, on the same session', async ({ page }) => {
  await openTerminal(page, host.url, 'BTC-USDT');
  const [popout] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Pop out Order book', exact: true }).click()]);
  await popout.setViewportSize({ width: 900, height: 700 });
  const url = new URL(popout.url());
  expect(url.searchParams.get('panel')).toBe('book');
  // The same run's token: the tab's bridge is let in.
  expect(url.searchParams.get('token')).toBe(new URL(host.url).searchParams.get('token'));
  const book = popout.getByRole('region', { name: 'Order book', exact: true });
  await expect(book).toBeVisible();
  await expect(popout.getByRole('region', { name: 'Order ticket', exact: true })).toHaveCount(0);
  await expect(popout.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue('BTC-USDT · SIM');
  // Live: the book's levels keep changing as the SIM venue trades.
  const first = await book.innerText();
  await expect.poll(async () => (await book.innerText()) !== first, { timeout: 15_000 }).toBe(true);
  // The kill switch is in reach from the second window too.
  await expect(popout.getByRole('button', { name: 'Kill switch', exact: true })).toBeVisible();
  await popout.screenshot({ path: 'test-results/screens/workspace-popout-book.png' });
  // It moved: the main window no longer has it, and the Panels menu brings it back.
  await expect(tab(page, 'Order book')).toHaveCount(0);
  await panelsMenu(page).click();
  await menuItem(page, 'Order book').click();
  await expect(page.getByRole('region', { name: 'Order book', exact: true })).toBeVisible();
  await popout.close();
});
