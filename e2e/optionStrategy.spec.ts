import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Host } from './host';
import { tab } from './kite';
import { SCREENS_DIR, shoot, startSimOptionsHost } from './screens';
import { screen } from './terminal';

/**
 * The strategy builder on the simulated venue's options (SQ_SIM_OPTIONS=1): open the BTC-USDT chain,
 * build a long straddle from the preset, see its payoff chart, breakevens and numbers, buy it leg by leg
 * after the confirmation, see both legs in Positions, and see the portfolio Greeks of the straddle (long vega,
 * short theta) move as the underlying moves: issue 15's end-to-end case. Screens at 1366x768 and 1920x1080.
 */

test('Strategy builder on SIM options: a straddle from the preset, its payoff and breakevens, bought leg by leg into Positions', async ({ page }) => {
  test.setTimeout(180_000);
  let host: Host | undefined;
  try {
    host = await startSimOptionsHost(page);
    await page.goto(host.url);

    await tab(page, 'Option chain').click();
    const chain = page.getByRole('region', { name: 'Option chain', exact: true });
    await chain.getByLabel('Underlying', { exact: true }).selectOption('SIM|BTC-USDT');
    const atm = chain.getByRole('row', { name: /ATM/ });
    await expect(atm).toHaveCount(1);
    // The ATM call and put are quoted on both sides before the straddle is built.
    await expect(atm.getByRole('button', { name: /^Buy .* at \d/ })).toHaveCount(2, { timeout: 30_000 });
    await expect(atm.getByRole('button', { name: /^Add buy .* to strategy$/ })).toHaveCount(2);
    await shoot(page, 'strategy-chain', 'Option chain');

    await tab(page, 'Strategy').click();
    const panel = page.getByRole('region', { name: 'Strategy', exact: true });
    await expect(panel).toContainText('BTC-USDT · SIM');
    await panel.getByRole('combobox', { name: 'Preset' }).selectOption('straddle');
    await panel.getByRole('combobox', { name: 'Direction' }).selectOption('long');
    await panel.getByRole('button', { name: 'Add preset' }).click();

    const legs = panel.getByRole('table', { name: 'Strategy legs' });
    const legRows = legs.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(legRows).toHaveCount(2);
    await expect(legRows.nth(0)).toContainText(/^Buy\s*BTC \w+ \d+ C/);
    await expect(legRows.nth(1)).toContainText(/^Buy\s*BTC \w+ \d+ P/);
    const strike = /BTC \w+ (\d+) C/.exec((await legRows.nth(0).getByRole('cell').nth(2).textContent()) ?? '')![1]!;
    await expect(legRows.nth(0).getByRole('cell').nth(3)).toHaveText(/^\d+$/); // the ask, whole USDT
    await expect(legRows.nth(0).getByRole('cell').nth(4)).toHaveText(/^\d+\.\d%$/); // IV

    await expect(panel.getByRole('figure', { name: 'Payoff chart' })).toBeVisible();
    await expect(panel.getByRole('img', { name: /^Payoff chart/ })).toBeVisible();
    const summary = panel.getByLabel('Strategy summary');
    await expect(summary).toContainText(/Breakevens\s*[\d,.]+ · [\d,.]+/);
    await expect(summary).toContainText(/Net premium\s*[\d,.]+ USDT debit \(paid\)/);
    await expect(summary).toContainText(/Max profit\s*Unlimited/);
    await expect(summary).toContainText(/Max loss\s*[\d,.]+ USDT/);
    await expect(summary).toContainText(/Vega\s*\d/);
    await shoot(page, 'strategy-builder', 'Strategy');

    await panel.getByRole('button', { name: 'Send strategy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send strategy' });
    const lines = dialog.getByRole('list', { name: 'Legs to send' }).getByRole('listitem');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toContainText(/^1\. Buy 1 × BTC \w+ \d+ C limit \d+ IOC$/);
    await expect(lines.nth(1)).toContainText(/^2\. Buy 1 × BTC \w+ \d+ P limit \d+ IOC$/);
    await dialog.getByRole('button', { name: 'Send legs' }).click();
    const outcome = panel.getByRole('status', { name: 'Strategy outcome' });
    await expect(outcome).toContainText('all 2 legs filled', { timeout: 30_000 });
    await expect(outcome.getByRole('listitem')).toHaveCount(2);
    await shoot(page, 'strategy-sent', 'Strategy');

    await tab(page, 'Open orders').click();
    const s = screen(page);
    // Both legs, the ATM call and put, are held.
    await expect(s.positions.getByRole('row').filter({ hasText: strike })).toHaveCount(2, { timeout: 30_000 });
    await page.screenshot({ path: join(SCREENS_DIR, 'strategy-positions-1366x768.png') });

    // Portfolio Greeks: both legs under BTC-USDT, long vega and short theta, following BTC (bounded wait).
    await tab(page, 'Greeks').click();
    const greeks = page.getByRole('region', { name: 'Portfolio Greeks', exact: true });
    const btc = greeks.getByRole('row').filter({ has: page.getByRole('button', { name: /^BTC-USDT on SIM/ }) });
    await expect(btc).toHaveCount(1, { timeout: 20_000 });
    await expect(greeks.getByRole('row').filter({ hasText: new RegExp(`^(Call|Put) ${strike} · `) })).toHaveCount(2);
    const delta = btc.getByRole('cell', { name: /^BTC-USDT Delta / });
    const vega = btc.getByRole('cell', { name: /^BTC-USDT Vega / });
    await expect(vega).toHaveText(/^\d+\.\d{2}$/);
    await expect(btc.getByRole('cell', { name: /^BTC-USDT Theta / })).toHaveText(/^-\d+\.\d{2}$/);
    const notional = btc.getByRole('cell', { name: /^BTC-USDT Δ notional / });
    const first = { delta: await delta.textContent(), notional: await notional.textContent() };
    await expect
      .poll(async () => (await notional.textContent()) !== first.notional || (await delta.textContent()) !== first.delta, { timeout: 60_000 })
      .toBe(true);
  } finally {
    await host?.stop();
  }
});
