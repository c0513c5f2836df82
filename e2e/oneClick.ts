import { expect, type Page } from '@playwright/test';
import type { Screen } from './terminal';

/** Turns one-click trading on as a trader does the first time: the switch, then the dialog that says what it does. */
export async function armOneClick(page: Page, s: Screen): Promise<void> {
  const toggle = s.book.getByRole('button', { name: 'One-click trading', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: 'Turn on one-click trading?' });
  await expect(dialog).toContainText('a single click sends an order at once');
  await dialog.getByRole('button', { name: 'Turn on one-click trading' }).click();
  await expect(dialog).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
}
