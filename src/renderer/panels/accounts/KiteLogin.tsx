import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { AccountView } from '../../../contract/api';
import { FormField } from '../../components/FormField';
import { useFocusTrap } from '../../components/useFocusTrap';
import { completeKiteLogin, kiteLoginUrl } from '../../state/accountActions';

/**
 * A kite account's daily login. The engine gives Kite's login page for the account; the trader opens it
 * (a new browser tab, or the system browser in the desktop app), logs in at Kite, and Kite redirects to
 * the app's registered redirect URL. If that URL is this host's `/kite/redirect`, the login completes by
 * itself and this dialog closes on the account's event; otherwise the trader pastes the address Kite
 * landed on (or just its request_token) here. The access token never reaches this screen.
 */
export function KiteLogin(props: { account: AccountView; onClose: (view?: AccountView) => void }) {
  const { account } = props;
  const titleId = useId();
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [redirect, setRedirect] = useState('');
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  useFocusTrap(dialogRef);
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;

  useEffect(() => {
    let live = true;
    void kiteLoginUrl(account.id).then((reply) => {
      if (!live) return;
      if (reply.ok) setUrl(reply.value.url);
      else setProblem(reply.error.message);
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      live = false;
      window.removeEventListener('keydown', onKey);
    };
  }, [account.id]);

  // Logged in some other way meanwhile (the host's redirect route, sq account login): nothing left to do.
  useEffect(() => {
    if (account.session?.loggedIn) onCloseRef.current(account);
  }, [account]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (redirect.trim() === '') {
      setProblem('paste the address Kite redirected to, or its request_token');
      return;
    }
    setBusy(true);
    setProblem(null);
    const reply = await completeKiteLogin(account.id, redirect.trim());
    setBusy(false);
    setRedirect('');
    if (reply.ok) props.onClose(reply.value);
    else setProblem(reply.error.message);
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="dialog dialog-wide" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef}>
        <h2 id={titleId}>Log in to Kite: {account.name}</h2>
        <p className="dialog-sub">Kite's access token lasts until 06:00 IST: the account trades once you are logged in.</p>
        <ol className="kite-steps">
          <li>
            {url ? (
              <a href={url} target="_blank" rel="noreferrer noopener" className="kite-login-link">
                Open Kite's login page
              </a>
            ) : (
              <span className="muted">{problem ? 'No login page' : 'Asking the engine for the login page…'}</span>
            )}{' '}
            and log in with your Zerodha user id, password and 2FA.
          </li>
          <li>Kite sends your browser to your app's redirect URL. If that is this terminal's /kite/redirect, you are done; otherwise paste the address it landed on below.</li>
        </ol>
        <form className="account-form" onSubmit={submit} noValidate>
          <div className="form-grid">
            <FormField
              label="Redirected URL"
              error={problem ?? undefined}
              input={{ value: redirect, placeholder: 'https://…?request_token=…&status=success', onChange: (e) => setRedirect(e.target.value) }}
            />
          </div>
          <div className="actions">
            <button type="button" className="btn" onClick={() => props.onClose()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || url === null}>
              {busy ? 'Logging in…' : 'Complete login'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
