import { useState } from 'react';
import type { AccountView } from '../../../contract/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Panel, Placeholder } from '../../components/Panel';
import { kiteLogout, lockVault, removeAccount, setAccountEnabled, testAccount } from '../../state/accountActions';
import { environmentBadges, kiteSessionText, marketTypesText, venueText } from '../../view/accounts';
import { EditAccount } from './EditAccount';
import { KiteLogin } from './KiteLogin';

/** The outcome of the last Test, Enabled or Lock, said under the table. */
type Note = { ok: boolean; text: string } | null;

function Environment({ account }: { account: AccountView }) {
  const badges = environmentBadges(account);
  if (badges.length === 0) return <span className="muted">production</span>;
  return (
    <span className="env-badges">
      {badges.map((b) => (
        <span key={b.text} className={`badge ${b.text === 'TESTNET' ? 'badge-testnet' : 'badge-endpoint'}`} title={b.detail}>
          {b.text}
        </span>
      ))}
    </span>
  );
}

/**
 * A kite account's daily login, on a line of its own under the account's row (the columns are too narrow
 * for it): its state, and the button that starts a login or ends the session.
 */
function KiteSession(props: { account: AccountView; onLogin: () => void; onNote: (note: Note) => void }) {
  const { account } = props;
  const session = kiteSessionText(account);
  if (!session) return null;
  return (
    <tr className={`kite-session-row${account.enabled ? '' : ' disabled'}`}>
      <td colSpan={6}>
        <div className="kite-session">
          <span className="muted">Kite login</span>
          <span className={session.loggedIn ? 'kite-logged-in' : 'kite-expired'} title={session.detail}>
            {session.text}
          </span>
          {session.loggedIn ? (
            <button
              type="button"
              className="btn btn-small"
              title={`Forget ${account.name}'s Kite access token: the account stops trading until the next login`}
              onClick={async () => {
                props.onNote(null);
                const reply = await kiteLogout(account.id);
                if (!reply.ok) props.onNote({ ok: false, text: `${account.name} not logged out: ${reply.error.message}` });
              }}
            >
              Log out of Kite
            </button>
          ) : (
            <button type="button" className="btn btn-small btn-primary" title={`Open Kite's login page for ${account.name}`} onClick={props.onLogin}>
              Log in to Kite
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function AccountRow(props: { account: AccountView; onNote: (note: Note) => void; onEdit: () => void; onRemove: () => void; onKiteLogin: () => void }) {
  const { account, onNote } = props;
  const [pending, setPending] = useState<boolean | null>(null);
  const [testing, setTesting] = useState(false);
  return (
    <>
      <tr className={account.enabled ? undefined : 'disabled'}>
        <th scope="row" title={account.name}>
          {account.name}
        </th>
        <td title={account.venue}>
          {venueText(account.venue)}
          {marketTypesText(account) !== undefined && <span className="muted" title="The market types this account loads and trades">{` · ${marketTypesText(account)}`}</span>}
        </td>
        <td className="env">
          <Environment account={account} />
        </td>
        <td className="num" title="The end of the API key's SHA-256: tells keys apart, reveals nothing usable">
          {account.keyFingerprint}
        </td>
        <td>
          <input
            type="checkbox"
            aria-label="Enabled"
            checked={pending ?? account.enabled}
            disabled={pending !== null}
            onChange={async (e) => {
              // Shows the choice at once; the engine's list takes over when it answers.
              const enabled = e.target.checked;
              setPending(enabled);
              onNote(null);
              const reply = await setAccountEnabled(account.id, enabled);
              setPending(null);
              if (!reply.ok) onNote({ ok: false, text: `${account.name} not changed: ${reply.error.message}` });
            }}
          />
        </td>
        <td className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={testing}
            title={`Connect with ${account.name}'s key and show its balances`}
            onClick={async () => {
              setTesting(true);
              onNote(null);
              const reply = await testAccount(account.id);
              setTesting(false);
              onNote(
                reply.ok
                  ? { ok: true, text: `${account.name}: connected, ${reply.value.balances.length} balances` }
                  : { ok: false, text: `Test of ${account.name}: ${reply.error.message}` },
              );
            }}
          >
            Test
          </button>
          <button type="button" className="btn btn-small" title={`Change ${account.name}'s name, environment, URLs or key`} onClick={props.onEdit}>
            Edit
          </button>
          <button type="button" className="btn btn-small" title={`Delete ${account.name}'s key and secret from the vault`} onClick={props.onRemove}>
            Remove
          </button>
        </td>
      </tr>
      <KiteSession account={account} onLogin={props.onKiteLogin} onNote={onNote} />
    </>
  );
}

/** The vault's accounts, each with its environment badges, key fingerprint, Enabled, Test, Edit and Remove; and Lock. */
export function AccountList({ accounts }: { accounts: AccountView[] }) {
  const [note, setNote] = useState<Note>(null);
  const [removing, setRemoving] = useState<AccountView | null>(null);
  const [editing, setEditing] = useState<AccountView | null>(null);
  const [loggingIn, setLoggingIn] = useState<string | null>(null);
  // The account as the engine last reported it, so the dialog sees a login completed elsewhere.
  const loginAccount = loggingIn === null ? undefined : accounts.find((a) => a.id === loggingIn);
  return (
    <Panel
      name="Account list"
      title={
        <>
          Accounts<span className="count">{accounts.length}</span>
        </>
      }
      extra={
        <>
          <span className="vault-open" title="The vault is unlocked: its data key is in the engine's memory">
            UNLOCKED
          </span>
          <button
            type="button"
            className="btn btn-small"
            title="Lock the vault now: the engine forgets its key until the passphrase is entered again"
            onClick={async () => {
              const reply = await lockVault();
              if (!reply.ok) setNote({ ok: false, text: `Not locked: ${reply.error.message}` });
            }}
          >
            Lock
          </button>
        </>
      }
    >
      {accounts.length === 0 ? (
        <Placeholder>No accounts yet: add one with the form beside this list</Placeholder>
      ) : (
        <div className="risk-scroll">
          <table className="risk-table accounts-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Venue</th>
                <th>Environment</th>
                <th>Key</th>
                <th>Enabled</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <AccountRow
                  key={a.id}
                  account={a}
                  onNote={setNote}
                  onEdit={() => {
                    setNote(null);
                    setEditing(a);
                  }}
                  onRemove={() => setRemoving(a)}
                  onKiteLogin={() => {
                    setNote(null);
                    setLoggingIn(a.id);
                  }}
                />
              ))}
            </tbody>
          </table>
          {note && (
            <p className={note.ok ? 'risk-note' : 'risk-warn'} role={note.ok ? 'status' : 'alert'}>
              {note.text}
            </p>
          )}
        </div>
      )}
      {editing && (
        <EditAccount
          account={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setNote({ ok: true, text: `${saved.name}: changes saved` });
          }}
        />
      )}
      {loginAccount && (
        <KiteLogin
          account={loginAccount}
          onClose={(view) => {
            setLoggingIn(null);
            const until = view && kiteSessionText(view);
            if (view && until?.loggedIn) setNote({ ok: true, text: `${view.name}: ${until.text.replace('Logged in', 'logged in to Kite')}` });
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          keepLabel="Keep account"
          confirmLabel="Remove account"
          failure="Not removed"
          onConfirm={() => removeAccount(removing.id)}
          onClose={() => setRemoving(null)}
        >
          <p>
            Its API key and secret are deleted from the vault. Revoke the key at {venueText(removing.venue)} as well: a backup or older copy
            of vault.json still holds it.
          </p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
