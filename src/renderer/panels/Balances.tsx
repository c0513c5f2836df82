import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { Panel } from '../components/Panel';
import { AccountCell } from '../grid/AccountCell';
import { col, numCol } from '../grid/defaults';
import { RowsGrid } from '../grid/RowsGrid';
import { useBalances } from '../state/balances';
import { type BalanceGridRow, balanceRows, kiteColumnsShown } from '../view/balances';
import { useFormatVersion } from '../state/settings';

const columns: ColDef<BalanceGridRow>[] = [
  col<BalanceGridRow>('account', 'Acct', 68, { cellRenderer: AccountCell, tooltipField: 'account', headerTooltip: 'Account: SIM, or the account name' }),
  // Wide enough for Kite's margin segments ("INR commodity") and a holding's "NSE:RELIANCE".
  col<BalanceGridRow>('asset', 'Asset', 108, { tooltipField: 'asset' }),
  numCol<BalanceGridRow>('free', 'Free', 96, { headerTooltip: 'Free to trade with (Kite margins: available)', tooltipField: 'free' }),
  numCol<BalanceGridRow>('locked', 'Locked', 84, { headerTooltip: 'Held by working orders (Kite margins: used by positions and orders)', tooltipField: 'locked' }),
  numCol<BalanceGridRow>('value', 'Value', 100, { headerTooltip: "Free + locked at the mid of the asset's pair with the quote asset on the same account" }),
];
const t1Column = numCol<BalanceGridRow>('t1', 'T1', 52, { headerTooltip: 'Kite holdings: shares bought and not yet delivered (T+1)' });
const collateralColumn = numCol<BalanceGridRow>('collateral', 'Collateral', 80, { headerTooltip: "Kite holdings: shares pledged for margin; margins: the collateral's value" });

/** Every account's assets as its venue last reported them (SIM keeps positions, not per-asset balances). */
export function Balances() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const byAccount = useBalances((s) => s.byAccount);
  const rows = useMemo(() => balanceRows(byAccount), [byAccount]);
  const shown = kiteColumnsShown(rows);
  const cols = useMemo(() => [...columns, ...(shown.t1 ? [t1Column] : []), ...(shown.collateral ? [collateralColumn] : [])], [shown.t1, shown.collateral]);
  return (
    <Panel name="Balances">
      <RowsGrid stateKey="balances" rows={rows} columns={cols} empty="No account balances yet (SIM keeps positions, not balances)" />
    </Panel>
  );
}
