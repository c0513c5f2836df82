import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { Panel } from '../components/Panel';
import { AccountCell } from '../grid/AccountCell';
import { col, numCol } from '../grid/defaults';
import { RowsGrid } from '../grid/RowsGrid';
import { useBalances } from '../state/balances';
import { type BalanceGridRow, balanceRows } from '../view/balances';

const columns: ColDef<BalanceGridRow>[] = [
  col<BalanceGridRow>('account', 'Acct', 68, { cellRenderer: AccountCell, tooltipField: 'account', headerTooltip: 'Account: SIM, or the account name' }),
  // Wide enough for Kite's margin segments ("INR commodity") and a holding's "NSE:RELIANCE".
  col<BalanceGridRow>('asset', 'Asset', 108, { tooltipField: 'asset' }),
  numCol<BalanceGridRow>('free', 'Free', 96),
  numCol<BalanceGridRow>('locked', 'Locked', 84, { headerTooltip: 'Held by working orders' }),
  numCol<BalanceGridRow>('value', 'Value', 100, { headerTooltip: "Free + locked at the mid of the asset's pair with the quote asset on the same account" }),
];

/** Every account's assets as its venue last reported them (SIM keeps positions, not per-asset balances). */
export function Balances() {
  const byAccount = useBalances((s) => s.byAccount);
  const rows = useMemo(() => balanceRows(byAccount), [byAccount]);
  return (
    <Panel name="Balances">
      <RowsGrid rows={rows} columns={columns} empty="No account balances yet (SIM keeps positions, not balances)" />
    </Panel>
  );
}
