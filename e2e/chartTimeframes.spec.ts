import { expect, type Locator, type Page, test } from '@playwright/test';
import { sharedHost } from './host';
import { heading, region } from './regions';
import { shoot } from './screens';

/**
 * A 1m and a 5m chart of the same instrument side by side, as a TradingView or Quantower user keeps them:
 * a second chart from the Panels menu, each chart's own Timeframe, both drawing live bars of their own
 * length; after a reload each chart is back on its own timeframe.
 */
const host = sharedHost();

const timeframeOf = (chart: Locator): Locator => chart.getByRole('combobox', { name: 'Timeframe', exact: true });

/** The chart's latest bar's open time and its distance from the one before, as the chart marks them on its element (UTC seconds). */
async function bars(chart: Locator): Promise<{ last: number; step: number }> {
  const host = chart.locator('.chart-host');
  return { last: Number(await host.getAttribute('data-last-bar')), step: Number(await host.getAttribute('data-bar-step')) };
}

/** The latest bar's OHLCV as the legend writes it: it changes as trades land in the bar (or a new bar opens). */
const legend = (chart: Locator): Promise<string> => chart.locator('.ohlc').innerText();

async function expectOwnTimeframes(page: Page): Promise<void> {
  const one = region(page, 'Chart');
  const five = region(page, 'Chart 2');
  await expect(timeframeOf(one)).toHaveValue('1m');
  await expect(timeframeOf(five)).toHaveValue('5m');
  // The same instrument (the focus, named in neither title).
  await expect(heading(page, 'Chart')).toHaveText('Chart');
  await expect(heading(page, 'Chart 2')).toHaveText('Chart 2');
  await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue('BTC-USDT · SIM');
  // Each draws bars of its own length: a minute apart on one, five minutes on the other.
  await expect.poll(async () => (await bars(one)).step, { timeout: 20_000 }).toBe(60);
  await expect.poll(async () => (await bars(five)).step, { timeout: 20_000 }).toBe(300);
  const a = await bars(one);
  const b = await bars(five);
  expect(a.last % 60).toBe(0);
  expect(b.last % 300).toBe(0);
  // Both end now: the 1m chart's latest bar lies inside the 5m chart's latest bar.
  expect(a.last).toBeGreaterThanOrEqual(b.last);
  expect(a.last).toBeLessThan(b.last + 300);
  // Both live: each one's latest bar changes while we watch.
  const oneBefore = await legend(one);
  const fiveBefore = await legend(five);
  await expect.poll(() => legend(one), { timeout: 30_000 }).not.toBe(oneBefore);
  await expect.poll(() => legend(five), { timeout: 30_000 }).not.toBe(fiveBefore);
}

test('a 1m and a 5m chart of one instrument draw live side by side, and keep their timeframes over a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await expect(region(page, 'Order book').getByRole('button').first()).toBeVisible();
  await expect.poll(async () => (await bars(region(page, 'Chart'))).step, { timeout: 20_000 }).toBe(60);

  await page.getByRole('button', { name: 'Panels ▾' }).click();
  await page.getByRole('menu', { name: 'Panels' }).getByRole('menuitem', { name: 'New chart', exact: true }).click();
  const second = region(page, 'Chart 2');
  await expect(second).toBeVisible();
  // A new chart opens on 1m.
  await expect(timeframeOf(second)).toHaveValue('1m');
  await expect.poll(async () => (await bars(second)).step, { timeout: 20_000 }).toBe(60);

  await timeframeOf(region(page, 'Chart')).selectOption('1m');
  await timeframeOf(second).selectOption('5m');
  // The first chart did not follow the second.
  await expect(timeframeOf(region(page, 'Chart'))).toHaveValue('1m');
  await expectOwnTimeframes(page);
  await shoot(page, 'chart-timeframes', 'Chart 2');
  await page.setViewportSize({ width: 1920, height: 1080 });

  // The first chart moves to 15m and back: the second stays on 5m all along.
  await timeframeOf(region(page, 'Chart')).selectOption('15m');
  await expect.poll(async () => (await bars(region(page, 'Chart'))).step, { timeout: 20_000 }).toBe(900);
  expect((await bars(second)).step).toBe(300);
  await timeframeOf(region(page, 'Chart')).selectOption('1m');

  await page.reload();
  await expect(region(page, 'Chart 2')).toBeVisible();
  await expectOwnTimeframes(page);
});
