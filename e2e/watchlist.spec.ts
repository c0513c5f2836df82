import { expect, type Page, test } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';
import { screen } from './terminal';

function watchlist(page: Page) {
  return page.getByRole('region', { name: 'Watchlist', exact: true });
}

async function openWatchlist(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('tab', { name: 'Watchlist', exact: true }).click();
  return watchlist(page);
}

async function add(page: Page, symbol: string) {
  const panel = watchlist(page);
  await panel.getByRole('searchbox', { name: 'Find an instrument to add to the watchlist' }).fill(`${symbol} SIM`);
  await panel.getByRole('button', { name: `Add ${symbol} · SIM to the watchlist`, exact: true }).click();
  await expect(panel.getByRole('row', { name: `${symbol} · SIM`, exact: true })).toBeVisible();
}

/** The text of one column of an instrument's row. */
const cell = (page: Page, symbol: string, col: string) => watchlist(page).getByRole('row', { name: `${symbol} · SIM`, exact: true }).locator(`[data-col="${col}"]`);

test('a trader builds a watchlist: live last and spread per instrument, click to focus, remove, and it is back after a restart', async ({ page }) => {
  const dataDir = tempDataDir();
  let host: Host = await startHost(dataDir);
  try {
    const panel = await openWatchlist(page, host.url);
    await add(page, 'ETH-USDT');
    await add(page, 'SOL-USDT');

    // Both lines fill in from the engine's books and tape, and keep moving with the SIM market.
    for (const symbol of ['ETH-USDT', 'SOL-USDT']) {
      await expect(cell(page, symbol, 'last')).toHaveText(/^\d+\.\d+$/);
      await expect(cell(page, symbol, 'spread')).toHaveText(/^\d+\.\d+$/);
      await expect(cell(page, symbol, 'change')).toHaveText(/^[+-]?\d+\.\d\d%$/);
    }
    const first = await cell(page, 'ETH-USDT', 'last').textContent();
    await expect(cell(page, 'ETH-USDT', 'last')).not.toHaveText(first!);

    // A click focuses the instrument: the ticket and the book follow.
    await panel.getByRole('row', { name: 'SOL-USDT · SIM', exact: true }).click();
    const s = screen(page);
    await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue('SOL-USDT · SIM');
    await expect(s.ticket).toContainText('SOL-USDT');
    // And Enter on the other's name does the same from the keyboard.
    await panel.getByRole('button', { name: 'Focus ETH-USDT · SIM', exact: true }).press('Enter');
    await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue('ETH-USDT · SIM');
    await expect(panel.getByRole('row', { name: 'ETH-USDT · SIM', exact: true })).toHaveAttribute('aria-current', 'true');

    await panel.getByRole('button', { name: 'Remove SOL-USDT from the watchlist', exact: true }).click();
    await expect(panel.getByRole('row', { name: 'SOL-USDT · SIM', exact: true })).toHaveCount(0);

    expect(await host.stop()).toBe(0);
    host = await startHost(dataDir);
    const after = await openWatchlist(page, host.url);
    await expect(after.getByRole('row', { name: 'ETH-USDT · SIM', exact: true })).toBeVisible();
    await expect(after.getByRole('row', { name: 'SOL-USDT · SIM', exact: true })).toHaveCount(0);
    await expect(cell(page, 'ETH-USDT', 'last')).toHaveText(/^\d+\.\d+$/);
  } finally {
    await host.stop();
  }
});
