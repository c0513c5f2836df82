import type { CellDoubleClickedEvent, CellEditRequestEvent, ColDef, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { type ReactNode, useMemo } from 'react';
import { Placeholder } from '../components/Panel';
import { useFormatVersion } from '../state/settings';
import { columnStates } from './columnStates';
import { defaultColDef } from './defaults';
import { useGridTheme } from './theme';

/**
 * A panel's grid of rows keyed by `id`, or its placeholder when there are none: never a blank panel.
 * With `onEditRequest` some cells are editable (their columns say which): the grid never changes its
 * rows itself (read-only edit), it hands the typed value over and shows what the store says next, so
 * a refused edit leaves the row exactly as it was.
 */
export function RowsGrid<Row extends { id: string }>(props: {
  rows: Row[];
  columns: ColDef<Row>[];
  empty: ReactNode;
  onEditRequest?: (e: CellEditRequestEvent<Row>) => void;
  onCellDoubleClicked?: (e: CellDoubleClickedEvent<Row>) => void;
  /** Keeps the trader's column order, widths and sort under this key, saved with the workspace. */
  stateKey?: string;
}) {
  const theme = useGridTheme();
  // The Settings' number format and time zone live in the columns' formatters: when they change, the
  // rows are handed over again as new objects (same ids, same values), which makes the grid write every
  // cell on screen again through its formatter at once. (A forced cell refresh or a row redraw did not
  // re-run the formatters of unchanged rows.) Shallow copies of a few hundred rows at most.
  const formatVersion = useFormatVersion();
  const rows = useMemo(() => props.rows.map((r) => ({ ...r })), [props.rows, formatVersion]);
  if (props.rows.length === 0) return <Placeholder>{props.empty}</Placeholder>;
  const editing = props.onEditRequest !== undefined;
  const key = props.stateKey;
  // Only the trader's own changes are kept (a drag, a resize, a sort), not the grid's own sizing at start.
  const keep = key === undefined ? undefined : (e: { api: GridApi<Row>; source?: string; finished?: boolean }) => {
    if (e.source === 'api' || e.source === 'flex' || e.source === 'gridOptionsChanged' || e.finished === false) return;
    columnStates.set(key, e.api.getColumnState());
  };
  return (
    <div className="grid-host">
      <AgGridReact<Row>
        theme={theme}
        rowData={rows}
        columnDefs={props.columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.id}
        // Cells take focus only where they can be edited (Enter or F2 starts editing the focused cell).
        suppressCellFocus={!editing}
        readOnlyEdit={editing}
        // Leaving the cell ends the edit; the editor then drops it unless Enter was pressed (AmendCellEditor).
        stopEditingWhenCellsLoseFocus={editing}
        onCellEditRequest={props.onEditRequest}
        onCellDoubleClicked={props.onCellDoubleClicked}
        animateRows={false}
        onGridReady={(e) => {
          const saved = key === undefined ? undefined : columnStates.get(key);
          if (saved) e.api.applyColumnState({ state: saved, applyOrder: true });
        }}
        onColumnMoved={keep}
        onColumnResized={keep}
        onSortChanged={keep}
        onColumnVisible={keep}
        onColumnPinned={keep}
        // Every cell is in the page even when scrolled out of view: the tables are small, and a row's
        // text and buttons must be findable (by people searching, and by tests) wherever it is scrolled.
        suppressColumnVirtualisation
      />
    </div>
  );
}
