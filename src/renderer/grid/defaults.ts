import type { ColDef } from 'ag-grid-community';
import { numberText, timeText } from '../view/numbers';

/** No menus, filters or dragging: rows stay dense and the grid is a plain table with resizable columns. */
export const defaultColDef: ColDef = {
  resizable: true,
  sortable: false,
  suppressHeaderMenuButton: true,
  suppressMovable: true,
};

/**
 * A column `width` px wide at least (what its content needs at 12px), growing in proportion when the
 * panel is wider: numbers never truncate and no width is wasted.
 */
export function col<T>(field: keyof T & string, headerName: string, width: number, extra: ColDef<T> = {}): ColDef<T> {
  return { field: field as unknown as ColDef<T>['field'], headerName, minWidth: width, flex: width, ...extra };
}

/**
 * A right-aligned number column in the numeric font. Rows hold numbers in the plain form the engine
 * uses ("-1234.50", "12.3 USDT", "₹950"); the column writes them in the Settings' number format, so a
 * cell editor starts from the plain text it can parse, and a change of format is one cell refresh
 * (RowsGrid) rather than new rows.
 */
export function numCol<T>(field: keyof T & string, headerName: string, width: number, extra: ColDef<T> = {}): ColDef<T> {
  return col<T>(field, headerName, width, {
    type: 'rightAligned',
    cellClass: 'num',
    valueFormatter: (p) => (typeof p.value === 'string' ? numberText(p.value) : p.value == null ? '' : numberText(String(p.value))),
    ...extra,
  });
}

/** A time column: rows hold engine time (ms since epoch), shown HH:MM:SS in the Settings' time zone. */
export function timeCol<T>(field: keyof T & string, headerName: string, width: number, extra: ColDef<T> = {}): ColDef<T> {
  return col<T>(field, headerName, width, {
    cellClass: 'num',
    valueFormatter: (p) => (typeof p.value === 'number' ? timeText(p.value) : ''),
    ...extra,
  });
}

/** Buy/Sell, coloured. */
export function sideCol<T>(field: keyof T & string): ColDef<T> {
  return col<T>(field, 'Side', 44, {
    maxWidth: 60,
    cellClass: (p) => String(p.value),
    valueFormatter: (p) => (p.value === 'buy' ? 'Buy' : 'Sell'),
  });
}
