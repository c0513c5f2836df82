import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import type { Order } from '../../contract/api';
import { formatPrice, formatQty } from '../../contract/format';
import { Panel } from '../components/Panel';
import { col, numCol, sideCol } from '../grid/defaults';
import { RowsGrid } from '../grid/RowsGrid';
import { cancelAll, cancelOrder } from '../state/actions';
import { useAccount } from '../state/account';
import { useInstrumentIndex } from '../state/market';
import { instrumentKey, workingOrders } from '../state/reducers';
import { timeText } from '../view/numbers';

interface Row {
  id: string;
  time: string;
  symbol: string;
  side: Order['side'];
  type: string;
  price: string;
  qty: string;
  filled: string;
  status: string;
}

function CancelCell(p: ICellRendererParams<Row> & { onError: (m: string) => void }) {
  const id = p.data?.id;
  return (
    <span className="cancel-cell">
      <button
        type="button"
        className="btn btn-small"
        onClick={async () => {
          if (!id) return;
          const reply = await cancelOrder(id);
          if (!reply.ok) p.onError(`Cancel failed: ${reply.error.message}`);
        }}
      >
        Cancel
      </button>
    </span>
  );
}

export function OpenOrders() {
  const orders = useAccount((s) => s.orders);
  const instruments = useInstrumentIndex();
  const [error, setError] = useState<string | null>(null);

  const rows = useMemo<Row[]>(
    () =>
      workingOrders(orders).map((o) => {
        const inst = instruments.get(instrumentKey(o.venue, o.symbol));
        return {
          id: o.clientOrderId,
          time: timeText(o.createdAt),
          symbol: o.symbol,
          side: o.side,
          type: o.type === 'limit' ? `Limit${o.postOnly ? ' PO' : ''}${o.tif === 'IOC' ? ' IOC' : ''}` : 'Market',
          price: o.price === undefined ? 'MKT' : inst ? formatPrice(inst, o.price) : String(o.price),
          qty: inst ? formatQty(inst, o.qty) : String(o.qty),
          filled: inst ? formatQty(inst, o.filledQty) : String(o.filledQty),
          status: o.status === 'partially_filled' ? 'partial' : o.status,
        };
      }),
    [orders, instruments],
  );

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      col<Row>('time', 'Time', 70, { cellClass: 'num' }),
      col<Row>('symbol', 'Symbol', 76),
      sideCol<Row>('side'),
      col<Row>('type', 'Type', 56),
      numCol<Row>('price', 'Price', 70),
      numCol<Row>('qty', 'Qty', 62),
      numCol<Row>('filled', 'Filled', 62),
      col<Row>('status', 'Status', 70),
      {
        colId: 'cancel',
        headerName: '',
        minWidth: 64,
        maxWidth: 64,
        cellRenderer: CancelCell,
        cellRendererParams: { onError: setError },
      },
    ],
    [],
  );

  return (
    <Panel
      name="Open orders"
      title={
        <>
          Open orders<span className="count">{rows.length}</span>
        </>
      }
      extra={
        <>
          {error && (
            <span className="panel-message" role="alert" title={error}>
              {error}
            </span>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={async () => {
              const reply = await cancelAll();
              setError(reply.ok ? null : `Cancel all failed: ${reply.error.message}`);
            }}
          >
            Cancel all
          </button>
        </>
      }
    >
      <RowsGrid rows={rows} columns={columns} empty="No open orders" />
    </Panel>
  );
}
