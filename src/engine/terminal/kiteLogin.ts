import { SqError, type Clock, type Logger } from '../core';
import type { AccountView, Vault } from '../secrets';
import { exchangeRequestToken, formatIst, kiteLoginUrl, requestTokenFrom } from '../venues';

/**
 * A kite account's daily login, on the vault: the login URL to open, and the completion of a login from
 * the redirect the trader's browser (or the login window, or the host's redirect route) reached. The
 * access token goes from Kite's answer straight into the vault; what comes back is the AccountView,
 * which shows only whether the account is logged in and until when.
 */
export class KiteLogins {
  constructor(
    private readonly vault: Vault,
    private readonly deps: { clock: Clock; logger: Logger },
  ) {}

  /** Kite's login page for the account (its api key is in the URL: Kite's page needs it; it is not the secret). */
  loginUrl(nameOrId: string): string {
    const settings = this.kiteSettings(nameOrId);
    return kiteLoginUrl(this.vault.credentials(settings.id).apiKey, settings.restUrl);
  }

  /**
   * Completes a login with what the trader pasted (the redirected URL or the request token): the token is
   * exchanged at the account's REST URL and the access token kept in the vault until its expiry. A
   * cancelled login, a malformed redirect or Kite's refusal is an error in plain words; nothing changes.
   */
  async complete(nameOrId: string, redirect: string): Promise<AccountView> {
    const settings = this.kiteSettings(nameOrId);
    const token = requestTokenFrom(redirect);
    if (!token.ok) throw new SqError('INVALID_INPUT', token.reason);
    const { apiKey, secret } = this.vault.credentials(settings.id);
    const grant = await exchangeRequestToken({ apiKey, apiSecret: secret, requestToken: token.requestToken, restUrl: settings.restUrl, clock: this.deps.clock });
    const view = this.vault.setSession(settings.id, { accessToken: grant.accessToken, expiresAt: grant.expiresAt });
    this.deps.logger.info({ account: settings.name, user: grant.userId, until: formatIst(grant.expiresAt) }, 'Kite login completed');
    return view;
  }

  /** Forgets the account's access token: the trader logged out, or Kite said TokenException. */
  end(nameOrId: string, why: string): AccountView {
    const settings = this.kiteSettings(nameOrId);
    const view = this.vault.clearSession(settings.id);
    this.deps.logger.warn({ account: settings.name, why }, 'Kite session ended');
    return view;
  }

  /** Ends every session whose 06:00 IST has passed on the clock; true if any did. */
  expire(views: readonly AccountView[]): boolean {
    const now = this.deps.clock.now();
    let any = false;
    for (const view of views) {
      const expiresAt = view.session?.expiresAt;
      if (view.session?.loggedIn !== true || expiresAt === undefined || expiresAt > now) continue;
      this.vault.clearSession(view.id);
      this.deps.logger.warn({ account: view.name, expiredAt: formatIst(expiresAt) }, 'Kite session expired: log in again');
      any = true;
    }
    return any;
  }

  private kiteSettings(nameOrId: string) {
    const settings = this.vault.settings(nameOrId);
    if (settings.venue !== 'kite') throw new SqError('INVALID_INPUT', `${settings.name} is a ${settings.venue} account: only a kite account logs in to Kite`);
    return settings;
  }
}
