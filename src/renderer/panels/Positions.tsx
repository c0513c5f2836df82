import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { formatPrice, formatQty, formatQuote } from '../../contract/format';
import { Panel } from '../components/Panel';
import { AccountCell } from '../grid/AccountCell';
import { col, numCol } from '../grid/defaults';
import { RowsGrid } from '../grid/RowsGrid';
import { useAccount } from '../state/account';
import { useInstrumentIndex } from '../state/market';
import { instrumentKey } from '../state/reducers';
import { avgPriceText, pnlText } from '../view/numbers';

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
}

const signClass = (s: number): string => (s > 0 ? 'up' : s < 0 ? 'down' : '');

const columns: ColDef<Row>[] = [
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

export function Positions() {
  const positions = useAccount((s) => s.positions);
  const instruments = useInstrumentIndex();
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
              avg: p.avgPrice !== undefined && p.qty !== 0 ? avgPriceText(inst, p.avgPrice) : '—',
              mark: p.mark !== undefined ? formatPrice(inst, p.mark) : '—',
              upnl: p.unrealisedPnl !== undefined ? pnlText(inst, p.unrealisedPnl) : '—',
              upnlSign: Math.sign(p.unrealisedPnl ?? 0),
              rpnl: pnlText(inst, p.realisedPnl),
              rpnlSign: Math.sign(p.realisedPnl),
              fees: formatQuote(inst, p.fees),
            },
          ];
        }),
    [positions, instruments],
  );

  return (
    <Panel name="Positions">
      <RowsGrid rows={rows} columns={columns} empty="No positions" />
    </Panel>
  );
}
