import { expect, test } from '@playwright/test';
import type { Host } from './host';
import { tab } from './kite';
import { shoot, startSimOptionsHost } from './screens';
import { openTerminal } from './terminal';

/**
 * Portfolio Greeks from the UI on the simulated options venue (SQ_SIM_OPTIONS=1): a click on an ATM
 * call's ask in the Option chain fills the ticket, Buy, then the Greeks tab shows BTC-USDT's delta and
 * vega (the call's, × 0.05 BTC), which move as BTC moves; the Risk tab shows the option limits and their
 * use. Screens at 1366x768 and 1920x1080.
 */

test('Greeks tab: a bought SIM call shows its delta and vega under BTC-USDT, moving with BTC; option limits in Risk', async ({ page }) => {
  test.setTimeout(120_000);
  let host: Host | undefined;
  try {
    host = await startSimOptionsHost(page);
    const s = await openTerminal(page, host.url, 'BTC-USDT');

    await tab(page, 'Option chain').click();
    const chain = page.getByRole('region', { name: 'Option chain', exact: true });
    await expect(chain.getByLabel('Underlying', { exact: true })).toHaveValue('SIM|BTC-USDT');
    const atm = chain.getByRole('row', { name: /ATM/ });
    await expect(atm).toHaveCount(1);
    const ask = atm.getByRole('button', { name: /^Buy BTC .* C at / });
    await expect(ask).toBeVisible();
    await ask.click();
    await expect(page.getByRole('combobox', { name: 'Instrument', exact: true })).toHaveValue(/^BTC-\d{6}-\d+-C · SIM$/);
    await expect(s.ticket.getByRole('radio', { name: 'Buy side' })).toBeChecked();
    // At the market: the simulated quotes move in real time, a limit at the ask seen might rest.
    await s.orderType.selectOption('market');
    await s.quantity.fill('0.05');
    await s.buy.click();

    await tab(page, 'Greeks').click();
    const greeks = page.getByRole('region', { name: 'Portfolio Greeks', exact: true });
    await expect(greeks.getByLabel('Greeks conventions')).toContainText('vega per 1 vol point · theta per calendar day');
    const btc = greeks.getByRole('row').filter({ has: page.getByRole('button', { name: /^BTC-USDT on SIM/ }) });
    await expect(btc).toHaveCount(1, { timeout: 20_000 });
    const delta = btc.getByRole('cell', { name: /^BTC-USDT Delta / });
    const vega = btc.getByRole('cell', { name: /^BTC-USDT Vega / });
    // 0.05 BTC of an ATM call: delta ~0.025 BTC, vega a few USDT per vol point.
    await expect(delta).toHaveText(/^0\.0[1-4]\d*$/);
    await expect(vega).toHaveText(/^\d+\.\d{2}$/);
    await expect(btc.getByRole('cell', { name: /^BTC-USDT Theta / })).toHaveText(/^-\d+\.\d{2}$/);
    await expect(greeks.getByRole('row').filter({ hasText: /^Call \d+ · / })).toHaveCount(1);
    await expect(greeks.getByRole('row').filter({ hasText: /^Call \d+ · / })).toContainText('+0.05');
    await shoot(page, 'portfolio-greeks', 'Portfolio Greeks');

    // Live: as BTC and the call's quotes move on the simulated venue, the sums follow (bounded wait).
    const notional = btc.getByRole('cell', { name: /^BTC-USDT Δ notional / });
    const first = { delta: await delta.textContent(), notional: await notional.textContent(), vega: await vega.textContent() };
    await expect
      .poll(async () => (await notional.textContent()) !== first.notional && ((await delta.textContent()) !== first.delta || (await vega.textContent()) !== first.vega), { timeout: 60_000 })
      .toBe(true);

    // Collapsing hides the positions; the sums stay.
    await btc.getByRole('button', { name: /^BTC-USDT on SIM/ }).click();
    await expect(greeks.getByRole('row').filter({ hasText: /^Call \d+ · / })).toHaveCount(0);
    await expect(btc.getByRole('button', { name: /^BTC-USDT on SIM/ })).toHaveAttribute('aria-expanded', 'false');

    // Risk: the option limits are edited like the others, and their use is shown.
    await tab(page, 'Risk').click();
    const maxDelta = page.getByLabel('SIM:BTC-USDT option max delta', { exact: true });
    await maxDelta.fill('1');
    await page.getByRole('button', { name: 'Apply option limits' }).click();
    await expect(page.getByText('Option limits applied')).toBeVisible();
    await expect(page.getByRole('meter', { name: 'SIM:BTC-USDT option delta' })).toHaveAttribute('aria-valuetext', /^0\.0\d+ \/ 1 \(\d+%\)$/);
    await shoot(page, 'portfolio-greeks-risk', 'Risk');
  } finally {
    const code = await host?.stop();
    if (code !== 0) console.log(host?.output().slice(-6000));
    expect(code).toBe(0);
  }
});
