import { expect, type Locator, type Page, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { heading, region } from './regions';

/**
 * A trader with a second monitor pops out a green ETH chart: in its own tab it is still the green ETH
 * chart (not the new window's focus), and it follows the green group's instrument when the trader
 * changes it in the main window, or in the pop-out itself (the main window's green panels follow).
 */
const host = sharedHost();

const focusPicker = (page: Page): Locator => page.getByRole('combobox', { name: 'Instrument', exact: true });

async function addFromPanelsMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Panels ▾' }).click();
  await page.getByRole('menu', { name: 'Panels' }).getByRole('menuitem', { name: item, exact: true }).click();
}

test('a popped-out green ETH chart stays green on ETH and follows the green group changed in either window', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(host.url);
  await expect(region(page, 'Order book').getByRole('button').first()).toBeVisible();
  await expect(focusPicker(page)).toHaveValue('BTC-USDT · SIM');

  // A second chart in the green group, on ETH.
  await addFromPanelsMenu(page, 'New chart');
  await page.getByLabel('Link group of the Chart 2').selectOption({ label: 'Green' });
  await page.getByLabel('Instrument of the Chart 2').selectOption({ label: 'ETH-USDT' });
  await expect(heading(page, 'Chart 2')).toHaveText('Chart 2 · ETH-USDT');
  const chart2Timeframe = (p: typeof page) => region(p, 'Chart 2').getByRole('combobox', { name: 'Timeframe', exact: true });
  await chart2Timeframe(page).selectOption('5m');

  const [popout] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Pop out Chart 2', exact: true }).click()]);
  await popout.setViewportSize({ width: 900, height: 700 });
  expect(new URL(popout.url()).searchParams.get('panel')).toBe('chart-2');
  // Still the green ETH chart there; the pop-out's focus (red) is the main window's, BTC.
  await expect(heading(popout, 'Chart 2')).toHaveText('Chart 2 · ETH-USDT');
  await expect(popout.getByLabel('Link group of the Chart 2')).toHaveValue('green');
  await expect(popout.getByLabel('Instrument of the Chart 2')).toHaveValue('SIM:ETH-USDT');
  await expect(focusPicker(popout)).toHaveValue('BTC-USDT · SIM');
  // It keeps its own timeframe there.
  await expect(chart2Timeframe(popout)).toHaveValue('5m');
  // ETH's candles arrive there (the pop-out streams the green instrument, not only its focus).
  await expect(region(popout, 'Chart 2').getByText('Waiting for market data…')).toHaveCount(0);
  // It moved out of the main window.
  await expect(region(page, 'Chart 2')).toHaveCount(0);

  // In the main window a green order book joins green (on ETH) and the trader moves green to SOL: the pop-out follows.
  await addFromPanelsMenu(page, 'New order book');
  await page.getByLabel('Link group of the Order book 2').selectOption({ label: 'Green' });
  await expect(heading(page, 'Order book 2')).toHaveText('Order book 2 · ETH-USDT');
  await page.getByLabel('Instrument of the Order book 2').selectOption({ label: 'SOL-USDT' });
  await expect(heading(popout, 'Chart 2')).toHaveText('Chart 2 · SOL-USDT');
  await expect(popout.getByLabel('Instrument of the Chart 2')).toHaveValue('SIM:SOL-USDT');
  // Red did not move in either window.
  await expect(focusPicker(page)).toHaveValue('BTC-USDT · SIM');
  await expect(focusPicker(popout)).toHaveValue('BTC-USDT · SIM');
  await expect(heading(page, 'Order book')).toHaveText('Order book');

  // Back the other way: green picked in the pop-out moves the main window's green book.
  await popout.getByLabel('Instrument of the Chart 2').selectOption({ label: 'ETH-USDT' });
  await expect(heading(popout, 'Chart 2')).toHaveText('Chart 2 · ETH-USDT');
  await expect(heading(page, 'Order book 2')).toHaveText('Order book 2 · ETH-USDT');
  await expect(focusPicker(page)).toHaveValue('BTC-USDT · SIM');
  // The hotkeys work in the pop-out too, on its panel's instrument (green's), and the cheat sheet says so.
  await heading(popout, 'Chart 2').click();
  await popout.keyboard.press('?');
  const sheet = popout.getByRole('dialog', { name: 'Hotkeys' });
  await expect(sheet).toContainText('Hotkeys act on: SIM ETH-USDT (Chart 2)');
  await popout.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await popout.screenshot({ path: 'test-results/screens/popout-green-chart.png' });
  await popout.close();
});

/** The panels the engine knows are open in pop-out windows (each pop-out tells it; a closed one's view is dropped). */
async function poppedOutPanels(): Promise<string[]> {
  const reply = await bridgeCall(host.url, 'workspace.popouts');
  return reply.ok ? reply.value.panels : ['(engine did not answer)'];
}

test('a reloaded main window never numbers a new chart onto one still open in a pop-out; a closed pop-out frees its number', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  // The last test's pop-out closed: its Chart 2 is free (its view went away with its socket).
  await expect.poll(poppedOutPanels).toEqual([]);
  await page.goto(host.url);
  await expect(region(page, 'Order book').getByRole('button').first()).toBeVisible();

  await addFromPanelsMenu(page, 'New chart');
  await expect(region(page, 'Chart 2')).toBeVisible();
  await page.getByLabel('Link group of the Chart 2').selectOption({ label: 'Green' });
  await page.getByLabel('Instrument of the Chart 2').selectOption({ label: 'ETH-USDT' });
  const [popout] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Pop out Chart 2', exact: true }).click()]);
  await expect(heading(popout, 'Chart 2')).toHaveText('Chart 2 · ETH-USDT');
  await expect.poll(poppedOutPanels).toEqual(['chart-2']);

  // The main window reloads (it forgets what it popped out) and the trader adds a chart: Chart 3, not Chart 2.
  await page.reload();
  await expect(region(page, 'Order book').getByRole('button').first()).toBeVisible();
  await addFromPanelsMenu(page, 'New chart');
  await expect(region(page, 'Chart 3')).toBeVisible();
  await expect(region(page, 'Chart 2')).toHaveCount(0);
  // The pop-out is still the green ETH chart (a new Chart 2 would have taken its link and turned it red).
  await expect(popout.getByLabel('Link group of the Chart 2')).toHaveValue('green');
  await expect(heading(popout, 'Chart 2')).toHaveText('Chart 2 · ETH-USDT');
  await popout.screenshot({ path: 'test-results/screens/popout-kept-after-main-reload.png' });

  // The pop-out closes: its number is free again, after a reload too.
  await popout.close();
  await expect.poll(poppedOutPanels).toEqual([]);
  await page.reload();
  await expect(region(page, 'Chart 3')).toBeVisible();
  await addFromPanelsMenu(page, 'New chart');
  await expect(region(page, 'Chart 2')).toBeVisible();
  // A new chart starts in the focus group (red), whatever the closed pop-out's chart was linked to.
  await expect(page.getByLabel('Link group of the Chart 2')).not.toHaveValue('green');
});
