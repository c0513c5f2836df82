import { expect, test } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { type Host, startHost, tempDataDir } from './host';
import { shoot } from './screens';

// Two simulated venues quoting the same instruments; risk lets SIM-B take one lot per order at most, so the
// smart router's child there is refused, and the TCA must say so: "Left out: SIM-B: refused by risk: ...".
const env = { SQ_SIM_VENUES: 'SIM-A,SIM-B' };

test.describe.configure({ mode: 'serial' });
let host: Host;
const dataDir = tempDataDir();
test.beforeAll(async () => {
  host = await startHost(dataDir, env);
});
test.afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

async function value<T>(method: string, input: unknown): Promise<T> {
  const r = await bridgeCall(host.url, method as never, input as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

test('a smart order whose SIM-B child risk refuses: the TCA says why SIM-B got nothing', async ({ page }) => {
  const risk = await value<{ limits: { instruments: Record<string, Record<string, unknown>> } }>('risk.state', {});
  const limits = { ...risk.limits, instruments: { ...risk.limits.instruments, 'SIM-B:BTC-USDT': { ...(risk.limits.instruments['SIM-B:BTC-USDT'] ?? {}), maxOrderQty: '0.0001' } } };
  await value('risk.setLimits', { limits });
  // As in algos.spec.ts: a limit well above both venues' asks and twice the deeper venue's top 20, so the
  // first sweep sends a child to each venue (SIM-B's far more than one lot).
  const asks = async (venue: string) => (await value<{ asks: { price: number; qty: number }[] }>('algos.consolidatedBook', { venues: [venue], symbol: 'BTC-USDT', depth: 20 })).asks;
  const [asksA, asksB] = [await asks('SIM-A'), await asks('SIM-B')];
  const limit = ((Math.max(asksA[0]!.price, asksB[0]!.price) + 500) / 10).toFixed(1);
  const depth = (levels: typeof asksA) => levels.reduce((n, l) => n + l.qty, 0);
  const qty = (Math.min(2 * Math.max(depth(asksA), depth(asksB)), 80_000) / 10_000).toFixed(4);

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Algos', exact: true }).click();
  const ticket = page.getByRole('region', { name: 'Algo ticket' });
  await ticket.getByLabel('Algo', { exact: true }).selectOption('smart');
  await ticket.getByLabel('Quantity', { exact: true }).fill(qty);
  await ticket.getByLabel('Limit', { exact: true }).fill(limit);
  await ticket.getByLabel('Window (s)', { exact: true }).fill('30');
  await ticket.getByRole('group', { name: 'Venues' }).getByRole('checkbox', { name: 'SIM-B' }).check();
  // The preview answers first (its reply clears the ticket's message, so it must not land after "Started").
  await expect(ticket.getByLabel('Schedule preview')).toContainText('SIM-B');
  await ticket.getByRole('button', { name: 'Start Smart' }).click();
  const status = ticket.getByRole('status');
  await expect(status).toContainText(/^Started /);
  const id = (await status.textContent())!.replace(/^Started /, '').trim();

  await page.getByRole('button', { name: `TCA of algo ${id}` }).click();
  const tca = page.getByRole('region', { name: `TCA of ${id}` });
  const leftOut = tca.getByLabel('Left out', { exact: true });
  await expect(leftOut).toContainText(/^Left out: .*SIM-B: refused by risk: quantity [\d.]+ BTC exceeds the max order quantity 0\.0001 BTC for SIM-B:BTC-USDT/);
  await expect(tca.getByRole('table', { name: 'Children' })).toContainText('SIM-A');
  await shoot(page, 'smart-reasons', 'Algos');
});

test('a running smart order hears SIM-B halted by its circuit breaker live: on its row and in the open TCA, without reopening', async ({ page }) => {
  // SIM-B's venue breaker trips on the first order the venue rejects, and stays open (a day's backoff).
  const risk = await value<{ limits: { breakers?: { venues?: Record<string, unknown> } } }>('risk.state', {});
  const breakers = { ...risk.limits.breakers, venues: { ...(risk.limits.breakers?.venues ?? {}), 'SIM-B': { maxRejectPct: 0, rejectMinSamples: 1, initialBackoffMs: 86_400_000, maxBackoffMs: 86_400_000 } } };
  await value('risk.setLimits', { limits: { ...risk.limits, breakers } });
  // A limit below both venues' asks: the parent keeps running and sends nothing, both venues "no ask within the limit".
  const asks = async (venue: string) => (await value<{ asks: { price: number; qty: number }[] }>('algos.consolidatedBook', { venues: [venue], symbol: 'BTC-USDT', depth: 1 })).asks;
  const [askA, askB] = [(await asks('SIM-A'))[0]!.price, (await asks('SIM-B'))[0]!.price];
  const limit = ((Math.min(askA, askB) - 2_000) / 10).toFixed(1);

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Algos', exact: true }).click();
  const ticket = page.getByRole('region', { name: 'Algo ticket' });
  await ticket.getByLabel('Algo', { exact: true }).selectOption('smart');
  await ticket.getByLabel('Quantity', { exact: true }).fill('0.0100');
  await ticket.getByLabel('Limit', { exact: true }).fill(limit);
  await ticket.getByLabel('Window (s)', { exact: true }).fill('120');
  await ticket.getByRole('group', { name: 'Venues' }).getByRole('checkbox', { name: 'SIM-B' }).check();
  await expect(ticket.getByLabel('Schedule preview')).toContainText('SIM-B');
  await ticket.getByRole('button', { name: 'Start Smart' }).click();
  const status = ticket.getByRole('status');
  await expect(status).toContainText(/^Started /);
  const id = (await status.textContent())!.replace(/^Started /, '').trim();

  const row = page.getByLabel(`Left out of algo ${id}`, { exact: true });
  await expect(row).toContainText(/SIM-B: no ask within the limit/);
  await page.getByRole('button', { name: `TCA of algo ${id}` }).click();
  const tca = page.getByRole('region', { name: `TCA of ${id}` });
  const leftOut = tca.getByLabel('Left out', { exact: true });
  await expect(leftOut).toContainText(/SIM-B: no ask within the limit/);

  // A post-only buy above SIM-B's ask would take liquidity: the venue rejects it and SIM-B's breaker opens.
  const order = await bridgeCall(host.url, 'orders.submit' as never, { venue: 'SIM-B', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: true, price: ((askB + 500) / 10).toFixed(1), qty: '0.0001' } as never);
  expect(order.ok).toBe(true);
  const halted = /SIM-B: halted by its circuit breaker \(1 of the last 1 orders rejected .*post-only order would cross\)/;
  // The row and the TCA already on screen say it: nothing was reopened.
  await expect(row).toContainText(halted);
  await expect(leftOut).toContainText(halted);
  await expect(tca.getByRole('table', { name: 'Children' })).not.toContainText('SIM-B');
  await shoot(page, 'smart-reasons-halted', 'Algos');
  await value('algos.cancel', { id });
  await value('risk.resetBreaker', { venue: 'SIM-B' });
});
