import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { sharedHost } from './host';
import { SCREENS_DIR } from './screens';
import { openTerminal } from './terminal';

const host = sharedHost();

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Found {
  /** role "name" of the control, or the panel's name. */
  what: string;
  box: Box;
  /** The panel (region) it is in, if any, and that panel's box. */
  panel?: string;
  panelBox?: Box;
  /** Its text or content is cut (wider than its box), or it is hidden under something else at its centre. */
  clipped: boolean;
  covered?: string;
}

/**
 * Every named control on screen (buttons, inputs, selects, tabs, comboboxes with an accessible name)
 * and every panel (a region), with their boxes, measured in the page. Elements not visible (no box,
 * display:none, visibility:hidden, or scrolled out of their panel's view) are skipped: a panel scrolls
 * inside itself, and what it scrolled away is not on screen to overlap anything.
 */
async function measure(page: Page): Promise<{ controls: Found[]; panels: Found[]; window: Box; sideways: string[] }> {
  return page.evaluate(() => {
    const name = (el: Element): string => {
      const label = el.getAttribute('aria-label');
      if (label) return label;
      const by = el.getAttribute('aria-labelledby');
      if (by) return by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
        const labels = el.labels ? [...el.labels].map((l) => l.textContent ?? '').join(' ').trim() : '';
        if (labels) return labels;
        return el.getAttribute('title') ?? el.getAttribute('placeholder') ?? '';
      }
      return (el.textContent ?? '').trim();
    };
    /** A scroll container: the trader scrolls it to see the rest (a grid's viewports scroll with AG Grid's own bars). */
    const scrolls = (p: Element): boolean => {
      const s = getComputedStyle(p);
      return /(auto|scroll)/.test(s.overflow + s.overflowX + s.overflowY) || (p.closest('.ag-root-wrapper') !== null && /hidden/.test(s.overflowX + s.overflowY));
    };
    /** The part of the element a scroll container shows now (what it scrolled away is not on screen); null if none. */
    const shown = (el: Element): { x: number; y: number; w: number; h: number } | null => {
      const r = el.getBoundingClientRect();
      let [l, t, rt, b] = [r.left, r.top, r.right, r.bottom];
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (!scrolls(p)) continue;
        const pr = p.getBoundingClientRect();
        [l, t, rt, b] = [Math.max(l, pr.left), Math.max(t, pr.top), Math.min(rt, pr.right), Math.min(b, pr.bottom)];
      }
      return rt - l >= 1 && b - t >= 1 ? { x: l, y: t, w: rt - l, h: b - t } : null;
    };
    const visible = (el: Element): boolean => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
      return shown(el) !== null;
    };
    const box = (el: Element) => shown(el) ?? { x: 0, y: 0, w: 0, h: 0 };
    const roleOf = (el: Element): string => el.getAttribute('role') ?? el.tagName.toLowerCase();
    const panels = [...document.querySelectorAll('section.panel[aria-label]')].filter(visible);
    const panelOf = (el: Element) => el.closest('section.panel[aria-label]');
    const selector = 'button, input:not([type=hidden]), select, textarea, [role=tab], [role=combobox], [role=button], [role=checkbox], [role=switch], [role=menuitem], [role=menuitemcheckbox]';
    const controls = [...document.querySelectorAll(selector)].filter((el) => visible(el) && name(el) !== '' && !el.closest('[aria-hidden=true]'));
    const describe = (el: Element) => `${roleOf(el)} "${name(el).slice(0, 60)}"`;
    const found = (el: Element) => {
      const panel = panelOf(el);
      const b = box(el);
      // What is painted at the control's centre must be the control (or inside it), else something covers it.
      const cx = Math.min(Math.max(b.x + b.w / 2, 0), innerWidth - 1);
      const cy = Math.min(Math.max(b.y + b.h / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(cx, cy);
      const covered = top && !el.contains(top) && !top.contains(el) ? describe(top.closest(selector) ?? top) + ` <${top.tagName.toLowerCase()} class="${top.className}">` : undefined;
      return {
        what: describe(el),
        box: b,
        clipped: false,
        ...(covered ? { covered } : {}),
        ...(panel ? { panel: panel.getAttribute('aria-label') ?? '', panelBox: box(panel) } : {}),
      };
    };
    // A form or list that must be scrolled sideways to be read is cut, not laid out (grids scroll sideways by design).
    const sideways = [...document.querySelectorAll('section.panel[aria-label] *')]
      .filter((el) => !el.closest('.ag-root-wrapper') && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && /(auto|scroll|hidden)/.test(getComputedStyle(el).overflowX) && visible(el))
      // Text shortened with an ellipsis says it is shortened (its full text is in its title): not cut.
      .filter((el) => !(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLCanvasElement) && getComputedStyle(el).textOverflow !== 'ellipsis')
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> in panel "${panelOf(el)?.getAttribute('aria-label')}" is cut on the right (${el.scrollWidth - el.clientWidth} px)`);
    return {
      sideways,
      controls: controls.map(found),
      panels: panels.map((p) => ({ what: `panel "${p.getAttribute('aria-label')}"`, box: box(p), clipped: p.scrollWidth > p.clientWidth + 1 })),
      window: { x: 0, y: 0, w: innerWidth, h: innerHeight },
    };
  });
}

const inside = (a: Box, b: Box, slack = 1): boolean => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.w <= b.x + b.w + slack && a.y + a.h <= b.y + b.h + slack;
/** Overlap area beyond a pixel of anti-aliasing at a shared edge. */
const overlaps = (a: Box, b: Box): boolean => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
const nested = (a: Box, b: Box): boolean => inside(a, b, 0) || inside(b, a, 0);

/** Every problem on the screen now, in words (empty when the screen is right). */
async function problems(page: Page): Promise<string[]> {
  const { controls, panels, window, sideways } = await measure(page);
  const out: string[] = [...sideways];
  for (const p of panels) {
    if (!inside(p.box, window)) out.push(`${p.what} is outside the window`);
    if (p.clipped) out.push(`${p.what} is wider than its box (its content does not scroll inside it)`);
  }
  for (const p of panels) for (const q of panels) if (p !== q && overlaps(p.box, q.box) && !nested(p.box, q.box)) out.push(`${p.what} overlaps ${q.what}`);
  for (const c of controls) {
    if (!inside(c.box, window)) out.push(`${c.what} is outside the window`);
    if (c.panelBox && !inside(c.box, c.panelBox)) out.push(`${c.what} sticks out of panel "${c.panel}"`);
    if (c.covered) out.push(`${c.what} is covered by ${c.covered}`);
  }
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i]!;
      const b = controls[j]!;
      // A control inside another (a grid's cell button in its row) is not an overlap.
      if (overlaps(a.box, b.box) && !nested(a.box, b.box)) out.push(`${a.what} overlaps ${b.what}`);
    }
  }
  return [...new Set(out)];
}

const SIZES = [
  [1280, 720],
  [1366, 768],
  [1920, 1080],
  [2560, 1440],
] as const;

test('at every screen size no named control or panel is cut off or overlapped; screenshots for the docs', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const s = await openTerminal(page, host.url, 'BTC-USDT');
  // Rows in the grids (a position, a resting order, fills), so the grids' buttons are measured too.
  await s.orderType.selectOption('Market');
  await s.quantity.fill('0.0010');
  await s.buy.click();
  await expect(s.positions.getByRole('row').filter({ hasText: 'BTC-USDT' })).toContainText('SIM');
  await s.orderType.selectOption('Limit');
  await s.price.fill('90000.0');
  await s.quantity.fill('0.0010');
  await s.buy.click();
  await expect(s.orderRows.first()).toContainText('SIM');

  mkdirSync(join(import.meta.dirname, '..', 'docs', 'screenshots'), { recursive: true });
  const found: string[] = [];
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    // The dock re-lays its groups on resize; the ticket's Buy button is whole once it has.
    await expect(s.buy).toBeInViewport({ ratio: 1 });
    await expect.poll(async () => (await problems(page)).length === 0 || (await problems(page)).join('\n'), { timeout: 5_000 }).toBe(true);
    await page.screenshot({ path: join(SCREENS_DIR, `workspace-${width}x${height}.png`) });
    found.push(...(await problems(page)).map((p) => `${width}x${height}: ${p}`));
  }
  expect(found).toEqual([]);
  await s.openOrders.getByRole('button', { name: 'Cancel all', exact: true }).click();
  await expect(s.orderRows).toHaveCount(0);
});
