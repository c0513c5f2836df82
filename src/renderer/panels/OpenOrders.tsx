import type { CellDoubleClickedEvent, CellEditRequestEvent, ColDef, EditableCallbackParams, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { exportAuditCsv } from '../components/exportAudit';
import { NoticeBar } from '../components/NoticeBar';
import { Panel } from '../components/Panel';
import { AmendCellEditor } from '../grid/AmendCellEditor';
import { col, numCol, sideCol } from '../grid/defaults';
import { AccountCell } from '../grid/AccountCell';
import { HistoryCell } from '../grid/HistoryCell';
import { RowsGrid } from '../grid/RowsGrid';
import { amendOrder, cancelAll, cancelOrder } from '../state/actions';
import { useAccount } from '../state/account';
import { useInstrumentIndex } from '../state/market';
import { orderHistory } from '../state/orderHistory';
import { orderNotices, useOrderNotices } from '../state/orderNotices';
import { useFormatVersion } from '../state/settings';
import { allOrders, instrumentKey, isWorkingOrder, workingOrders } from '../state/reducers';
import { type AmendColumn, amendFromEdit, amendRefusedText } from '../view/amend';
import { type OrderRow, orderRow } from '../view/orderRows';

function CancelCell(p: ICellRendererParams<OrderRow>) {
  const row = p.data;
  if (!row?.working) return null;
  return (
    <span className="cancel-cell">
      <button
        type="button"
        className="btn btn-small"
        disabled={!row.cancelable}
        title={row.cancelable ? undefined : 'A cancel is already on its way'}
        onClick={async () => {
          const reply = await cancelOrder(row.id);
          if (!reply.ok) orderNotices.show({ kind: 'bad', text: `Cancel ${row.id} failed: ${reply.error.message}` });
        }}
      >
        Cancel
      </button>
    </span>
  );
}

/** The grid columns an amend can change, by colId. */
const amendColumns: Record<string, AmendColumn> = { price: 'price', stop: 'stopPrice', qty: 'qty' };

const editableIf = (column: AmendColumn) => (p: EditableCallbackParams<OrderRow>) => p.data?.editable[column] ?? false;

/** An editable cell looks it (a dotted underline) and says how in its tooltip. */
function amendCol(field: 'price' | 'stop' | 'qty', header: string, width: number, column: AmendColumn): ColDef<OrderRow> {
  return numCol<OrderRow>(field, header, width, {
    colId: field,
    editable: editableIf(column),
    cellEditor: AmendCellEditor,
    cellClass: (p) => (p.data?.editable[column] ? 'num editable' : 'num'),
    tooltipValueGetter: (p) =>
      p.data?.pendingTitle ?? (p.data?.editable[column] ? `Double-click or Enter to amend the ${header.toLowerCase()}; Enter sends, Escape cancels` : undefined),
  });
}

// No Time column: the drawer has it (and the Order cell's tooltip); the width goes to the order's terms.
const columns: ColDef<OrderRow>[] = [
  col<OrderRow>('account', 'Acct', 68, { cellRenderer: AccountCell, tooltipField: 'account', headerTooltip: 'Account: SIM, or the account name' }),
  // Wide enough for a Kite symbol ("NFO:NIFTY26DECFUT"); a longer option symbol shows whole in the tooltip.
  col<OrderRow>('symbol', 'Symbol', 152, { tooltipField: 'symbol' }),
  sideCol<OrderRow>('side'),
  col<OrderRow>('type', 'Type', 84, { tooltipField: 'type' }),
  amendCol('price', 'Price', 76, 'price'),
  amendCol('stop', 'Stop', 64, 'stopPrice'),
  { ...amendCol('qty', 'Qty', 64, 'qty'), headerTooltip: 'Total quantity, filled part included' },
  numCol<OrderRow>('filled', 'Filled', 58),
  col<OrderRow>('status', 'Status', 86, { cellClass: (p) => `status tone-${p.data?.tone ?? ''}`, tooltipValueGetter: (p) => p.data?.pendingTitle }),
  numCol<OrderRow>('version', 'Ver', 30, { headerTooltip: 'Version: 1 as sent, +1 for each amend the venue confirmed' }),
  col<OrderRow>('group', 'Group', 84, { tooltipField: 'group' }),
  col<OrderRow>('id', 'Order', 74, {
    cellRenderer: HistoryCell,
    headerTooltip: 'Client order id: click for its history',
    tooltipValueGetter: (p) => (p.data ? `${p.data.id}, placed ${p.data.time}` : undefined),
  }),
  // Pinned: the Cancel button stays in view however narrow the panel is.
  { colId: 'cancel', headerName: '', minWidth: 68, maxWidth: 68, pinned: 'right', cellRenderer: CancelCell },
];

/** Double-click opens the order's history, except on a cell that edits (there it starts the amend) or holds a button. */
function onDoubleClick(e: CellDoubleClickedEvent<OrderRow>): void {
  const row = e.data;
  if (!row) return;
  const colId = e.column.getColId();
  const amend = amendColumns[colId];
  if ((amend && row.editable[amend]) || colId === 'cancel' || colId === 'id') return;
  orderHistory.open(row.id);
}

export function OpenOrders() {
  const orders = useAccount((s) => s.orders);
  const instruments = useInstrumentIndex();
  const notice = useOrderNotices((s) => s.notice);
  const [showFinished, setShowFinished] = useState(false);
  const [exporting, setExporting] = useState(false);
  const formatVersion = useFormatVersion();

  const rows = useMemo<OrderRow[]>(
    () =>
      (showFinished ? allOrders(orders) : workingOrders(orders)).map((o) =>
        orderRow(instruments.get(instrumentKey(o.venue, o.symbol)), o, isWorkingOrder(o)),
      ),
    // formatVersion: the tooltips' texts (times, a pending amend) follow a change of Settings at once.
    [orders, instruments, showFinished, formatVersion],
  );
  const workingCount = showFinished ? rows.filter((r) => r.working).length : rows.length;

  /** A committed cell edit: checked like the ticket, sent as an amend, or refused with the reason; the row stays as it was either way until the engine says otherwise. */
  const onEditRequest = async (e: CellEditRequestEvent<OrderRow>) => {
    const column = amendColumns[e.column.getColId()];
    const order = e.data ? useAccount.getState().orders[e.data.id] : undefined;
    if (!column || !order) return;
    const inst = instruments.get(instrumentKey(order.venue, order.symbol));
    if (!inst) return;
    const parsed = amendFromEdit(inst, order, column, String(e.newValue ?? ''));
    if (parsed.kind === 'unchanged') return;
    if (parsed.kind === 'invalid') {
      orderNotices.show({ kind: 'bad', text: amendRefusedText(order.clientOrderId, column, parsed.reason) });
      return;
    }
    const id = order.clientOrderId;
    orderNotices.awaitAmend(id);
    const reply = await amendOrder(parsed.input);
    if (reply.ok) orderNotices.amendSent(id, `Amend ${id} sent; waiting for the venue`);
    else orderNotices.amendFailed(id, amendRefusedText(id, column, reply.error.message));
  };

  return (
    <Panel
      name="Open orders"
      title={
        <>
          Open orders<span className="count">{workingCount}</span>
        </>
      }
      extra={
        <>
          <label className="head-check" title="Also list the orders of this session that filled, were canceled, rejected or expired">
            <input type="checkbox" checked={showFinished} onChange={(e) => setShowFinished(e.target.checked)} />
            Show finished
          </label>
          <button
            type="button"
            className="btn btn-small"
            disabled={exporting}
            title="Download the audit trail of every order as CSV"
            onClick={async () => {
              setExporting(true);
              const r = await exportAuditCsv();
              setExporting(false);
              orderNotices.show({ kind: r.ok ? 'good' : 'bad', text: r.text });
            }}
          >
            Export audit
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={async () => {
              const reply = await cancelAll();
              orderNotices.show(reply.ok ? null : { kind: 'bad', text: `Cancel all failed: ${reply.error.message}` });
            }}
          >
            Cancel all
          </button>
        </>
      }
    >
      <div className="panel-stack">
        <NoticeBar notice={notice} onDismiss={() => orderNotices.show(null)} />
        <div className="panel-fill">
          <RowsGrid
            stateKey="orders"
            rows={rows}
            columns={columns}
            empty={showFinished ? 'No orders yet this session' : 'No open orders'}
            onEditRequest={(e) => void onEditRequest(e)}
            onCellDoubleClicked={onDoubleClick}
          />
        </div>
      </div>
    </Panel>
  );
}
