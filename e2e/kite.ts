import { expect, type Page } from '@playwright/test';
import { LiveClock } from '../src/engine/core';
import { type KiteLoopback, type KiteLoopbackConfig, startKiteLoopback } from '../src/engine/venues/kite/testSupport';

/** What the Kite end-to-end specs share: the account as a trader adds it, and the NIFTY future they trade. */

export const KITE_ACCOUNT = 'zerodha';
export const NIFTY = 'NFO:NIFTY26DECFUT';
export const NIFTY_DISPLAY = 'NIFTY 26DEC FUT';

/** Monday 7 Dec 2026, 10:00 IST: inside NFO's session at the loopback venue. */
export const VENUE_START = Date.parse('2026-12-07T04:30:00Z');

/** The loopback venue's clock: the wall clock's pace, starting at VENUE_START (timers are the live clock's). */
export class VenueClock extends LiveClock {
  private readonly offset = VENUE_START - Date.now();
  override now(): number {
    return super.now() + this.offset;
  }
}

/**
 * The loopback Kite venue for a spec's host, on a VenueClock: the Kite app's registered redirect URL is the
 * host's /kite/redirect, known once the host listens. `more` adds to the venue's config (instruments, markets, pace).
 */
export function startKiteForHost(host: { url: string }, app: { apiKey: string; apiSecret: string }, more: Omit<KiteLoopbackConfig, 'app' | 'clock'> = {}): Promise<KiteLoopback> {
  return startKiteLoopback({ app: { ...app, redirectUrl: `${new URL(host.url).origin}/kite/redirect` }, clock: new VenueClock(), ...more });
}

export const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
export const accountsRegion = (page: Page) => page.getByRole('region', { name: 'Accounts', exact: true });

/** Creates the vault and adds the Kite app's key and secret through the Accounts tab; the account's row. */
export async function addKiteAccount(page: Page, kite: KiteLoopback, app: { passphrase: string; apiKey: string; apiSecret: string }) {
  await tab(page, 'Accounts').click();
  const accounts = accountsRegion(page);
  await expect(accounts.getByRole('heading', { name: 'Create the vault for your venue accounts' })).toBeVisible();
  await accounts.getByLabel('Passphrase', { exact: true }).fill(app.passphrase);
  await accounts.getByLabel('Confirm passphrase', { exact: true }).fill(app.passphrase);
  await accounts.getByRole('button', { name: 'Create vault' }).click();
  const form = accounts.getByRole('region', { name: 'Add account', exact: true });
  await form.getByLabel('Name', { exact: true }).fill(KITE_ACCOUNT);
  await form.getByLabel('Venue', { exact: true }).selectOption({ label: 'Zerodha Kite' });
  await form.getByLabel('API key', { exact: true }).fill(app.apiKey);
  await form.getByLabel('API secret', { exact: true }).fill(app.apiSecret);
  await form.getByLabel('REST URL', { exact: true }).fill(kite.restUrl);
  await form.getByLabel('Stream URL', { exact: true }).fill(kite.tickerUrl);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('status')).toHaveText(`Added ${KITE_ACCOUNT}`);
  await expect(form.getByLabel('API secret', { exact: true })).toHaveValue('');
  return accounts.getByRole('region', { name: 'Account list', exact: true }).getByRole('row').filter({ hasText: KITE_ACCOUNT });
}

/** The daily login: Kite's login page in a new tab, which Kite sends back to the host's /kite/redirect. */
export async function logInToKite(page: Page): Promise<void> {
  await accountsRegion(page).getByRole('button', { name: 'Log in to Kite', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Log in to Kite: ${KITE_ACCOUNT}` });
  await expect(dialog).toBeVisible();
  const [loginTab] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('link', { name: "Open Kite's login page" }).click()]);
  await expect(loginTab.locator('body')).toContainText(`${KITE_ACCOUNT}: logged in to Kite until`);
  await loginTab.close();
  await expect(dialog).toBeHidden();
}

/** Finds the NIFTY future by its display name in the picker, as a trader types it, and focuses it. */
export async function focusNiftyFuture(page: Page): Promise<void> {
  await tab(page, 'Open orders').click();
  const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
  await box.click();
  await box.fill(`${NIFTY_DISPLAY} ${KITE_ACCOUNT}`);
  const option = page.getByRole('listbox', { name: 'Instruments', exact: true }).getByRole('option', { name: new RegExp(`^${NIFTY} · ${KITE_ACCOUNT} \\(${NIFTY_DISPLAY}\\)`) });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(box).toHaveValue(`${NIFTY} · ${KITE_ACCOUNT}`);
}
