import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Instrument } from '../src/contract/api';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { openTerminal, placeRestingBuy } from './terminal';

// SIM lists options by default: an option position, a working order on an option and its fills must
// read as well as a spot pair's in Positions, Open orders, Fills and the ticket. BTC options: premium
// in whole USDT with a tick of 5, a lot of 0.01 BTC.
const host = sharedHost();
const screens = join('test-results', 'screens');

/** The BTC call of the furthest expiry in the middle of its strikes (the grid is centred on the spot): a premium of thousands. */
async function longDatedCall(): Promise<Instrument> {
  const listed = await bridgeCall(host.url, 'instruments.list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const calls = listed.value.filter((i) => i.venue === 'SIM' && i.base === 'BTC' && i.contract?.kind === 'call');
  const last = Math.max(...calls.map((i) => i.contract!.expiry));
  const series = calls.filter((i) => i.contract!.expiry === last).sort((a, b) => a.contract!.strike! - b.contract!.strike!);
  return series[Math.floor(series.length / 2)]!;
}

test('an option position, its working order and its fills read legibly at 1366x768', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const call = await longDatedCall();
  const s = await openTerminal(page, host.url, call.symbol);
  await expect(s.ticket).toContainText(call.symbol);

  await s.orderType.selectOption('Market');
  await s.quantity.fill('0.10');
  await s.buy.click();
  const fill = s.fills.getByRole('row').filter({ hasText: call.symbol }).first();
  await expect(fill).toBeVisible();
  await expect(fill).toContainText('0.10');
  const position = s.positions.getByRole('row').filter({ hasText: call.symbol });
  await expect(position).toBeVisible();
  await expect(position).toContainText('0.10');

  const price = await placeRestingBuy(s, 5, 0, 10, '0.05');
  await expect(s.orderRows).toHaveCount(1);
  await expect(s.orderRows.first()).toContainText(call.symbol);
  await expect(s.orderRows.first()).toContainText(price);
  // A premium in whole USDT on the tick: no decimals, a multiple of 5.
  expect(Number(price) % 5).toBe(0);
  await page.screenshot({ path: join(screens, 'sim-option-position-1366x768.png') });
  await s.openOrders.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(s.orderRows).toHaveCount(0);
});
