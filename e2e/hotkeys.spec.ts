import { expect, test } from '@playwright/test';
import { DEFAULT_HOTKEYS } from '../src/contract/hotkeys';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { armOneClick } from './oneClick';
import { shoot } from './screens';
import { openTerminal } from './terminal';

const host = sharedHost();
test.afterEach(async () => {
  await bridgeCall(host.url, 'orders.cancelAll', {});
  await bridgeCall(host.url, 'hotkeys.set', DEFAULT_HOTKEYS);
});

test('? shows the cheat sheet: it keeps the focus inside and closes on Escape', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.book.getByRole('heading').click(); // out of the picker: keys now go to the page
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Hotkeys' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Shift\+B Buy at the best ask \(limit\)/ })).toBeVisible();
  await expect(sheet).toContainText('Engage the kill switch (fixed, works everywhere)');
  await shoot(page, 'hotkeys-cheat-sheet', sheet);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await sheet.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await sheet.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('a hotkey buys at the ask (with one-click on), and never while typing in a field', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  // Off: the order hotkeys send nothing and say why.
  await s.book.getByRole('heading').click();
  await page.keyboard.press('Shift+B');
  await expect(s.book.getByRole('alert')).toContainText('One-click trading is off');

  await armOneClick(page, s);
  await s.book.getByRole('button', { name: 'Quantity preset 0.1', exact: true }).click();
  // Typing in the ticket's Quantity: Shift+B is text there, not an order.
  await s.quantity.click();
  await page.keyboard.press('Shift+B');
  const before = await bridgeCall(host.url, 'orders.list', {});
  expect(before.ok && before.value.filter((o) => o.source === 'hotkey')).toEqual([]);

  await s.book.getByRole('heading').click();
  // The book (red, the focus) is the panel last clicked: the status bar says so, and the order names SOL.
  await expect(page.locator('.statusbar')).toContainText('Hotkeys act on: SIM SOL-USDT (Order book)');
  await page.keyboard.press('Shift+B');
  await expect(s.book.getByRole('status')).toContainText(/^Buy 0\.10 SOL-USDT @ [0-9.]+ sent$/);
  const sent = (await s.book.getByRole('status').innerText()).match(/@ ([0-9.]+)/)![1]!;
  const after = await bridgeCall(host.url, 'orders.list', {});
  const hotkeyOrders = after.ok ? after.value.filter((o) => o.source === 'hotkey') : [];
  expect(hotkeyOrders).toHaveLength(1);
  expect(hotkeyOrders[0]).toMatchObject({ side: 'buy', type: 'limit', qty: 10 });
  // The limit went at the best ask the screen showed: one-click orders of SOL (tick 0.01) price in cents.
  expect(hotkeyOrders[0]!.price).toBe(Math.round(Number(sent) * 100));

  // Presets by number, and T puts the keyboard in the ticket.
  await page.keyboard.press('2');
  await expect(s.book.getByRole('button', { name: 'Quantity preset 0.01', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('T');
  await expect(s.price).toBeFocused();
});

test('rebinding: a chord already taken is refused naming its action; a free one is kept by the engine', async ({ page }) => {
  const s = await openTerminal(page, host.url);
  await s.book.getByRole('button', { name: 'Hotkeys', exact: true }).click();
  await page.getByRole('dialog', { name: 'Hotkeys' }).getByRole('button', { name: 'Edit hotkeys' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit hotkeys' });
  const joinBid = editor.getByRole('button', { name: 'Key for Join the bid (buy limit at the best bid)' });
  await expect(joinBid).toHaveText('Alt+B');

  await joinBid.click();
  await expect(joinBid).toHaveText('Press keys…');
  await page.keyboard.press('Shift+B');
  await expect(editor.getByRole('alert')).toHaveText('Not bound: Shift+B is already bound to "Buy at the best ask (limit)"');
  await expect(joinBid).toHaveText('Alt+B');

  await joinBid.click();
  await page.keyboard.press('J');
  await expect(joinBid).toHaveText('J');
  await editor.getByRole('button', { name: 'Save hotkeys' }).click();
  const sheet = page.getByRole('dialog', { name: 'Hotkeys' });
  await expect(sheet.getByRole('row', { name: /^J Join the bid/ })).toBeVisible();
  const kept = await bridgeCall(host.url, 'hotkeys.get', {});
  expect(kept.ok && kept.value.bindings.joinBid).toBe('J');

  // The engine refuses a conflicting map too (any client), naming the action holding the chord.
  const refused = await bridgeCall(host.url, 'hotkeys.set', { ...DEFAULT_HOTKEYS, bindings: { ...DEFAULT_HOTKEYS.bindings, focusTicket: 'Shift+S' } });
  expect(refused.ok ? 'kept' : refused.error.message).toContain('Shift+S is already bound to "Sell at the best bid (limit)"');
  const killChord = await bridgeCall(host.url, 'hotkeys.set', { ...DEFAULT_HOTKEYS, bindings: { focusTicket: 'Ctrl+Shift+K' } });
  expect(killChord.ok ? 'kept' : killChord.error.message).toContain('reserved for the kill switch');
});
