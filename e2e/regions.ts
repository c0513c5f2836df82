import type { Locator, Page } from '@playwright/test';

/** A panel by its accessible name ("Chart 2"), exactly. */
export const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** A panel's title line ("Chart 2 · ETH-USDT" when it shows another instrument than the focus). */
export const heading = (page: Page, name: string): Locator => region(page, name).getByRole('heading').first();
