import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { ReactNode } from 'react';
import { Placeholder } from '../components/Panel';
import { defaultColDef } from './defaults';
import { gridTheme } from './theme';

/** A panel's grid of rows keyed by `id`, or its placeholder when there are none: never a blank panel. */
export function RowsGrid<Row extends { id: string }>(props: { rows: Row[]; columns: ColDef<Row>[]; empty: ReactNode }) {
  if (props.rows.length === 0) return <Placeholder>{props.empty}</Placeholder>;
  return (
    <div className="grid-host">
      <AgGridReact<Row>
        theme={gridTheme}
        rowData={props.rows}
        columnDefs={props.columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.id}
        suppressCellFocus
        animateRows={false}
      />
    </div>
  );
}
