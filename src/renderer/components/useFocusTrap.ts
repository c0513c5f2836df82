import { type RefObject, useEffect } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls a keyboard can reach inside `root`, in Tab order (hidden ones left out). */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
}

/** A dialog opened over this one (a confirmation from inside it) keeps the keyboard itself. */
function inOtherModal(root: HTMLElement, node: unknown): boolean {
  const modal = node instanceof Element ? node.closest('[aria-modal="true"]') : null;
  return modal !== null && modal !== root;
}

/**
 * Keeps the keyboard inside a modal dialog: Tab from the last control goes to the first, Shift+Tab from
 * the first to the last, and focus that lands outside (a click on the page behind) is brought back. When
 * the dialog closes, focus goes back to what had it before (the button that opened it), if still there.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKey = (e: KeyboardEvent) => {
      const root = ref.current;
      if (e.key !== 'Tab' || !root) return;
      const items = focusables(root);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const at = document.activeElement;
      if (inOtherModal(root, at)) return;
      const inside = at instanceof Node && root.contains(at);
      if (!inside) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      } else if (e.shiftKey && at === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && at === last) {
        e.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      const root = ref.current;
      if (root && e.target instanceof Node && !root.contains(e.target) && !inOtherModal(root, e.target)) focusables(root)[0]?.focus();
    };
    // Capture: the dialog decides before any handler on the page behind it.
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      if (before?.isConnected) before.focus();
    };
  }, [ref]);
}
