import { expect, test } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';
import { bridgeCall } from './bridgeClient';
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
  // Each venue lists 3 spot pairs and 176 options: the spot pairs of both come first, the list stops at 100.
  await expect(instrumentOptions(page)).toHaveCount(100);
  const firstSix = await instrumentOptions(page).evaluateAll((els) => els.slice(0, 6).map((e) => e.getAttribute('aria-label')));
  expect(firstSix).toEqual(['BTC-USDT · SIM-A', 'ETH-USDT · SIM-A', 'SOL-USDT · SIM-A', 'BTC-USDT · SIM-B', 'ETH-USDT · SIM-B', 'SOL-USDT · SIM-B']);
  await box.pressSequentially('eth-usdt');
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

test('an option is found by its display name, by underlying and expiry, or by strike and right', async ({ page }) => {
  const listed = await bridgeCall(host.url, 'instruments.list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const options = listed.value.filter((i) => i.venue === 'SIM-B' && i.contract?.kind === 'call' && i.base === 'BTC');
  expect(options.length).toBeGreaterThan(0);
  const call = options[Math.floor(options.length / 2)]!;
  // "BTC 25DEC26 95000 C": underlying, expiry, strike, right.
  const [base, expiry, strike] = call.displayName!.split(' ') as [string, string, string];
  await page.goto(host.url);
  const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
  await box.click();
  await box.fill(`${base} ${expiry.slice(0, 5)}`);
  await expect(instrumentOptions(page).first()).toBeVisible();
  const byExpiry = await instrumentOptions(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(byExpiry.length).toBeGreaterThan(2);
  expect(byExpiry.every((l) => l.includes(`(${base} ${expiry} `))).toBe(true);
  await box.fill(`${strike} C`);
  await expect(instrumentOptions(page).first()).toBeVisible();
  const byStrike = await instrumentOptions(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(byStrike.length).toBeGreaterThan(0);
  expect(byStrike.every((l) => l.includes(` ${strike} C)`))).toBe(true);
  expect(byStrike).toContain(`${call.symbol} · SIM-B (${call.displayName})`);
  await box.fill(`${call.displayName} sim-b`);
  await expect(instrumentOptions(page)).toHaveCount(1);
  await box.press('Enter');
  await expect(box).toHaveValue(`${call.symbol} · SIM-B`);
  await expect(screen(page).ticket).toContainText(call.symbol);
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
  // The workspace keeps the instrument the trader was on.
  await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue('SOL-USDT · SIM-B');
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

