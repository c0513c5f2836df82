import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { KiteLoopback } from '../src/engine/venues/kite/testSupport';
import { type Host, startHost, tempDataDir } from './host';
import { filesUnder, recordFramesFromEngine } from './secretTrace';
import { accountsRegion, addKiteAccount, focusNiftyFuture, KITE_ACCOUNT as ACCOUNT, logInToKite, NIFTY, startKiteForHost, tab } from './kite';
import { screen, type Screen, statusOf } from './terminal';

/**
 * A Zerodha Kite account traded from the UI against the loopback Kite venue (Kite Connect's REST, login
 * page and KiteTicker on 127.0.0.1, checksum and Authorization header checked as Kite documents them):
 * the account added through the Accounts tab, the daily login followed through Kite's login page to the
 * host's /kite/redirect, the NIFTY future's five-level book, an NRML limit order rested and canceled,
 * one filled, the position and the margin moving, the kill switch canceling at Kite; then no trace of
 * the api secret or the access token anywhere.
 *
 * Time: Kite's rules refuse regular orders outside the exchange's session (NFO 09:15-15:30 IST on
 * weekdays), and both sides judge hours by their own clock. The loopback venue takes an injected clock,
 * set to a Monday 10:00 IST and running at real speed. The terminal keeps the host's real clock, and
 * is told about the session the way a trader tells it about a Muhurat session: the documented holiday
 * file `kite-holidays.json` in its data directory gives NFO a session from 00:00 to 23:59 IST today and
 * tomorrow. So the test passes at any wall-clock time except the minute 23:59-00:00 IST.
 */

const PASSPHRASE = 'kite e2e vault passphrase';
const API_KEY = 'kitee2eapikey01';
const API_SECRET = 'kite-e2e-api-secret-9f3a61c2d0b4';
const screens = join(import.meta.dirname, '..', 'test-results', 'screens');
const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
/** The IST date "YYYY-MM-DD" of `ms`. */
const istDate = (ms: number): string => new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 10);

/** The holiday file that opens NFO today and tomorrow (IST) all day, as for a special session. */
function writeAllDayNfoSession(dataDir: string): void {
  const now = Date.now();
  const days = [istDate(now), istDate(now + 86_400_000)];
  const file = {
    source: 'e2e: the loopback venue trades NFO at any hour',
    exchanges: { NFO: days.map((date) => ({ date, open: '00:00', close: '23:59' })) },
  };
  writeFileSync(join(dataDir, 'kite-holidays.json'), JSON.stringify(file, null, 2));
}


/** The Balances panel's Free cell for `asset` on `account`, as a number (NaN while the row is not there). */
async function free(page: Page, account: string, asset: string): Promise<number> {
  const row = page
    .getByRole('region', { name: 'Balances', exact: true })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: new RegExp(`^${account}\\b`) }) })
    .filter({ has: page.getByRole('gridcell', { name: asset, exact: true }) });
  if ((await row.count()) !== 1) return Number.NaN;
  // A margin row reads "₹499000.00".
  const text = await row.locator('[col-id="free"]').innerText();
  return Number(text.replace(/₹|,/g, ''));
}

/** Focuses the NIFTY future through the picker; its screen once the ticket shows it. */
async function pickNiftyFuture(page: Page): Promise<Screen> {
  await focusNiftyFuture(page);
  const s = screen(page);
  await expect(s.ticket).toContainText(NIFTY);
  return s;
}

/**
 * A NIFTY lot is worth about 18 lakh rupees, over the terminal's default max order value (a number
 * without a currency, sized for crypto): the trader raises it for this contract in the Risk tab.
 */
async function allowNiftyLots(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Risk/ }).click();
  const limits = page.getByRole('region', { name: 'Limits', exact: true });
  await limits.getByLabel(`${NIFTY} max order value`, { exact: true }).fill('5000000');
  await limits.getByRole('button', { name: 'Apply limits' }).click();
  await expect(limits.getByRole('status')).toHaveText('Limits applied');
  await tab(page, 'Open orders').click();
}

async function placeNrmlLimitBuy(s: Screen, price: string, qty: string): Promise<void> {
  await s.orderType.selectOption('Limit');
  await s.ticket.getByRole('radiogroup', { name: 'Product' }).getByRole('radio', { name: 'NRML' }).check();
  await s.price.fill(price);
  await s.quantity.fill(qty);
  await s.buy.click();
  // Kite has no testnet: every Kite account trades real money, so each order asks for the second click.
  const confirm = s.page.getByRole('dialog', { name: `Send to ${ACCOUNT} (production)?` });
  await expect(confirm).toContainText(`Buy ${qty} NIFTY ${NIFTY} · Limit · at ${price}`);
  await confirm.getByRole('button', { name: 'Send order' }).click();
  await expect(confirm).toBeHidden();
}

const openAtKite = (kite: KiteLoopback) => kite.control.orders().filter((o) => o.status === 'OPEN');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screens, { recursive: true });
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await expect(page.getByRole('region', { name: 'Order ticket', exact: true })).toBeVisible();
    await page.screenshot({ path: join(screens, `${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('a Zerodha Kite account added in the UI: daily login, a five-level NIFTY future book, rest and cancel, a fill, position and margin, kill switch; no secret or token anywhere', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = tempDataDir();
  writeAllDayNfoSession(dataDir);
  let host: Host | undefined;
  let kite: KiteLoopback | undefined;
  const frames = recordFramesFromEngine(page);
  try {
    host = await startHost(dataDir);
    // The Kite app's registered redirect URL is this host's /kite/redirect, known once the host listens.
    kite = await startKiteForHost(host, { apiKey: API_KEY, apiSecret: API_SECRET }, { autoStepMs: 1000 });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);

    const row = await addKiteAccount(page, kite, { passphrase: PASSPHRASE, apiKey: API_KEY, apiSecret: API_SECRET });
    await expect(row.first()).toContainText('Zerodha Kite');
    const accounts = accountsRegion(page);
    await expect(accounts).toContainText('Session expired');

    // The daily login: Kite's login page in a new tab, which Kite sends back to the host's /kite/redirect.
    await logInToKite(page);
    await expect(accounts).toContainText(/Logged in until 06:00 IST/);
    await expect(accounts.getByRole('button', { name: 'Log out of Kite', exact: true })).toBeVisible();
    expect(kite.control.liveSessions).toBe(1);
    await shoot(page, 'kite-accounts');

    const status = statusOf(page, ACCOUNT);
    await expect(status).toContainText('connected');

    // The NIFTY future: five levels a side, and the ladder says that is all Kite gives.
    const s = await pickNiftyFuture(page);
    await expect(s.book.getByText('5 levels (Kite)', { exact: true })).toBeVisible();
    await expect(s.book.locator('.ladder-side.asks .ladder-row')).toHaveCount(5);
    await expect(s.book.locator('.ladder-side.bids .ladder-row')).toHaveCount(5);
    await expect.poll(() => free(page, ACCOUNT, 'INR equity')).toBe(500000);

    await allowNiftyLots(page);

    // An NRML limit buy well under the market rests at Kite; Cancel takes it off there.
    await placeNrmlLimitBuy(s, '24000.00', '75');
    await expect(s.orderRows).toHaveCount(1);
    await expect(s.orderRows.first()).toContainText('24000.00');
    await expect.poll(() => openAtKite(kite!).length).toBe(1);
    expect(openAtKite(kite)[0]).toMatchObject({ product: 'NRML', tradingsymbol: 'NIFTY26DECFUT', exchange: 'NFO', quantity: 75, price: 24000 });
    await s.openOrders.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(s.orderRows).toHaveCount(0);
    await expect.poll(() => openAtKite(kite!).length).toBe(0);

    // A buy above every price the market walks through takes the touch: a fill, a position, margin used.
    await placeNrmlLimitBuy(s, '24180.00', '75');
    await expect(s.fills.getByRole('row').filter({ hasText: NIFTY })).toHaveCount(1);
    await expect(s.positions.getByRole('row').filter({ hasText: NIFTY }).filter({ hasText: ACCOUNT })).toContainText('75');
    expect(kite.control.positions()).toEqual([expect.objectContaining({ tradingsymbol: 'NIFTY26DECFUT', product: 'NRML', quantity: 75 })]);
    await expect.poll(() => free(page, ACCOUNT, 'INR equity')).toBeLessThan(500000);
    await expect.poll(() => free(page, ACCOUNT, 'INR equity')).toBeCloseTo(kite!.control.availableMargin('equity'), 2);

    // An order working, for the README.
    await placeNrmlLimitBuy(s, '24000.00', '75');
    await expect(s.orderRows).toHaveCount(1);
    await expect.poll(() => openAtKite(kite!).length).toBe(1);
    await shoot(page, 'kite-terminal');

    // The kill switch cancels Kite's open orders.
    await s.killSwitch.click();
    await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
    await expect.poll(() => openAtKite(kite!).length).toBe(0);
    await expect(s.orderRows).toHaveCount(0);
    expect(kite.control.orders().filter((o) => o.status === 'CANCELLED')).toHaveLength(2);

    // Stopped, so every log line is on disk: no file, no host output, no frame holds the secret, the passphrase or the access token.
    const stopped = host;
    host = undefined;
    expect(await stopped.stop()).toBe(0);
    const output = stopped.output();
    const tokens = kite.control.accessTokens();
    expect(tokens).toHaveLength(1);
    const files = filesUnder(dataDir);
    expect(files.map((f) => f.path)).toContainEqual(join(dataDir, 'vault.json'));
    expect(frames.some((f) => f.includes(`"${ACCOUNT}"`))).toBe(true);
    for (const needle of [API_SECRET, PASSPHRASE, ...tokens]) {
      for (const file of files) expect(file.bytes.includes(Buffer.from(needle)), `${file.path} holds it`).toBe(false);
      for (const frame of frames) expect(frame).not.toContain(needle);
      expect(output).not.toContain(needle);
    }
  } finally {
    if (host) await host.stop();
    await kite?.close();
  }
});
