import { expect, test } from '@playwright/test';
import {
  DEFAULT_EXTRA_INSTRUMENTS,
  DEFAULT_MARKETS,
  type KiteLoopback,
  NIFTY_OPTION_INSTRUMENTS,
  NIFTY_OPTION_MARKETS,
  NIFTY_WEEKLY_OPTION_INSTRUMENTS,
  NIFTY_WEEKLY_OPTION_MARKETS,
} from '../src/engine/venues/kite/testSupport';
import { type Host, startHost, tempDataDir } from './host';
import { addKiteAccount, KITE_ACCOUNT as ACCOUNT, logInToKite, startKiteForHost, tab } from './kite';
import { shoot } from './screens';
import { screen } from './terminal';

/**
 * The option chain of a Kite account from the UI, against the loopback Kite venue listing NIFTY weekly
 * (22 December, priced from the NIFTY 50 index with BSM) and monthly (29 December, priced from the
 * future with Black-76) options: the Option chain tab with the Underlying and Expiry pickers, strikes
 * with IV, Greeks and open interest in lots, the ATM line, time to expiry and the conventions; a click on
 * an ask puts that option, Buy and the ask in the ticket. Screens at 1366x768 and 1920x1080.
 */
const PASSPHRASE = 'kite chain e2e vault passphrase';
const API_KEY = 'kitechainapikey1';
const API_SECRET = 'kite-chain-e2e-api-secret-7c1d9';

test('Option chain on a Kite account: pickers, strikes with IV and Greeks, the ATM line, an ask fills the ticket', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = tempDataDir();
  let host: Host | undefined;
  let kite: KiteLoopback | undefined;
  try {
    host = await startHost(dataDir);
    kite = await startKiteForHost(
      host,
      { apiKey: API_KEY, apiSecret: API_SECRET },
      {
        extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS, ...NIFTY_WEEKLY_OPTION_INSTRUMENTS],
        markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS, ...NIFTY_WEEKLY_OPTION_MARKETS],
      },
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);
    await addKiteAccount(page, kite, { passphrase: PASSPHRASE, apiKey: API_KEY, apiSecret: API_SECRET });
    await logInToKite(page);

    await tab(page, 'Option chain').click();
    const panel = page.getByRole('region', { name: 'Option chain', exact: true });
    // SIM lists options too: the chain opens on the focused instrument's venue, so pick Kite's NIFTY.
    await expect(panel.getByLabel('Underlying', { exact: true }).getByRole('option', { name: `NIFTY · ${ACCOUNT}` })).toHaveCount(1);
    await panel.getByLabel('Underlying', { exact: true }).selectOption(`${ACCOUNT}|NIFTY`);
    await expect(panel.getByLabel('Underlying', { exact: true })).toHaveValue(`${ACCOUNT}|NIFTY`);
    await expect(panel.getByLabel('Underlying', { exact: true }).getByRole('option', { selected: true })).toHaveText(`NIFTY · ${ACCOUNT}`);
    const expiry = panel.getByLabel('Expiry', { exact: true });
    const summary = panel.getByLabel('Chain summary');
    // The nearest expiry, the weekly: no future expires with it, so it is priced from the NIFTY 50 index's level (BSM).
    await expect(expiry.getByRole('option', { selected: true })).toHaveText('22 Dec 2026 10:00 UTC');
    const weekly = panel.getByRole('table', { name: 'Option chain NIFTY 22 Dec 2026 10:00 UTC' });
    const weeklyRows = weekly.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(weeklyRows).toHaveCount(7);
    await expect(summary).toContainText('NSE:NIFTY 50 24102.35 (last)');
    await expect(summary).toContainText('BSM · r 0.00%');
    const weekly24000 = weeklyRows.filter({ has: page.getByRole('rowheader', { name: '24000', exact: true }) }).getByRole('cell');
    await expect(weekly24000.nth(5)).toHaveText(/^13\.\d$/); // call IV near the 13.4% the quotes were made with
    await expect(weekly24000.nth(0)).toHaveText('2600'); // call OI in lots (Kite's 195,000 units / 75)
    await expect(weekly24000.nth(17)).toHaveText('3500'); // put OI in lots
    await expect(weekly.getByRole('row', { name: /ATM/ }).getByRole('rowheader')).toHaveText('24100 ATM');
    await shoot(page, 'option-chain-weekly', 'Option chain');

    // The monthly expiry: priced from the December future (Black-76).
    await expiry.selectOption({ label: '29 Dec 2026 10:00 UTC' });
    await expect(expiry.getByRole('option', { selected: true })).toHaveText('29 Dec 2026 10:00 UTC');

    const grid = panel.getByRole('table', { name: 'Option chain NIFTY 29 Dec 2026 10:00 UTC' });
    const rows = grid.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows).toHaveCount(8);
    await expect(rows.first().getByRole('rowheader')).toHaveText('23800');
    await expect(rows.last().getByRole('rowheader')).toHaveText('24500');
    // Once the options stream (the chain asked for them), each strike has IV and Greeks on both sides.
    const row24000 = rows.filter({ has: page.getByRole('rowheader', { name: '24000', exact: true }) });
    const cells = row24000.getByRole('cell');
    await expect(cells.nth(5)).toHaveText(/^\d+\.\d$/); // call IV, %
    await expect(cells.nth(4)).toHaveText(/^0\.\d{3}$/); // call delta
    await expect(cells.nth(3)).toHaveText(/^\d\.\d{2}e-4$|^0\.000\d+$/); // call gamma
    await expect(cells.nth(2)).toHaveText(/^\d+\.\d{2}$/); // call vega
    await expect(cells.nth(1)).toHaveText(/^-\d+\.\d{2}$/); // call theta, per day
    await expect(cells.nth(6)).toHaveText('394.35'); // call mark: mid of 392.75 / 395.95
    await expect(cells.nth(12)).toHaveText(/^\d+\.\d$/); // put IV
    await expect(cells.nth(13)).toHaveText(/^-0\.\d{3}$/); // put delta
    await expect(cells.nth(0)).toHaveText('2600'); // call OI in lots
    await expect(cells.nth(17)).toHaveText('3500'); // put OI in lots
    // The ATM line: the strike nearest the future (24150 at the start).
    const atm = grid.getByRole('row', { name: /ATM/ });
    await expect(atm).toHaveCount(1);
    await expect(atm).toHaveAttribute('aria-current', 'true');
    await expect(atm.getByRole('rowheader')).toHaveText(/^24(1|2)00 ATM$/);
    // Time to expiry, the model and the conventions.
    await expect(summary).toContainText('NFO:NIFTY26DECFUT');
    await expect(summary).toContainText(/Expires in \d+d \d+h \d+m \(T 0\.\d{4}y ACT\/365\)/);
    await expect(summary).toContainText('Black-76 · r 0.00%');
    await expect(summary).toContainText('theta per day, vega per 1 vol point');
    await shoot(page, 'option-chain', 'Option chain');

    // The ask of the 24000 call: the ticket on that option, Buy, at 395.95.
    await row24000.getByRole('button', { name: 'Buy NIFTY 26DEC 24000 CE at 395.95', exact: true }).click();
    const s = screen(page);
    await expect(s.price).toHaveValue('395.95');
    await expect(s.ticket.getByRole('radio', { name: 'Buy side' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue(`NFO:NIFTY26DEC24000CE · ${ACCOUNT}`);
    await shoot(page, 'option-chain-ticket', 'Option chain');
    // A bid sells at the bid.
    await row24000.getByRole('button', { name: 'Sell NIFTY 26DEC 24000 PE at 243.90', exact: true }).click();
    await expect(s.price).toHaveValue('243.90');
    await expect(s.ticket.getByRole('radio', { name: 'Sell side' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue(`NFO:NIFTY26DEC24000PE · ${ACCOUNT}`);

    // The rate: a bad one is refused beside the field; 6.5% discounts the chain at that rate.
    const rate = panel.getByLabel('Rate %', { exact: true });
    await rate.fill('6,5');
    await expect(rate).toHaveAccessibleDescription('the rate is a percentage, e.g. 6.5');
    await rate.fill('6.5');
    await expect(summary).toContainText('Black-76 · r 6.50%');
    await expect(cells.nth(5)).toHaveText(/^\d+\.\d$/);
  } finally {
    expect(await host?.stop()).toBe(0);
    await kite?.close();
  }
});
