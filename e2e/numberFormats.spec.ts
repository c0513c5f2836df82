import { expect, test } from '@playwright/test';
import { type Host, startHost } from './host';
import { openTerminal } from './terminal';

// A computer east of UTC, so local time reads 5h30 away from the venue's UTC.
test.use({ timezoneId: 'Asia/Kolkata' });

let host: Host;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

/** BTC-USDT on SIM: prices in the tens of thousands, one decimal; so a grouped, decimal-comma price reads "95.012,3". */
const COMMA_PRICE = /^\d{1,3}(\.\d{3})+,\d$/;
const PLAIN_PRICE = /^\d{4,}\.\d$/;

/** Minutes since midnight of "HH:MM…" and of now in India, and how far apart they are (either way round midnight). */
function minutesFromIndiaNow(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const now = new Date(Date.now() + 330 * 60_000);
  const diff = Math.abs(h * 60 + m - (now.getUTCHours() * 60 + now.getUTCMinutes()));
  return Math.min(diff, 1440 - diff);
}

test('decimal comma, thousands and local time in Settings reach the book, the ticket, fills, positions and the tape at once', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const s = await openTerminal(page, host.url, 'BTC-USDT');
  const bookPrice = s.book.locator('.ladder-row .price button').first();
  await expect(bookPrice).toHaveText(PLAIN_PRICE);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('checkbox', { name: 'Thousands separator' }).check();
  await dialog.getByRole('checkbox', { name: 'Decimal comma' }).check();
  await dialog.getByRole('radio', { name: 'Local time' }).check();
  await expect(dialog).toContainText('e.g. 12.345,67');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The order book, without a reload.
  await expect(bookPrice).toHaveText(COMMA_PRICE);
  await expect(s.book.locator('.spread-row .mid')).toHaveText(COMMA_PRICE);

  // The ticket's read-outs follow; its Quantity field takes what a decimal-comma trader types.
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0,01');
  const readout = (label: string) => s.ticket.locator('.ticket-info').filter({ hasText: label }).locator('.value');
  await expect(readout('Market price')).toHaveText(/^≈ \d{1,3}(\.\d{3})+,\d USDT$/);
  await expect(readout('Value (est.)')).toHaveText(/^\d{1,3}(\.\d{3})*,\d+ USDT$/);
  await expect(s.ticket.getByRole('alert')).toHaveCount(0);
  await s.buy.click();

  // The fill and the position, in the grids.
  const fill = s.fills.getByRole('row').filter({ hasText: 'BTC-USDT' }).first();
  await expect(fill.locator('[col-id="price"]')).toHaveText(COMMA_PRICE);
  await expect(fill.locator('[col-id="qty"]')).toHaveText(/^0,\d{4}$/); // the market order may fill in parts
  const fillTime = (await fill.locator('[col-id="time"]').textContent()) ?? '';
  expect(fillTime).toMatch(/^\d\d:\d\d:\d\d$/);
  expect(minutesFromIndiaNow(fillTime)).toBeLessThan(30); // India's clock, not UTC's (330 minutes away)
  const position = s.positions.getByRole('row').filter({ hasText: 'BTC-USDT' }).first();
  await expect(position.locator('[col-id="qty"]')).toHaveText('0,0100');
  await expect(position.locator('[col-id="avg"]')).toHaveText(/^\d{1,3}(\.\d{3})+,\d+$/);
  await expect(position.locator('[col-id="upnl"]')).toHaveText(/^[+-]?\d{1,3}(\.\d{3})*,\d{5}$/);

  // The tape: times in the local zone, named in its header.
  const tape = page.getByRole('region', { name: 'Trades', exact: true });
  await expect(tape.locator('.tape-cols')).toContainText('Time (UTC+05:30)');
  const tapeTime = (await tape.locator('.tape-row .time').first().textContent()) ?? '';
  expect(tapeTime).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
  expect(minutesFromIndiaNow(tapeTime)).toBeLessThan(30);
  await expect(tape.locator('.tape-row span').first()).toHaveText(COMMA_PRICE);

  // README's docs/screenshots/numbers-decimal-comma-1366.png is this picture, pngquant'd.
  await page.screenshot({ path: 'test-results/screens/numbers-decimal-comma-1366.png' });

  // Back to plain numbers and UTC: what is already on screen is written again (the fill's cells too).
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await dialog.getByRole('checkbox', { name: 'Thousands separator' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Decimal comma' }).uncheck();
  await dialog.getByRole('radio', { name: 'UTC' }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(fill.locator('[col-id="price"]')).toHaveText(PLAIN_PRICE);
  await expect(fill.locator('[col-id="qty"]')).toHaveText(/^0\.\d{4}$/);
  await expect(position.locator('[col-id="qty"]')).toHaveText('0.0100');
  await expect(bookPrice).toHaveText(PLAIN_PRICE);
  await expect(readout('Market price')).toHaveText(/^≈ \d{4,}\.\d USDT$/);
  await expect(tape.locator('.tape-cols')).toContainText('Time (UTC)');
  const utcFillTime = (await fill.locator('[col-id="time"]').textContent()) ?? '';
  expect(minutesFromIndiaNow(utcFillTime)).toBeGreaterThan(300); // now UTC's clock, 5h30 behind India's
});
