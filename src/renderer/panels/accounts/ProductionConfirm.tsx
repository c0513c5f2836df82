import { preferences, usePreferences } from '../../state/preferences';

/**
 * Whether every order to a production account waits for a second click with its terms. Shown whatever
 * the vault's state: it protects the accounts even while the trader is not managing them. SIM never asks.
 */
export function ProductionConfirm() {
  const on = usePreferences((s) => s.confirmProductionOrders);
  return (
    <div className="accounts-options">
      <label className="check field-check">
        <input type="checkbox" checked={on} onChange={(e) => void preferences.setConfirmProductionOrders(e.target.checked)} />
        Confirm every order on production accounts
      </label>
      <span className="muted">Shows the order's terms before it is sent to real money; SIM and testnet orders go at once.</span>
    </div>
  );
}
