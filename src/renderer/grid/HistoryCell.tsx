import type { ICellRendererParams } from 'ag-grid-community';
import { orderHistory } from '../state/orderHistory';

/**
 * An order id that opens that order's history: the id is what the trader reads, the accessible name
 * ("History <id>") is what the button does.
 */
export function HistoryCell(p: ICellRendererParams<unknown, string>) {
  const id = p.value;
  if (!id) return null;
  return (
    <button type="button" className="link-button num" aria-label={`History ${id}`} title="Order history (or double-click the row)" onClick={() => orderHistory.open(id)}>
      {id}
    </button>
  );
}
