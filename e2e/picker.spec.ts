import { expect, test } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';
import { instrumentOption, instrumentOptions, pickInstrument, screen } from './terminal';

// Two simulated venues stand in for two accounts: the picker, the watchlists and the ticket's account
// selector treat every venue id alike (live accounts are venues named after the account).
const env = { SQ_SIM_VENUES: 'SIM-A,SIM-B' };

test.describe.configure({ mode: 'serial' });
let host: Host;
const dataDir = tempDataDir();
test.beforeAll(async () => {
  host = await startHost(dataDir, env);
});
test.afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

test('the picker filters as you type and picks with the keyboard', async ({ page }) => {
  await page.goto(host.url);
  const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
  const s = screen(page);
  await expect(box).toHaveValue(/ · SIM-A$/);
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(instrumentOptions(page)).toHaveCount(6); // 3 instruments on each of 2 venues
  await box.pressSequentially('eth');
  await expect(instrumentOptions(page)).toHaveCount(2);
  await expect(instrumentOption(page, 'ETH-USDT', 'SIM-A')).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(instrumentOption(page, 'ETH-USDT', 'SIM-B')).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await instrumentOption(page, 'ETH-USDT', 'SIM-B').getAttribute('id'))!);
  await box.press('Enter');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('ETH-USDT · SIM-B');
  await expect(s.ticket).toContainText('ETH-USDT');
  await expect(s.ticket.getByLabel('Account', { exact: true })).toHaveValue('SIM-B');

  // Escape closes and leaves the focus where it was; nothing matching says so.
  await box.fill('doge');
  await expect(page.getByText('Nothing matches "doge"')).toBeVisible();
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('ETH-USDT · SIM-B');
});

test('the account selector moves the focus to the same symbol on the chosen account', async ({ page }) => {
  const s = await openTerminalOn(page, 'SOL-USDT', 'SIM-A');
  const account = s.ticket.getByLabel('Account', { exact: true });
  await expect(account).toHaveValue('SIM-A');
  await account.selectOption('SIM-B');
  const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
  await expect(box).toHaveValue('SOL-USDT · SIM-B');
  await expect(s.ticket).toContainText('SOL-USDT');
  await expect(s.book.getByRole('button').first()).toBeVisible();
});

test('a starred instrument comes first in its list, and the watchlist survives a reload and a restart', async ({ page }) => {
  await openTerminalOn(page, 'SOL-USDT', 'SIM-B');
  await page.getByRole('button', { name: 'Add SOL-USDT · SIM-B to watchlist', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Remove SOL-USDT · SIM-B from watchlist', exact: true })).toHaveAttribute('aria-pressed', 'true');

  const firstOption = async () => {
    const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
    await box.click();
    await expect(instrumentOptions(page).first()).toBeVisible();
    const name = await instrumentOptions(page).first().getAttribute('aria-label');
    await box.press('Escape');
    return name;
  };
  expect(await firstOption()).toBe('SOL-USDT · SIM-B, in watchlist');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue(/ · SIM-A$/);
  expect(await firstOption()).toBe('SOL-USDT · SIM-B, in watchlist');

  // Kept by the engine, not the page: a restarted host (new port, new origin) still has it.
  expect(await host.stop()).toBe(0);
  host = await startHost(dataDir, env);
  await page.goto(host.url);
  expect(await firstOption()).toBe('SOL-USDT · SIM-B, in watchlist');
  await pickInstrument(page, 'SOL-USDT', 'SIM-B');
  await page.getByRole('button', { name: 'Remove SOL-USDT · SIM-B from watchlist', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Add SOL-USDT · SIM-B to watchlist', exact: true })).toBeVisible();
  expect(await firstOption()).toBe('BTC-USDT · SIM-A');
});

async function openTerminalOn(page: import('@playwright/test').Page, symbol: string, account: string) {
  await page.goto(host.url);
  const s = screen(page);
  await pickInstrument(page, symbol, account);
  await expect(s.ticket).toContainText(symbol);
  return s;
}

