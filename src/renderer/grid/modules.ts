import {
  CellStyleModule,
  ColumnApiModule,
  ClientSideRowModelModule,
  CustomEditorModule,
  type Module,
  TooltipModule,
} from 'ag-grid-community';

/**
 * The AG Grid features our grids use, and nothing else (AllCommunityModule would bundle filters, CSV
 * export, pagination, row selection... that no grid shows). RowsGrid hands rows in as data
 * (ClientSideRowModel); the columns use cellClass (CellStyle), headerTooltip/tooltipField/
 * tooltipValueGetter (Tooltip) and, in Open orders, an editable cell with our own editor
 * (CustomEditor, which brings the editing core that readOnlyEdit and stopEditingWhenCellsLoseFocus
 * need). Cell renderers given as React components, valueFormatter, flex widths, resizable and pinned
 * columns and the 'rightAligned' column type are in the grid's core. A grid that starts using another
 * feature must add its module here: AG Grid logs "error #200 ... not registered" if one is missing.
 * ColumnApi: getColumnState/applyColumnState, the column layouts saved with a workspace (grid/columnStates.ts).
 */
export const gridModules: Module[] = [
  ClientSideRowModelModule,
  CellStyleModule,
  TooltipModule,
  CustomEditorModule,
  ColumnApiModule,
];
