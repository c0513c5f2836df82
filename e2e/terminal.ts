import { expect, type Locator, type Page } from '@playwright/test';

/** How a trader finds things on the screen: by role and accessible name. */
export function screen(page: Page) {
  const region = (name: string): Locator => page.getByRole('region', { name, exact: true });
  const ticket = region('Order ticket');
  return {
    page,
    book: region('Order book'),
    openOrders: region('Open orders'),
    fills: region('Fills'),
    positions: region('Positions'),
    ticket,
    price: ticket.getByLabel('Price', { exact: true }),
    quantity: ticket.getByLabel('Quantity', { exact: true }),
    orderType: ticket.getByLabel('Order type', { exact: true }),
    buy: ticket.getByRole('button', { name: 'Buy', exact: true }),
    sell: ticket.getByRole('button', { name: 'Sell', exact: true }),
    killSwitch: page.getByRole('button', { name: 'Kill switch', exact: true }),
    resetKillSwitch: page.getByRole('button', { name: 'Reset kill switch', exact: true }),
    /** Rows of working orders: the grid rows that carry a Cancel button (the header row has none). */
    orderRows: region('Open orders')
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Cancel', exact: true }) }),
  };
}

export type Screen = ReturnType<typeof screen>;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The option `SYMBOL · ACCOUNT` (its name may go on with a display name in brackets, badges or ", in watchlist"). */
export function instrumentOption(page: Page, symbol: string, account: string): Locator {
  return instrumentOptions(page).and(page.getByRole('option', { name: new RegExp(`^${escapeRegExp(`${symbol} · ${account}`)}(,| ·| \\(|$)`) }));
}

/** Every option the instrument picker shows now. */
export function instrumentOptions(page: Page): Locator {
  return page.getByRole('listbox', { name: 'Instruments', exact: true }).getByRole('option');
}

/** Focuses an instrument as a trader does with the keyboard: type in the picker, then Enter on the highlighted match. */
export async function pickInstrument(page: Page, symbol: string, account = 'SIM'): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Instrument', exact: true });
  await box.click();
  await box.fill(`${symbol} ${account}`);
  await expect(instrumentOption(page, symbol, account)).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(box).toHaveValue(`${symbol} · ${account}`);
}

/** Opens the terminal, waits for a live book, and focuses `symbol` on SIM. */
export async function openTerminal(page: Page, url: string, symbol = 'SOL-USDT'): Promise<Screen> {
  await page.goto(url);
  const s = screen(page);
  await pickInstrument(page, symbol);
  await expect(s.ticket).toContainText(symbol);
  await expect(s.book.getByRole('button').first()).toBeVisible();
  return s;
}

/** The best bid shown in the ticket's prefilled Price (Limit, Buy), as a number. */
export async function prefilledBestBid(s: Screen): Promise<number> {
  await s.orderType.selectOption('Limit');
  await expect(s.price).not.toHaveValue('');
  return Number(await s.price.inputValue());
}

/** Places a resting limit buy `ticksBelow` ticks under the best bid; returns the price text used. */
export async function placeRestingBuy(s: Screen, tick: number, decimals: number, ticksBelow: number, qty: string): Promise<string> {
  const bestBid = await prefilledBestBid(s);
  const price = (bestBid - ticksBelow * tick).toFixed(decimals);
  await s.price.fill(price);
  await s.quantity.fill(qty);
  await s.buy.click();
  return price;
}

/** An account's entry in the status bar (its badge, state and round trip). */
export const statusOf = (page: Page, name: string): Locator =>
  page.locator('footer.statusbar .item.venue').filter({ has: page.locator('.value', { hasText: new RegExp(`^${name}$`) }) });
