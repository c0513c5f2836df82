import { Panel, Placeholder } from '../components/Panel';
import { Split } from '../components/Split';
import { useVault } from '../state/vault';
import { AccountList } from './accounts/AccountList';
import { AddAccount } from './accounts/AddAccount';
import { ProductionConfirm } from './accounts/ProductionConfirm';
import { VaultGate } from './accounts/VaultGate';
import { VaultSettings } from './accounts/VaultSettings';

/**
 * The venue accounts in the engine's vault. Locked (or with no vault yet) it shows only the way in;
 * unlocked: the accounts, the form to add one, and the vault's settings, left to right. Nothing here
 * ever holds a key or a secret after it is sent: the engine answers with AccountViews only.
 */
export function Accounts() {
  const state = useVault((s) => s.state);
  let content;
  if (!state) {
    content = (
      <Panel name="Vault">
        <Placeholder>Waiting for the vault…</Placeholder>
      </Panel>
    );
  } else if (state.vault !== 'unlocked') {
    content = <VaultGate key={state.vault} state={state} />;
  } else {
    content = (
      <Split
        id="accounts-cols"
        orientation="horizontal"
        panes={[
          // The list gets the most room: a testnet account with custom endpoints carries two badges.
          { id: 'accounts-list', size: '49%', min: '25%', content: <AccountList accounts={state.accounts} /> },
          { id: 'accounts-add', size: '31%', min: '20%', content: <AddAccount /> },
          { id: 'accounts-vault', size: '20%', min: '14%', content: <VaultSettings idleLockMinutes={state.idleLockMinutes} device={state.device} /> },
        ]}
      />
    );
  }
  return (
    <section className="accounts" aria-label="Accounts">
      <ProductionConfirm />
      <div className="accounts-body">{content}</div>
    </section>
  );
}
