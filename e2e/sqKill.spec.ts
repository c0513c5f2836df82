import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';
import { openTerminal, placeRestingBuy } from './terminal';

const run = promisify(execFile);
const sq = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli', 'sq.ts'), ...args], {
    env: { ...process.env, SQ_DATA_DIR: dataDir },
  });

test('`sq kill` from a shell engages the running terminal: its orders are canceled and the screen says so', async ({ page }) => {
  const host: Host = await startHost();
  try {
    const s = await openTerminal(page, host.url);
    await placeRestingBuy(s, 0.01, 2, 10, '0.30');
    await expect(s.orderRows).toHaveCount(1);

    const engaged = await sq(host.dataDir, 'kill', '--reason', 'window frozen');
    expect(engaged.stdout).toContain('kill switch ENGAGED (running terminal)');
    await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
    await expect(page.getByText(/by cli/)).toBeVisible();
    await expect(s.orderRows).toHaveCount(0);

    const status = await sq(host.dataDir, 'kill', '--status');
    expect(status.stdout).toMatch(/last cancel-all: 1 of 1 canceled in \d+ ms/);

    await sq(host.dataDir, 'kill', '--reset');
    await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeHidden();
  } finally {
    expect(await host.stop()).toBe(0);
  }
});

test('`sq kill` with no terminal running stores the engaged state, which the terminal starts with', async ({ page }) => {
  const dataDir = tempDataDir();
  const stored = await sq(dataDir, 'kill', '--reason', 'before start');
  expect(stored.stdout).toContain('kill switch ENGAGED (no running terminal');
  const host = await startHost(dataDir);
  try {
    await openTerminal(page, host.url);
    await expect(page.getByText('KILL SWITCH ENGAGED', { exact: true })).toBeVisible();
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
