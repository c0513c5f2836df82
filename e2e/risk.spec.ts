import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { sharedHost } from './host';
import { openTerminal } from './terminal';

const host = sharedHost();

test('the account panels are shown by default and risk is one tab away', async ({ page }) => {
  const s = await openTerminal(page, host.url, 'BTC-USDT');
  await expect(s.openOrders).toBeVisible();
  await expect(s.positions).toBeVisible();
  await expect(s.fills).toBeVisible();
  const risk = page.getByRole('region', { name: 'Risk', exact: true });
  await expect(risk).toBeHidden();
  await page.getByRole('tab', { name: /^Risk/ }).click();
  await expect(risk).toBeVisible();
  await expect(s.openOrders).toBeHidden();
  await expect(risk.getByRole('region', { name: 'Utilisation', exact: true })).toContainText('BTC-USDT');
  await expect(risk.getByRole('region', { name: 'Breakers', exact: true })).toContainText('CLOSED');
  await page.getByRole('tab', { name: 'Open orders' }).click();
  await expect(s.openOrders).toBeVisible();
});

test('a bad limit is refused with the reason and the input kept; a good one is applied', async ({ page }) => {
  await openTerminal(page, host.url, 'BTC-USDT');
  await page.getByRole('tab', { name: /^Risk/ }).click();
  const limits = page.getByRole('region', { name: 'Limits', exact: true });
  const maxLong = limits.getByLabel('BTC-USDT max long', { exact: true });

  // Plainly not a number: refused before sending.
  await maxLong.fill('1,5');
  await limits.getByRole('button', { name: 'Apply limits' }).click();
  await expect(limits.getByRole('alert')).toContainText('BTC-USDT max long must be a decimal number');
  await expect(maxLong).toHaveValue('1,5');
  await expect(maxLong).toHaveAttribute('aria-invalid', 'true');

  // A number the engine refuses (a percentage finer than it can hold): its reason, nothing changed.
  await maxLong.fill('0.5');
  const collar = limits.getByLabel('Default price collar %', { exact: true });
  await collar.fill('1.123456');
  await limits.getByRole('button', { name: 'Apply limits' }).click();
  await expect(limits.getByRole('alert')).toContainText('defaults.priceCollarPct');
  await expect(collar).toHaveValue('1.123456');
  await expect(maxLong).toHaveValue('0.5');
  const before = await bridgeCall(host.url, 'risk.state');
  expect(before.ok && before.value.limits.instruments['SIM:BTC-USDT']).toBeFalsy();

  await collar.fill('5');
  await limits.getByLabel('Max daily loss USDT', { exact: true }).fill('2500');
  await limits.getByRole('button', { name: 'Apply limits' }).click();
  await expect(limits.getByRole('status')).toHaveText('Limits applied');
  const after = await bridgeCall(host.url, 'risk.state');
  expect(after.ok && after.value.limits.instruments['SIM:BTC-USDT']).toEqual({ maxLongPosition: '0.5' });
  expect(after.ok && after.value.limits.defaults.priceCollarPct).toBe('5');
  expect(after.ok && after.value.limits.account?.maxDailyLoss).toEqual({ USDT: '2500' });
  // The bars now measure against the new limit.
  await expect(page.getByRole('region', { name: 'Utilisation', exact: true }).getByRole('meter', { name: 'BTC-USDT long' })).toBeVisible();
});

test('flatten on kill switch is a checkbox the engine remembers', async ({ page }) => {
  await openTerminal(page, host.url, 'BTC-USDT');
  await page.getByRole('tab', { name: /^Risk/ }).click();
  const flatten = page.getByRole('checkbox', { name: 'Flatten positions on kill switch' });
  await expect(flatten).not.toBeChecked();
  await flatten.check();
  await expect(flatten).toBeChecked();
  // The box shows the click at once; the engine's answer follows over the bridge.
  const flattenOnEngage = async () => {
    const k = await bridgeCall(host.url, 'kill.state');
    return k.ok && k.value.flattenOnEngage;
  };
  await expect.poll(flattenOnEngage).toBe(true);
  await flatten.uncheck();
  await expect.poll(flattenOnEngage).toBe(false);

  // Engaging shows the cancel-all it ran and the history.
  await page.getByRole('button', { name: 'Kill switch', exact: true }).click();
  const details = page.getByRole('region', { name: 'Kill switch details', exact: true });
  await expect(details).toContainText(/took \d+ ms, canceled \d+ of \d+/);
  await expect(details).toContainText('engage');
  await page.getByRole('button', { name: 'Reset kill switch', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm reset' }).click();
  await expect(details).toContainText('reset');
});

test('a tripped breaker shows its reason and countdown, and Reset breaker closes it', async ({ page }) => {
  await openTerminal(page, host.url, 'ETH-USDT');
  const state = await bridgeCall(host.url, 'risk.state');
  if (!state.ok) throw new Error(state.error.message);
  const set = await bridgeCall(host.url, 'risk.setLimits', {
    limits: { ...state.value.limits, breakers: { defaults: { maxRejectPct: 20, rejectMinSamples: 2, initialBackoffMs: 60_000, maxBackoffMs: 60_000 } } },
  });
  expect(set.ok).toBe(true);
  const snap = await bridgeCall(host.url, 'market.focus', { venue: 'SIM', symbol: 'ETH-USDT', timeframe: '1m', depth: 1 });
  if (!snap.ok || !snap.value.book) throw new Error('no ETH book');
  // A post-only buy far above the ask would cross: the venue rejects it, and two rejections trip the breaker.
  const price = ((snap.value.book.asks[0]![0] + 1000) / 100).toFixed(2);
  for (let i = 0; i < 3; i++) {
    await bridgeCall(host.url, 'orders.submit', { venue: 'SIM', symbol: 'ETH-USDT', side: 'buy', type: 'limit', postOnly: true, price, qty: '0.1' });
  }
  await page.getByRole('tab', { name: /^Risk.*needs attention/ }).click();
  const breakers = page.getByRole('region', { name: 'Breakers', exact: true });
  const row = breakers.getByRole('row').filter({ has: page.getByRole('button', { name: 'Reset breaker', exact: true }) }).first();
  await expect(row).toContainText(/in \d+s/);
  await expect(breakers).toContainText('CLOSED → OPEN');
  // The venue's and the instrument's breakers both tripped: reset each.
  const resets = breakers.getByRole('button', { name: 'Reset breaker', exact: true });
  await expect(resets).toHaveCount(2);
  await resets.first().click();
  await expect(resets).toHaveCount(1);
  await resets.first().click();
  await expect(resets).toHaveCount(0);
  await expect(breakers).toContainText('all closed');
});
