import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { type Host, startHost, tempDataDir } from './host';

/** Where the specs' screenshots go (README screens are taken from here). */
export const SCREENS_DIR = join(import.meta.dirname, '..', 'test-results', 'screens');

/** The two window sizes every screen is checked at: a 1366x768 laptop and a 1920x1080 desktop. */
const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

/**
 * Screenshots the page at both sizes as `<name>-<w>x<h>.png`, once `shown` is visible at each (the layout
 * settles, grids re-measure, before the picture), then puts the window back to 1366x768. `shown` is a region's
 * accessible name or any locator.
 */
export async function shoot(page: Page, name: string, shown: string | Locator): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const target = typeof shown === 'string' ? page.getByRole('region', { name: shown, exact: true }) : shown;
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await expect(target).toBeVisible();
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** A headless host whose SIM venue lists its options (SQ_SIM_OPTIONS=1), on a fresh data dir, and the window at 1366x768. */
export async function startSimOptionsHost(page: Page): Promise<Host> {
  const host = await startHost(tempDataDir(), { SQ_SIM_OPTIONS: '1' });
  await page.setViewportSize({ width: 1366, height: 768 });
  return host;
}
