import { expect, type Page, test } from '@playwright/test';
import { LiveClock } from '../src/engine/core';
import { checksumOf, startKiteLoopback, type KiteLoopback } from '../src/engine/venues/kite/testSupport';
import { bridgeCall } from './bridgeClient';
import { type Host, startHost } from './host';
import { openTerminal } from './terminal';

/**
 * A logged-in Kite account in the UI against the loopback Kite venue: its position per product with
 * M2M in Positions, "Convert" MIS -> CNC from the row, margins and holdings in Balances, and the kill
 * switch naming the Kite call that failed, with "Delete GTTs on kill switch" set in the Risk tab.
 */
const APP = { apiKey: 'kitee2eportkey01', apiSecret: 'kitee2eportsecret0000000000001', redirectUrl: 'http://127.0.0.1:9/kite/redirect' };
const PASSPHRASE = 'kite e2e vault passphrase';
/** The loopback's market is open (Monday 7 December 2026, 10:00 IST, moving in real time); the host's clock is real. */
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);
class MarketHoursClock extends LiveClock {
  private readonly shift = MONDAY_10_IST - super.now();
  override now(): number {
    return super.now() + this.shift;
  }
}

let host: Host | undefined;
let venue: KiteLoopback | undefined;
let clock: MarketHoursClock | undefined;
test.beforeAll(async () => {
  clock = new MarketHoursClock();
  venue = await startKiteLoopback({ app: APP, clock });
  host = await startHost();
});
test.afterAll(async () => {
  expect(await host?.stop()).toBe(0);
  await venue?.close();
  clock?.clearAll();
});

async function call<N extends Parameters<typeof bridgeCall>[1]>(name: N, input: object = {}) {
  const reply = await bridgeCall(host!.url, name, input);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value;
}

/** An order placed on Kite's own web or app: the terminal did not send it. */
async function webOrder(accessToken: string, form: Record<string, string>): Promise<string> {
  const r = await fetch(`${venue!.restUrl}/orders/regular`, {
    method: 'POST',
    headers: { 'X-Kite-Version': '3', Authorization: `token ${APP.apiKey}:${accessToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', order_type: 'LIMIT', validity: 'DAY', ...form }).toString(),
  });
  const body = (await r.json()) as { data?: { order_id: string }; message?: string };
  if (!body.data) throw new Error(`web order refused: ${body.message}`);
  return body.data.order_id;
}

const positionRow = (page: Page, symbol: string) =>
  page.getByRole('region', { name: 'Positions', exact: true }).getByRole('row').filter({ has: page.getByRole('gridcell', { name: symbol, exact: true }) });

test('Kite positions per product with M2M, Convert MIS -> CNC, margins and holdings, and the kill switch naming the failed Kite call', async ({ page }) => {
  await call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const account = await call('accounts.add', { name: 'zerodha', venue: 'kite', apiKey: APP.apiKey, secret: APP.apiSecret, testnet: false, restUrl: venue!.restUrl, streamUrl: venue!.tickerUrl });
  const { url } = await call('accounts.kiteLoginUrl', { id: account.id });
  const landed = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
  await call('accounts.kiteLogin', { id: account.id, redirect: landed });
  await expect.poll(async () => (await call('status.get')).venues.find((v) => v.venue === 'zerodha')?.state, { timeout: 30_000 }).toBe('connected');

  // Kite's web has its own session of the same user: its orders are the account's, not the terminal's.
  const requestToken = venue!.control.issueRequestToken();
  const session = await fetch(`${venue!.restUrl}/session/token`, {
    method: 'POST',
    headers: { 'X-Kite-Version': '3', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: APP.apiKey, request_token: requestToken, checksum: checksumOf(APP.apiKey, requestToken, APP.apiSecret) }).toString(),
  });
  const accessToken = ((await session.json()) as { data: { access_token: string } }).data.access_token;
  await webOrder(accessToken, { quantity: '2', price: '1574', product: 'MIS' });

  await openTerminal(page, host!.url);
  await page.getByRole('tab', { name: 'Open orders' }).click();
  const row = positionRow(page, 'NSE:INFY');
  // Kite's positions are read every 15 s.
  await expect(row.locator('[col-id="products"]')).toHaveText('MIS 2', { timeout: 30_000 });
  await expect(row.locator('[col-id="day"]')).toHaveText('MIS 2');
  await expect(row.locator('[col-id="m2m"]')).toHaveText(/^₹-?\d+\.\d{2}$/);

  await row.getByRole('button', { name: 'Convert', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Convert / });
  await expect(dialog.getByLabel('Conversion')).toHaveValue('0');
  await expect(dialog).toContainText("MIS → CNC (today's 2)");
  await dialog.getByLabel('Quantity').fill('3');
  await expect(dialog).toContainText('at most 2 can be converted');
  await dialog.getByLabel('Quantity').fill('2');
  await dialog.getByRole('button', { name: 'Convert position' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.locator('[col-id="products"]')).toHaveText('CNC 2');

  const balances = page.getByRole('region', { name: 'Balances', exact: true });
  await expect(balances.getByRole('gridcell', { name: 'INR equity', exact: true })).toBeVisible({ timeout: 30_000 });
  // Margins in rupees: Free is what Kite has available, Locked what positions and orders use.
  const equity = balances.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'INR equity', exact: true }) });
  await expect(equity.locator('[col-id="free"]')).toHaveText(/^₹\d+\.\d\d$/);
  await expect(equity.locator('[col-id="locked"]')).toHaveText(/^₹\d+\.\d\d$/);
  // The loopback account holds no shares: no T1 column (it appears only when a holding reports one).
  await expect(balances.getByRole('columnheader', { name: 'T1' })).toHaveCount(0);

  // Delete GTTs on kill switch, set where Flatten is.
  await page.getByRole('tab', { name: /^Risk/ }).click();
  await page.getByRole('checkbox', { name: 'Delete GTTs on kill switch' }).check();
  await expect.poll(async () => (await call('kill.state')).deleteGttsOnKill).toBe(true);

  // An order resting at Kite, placed on Kite's web; Kite takes its cancel and the answer never comes.
  const resting = await webOrder(accessToken, { quantity: '1', price: '1500', product: 'CNC' });
  venue!.faults.swallowNextAck('cancel');
  await page.getByRole('button', { name: 'Kill switch', exact: true }).click();
  const banner = page.getByRole('status').filter({ hasText: 'KILL SWITCH ENGAGED' });
  await expect(banner.getByRole('list', { name: 'At the venues' })).toContainText(`zerodha: cancel ${resting} failed:`);
  await page.screenshot({ path: 'test-results/screens/kite-kill-report.png' });
  await page.getByRole('button', { name: 'Reset kill switch', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm reset' }).click();
});
