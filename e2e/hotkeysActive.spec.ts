import { expect, type Locator, type Page, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { region } from './regions';
import { clickLadderRow } from './ladderRows';
import { armOneClick } from './oneClick';
import { screen } from './terminal';

/**
 * The hotkeys act on the instrument of the panel last clicked, as in Quantower: a click on the green
 * ETH ladder, then the buy hotkey, buys ETH, not the focus (BTC). The status bar and the cheat sheet say
 * which instrument that is; a panel that shows none (Fills) leaves the focus as the hotkeys' instrument.
 */
const host = sharedHost();

const statusBar = (page: Page): Locator => page.locator('footer.statusbar');

test('a click on the green ETH ladder makes the buy hotkey buy ETH, not the focus', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  const s = screen(page);
  await expect(s.book.getByRole('button').first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue('BTC-USDT · SIM');
  // No panel clicked yet: the focus.
  await expect(statusBar(page)).toContainText('Hotkeys act on: SIM BTC-USDT (the focus)');

  await page.getByRole('button', { name: 'Panels ▾' }).click();
  await page.getByRole('menu', { name: 'Panels' }).getByRole('menuitem', { name: 'New order book', exact: true }).click();
  const green = region(page, 'Order book 2');
  await page.getByLabel('Link group of the Order book 2').selectOption({ label: 'Green' });
  await page.getByLabel('Instrument of the Order book 2').selectOption({ label: 'ETH-USDT' });
  await expect(green.getByRole('heading').first()).toHaveText('Order book 2 · ETH-USDT');
  await expect(green.locator('.ladder-side.asks .price button').first()).toBeVisible();

  await armOneClick(page, s);
  // 0.01 ETH (about 34 USDT): the first preset's 0.001 is under SIM's 5 USDT minimum at ETH's price.
  await green.getByRole('button', { name: 'Quantity preset 0.01', exact: true }).click();

  await green.getByRole('heading').first().click();
  await expect(statusBar(page)).toContainText('Hotkeys act on: SIM ETH-USDT (Order book 2)');
  // The cheat sheet names it too.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Hotkeys' });
  await expect(sheet).toContainText('Hotkeys act on: SIM ETH-USDT (Order book 2)');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.keyboard.press('Shift+B');
  await expect(green.getByRole('status')).toContainText(/^Buy 0\.010* ETH-USDT @ [0-9.,]+ sent$/);
  const orders = await bridgeCall(host.url, 'orders.list', {});
  const byHotkey = orders.ok ? orders.value.filter((o) => o.source === 'hotkey') : [];
  expect(byHotkey.map((o) => [o.symbol, o.side])).toEqual([['ETH-USDT', 'buy']]);

  // A buy on ETH's deepest bid shown (it rests: a joined bid could fill at once, as CI once saw), then cancel-all by
  // key: ETH's orders go, and the notice names ETH.
  await clickLadderRow(green.locator('.ladder-side.bids .ladder-row').last());
  await expect(green.getByRole('status')).toContainText(/^Buy 0\.010* @ [0-9.,]+ sent$/);
  // It rests (on its row, or off the rows shown once ETH moved up): the engine lists it as working.
  const workingEth = async () => {
    const r = await bridgeCall(host.url, 'orders.list', {});
    return r.ok ? r.value.filter((o) => o.symbol === 'ETH-USDT' && !['filled', 'canceled', 'rejected', 'expired'].includes(o.status)).length : -1;
  };
  await expect.poll(workingEth).toBeGreaterThan(0);
  await green.getByRole('heading').first().click(); // the ladder stays the active panel, the key goes to the page
  await page.keyboard.press('Shift+C');
  // The buy at the ask may rest too (SIM's ask can move first): every working ETH order goes.
  await expect(green.getByRole('status')).toHaveText(/^Cancel sent for [12] ETH-USDT orders?$/);
  await expect.poll(workingEth).toBe(0);
  await expect(green.locator('.ladder-row.own')).toHaveCount(0);

  // The red book is the focus's; a panel that shows no instrument (Fills) leaves the focus too.
  await s.book.getByRole('heading').first().click();
  await expect(statusBar(page)).toContainText('Hotkeys act on: SIM BTC-USDT (Order book)');
  await green.getByRole('heading').first().click();
  await expect(statusBar(page)).toContainText('Hotkeys act on: SIM ETH-USDT (Order book 2)');
  await s.fills.getByRole('heading').first().click();
  await expect(statusBar(page)).toContainText('Hotkeys act on: SIM BTC-USDT (the focus)');
  const after = await bridgeCall(host.url, 'orders.list', {});
  expect(after.ok && after.value.filter((o) => o.symbol === 'BTC-USDT')).toEqual([]);
});
