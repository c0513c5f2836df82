import type { Logger } from '../../core';
import { KITE_SESSION_EXPIRED } from '../../venues';
import type { Account, AccountSettings, AccountView } from '../../secrets';
import type { AccountsState } from '../accountsService';
import type { AccountAdapter, MadeAdapter } from './venueFactory';

/** What LiveVenues needs from the vault: the accounts' settings, and a secret only at the moment of connecting. */
export interface AccountSource {
  settings(nameOrId: string): AccountSettings;
  /** Settings and credentials, decrypted now: straight to the adapter, kept nowhere else. */
  forConnecting(nameOrId: string): Account;
}

/** What LiveVenues asks of the terminal. */
export interface VenueHost {
  /** The ids of the simulated venues: an account may not take one. */
  simVenueIds(): readonly string[];
  /** Wires the adapter in (OMS, risk, books, status) and starts connecting it (not waited for: a silent venue holds nothing up). */
  attach(adapter: AccountAdapter, account: AccountView): Promise<void>;
  /** Disconnects and unwires the venue; its working orders stay in the OMS (reconciled when it comes back). */
  detach(id: string, why: string): Promise<void>;
  /** Shows the account as not connected, with the reason (status bar, log). */
  refuse(account: AccountView, reason: string): void;
  /** Takes a refused account's line out of the status. */
  forget(id: string): void;
}

interface Followed {
  view: AccountView;
  /** Where and how it connects (no secret): a change reconnects it. */
  signature: string;
  connected: boolean;
}

/**
 * Follows the vault's accounts: while the vault is unlocked every enabled account is a venue (its id
 * the account's name); disabling, removing or changing an account disconnects it (and connects it again
 * as it now is). Changes are applied one at a time, in order, on the latest state.
 *
 * Locking the vault does NOT disconnect anything: an account already connected keeps trading, so its
 * working orders stay managed (fills, cancels, the kill switch); only a new connection needs the secret,
 * which the adapter's signer already holds. Accounts added or enabled while locked connect at the next
 * unlock. (Stopping the terminal disconnects them all.)
 */
export class LiveVenues {
  private readonly followed = new Map<string, Followed>();
  private latest: AccountsState | undefined;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly accounts: AccountSource,
    private readonly make: (account: Account) => MadeAdapter,
    private readonly host: VenueHost,
    private readonly logger: Logger,
  ) {}

  /** Every published accounts state; the work is queued, so a burst of changes is applied in order. */
  onAccounts(state: AccountsState): void {
    this.latest = state;
    this.queue = this.queue.then(() => this.apply()).catch((error) => this.logger.error({ err: String((error as Error)?.stack ?? error) }, 'accounts: applying a change failed'));
  }

  /** Resolves once every change received so far has been applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Disconnects every account (terminal stop). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue;
    for (const [name, f] of [...this.followed]) {
      this.followed.delete(name);
      if (f.connected) await this.host.detach(name, 'the terminal is stopping');
    }
  }

  private async apply(): Promise<void> {
    const state = this.latest;
    if (this.stopped || !state || state.vault !== 'unlocked') return; // locked: see the class comment
    const wanted = new Map<string, { view: AccountView; signature: string }>();
    for (const view of state.accounts) {
      if (!view.enabled) continue;
      let settings: AccountSettings;
      try {
        settings = this.accounts.settings(view.id);
      } catch (error) {
        this.logger.warn({ account: view.name, reason: (error as Error).message }, 'account settings unreadable: not connected now');
        continue;
      }
      // A kite account's login is part of how it connects: a new session reconnects it, an ended one takes it down.
      wanted.set(view.name, { view, signature: JSON.stringify([settings, view.keyFingerprint, view.session ?? null]) });
    }
    for (const [name, f] of [...this.followed]) {
      const next = wanted.get(name);
      if (next && next.signature === f.signature) continue;
      this.followed.delete(name);
      const why = !next
        ? state.accounts.some((a) => a.name === name)
          ? 'account disabled'
          : 'account removed or renamed'
        : f.view.session?.loggedIn === true && next.view.session?.loggedIn !== true
          ? KITE_SESSION_EXPIRED
          : 'account changed: reconnecting';
      if (f.connected) await this.host.detach(name, why);
      else this.host.forget(name);
      this.logger.info({ account: name, why }, 'account venue closed');
    }
    const simIds = new Set(this.host.simVenueIds().map((id) => id.toLowerCase()));
    const lower = new Map<string, number>();
    for (const name of wanted.keys()) lower.set(name.toLowerCase(), (lower.get(name.toLowerCase()) ?? 0) + 1);
    for (const [name, { view, signature }] of wanted) {
      if (this.followed.has(name) || this.stopped) continue;
      const clash = simIds.has(name.toLowerCase())
        ? `the account name ${name} is the id of a simulated venue: rename the account to trade it`
        : (lower.get(name.toLowerCase()) ?? 0) > 1
          ? `the account name ${name} differs from another account's only in case: rename one of them`
          : undefined;
      const made = clash ?? this.adapterFor(view);
      this.followed.set(name, { view, signature, connected: false });
      if (typeof made === 'string') {
        this.logger.warn({ account: name, venue: view.venue, reason: made }, 'account not connected');
        this.host.refuse(view, made);
        continue;
      }
      this.followed.get(name)!.connected = true;
      await this.host.attach(made.adapter, view);
    }
  }

  /** The adapter for the account, or why there is none. The secret is read here and handed straight on. */
  private adapterFor(view: AccountView): string | { adapter: AccountAdapter } {
    let made: MadeAdapter;
    try {
      made = this.make(this.accounts.forConnecting(view.id));
    } catch (error) {
      return `could not read the account: ${(error as Error).message}`;
    }
    return made.ok ? { adapter: made.adapter } : made.reason;
  }
}
