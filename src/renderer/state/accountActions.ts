import type { CallInput, CallOutput, Reply } from '../../contract/api';
import { bridge } from './bridgeRef';
import { vault } from './vault';

/**
 * The Accounts screen's commands. Passphrases and secrets go to the engine in the call and are kept
 * nowhere here; what comes back is the vault's state or an account's view, never a key or a secret.
 */

async function withState<N extends 'accounts.create' | 'accounts.unlock' | 'accounts.lock' | 'accounts.changePassphrase' | 'accounts.setIdleLock' | 'accounts.setRemember'>(
  name: N,
  input: CallInput<N>,
): Promise<Reply<CallOutput<N>>> {
  const reply = await bridge().call(name, input);
  if (reply.ok) vault.apply(reply.value);
  return reply;
}

export const createVault = (passphrase: string, confirm: string) => withState('accounts.create', { passphrase, confirm });
export const unlockVault = (passphrase: string) => withState('accounts.unlock', { passphrase });
export const lockVault = () => withState('accounts.lock', {});
export const changePassphrase = (current: string, next: string) => withState('accounts.changePassphrase', { current, next });
export const setIdleLock = (minutes: number) => withState('accounts.setIdleLock', { minutes });
export const setRememberOnDevice = (remember: boolean) => withState('accounts.setRemember', { remember });

/** The changed list arrives as an `accounts` event. */
export const addAccount = (input: CallInput<'accounts.add'>) => bridge().call('accounts.add', input);
export const editAccount = (input: CallInput<'accounts.edit'>) => bridge().call('accounts.edit', input);
export const setAccountEnabled = (id: string, enabled: boolean) => bridge().call('accounts.setEnabled', { id, enabled });
export const removeAccount = (id: string) => bridge().call('accounts.remove', { id });
export const testAccount = (id: string) => bridge().call('accounts.test', { id });
/** A kite account's daily login: the page to open, then the redirect Kite answered with (or its request_token). */
export const kiteLoginUrl = (id: string) => bridge().call('accounts.kiteLoginUrl', { id });
export const completeKiteLogin = (id: string, redirect: string) => bridge().call('accounts.kiteLogin', { id, redirect });
export const kiteLogout = (id: string) => bridge().call('accounts.kiteLogout', { id });
