import { useEffect, useState } from 'react';

/**
 * How many rows of `rowPx` fit in an element, kept up to date as panels are resized. Returns a
 * callback ref, so it follows the element even when it mounts later (after a placeholder).
 */
export function useRowsThatFit(rowPx: number, fallback: number): [(el: HTMLElement | null) => void, number] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [rows, setRows] = useState(fallback);
  useEffect(() => {
    if (!el) return;
    const measure = () => setRows(Math.max(1, Math.floor(el.clientHeight / rowPx)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el, rowPx]);
  return [setEl, rows];
}
