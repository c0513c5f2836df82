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
