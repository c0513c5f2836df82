import type { CellDoubleClickedEvent, ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import type { Fill } from '../../contract/api';
import { formatPrice, formatQty, formatQuote } from '../../contract/format';
import { Panel } from '../components/Panel';
import { col, numCol, sideCol, timeCol } from '../grid/defaults';
import { HistoryCell } from '../grid/HistoryCell';
import { RowsGrid } from '../grid/RowsGrid';
import { useAccount } from '../state/account';
import { useAlgos } from '../state/algos';
import { parentOf } from '../view/algoRows';
import { useInstrumentIndex } from '../state/market';
import { orderHistory } from '../state/orderHistory';
import { instrumentKey } from '../state/reducers';
import { useFormatVersion } from '../state/settings';

interface Row {
  id: string;
  /** Engine time, ms (the column writes it in the Settings' zone). */
  time: number;
  symbol: string;
  side: Fill['side'];
  price: string;
  qty: string;
  fee: string;
  liquidity: string;
  /** The order this fill belongs to. */
  order: string;
  /** The execution algo whose child this fill is ('' for an order of its own). */
  parent: string;
}

const columns: ColDef<Row>[] = [
  timeCol<Row>('time', 'Time', 70),
  // Wide enough for a Kite symbol ("NFO:NIFTY26DECFUT"); a longer option symbol shows whole in the tooltip.
  col<Row>('symbol', 'Symbol', 152, { tooltipField: 'symbol' }),
  sideCol<Row>('side'),
  numCol<Row>('price', 'Price', 70),
  numCol<Row>('qty', 'Qty', 62),
  numCol<Row>('fee', 'Fee', 66),
  col<Row>('liquidity', 'Liquidity', 72, { headerTooltip: 'Maker or taker; "Settlement" when the venue closed the position at its expiry' }),
  // Last, not pinned: price and size come first in a narrow panel; double-clicking a row opens the history too.
  col<Row>('order', 'Order', 76, { cellRenderer: HistoryCell, headerTooltip: 'Client order id: click for its history' }),
  col<Row>('parent', 'Parent', 80, { headerTooltip: 'The algo (parent order) this fill is a child of' }),
];

/** Double-click anywhere on a fill (but its button) opens its order's history. */
function onDoubleClick(e: CellDoubleClickedEvent<Row>): void {
  if (e.data && e.column.getColId() !== 'order') orderHistory.open(e.data.order);
}

export function Fills() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const fills = useAccount((s) => s.fills);
  const instruments = useInstrumentIndex();
  const parents = useAlgos((s) => s.algos);
  const parentIds = useMemo(() => new Set(parents.map((a) => a.id)), [parents]);
  const rows = useMemo<Row[]>(
    () =>
      fills.map((f) => {
        const inst = instruments.get(instrumentKey(f.venue, f.symbol));
        return {
          id: f.fillId,
          time: f.ts,
          symbol: f.symbol,
          side: f.side,
          price: inst ? formatPrice(inst, f.price) : String(f.price),
          qty: inst ? formatQty(inst, f.qty) : String(f.qty),
          fee: inst ? formatQuote(inst, f.fee) : String(f.fee),
          // A settlement is the venue closing an expired contract at its settlement price, not a trade.
          liquidity: f.settlement === true ? 'Settlement' : f.liquidity === 'maker' ? 'Maker' : 'Taker',
          order: f.clientOrderId,
          parent: parentOf(f.clientOrderId, parentIds) ?? '',
        };
      }),
    [fills, instruments, parentIds],
  );

  return (
    <Panel
      name="Fills"
      title={
        <>
          Fills<span className="count">{rows.length}</span>
        </>
      }
    >
      <RowsGrid stateKey="fills" rows={rows} columns={columns} empty="No fills yet" onCellDoubleClicked={onDoubleClick} />
    </Panel>
  );
}
