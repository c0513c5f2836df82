import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';
import { tab } from './kite';
import { SCREENS_DIR, shoot } from './screens';
import { openTerminal } from './terminal';

/**
 * The signals desk from the UI on the simulated exchange (issue 16): the Sentiment panel shows the simulated
 * wire's headlines with their scores and the "simulated" label, and its composite moves when the wire publishes
 * (the wire's Refresh); the Signals grid lists BTC-USDT with a composite; a bad RSS address is refused in the
 * form; an alert rule added in the UI fires a toast. Screens of both panels at 1366x768 and 1920x1080.
 */

const sentiment = (page: Page): Locator => page.getByRole('region', { name: 'Sentiment', exact: true });
const subView = (page: Page, name: 'Overview' | 'Sources & settings') => sentiment(page).getByRole('radio', { name, exact: true });
const meter = (page: Page) => sentiment(page).getByRole('meter', { name: 'Composite signal', exact: true });
const wireRow = (page: Page) => sentiment(page).getByRole('table', { name: 'Signal sources' }).getByRole('row').filter({ hasText: 'simulated' });

/** Presses the simulated wire's Refresh (Sources & settings) and waits for its answer (the button is enabled again). */
async function refreshWire(page: Page): Promise<void> {
  await subView(page, 'Sources & settings').check();
  const refresh = wireRow(page).getByRole('button', { name: /^Refresh / });
  await expect(refresh).toBeEnabled();
  await refresh.click();
  await expect(refresh).toBeEnabled();
}

/** The full-precision value of a component (its cell's title: "Sentiment: 0.1234… (full precision)"). */
async function componentValue(page: Page, label: string): Promise<number | undefined> {
  const cell = sentiment(page).getByRole('cell', { name: new RegExp(`^${label} value `) });
  const title = await cell.getAttribute('title');
  const m = title ? /: (-?[\d.e-]+) \(full precision\)$/.exec(title) : null;
  return m ? Number(m[1]) : undefined;
}

/** Bound on waiting for the next BTC story of the simulated wire (a Poisson stream, a few a minute across assets). */
const NEWS_WAIT_MS = 300_000;

test('Signals desk: simulated headlines and a moving composite, the Signals grid, a refused feed, an alert toast; screens', async ({ page }) => {
  test.setTimeout(900_000);
  let host: Host | undefined;
  try {
    // The wire polled every 2 s with 30 stories a minute (15 times the default pace); BTC-USDT's order-flow model fitted at
    // start on simulated data, so its walk-forward record is on screen from the first read.
    host = await startHost(tempDataDir(), { SQ_SIM_WIRE_MS: '2000', SQ_SIM_WIRE_PER_MIN: '30', SQ_SIM_ORDERFLOW_TRAIN: '1' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTerminal(page, host.url, 'BTC-USDT');

    // --- Sentiment: the simulated wire's headlines, scored and labelled ---
    // The wire's stories arrive as a Poisson stream in market time (about two a minute across its assets): a poll,
    // automatic every 15 s or the Refresh button, publishes what arrived since the last. Waits are bounded.
    await tab(page, 'Sentiment').click();
    await expect(sentiment(page)).toContainText('BTC-USDT');
    await subView(page, 'Sources & settings').check();
    await expect(wireRow(page)).toContainText('Simulated news');
    await expect(wireRow(page)).toContainText('connected');
    await refreshWire(page);
    await subView(page, 'Overview').check();
    const headlines = sentiment(page).getByRole('list', { name: 'Headlines' }).getByRole('listitem');
    await expect(headlines.first()).toBeVisible({ timeout: NEWS_WAIT_MS });
    await expect(headlines.first()).toContainText('simulated');
    await expect(headlines.first()).toContainText('[Simulated]');
    await expect(headlines.first().getByLabel(/^score [+-]?\d\.\d\d$/)).toBeVisible();
    await expect(meter(page)).toHaveAttribute('aria-valuetext', /^[+-]?\d\.\d\d$/);
    await expect(sentiment(page).getByRole('cell', { name: /^Sentiment value [+-]?\d\.\d\d$/ })).toBeVisible();
    await expect(sentiment(page).getByRole('table', { name: 'Positioning' })).toBeVisible();
    await expect(sentiment(page).getByRole('list', { name: 'Scores per source, last 24 h' })).toContainText('Simulated news');
    const orderFlow = sentiment(page).getByRole('table', { name: 'Order-flow model record' });
    await expect(orderFlow.getByRole('row', { name: /^Hit rate \d+\.\d % ± \d+\.\d Base up \d+\.\d %$/ })).toBeVisible();
    await expect(orderFlow.getByRole('row', { name: /^Majority \d+\.\d % IC [+-]?\d\.\d{3}$/ })).toBeVisible();
    await expect(orderFlow.getByRole('row', { name: /^Now P\(up\) \d\.\d{3} Trained \d\d:\d\d:\d\d sim$/ })).toBeVisible();
    await expect(sentiment(page).getByText(/^(no edge shown|beats (the majority call|a coin toss))/)).toBeVisible();

    // --- The composite moves with the wire: the next BTC headline changes the sentiment level, and the gauge with it ---
    const level0 = await componentValue(page, 'Sentiment');
    const gauge0 = await meter(page).getAttribute('aria-valuenow');
    const count0 = await headlines.count();
    await expect
      .poll(async () => (await headlines.count()) > count0 && (await componentValue(page, 'Sentiment')) !== level0, { timeout: NEWS_WAIT_MS })
      .toBe(true);
    await expect(meter(page)).not.toHaveAttribute('aria-valuenow', gauge0 ?? '');
    await shoot(page, 'sentiment', 'Sentiment');

    // --- Signals grid: BTC-USDT with a composite ---
    await tab(page, 'Signals').click();
    const grid = page.getByRole('region', { name: 'Signals', exact: true });
    const btcRow = grid.getByRole('row').filter({ has: page.getByRole('button', { name: 'Focus BTC-USDT', exact: true }) });
    await expect(btcRow).toHaveCount(1);
    await expect(btcRow.locator('[col-id="composite"]')).toHaveText(/^[+-]?\d\.\d\d$/);
    await shoot(page, 'signals', 'Signals');

    // --- The chart's signal overlay: the composite on its own scale and the headline markers ---
    const chart = page.getByRole('region', { name: 'Chart', exact: true });
    await chart.getByRole('checkbox', { name: 'Signal overlay' }).check();
    await expect(chart.getByRole('status', { name: 'Signal overlay state' })).toHaveText(/^Signal [+-]?\d\.\d\d · \d+ headline markers?$/);
    await shoot(page, 'chart-signal-overlay', 'Chart');

    // --- A bad RSS address is refused in the form, and nothing is added; an unreachable feed shows its error ---
    await tab(page, 'Sentiment').click();
    await subView(page, 'Sources & settings').check();
    const form = sentiment(page).getByRole('form', { name: 'Add source' });
    const sourcesBefore = await sentiment(page).getByRole('table', { name: 'Signal sources' }).getByRole('row').count();
    await form.getByLabel('Feed URL', { exact: true }).fill('not a feed address');
    await form.getByRole('button', { name: 'Add source' }).click();
    await expect(form).toContainText('not a URL: not a feed address');
    await expect(form.getByLabel('Feed URL', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(sentiment(page).getByRole('table', { name: 'Signal sources' }).getByRole('row')).toHaveCount(sourcesBefore);
    await form.getByLabel('Feed URL', { exact: true }).fill('ftp://example.com/feed.xml');
    await expect(form.getByLabel('Feed URL', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await form.getByRole('button', { name: 'Add source' }).click();
    // The engine's refusal, in its words.
    await expect(form.getByRole('alert')).toHaveText(/^Not added: .*must be http\(s\)/);
    // Nothing listens on port 9: the source is added, and its row says why it gets nothing, in its own words.
    await form.getByLabel('Feed URL', { exact: true }).fill('http://127.0.0.1:9/feed.xml');
    await form.getByRole('button', { name: 'Add source' }).click();
    await expect(form.getByRole('status')).toHaveText('RSS / Atom feed added');
    const deadFeed = sentiment(page).getByRole('table', { name: 'Signal sources' }).getByRole('row').filter({ hasText: 'http://127.0.0.1:9/feed.xml' });
    await expect(deadFeed).toContainText('error');
    await expect(deadFeed.getByLabel(/ error: .+/)).toBeVisible();
    await deadFeed.getByRole('button', { name: /^Remove / }).click();
    await expect(deadFeed).toHaveCount(0);

    // --- An alert rule fires a toast ---
    // A rule fires on a crossing only, never for a value already beyond its line when it is added. Two rules on the
    // composite, a hair above and a hair below its value now, start armed; the composite moves at every 1-minute close
    // (RSI, MACD, Bollinger) and with the news, and the first move past either line fires, whichever way it goes.
    await subView(page, 'Overview').check();
    const composite = Number(await meter(page).getAttribute('aria-valuenow'));
    await subView(page, 'Sources & settings').check();
    const rules = sentiment(page).getByRole('form', { name: 'Add alert rule' });
    for (const [direction, threshold] of [
      ['above', composite + 0.002],
      ['below', composite - 0.002],
    ] as const) {
      await rules.getByLabel('Instrument', { exact: true }).fill('BTC-USDT');
      await rules.getByLabel('Signal', { exact: true }).selectOption('composite');
      await rules.getByLabel('When', { exact: true }).selectOption(direction);
      await rules.getByLabel('Threshold', { exact: true }).fill(threshold.toFixed(4));
      await rules.getByLabel('Hysteresis', { exact: true }).fill('0');
      await rules.getByRole('button', { name: 'Add alert' }).click();
      await expect(sentiment(page).getByRole('table', { name: 'Alert rules' }).getByRole('row').filter({ hasText: direction })).toHaveCount(1);
    }
    await shoot(page, 'sentiment-sources', 'Sentiment');
    const toast = page.getByRole('status').filter({ hasText: /^BTC-USDT Composite (above|below)/ });
    await expect(toast.first()).toBeVisible({ timeout: 180_000 });
    await expect(toast.first()).toContainText(/crossed/);
    await page.screenshot({ path: join(SCREENS_DIR, 'signal-alert-toast-1366x768.png') });
    await toast.first().getByRole('button', { name: /^Dismiss/ }).click();
  } finally {
    // A host that never started has nothing to stop: the error above says why.
    if (host) {
      const code = await host.stop();
      if (code !== 0) console.log(host.output().slice(-6000));
      expect(code).toBe(0);
    }
  }
});
