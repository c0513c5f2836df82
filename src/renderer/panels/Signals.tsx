import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { Panel, Placeholder } from '../components/Panel';
import { defaultColDef, numCol } from '../grid/defaults';
import { useGridTheme } from '../grid/theme';
import { market, useMarket } from '../state/market';
import { usePreferences } from '../state/preferences';
import { signals } from '../state/signals';
import { COMPONENTS, compareSignal, signalColour, signalInstruments, signalRows, type SignalRow, signedText } from '../view/signals';
import { usePolled } from './signals/usePolled';
import { useFormatVersion } from '../state/settings';

/** The grid asks for every row at once; a couple of seconds keeps the engine's load small for a long watchlist. */
const LIST_POLL_MS = 2000;

/** The instrument as a button: a click (or Enter) focuses it, as a click anywhere on its row does. */
function InstrumentCell(p: ICellRendererParams<SignalRow>) {
  const row = p.data;
  if (!row) return null;
  return (
    <button type="button" className="sig-focus" aria-label={`Focus ${row.instrument}`} title={`Focus ${row.instrument} (${row.venue})`} onClick={() => market.setFocus({ venue: row.venue, symbol: row.instrument })}>
      {row.instrument}
    </button>
  );
}

/** A colour-scaled signal column: red … neutral … green behind the number, sortable with missing values last. */
function signalCol(field: keyof SignalRow & string, headerName: string, headerTooltip: string, width = 66): ColDef<SignalRow> {
  return numCol<SignalRow>(field, headerName, width, {
    sortable: true,
    headerTooltip,
    comparator: (a: number | undefined, b: number | undefined, _na, _nb, descending) => compareSignal(a, b, descending),
    valueFormatter: (p) => signedText(p.value as number | undefined),
    cellStyle: (p) => ({ background: signalColour(p.value as number | undefined) ?? 'transparent' }),
  });
}

const COLUMNS: ColDef<SignalRow>[] = [
  { field: 'instrument', headerName: 'Instrument', minWidth: 96, flex: 96, pinned: 'left', sortable: true, cellRenderer: InstrumentCell },
  signalCol('composite', 'Composite', 'Weighted mean of the fresh components, −1 … +1', 76),
  ...COMPONENTS.map((c) => signalCol(c.name, c.label, c.title)),
  numCol<SignalRow>('fresh', 'Fresh', 44, { sortable: true, headerTooltip: 'Components with a fresh value (of 10)' }),
];

/**
 * Every signal for the watchlist (or, with an empty watchlist, the focused venue's instruments without options):
 * composite and the ten components, colour-scaled, sortable; a row click focuses the instrument.
 */
export function Signals(props: { visible: boolean }) {
  // New row objects on a change of the Settings' number format: the grid writes its cells again at once.
  const formatVersion = useFormatVersion();
  const watchlists = usePreferences((s) => s.watchlists);
  const instruments = useMarket((s) => s.instruments);
  const focusVenue = useMarket((s) => s.focus.venue);
  const list = useMemo(() => signalInstruments(watchlists, instruments, focusVenue), [watchlists, instruments, focusVenue]);
  const key = list.map((i) => i.symbol).join(',');
  const { value, error } = usePolled(list.length > 0 ? key : undefined, props.visible, LIST_POLL_MS, () =>
    signals.list(list.map((i) => i.symbol)),
  );
  const rows = useMemo(() => signalRows(list, value ?? []), [list, value, formatVersion]);
  const gridTheme = useGridTheme();
  const fromWatchlist = Object.values(watchlists).some((s) => s.length > 0);
  return (
    <Panel
      name="Signals"
      extra={<span className="muted sig-grid-note">{fromWatchlist ? 'Watchlist' : `${focusVenue} instruments (the watchlist is empty)`}</span>}
    >
      {list.length === 0 ? (
        <Placeholder>No instruments: star some in the instrument picker</Placeholder>
      ) : value === undefined ? (
        <Placeholder>{error ?? 'Reading the signals…'}</Placeholder>
      ) : (
        <div className="grid-host sig-grid">
          <AgGridReact<SignalRow>
            theme={gridTheme}
            rowData={rows}
            columnDefs={COLUMNS}
            defaultColDef={defaultColDef}
            getRowId={(p) => p.data.id}
            suppressCellFocus
            animateRows={false}
            suppressColumnVirtualisation
            onRowClicked={(e) => e.data && market.setFocus({ venue: e.data.venue, symbol: e.data.instrument })}
            rowClassRules={{ 'sig-row-focused': (p) => p.data?.instrument === useMarket.getState().focus.symbol }}
          />
        </div>
      )}
    </Panel>
  );
}
