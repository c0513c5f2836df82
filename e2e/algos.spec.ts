import { expect, test, type Page } from '@playwright/test';
import { bridgeCall } from './bridgeClient';
import { type Host, startHost, tempDataDir } from './host';
import { shoot } from './screens';

// Two simulated venues quoting the same instruments: where the smart router has something to route.
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

async function openAlgos(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Algos', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Algos', exact: true })).toBeVisible();
}

async function startedId(page: Page): Promise<string> {
  const status = page.getByRole('region', { name: 'Algo ticket' }).getByRole('status');
  await expect(status).toContainText(/^Started /);
  return (await status.textContent())!.replace(/^Started /, '').trim();
}

const progress = (page: Page, id: string) => page.getByRole('progressbar', { name: `Progress of algo ${id}` });
const state = (page: Page, id: string) => page.getByLabel(`State of algo ${id}`, { exact: true });

test('a TWAP placed through the ticket moves its progress bar, pauses, resumes and cancels', async ({ page }) => {
  await openAlgos(page);
  const ticket = page.getByRole('region', { name: 'Algo ticket' });
  await ticket.getByLabel('Algo', { exact: true }).selectOption('twap');
  await ticket.getByLabel('Quantity', { exact: true }).fill('0.2');
  await ticket.getByLabel('Window (s)', { exact: true }).fill('120');
  await ticket.getByLabel('Slices', { exact: true }).fill('40');
  // The schedule preview shows the slices before anything is sent.
  await expect(ticket.getByLabel('Schedule preview')).toContainText('more slices');
  await ticket.getByRole('button', { name: 'Start TWAP' }).click();
  const id = await startedId(page);
  await expect(state(page, id)).toHaveText('running');
  await expect.poll(async () => Number(await progress(page, id).getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = Number(await progress(page, id).getAttribute('value'));
  await expect.poll(async () => Number(await progress(page, id).getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(first);

  await page.getByRole('button', { name: `Pause algo ${id}` }).click();
  await expect(state(page, id)).toHaveText('paused');
  await page.getByRole('button', { name: `Resume algo ${id}` }).click();
  await expect(state(page, id)).toHaveText('running');
  await page.getByRole('button', { name: `Cancel algo ${id}` }).click();
  await expect(state(page, id)).toHaveText('canceled');
  // Its children were ended before it: none of them is still working.
  const orders = await bridgeCall(host.url, 'orders.list', {});
  if (!orders.ok) throw new Error(orders.error.message);
  const children = orders.value.filter((o) => o.parentId === id);
  expect(children.length).toBeGreaterThan(0);
  for (const c of children) expect(['filled', 'canceled', 'expired', 'rejected']).toContain(c.status);
});

test('a smart order routes across SIM-A and SIM-B: children at both venues in its TCA', async ({ page }) => {
  await openAlgos(page);
  // A plan reads each venue's top 20 asks (SMART_DEPTH). With a limit well above both venues' best ask, every
  // one of those levels is within it, however the two drifting SIM markets move in the next seconds; asking
  // twice what the deeper venue shows in them, no single venue's 20 levels can fill the first decision, so the
  // router must split it.
  const asks = async (venue: string) => {
    const b = await bridgeCall(host.url, 'algos.consolidatedBook', { venues: [venue], symbol: 'BTC-USDT', depth: 20 });
    if (!b.ok) throw new Error(b.error.message);
    return b.value.asks;
  };
  const [asksA, asksB] = [await asks('SIM-A'), await asks('SIM-B')];
  const limitTicks = Math.max(asksA[0]!.price, asksB[0]!.price) + 500;
  const limit = (limitTicks / 10).toFixed(1);
  const depth = (levels: typeof asksA) => levels.reduce((n, l) => n + l.qty, 0);
  // Lots of 0.0001 BTC; at most 8 BTC, which the SIM account can pay for.
  const qty = (Math.min(2 * Math.max(depth(asksA), depth(asksB)), 80_000) / 10_000).toFixed(4);
  const ticket = page.getByRole('region', { name: 'Algo ticket' });
  await ticket.getByLabel('Algo', { exact: true }).selectOption('smart');
  await ticket.getByLabel('Quantity', { exact: true }).fill(qty);
  await ticket.getByLabel('Limit', { exact: true }).fill(limit);
  await ticket.getByLabel('Window (s)', { exact: true }).fill('30');
  await ticket.getByRole('group', { name: 'Venues' }).getByRole('checkbox', { name: 'SIM-B' }).check();
  await expect(ticket.getByLabel('Schedule preview')).toContainText('SIM-B');
  await ticket.getByRole('button', { name: 'Start Smart' }).click();
  const id = await startedId(page);
  await expect(state(page, id)).toHaveText(/completed|running/);
  await expect.poll(async () => Number(await progress(page, id).getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: `TCA of algo ${id}` }).click();
  const tca = page.getByRole('region', { name: `TCA of ${id}` });
  const children = tca.getByRole('table', { name: 'Children' });
  await expect(children).toContainText('SIM-A');
  await expect(children).toContainText('SIM-B');
  await expect(tca.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await shoot(page, 'algos', 'Algos');
});
