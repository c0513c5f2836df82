import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type BinanceLoopback, LoopbackClient, newApiKey, type SpotLedger, startBinanceLoopback } from '../src/engine/venues/binance/testSupport';
import { type Host, startHost, tempDataDir } from './host';
import { filesUnder, recordFramesFromEngine } from './secretTrace';
import { openTerminal, pickInstrument, type Screen, screen, statusOf } from './terminal';

/**
 * A Binance spot account traded from the UI against a loopback Binance venue (its real REST, market
 * streams, user data and WebSocket API on 127.0.0.1, signatures checked): the account added through the
 * Accounts tab, its book, a limit order rested and canceled, one filled by another account of the venue,
 * balances moving, the kill switch canceling at the venue, a restart that finds a fill made while the
 * terminal was down; then no trace of the secret or the passphrase anywhere. And a production account
 * with "Confirm every order on production accounts": nothing goes without the second click.
 */

const PASSPHRASE = 'binance e2e vault passphrase';
const screens = join(import.meta.dirname, '..', 'test-results', 'screens');
const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

interface Venue {
  loopback: BinanceLoopback<SpotLedger>;
  trader: { apiKey: string; secret: string };
  /** Another account at the same venue, trading against ours through its own signed REST client. */
  counterparty: LoopbackClient;
}

async function startVenue(): Promise<Venue> {
  const trader = { apiKey: newApiKey(), secret: newApiKey() };
  const other = { apiKey: newApiKey(), hmacSecret: newApiKey() };
  const loopback = await startBinanceLoopback({
    market: 'spot',
    accounts: [
      { name: 'trader', keys: [{ apiKey: trader.apiKey, hmacSecret: trader.secret }], balances: { USDT: '10000', BTC: '0.5' } },
      { name: 'counterparty', keys: [other], balances: { USDT: '100000', BTC: '5' } },
    ],
  });
  return { loopback, trader, counterparty: new LoopbackClient(loopback.restUrl, other) };
}

/** The counterparty sells `qty` BTC down to `price`, immediate-or-cancel, straight to the venue. */
async function counterpartySells(venue: Venue, qty: string, price: string): Promise<void> {
  const r = await venue.counterparty.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'IOC', quantity: qty, price });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.status).toBe('FILLED');
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const accountsRegion = (page: Page) => page.getByRole('region', { name: 'Accounts', exact: true });

/** Creates the vault and adds the trader's key as `name` through the Accounts tab, as a trader would. */
async function addAccountThroughUi(page: Page, venue: Venue, name: string, testnet: boolean): Promise<Locator> {
  await tab(page, 'Accounts').click();
  const accounts = accountsRegion(page);
  await expect(accounts.getByRole('heading', { name: 'Create the vault for your venue accounts' })).toBeVisible();
  await accounts.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await accounts.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  await accounts.getByRole('button', { name: 'Create vault' }).click();
  const form = accounts.getByRole('region', { name: 'Add account', exact: true });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await expect(form.getByLabel('Venue', { exact: true })).toHaveValue('binance-spot');
  await form.getByLabel('API key', { exact: true }).fill(venue.trader.apiKey);
  await form.getByLabel('API secret', { exact: true }).fill(venue.trader.secret);
  await form.getByLabel('REST URL', { exact: true }).fill(venue.loopback.restUrl);
  await form.getByLabel('Stream URL', { exact: true }).fill(venue.loopback.wsUrl);
  await form.getByLabel('WS API URL', { exact: true }).fill(`${venue.loopback.wsUrl}/ws-api/v3`);
  if (testnet) await form.getByLabel('Testnet', { exact: true }).check();
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('status')).toHaveText(`Added ${name}`);
  await expect(form.getByLabel('API secret', { exact: true })).toHaveValue('');
  return accounts.getByRole('region', { name: 'Account list', exact: true }).getByRole('row').filter({ hasText: name });
}


/** The Balances panel's Free cell for `asset` on `account`, as a number. */
async function free(page: Page, account: string, asset: string): Promise<number> {
  const row = page
    .getByRole('region', { name: 'Balances', exact: true })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: new RegExp(`^${account}\\b`) }) })
    .filter({ has: page.getByRole('gridcell', { name: asset, exact: true }) });
  if ((await row.count()) !== 1) return Number.NaN;
  const text = await row.locator('[col-id="free"]').innerText();
  return Number(text.replace(/,/g, ''));
}

async function placeLimitBuy(s: Screen, price: string, qty: string): Promise<void> {
  await s.orderType.selectOption('Limit');
  await s.price.fill(price);
  await s.quantity.fill(qty);
  await s.buy.click();
}

async function focusAccount(page: Page, name: string, bookPrices = ['20000.00', '20001.00']): Promise<Screen> {
  await tab(page, 'Open orders').click();
  await pickInstrument(page, 'BTC-USDT', name);
  const s = screen(page);
  await expect(s.ticket).toContainText('BTC-USDT');
  // The loopback venue's own book (at first 20000.00 bid, 20001.00 ask).
  for (const price of bookPrices) await expect(s.book).toContainText(price);
  return s;
}

/** Screenshots at both sizes under test-results/screens (README's docs/screens are these, palette-compressed). */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screens, { recursive: true });
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    // The layout settles (grids re-measure) before the picture.
    await expect(page.getByRole('region', { name: 'Order ticket', exact: true })).toBeVisible();
    await page.screenshot({ path: join(screens, `${name}-${width}x${height}.png`) });
  }
}

test('a Binance spot testnet account added in the UI: book, rest and cancel, a fill, balances, kill switch, restart and reconcile; no secret anywhere', async ({ page }) => {
  test.setTimeout(180_000);
  const venue = await startVenue();
  const dataDir = tempDataDir();
  const hosts: Host[] = [];
  const running = new Set<Host>();
  const start = async (env: Record<string, string> = {}) => {
    const h = await startHost(dataDir, env);
    hosts.push(h);
    running.add(h);
    return h;
  };
  const stop = async (h: Host) => {
    running.delete(h);
    return h.stop();
  };
  const frames = recordFramesFromEngine(page);
  try {
    let host = await start();
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTerminal(page, host.url);
    const row = await addAccountThroughUi(page, venue, 'main', true);
    await expect(row).toContainText('Binance spot');
    await expect(row.getByText('TESTNET', { exact: true })).toBeVisible();
    await expect(row.getByText('CUSTOM ENDPOINT', { exact: true })).toBeVisible();
    await shoot(page, 'accounts-binance');

    // Connected under its name, with both badges and a measured round trip.
    const status = statusOf(page, 'main');
    await expect(status).toContainText('connected');
    await expect(status.getByText('TESTNET', { exact: true })).toBeVisible();
    await expect(status.getByText('CUSTOM', { exact: true })).toBeVisible();
    await expect(status).toContainText(/\d+(\.\d)? ms/);

    const s = await focusAccount(page, 'main');
    await expect(s.ticket.getByLabel('Account', { exact: true })).toHaveValue('main');
    await expect(s.ticket.getByLabel('Account', { exact: true }).locator('option:checked')).toHaveText(/^main · TESTNET · CUSTOM/);
    await expect(page.locator('footer.statusbar')).toContainText('BTC-USDT book live');
    await expect.poll(() => free(page, 'main', 'USDT')).toBe(10000);
    await expect.poll(() => free(page, 'main', 'BTC')).toBe(0.5);

    // A limit buy under the market rests at the venue; Cancel takes it off there.
    await placeLimitBuy(s, '19990.00', '0.01000');
    await expect(s.orderRows).toHaveCount(1);
    await expect(s.orderRows.first()).toContainText('19990.00');
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(1);
    await s.openOrders.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(s.orderRows).toHaveCount(0);
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(0);

    // A buy inside the spread becomes the best bid; the counterparty's sell fills it.
    await placeLimitBuy(s, '20000.50', '0.01000');
    await expect(s.orderRows).toHaveCount(1);
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(1);
    await counterpartySells(venue, '0.01000', '20000.50');
    await expect(s.orderRows).toHaveCount(0);
    await expect(s.fills.getByRole('row').filter({ hasText: 'BTC-USDT' }).filter({ hasText: '20000.50' })).toHaveCount(1);
    await expect(s.positions.getByRole('row').filter({ hasText: 'BTC-USDT' }).filter({ hasText: 'main' })).toContainText('0.01');
    // 0.01 BTC at 20000.50 paid in USDT; the 0.1 % maker fee taken from the BTC received.
    await expect.poll(() => free(page, 'main', 'USDT')).toBeCloseTo(10000 - 200.005, 6);
    await expect.poll(() => free(page, 'main', 'BTC')).toBeCloseTo(0.5 + 0.01 * 0.999, 8);

    // The terminal trading the account, an order working, for the README.
    await placeLimitBuy(s, '19990.00', '0.01000');
    await expect(s.orderRows).toHaveCount(1);
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(1);
    await shoot(page, 'terminal-binance');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Down with that order working; the counterparty sweeps the bids down to it meanwhile.
    expect(await stop(host)).toBe(0);
    await counterpartySells(venue, '3.51000', '19990.00'); // 1.5 at 20000, 2 at 19999, then our 0.01
    expect(venue.loopback.exchange.working('trader')).toEqual([]);

    // Up again on the same data directory, the vault opened from SQ_VAULT_PASSPHRASE: the fill is reconciled.
    host = await start({ SQ_VAULT_PASSPHRASE: PASSPHRASE });
    await page.goto(host.url);
    await expect(statusOf(page, 'main')).toContainText('connected');
    // The sweep emptied the bids: the ask is what is left of the book.
    const after = await focusAccount(page, 'main', ['20001.00']);
    await expect(after.orderRows).toHaveCount(0);
    await expect(after.fills.getByRole('row').filter({ hasText: 'BTC-USDT' }).filter({ hasText: '19990.00' })).toHaveCount(1);
    await expect(after.positions.getByRole('row').filter({ hasText: 'BTC-USDT' }).filter({ hasText: 'main' })).toContainText('0.02');
    await expect.poll(() => free(page, 'main', 'BTC')).toBeCloseTo(0.5 + 0.02 * 0.999, 8);

    // The kill switch with an order working on the account: canceled at the venue.
    await placeLimitBuy(after, '19000.00', '0.01000');
    await expect(after.orderRows).toHaveCount(1);
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(1);
    await after.killSwitch.click();
    await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(0);
    await expect(after.orderRows).toHaveCount(0);
    await after.resetKillSwitch.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm reset' }).click();
    await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeHidden();

    // Stopped, so every log line is on disk: no file, no host output, no frame from the engine holds a secret.
    expect(await stop(host)).toBe(0);
    const files = filesUnder(dataDir);
    expect(files.map((f) => f.path)).toContainEqual(join(dataDir, 'vault.json'));
    expect(frames.some((f) => f.includes('"main"'))).toBe(true);
    for (const needle of [venue.trader.secret, venue.trader.apiKey, PASSPHRASE]) {
      for (const file of files) expect(file.bytes.includes(Buffer.from(needle)), `${file.path} holds it`).toBe(false);
      for (const h of hosts) expect(h.output()).not.toContain(needle);
      for (const frame of frames) expect(frame).not.toContain(needle);
    }
  } finally {
    for (const h of running) await h.stop();
    await venue.loopback.stop();
  }
});

test('a production account with "Confirm every order on production accounts": the terms first, and declining sends nothing', async ({ page }) => {
  const venue = await startVenue();
  const host = await startHost();
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTerminal(page, host.url);
    const row = await addAccountThroughUi(page, venue, 'prod', false);
    await expect(row.getByText('CUSTOM ENDPOINT', { exact: true })).toBeVisible();
    await expect(row.getByText('TESTNET', { exact: true })).toHaveCount(0);
    await accountsRegion(page).getByRole('checkbox', { name: 'Confirm every order on production accounts' }).check();

    const status = statusOf(page, 'prod');
    await expect(status).toContainText('connected');
    await expect(status.getByText('CUSTOM', { exact: true })).toBeVisible();
    await expect(status.getByText('TESTNET', { exact: true })).toHaveCount(0);

    const s = await focusAccount(page, 'prod');
    await placeLimitBuy(s, '19990.00', '0.01000');
    const dialog = page.getByRole('dialog', { name: 'Send to prod (production)?' });
    await expect(dialog).toContainText('This account trades real money');
    await expect(dialog).toContainText('Buy 0.01000 BTC BTC-USDT · Limit · at 19990.00 USDT');
    await page.screenshot({ path: join(screens, 'production-confirm-1366x768.png') });
    await dialog.getByRole('button', { name: "Don't send" }).click();
    await expect(dialog).toBeHidden();
    await expect(s.openOrders).toContainText('No open orders');
    expect(venue.loopback.exchange.allOrders('trader', 'BTCUSDT')).toEqual([]);

    // The second click sends it.
    await s.buy.click();
    await dialog.getByRole('button', { name: 'Send order' }).click();
    await expect(s.orderRows).toHaveCount(1);
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(1);
    await s.openOrders.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => venue.loopback.exchange.working('trader').length).toBe(0);
  } finally {
    expect(await host.stop()).toBe(0);
    await venue.loopback.stop();
  }
});
