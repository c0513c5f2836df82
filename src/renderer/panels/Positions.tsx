import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { formatPrice, formatQty, formatQuote } from '../../contract/format';
import { Panel } from '../components/Panel';
import { AccountCell } from '../grid/AccountCell';
import { col, numCol } from '../grid/defaults';
import { RowsGrid } from '../grid/RowsGrid';
import { useAccount } from '../state/account';
import { useInstrumentIndex } from '../state/market';
import { instrumentKey } from '../state/reducers';
import { plainAvgPrice, plainPnl } from '../view/numbers';
import { useFormatVersion } from '../state/settings';
import { conversionChoices, dayText, m2mText, productsText, venueColumnsShown } from '../view/venuePositions';
import { ConvertDialog } from './positions/ConvertDialog';

interface Row {
  id: string;
  account: string;
  symbol: string;
  qty: string;
  qtySign: number;
  /** The venue's own position (derivatives accounts), '—' where the venue reports none. */
  atVenue: string;
  /** The venue's position differs from ours: opened outside the terminal, or a fill not booked yet. */
  differs: boolean;
  avg: string;
  mark: string;
  upnl: string;
  upnlSign: number;
  rpnl: string;
  rpnlSign: number;
  fees: string;
  /** Kite: the venue's position per product ("NRML 75 · MIS -25"), today's part of it, and the day's M2M. */
  products: string;
  day: string;
  m2m: string;
  m2mSign: number;
  /** Opens "Convert" for a position Kite can convert; absent elsewhere. */
  convert?: () => void;
}

function ConvertCell(p: ICellRendererParams<Row>) {
  const convert = p.data?.convert;
  if (!convert) return null;
  return (
    <span className="cancel-cell">
      <button type="button" className="btn btn-small" title="Convert the position's product (MIS, NRML, CNC) at Kite" onClick={convert}>
        Convert
      </button>
    </span>
  );
}

const signClass = (s: number): string => (s > 0 ? 'up' : s < 0 ? 'down' : '');

const baseColumns: ColDef<Row>[] = [
  col<Row>('account', 'Acct', 68, { cellRenderer: AccountCell, tooltipField: 'account', headerTooltip: 'Account: SIM, or the account name' }),
  // Wide enough for a Kite symbol ("NFO:NIFTY26DECFUT"); a longer option symbol shows whole in the tooltip.
  col<Row>('symbol', 'Symbol', 152, { tooltipField: 'symbol' }),
  numCol<Row>('qty', 'Qty', 64, { cellClass: (p) => `num ${signClass(p.data?.qtySign ?? 0)}` }),
  numCol<Row>('atVenue', 'At venue', 64, {
    headerTooltip: "The position as the venue holds it (futures accounts); amber when it differs from the terminal's",
    cellClass: (p) => `num ${p.data?.differs ? 'differs' : ''}`,
  }),
  numCol<Row>('avg', 'Avg price', 70),
  numCol<Row>('mark', 'Mark', 70),
  numCol<Row>('upnl', 'Unreal. P&L', 78, { headerTooltip: "Unrealised P&L, marked to mid (perpetuals: the venue's mark price)", cellClass: (p) => `num ${signClass(p.data?.upnlSign ?? 0)}` }),
  numCol<Row>('rpnl', 'Real. P&L', 74, { headerTooltip: 'Realised P&L', cellClass: (p) => `num ${signClass(p.data?.rpnlSign ?? 0)}` }),
  numCol<Row>('fees', 'Fees', 72),
];

/** Shown only when some row has them (Kite accounts). */
const productColumns: ColDef<Row>[] = [
  col<Row>('products', 'Products', 110, { headerTooltip: "The position at the venue per product (Kite: CNC, MIS, NRML)", tooltipField: 'products' }),
  col<Row>('day', 'Day', 80, { headerTooltip: "Today's part of each product's position", tooltipField: 'day' }),
];
const m2mColumn = numCol<Row>('m2m', 'M2M', 80, { headerTooltip: "The day's mark-to-market at the venue (Kite), in rupees", cellClass: (p) => `num ${signClass(p.data?.m2mSign ?? 0)}` });
const convertColumn: ColDef<Row> = { colId: 'convert', headerName: '', minWidth: 76, maxWidth: 76, pinned: 'right', cellRenderer: ConvertCell };

export function Positions() {
  const positions = useAccount((s) => s.positions);
  const instruments = useInstrumentIndex();
  const [converting, setConverting] = useState<string | null>(null);
  const formatVersion = useFormatVersion();
  const shown = venueColumnsShown(Object.values(positions));
  const columns = useMemo(
    () => [...baseColumns, ...(shown.products ? productColumns : []), ...(shown.m2m ? [m2mColumn] : []), ...(shown.products ? [convertColumn] : [])],
    [shown.products, shown.m2m],
  );
  const rows = useMemo<Row[]>(
    () =>
      Object.values(positions)
        .sort((a, b) => a.venue.localeCompare(b.venue) || a.symbol.localeCompare(b.symbol))
        .flatMap((p) => {
          const inst = instruments.get(instrumentKey(p.venue, p.symbol));
          if (!inst) return [];
          return [
            {
              id: instrumentKey(p.venue, p.symbol),
              account: p.venue,
              symbol: p.symbol,
              qty: formatQty(inst, p.qty),
              qtySign: Math.sign(p.qty),
              atVenue: p.venueQty !== undefined ? formatQty(inst, p.venueQty) : '—',
              differs: p.venueQty !== undefined && p.venueQty !== p.qty,
              avg: p.avgPrice !== undefined && p.qty !== 0 ? plainAvgPrice(inst, p.avgPrice) : '—',
              mark: p.mark !== undefined ? formatPrice(inst, p.mark) : '—',
              upnl: p.unrealisedPnl !== undefined ? plainPnl(inst, p.unrealisedPnl) : '—',
              upnlSign: Math.sign(p.unrealisedPnl ?? 0),
              rpnl: plainPnl(inst, p.realisedPnl),
              rpnlSign: Math.sign(p.realisedPnl),
              fees: formatQuote(inst, p.fees),
              products: productsText(inst, p.venueProducts),
              day: dayText(inst, p.venueProducts),
              m2m: m2mText(p.venueM2m),
              m2mSign: Math.sign(Number(p.venueM2m ?? 0)),
              ...(conversionChoices(inst, p.venueProducts).length > 0 ? { convert: () => setConverting(instrumentKey(p.venue, p.symbol)) } : {}),
            },
          ];
        }),
    // formatVersion: Products and Day are text columns written here; they follow a change of Settings at once.
    [positions, instruments, formatVersion],
  );

  const target = converting !== null ? positions[converting] : undefined;
  const targetInst = target && instruments.get(instrumentKey(target.venue, target.symbol));
  return (
    <Panel name="Positions">
      <RowsGrid stateKey="positions" rows={rows} columns={columns} empty="No positions" />
      {target && targetInst && <ConvertDialog position={target} inst={targetInst} onClose={() => setConverting(null)} />}
    </Panel>
  );
}
