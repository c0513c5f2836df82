import { join } from 'node:path';
import { type Clock, type ErrorCode, type Logger, SqError, type TimerId } from '../core';
import {
  type Account,
  type AccountMarketType,
  type AccountSettings,
  type AccountVenue,
  type AccountView,
  type DeviceKeyStore,
  type LockReason,
  Vault,
  VAULT_FILE_NAME,
  VaultError,
  type VaultErrorCode,
  type VaultState,
} from '../secrets';
import type { Store } from '../storage';
import { KiteLogins } from './kiteLogin';
import { testAccount } from './liveVenues/connectionCheck';

/** What every view is told about the vault: never a key or a secret, only AccountViews. */
export interface AccountsState {
  vault: VaultState;
  /** The accounts while the vault is unlocked; empty otherwise. */
  accounts: AccountView[];
  /** The vault locks itself after this many minutes without use; 0: never. */
  idleLockMinutes: number;
  /**
   * "Remember on this device": whether this host has an OS keychain that protects anything (Electron's
   * safeStorage; never a headless host, never Linux's plaintext basic_text), why not, and whether the
   * vault's key is kept there so the next start unlocks without the passphrase.
   */
  device: { available: boolean; reason?: string; remembered: boolean };
}

/** A new account as the Accounts screen sends it. The vault checks every field, with its own messages. */
export interface AccountTicket {
  name: string;
  venue: string;
  apiKey: string;
  secret: string;
  /** A ccxt venue's API passphrase, where it has one. */
  password?: string;
  testnet: boolean;
  restUrl?: string;
  streamUrl?: string;
  wsApiUrl?: string;
  /** A ccxt account's market types (spot, swap, future); absent: spot. Refused by the vault on other venues. */
  marketTypes?: string[];
}

/**
 * A change to an account as the Accounts screen sends it: only what is given changes. A new key comes
 * with its secret; null clears the API passphrase or a URL (the venue's default is used again).
 */
export interface AccountEdit {
  name?: string;
  testnet?: boolean;
  apiKey?: string;
  secret?: string;
  password?: string | null;
  restUrl?: string | null;
  streamUrl?: string | null;
  wsApiUrl?: string | null;
}

/** What a successful connection test reports: the account's balances at the venue. */
export interface AccountTestResult {
  account: AccountView;
  balances: { asset: string; free: string; locked: string }[];
}

export interface AccountsOptions {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  store: Store;
  /** SQ_VAULT_PASSPHRASE on a headless host: the vault is unlocked with it at start. */
  passphrase?: string;
  /** The OS keychain (Electron); absent on a headless host. */
  deviceKeyStore?: DeviceKeyStore;
  /** scrypt's cost for a vault created here; tests only (see the vault's README). */
  scryptN?: number;
}

const IDLE_LOCK_SETTING = 'vault.idleLockMinutes';
/**
 * How long a login started from the terminal (its login URL asked for) may be completed by the host's
 * redirect route: Kite's request token itself lapses within minutes, and a redirect nobody asked for is
 * refused (a page could otherwise log the terminal in to someone else's Kite session).
 */
export const KITE_REDIRECT_WINDOW_MS = 10 * 60_000;
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MAX_IDLE_LOCK_MINUTES = 24 * 60;
/**
 * How often the file is compared with what the vault holds, so a change `sq account` makes while the
 * terminal runs reaches the screen. A poll on the clock rather than fs.watch: it works the same on every
 * OS and file system, and reading a few kilobytes once a second costs nothing.
 */
const FILE_CHECK_MS = 1_000;

/** How a vault refusal crosses the bridge: its message unchanged, under the closest general code. */
const bridgeCodes: Record<VaultErrorCode, ErrorCode> = {
  WRONG_PASSPHRASE: 'UNAUTHORIZED',
  CORRUPT: 'VAULT_FAILED',
  UNSUPPORTED: 'VAULT_FAILED',
  CONFLICT: 'VAULT_FAILED',
  IO: 'VAULT_FAILED',
  DEVICE_UNAVAILABLE: 'VAULT_FAILED',
  LOCKED: 'VAULT_LOCKED',
  NO_VAULT: 'VAULT_LOCKED',
  EXISTS: 'INVALID_INPUT',
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_ACCOUNT: 'UNKNOWN_ACCOUNT',
};

/**
 * The running terminal's side of the vault: one Vault on `<dataDir>/vault.json`, unlocked from the
 * Accounts screen (or SQ_VAULT_PASSPHRASE at start), locked after the idle time the trader sets (kept in
 * the store's settings), and kept in step with changes `sq account` makes to the file. Every change of
 * what a view should show is published once, as the whole AccountsState.
 */
export class AccountsService {
  private readonly vault: Vault;
  private readonly kite: KiteLogins;
  private readonly logger: Logger;
  private readonly store: Store;
  private readonly clock: Clock;
  private idleLockMinutes: number;
  /** The accounts as the vault last reported them (unlocked only); kept so reading them is no vault activity. */
  private views: AccountView[] = [];
  private published = '';
  private readonly accountListeners = new Set<(state: AccountsState) => void>();
  private timer: TimerId | undefined;
  private stopped = false;
  /** The kite account whose login URL was last asked for, and when: what the redirect route may complete. */
  private pendingKiteLogin: { id: string; url: string; at: number } | undefined;

  constructor(
    private readonly opts: AccountsOptions,
    private readonly onChange: (state: AccountsState) => void,
  ) {
    this.logger = opts.logger;
    this.store = opts.store;
    this.clock = opts.clock;
    this.idleLockMinutes = this.storedIdleLock();
    this.vault = new Vault({
      file: join(opts.dataDir, VAULT_FILE_NAME),
      clock: opts.clock,
      logger: opts.logger,
      deviceKeyStore: opts.deviceKeyStore,
      autoLockMs: this.idleLockMinutes * 60_000,
      ...(opts.scryptN !== undefined ? { scryptN: opts.scryptN } : {}),
    });
    this.kite = new KiteLogins(this.vault, { clock: opts.clock, logger: opts.logger });
    this.vault.onChange((event) => {
      if (event.kind === 'accounts') this.views = event.accounts;
      else if (event.kind === 'unlocked') this.views = this.vault.list();
      else {
        this.views = [];
        if (event.reason !== 'requested') this.logger.info({ reason: describeLock(event.reason) }, 'vault locked by itself');
      }
      this.publish();
      // Every change, even one the views would not see (a URL replaced by another): the venues follow it.
      if (!this.stopped) for (const listener of this.accountListeners) listener(this.current());
    });
  }

  /**
   * Told the vault's state after every change of its accounts or lock (not only those the views see),
   * and once at start(); for the part of the terminal that connects the accounts as venues.
   */
  onAccounts(listener: (state: AccountsState) => void): () => void {
    this.accountListeners.add(listener);
    return () => this.accountListeners.delete(listener);
  }

  /**
   * Unlocks with the host's passphrase if it has one, else with the key remembered in the OS keychain if
   * there is one, then starts watching the file.
   */
  async start(): Promise<void> {
    const passphrase = this.opts.passphrase;
    if ((passphrase === undefined || passphrase === '') && this.vault.state() === 'locked' && this.deviceState().remembered) {
      try {
        this.vault.unlockWithDevice();
        this.logger.info({}, 'vault unlocked at start with the key remembered on this device');
      } catch (error) {
        if (!(error instanceof VaultError)) throw error;
        this.logger.warn({ reason: error.message }, 'vault not unlocked with the key remembered on this device: unlock it in the Accounts tab');
      }
    }
    if (passphrase !== undefined && passphrase !== '') {
      const state = this.vault.state();
      if (state === 'absent') {
        this.logger.warn({}, 'SQ_VAULT_PASSPHRASE is set but there is no vault yet: create it in the Accounts tab or with sq account add');
      } else if (state === 'locked') {
        try {
          await this.vault.unlock(passphrase);
          this.logger.info({}, 'vault unlocked at start with SQ_VAULT_PASSPHRASE');
        } catch (error) {
          const reason = error instanceof VaultError ? error.message : 'unexpected error';
          this.logger.warn({ reason }, 'vault not unlocked with SQ_VAULT_PASSPHRASE: unlock it in the Accounts tab');
          if (!(error instanceof VaultError)) this.logger.error({ err: String((error as Error)?.stack ?? error) }, 'vault unlock at start failed');
        }
      }
    }
    if (this.stopped) return;
    this.timer = this.clock.setInterval(() => this.checkFile(), FILE_CHECK_MS);
    this.publish();
    for (const listener of this.accountListeners) listener(this.current());
  }

  /** The vault as it is on disk now (a change another writer made is read first). */
  state(): AccountsState {
    this.vault.refresh();
    return this.current();
  }

  /** Creates the vault under `passphrase` and leaves it unlocked. */
  async create(passphrase: string): Promise<AccountsState> {
    await this.guard(() => this.vault.create(passphrase));
    return this.current();
  }

  /** Wrong passphrase: the call fails with "wrong passphrase" and nothing changes. */
  async unlock(passphrase: string): Promise<AccountsState> {
    await this.guard(() => this.vault.unlock(passphrase));
    return this.current();
  }

  lock(): AccountsState {
    this.vault.lock();
    return this.current();
  }

  add(ticket: AccountTicket): AccountView {
    const { testnet, venue, marketTypes, ...rest } = ticket;
    // The venue and market types are checked by the vault's schema, which names the rule in its message.
    const types = marketTypes !== undefined ? { marketTypes: marketTypes as AccountMarketType[] } : {};
    return this.change(() => this.vault.add({ ...rest, ...types, venue: venue as AccountVenue, environment: testnet ? 'testnet' : 'production' }));
  }

  /** Renames, switches environment, replaces the key or the URLs; the running terminal reconnects the account with them. */
  edit(id: string, change: AccountEdit): AccountView {
    const { testnet, ...rest } = change;
    const patch = testnet === undefined ? rest : { ...rest, environment: testnet ? ('testnet' as const) : ('production' as const) };
    // Every field is checked by the vault's schema, which names the rule in its message.
    return this.change(() => this.vault.edit(id, patch));
  }

  setEnabled(id: string, enabled: boolean): AccountView {
    return this.change(() => this.vault.setEnabled(id, enabled));
  }

  /** Deletes the account's record (its key should be revoked at the venue too). */
  remove(id: string): AccountView {
    return this.change(() => this.vault.remove(id));
  }

  async changePassphrase(current: string, next: string): Promise<AccountsState> {
    this.vault.refresh();
    await this.guard(() => this.vault.changePassphrase(current, next));
    return this.current();
  }

  /**
   * Keeps the vault's key in the OS keychain (or stops keeping it there), so the next start unlocks
   * without the passphrase. Refused with the reason where the host has no keychain that protects anything.
   */
  setRememberOnDevice(remember: boolean): AccountsState {
    this.vault.refresh();
    this.guardSync(() => (remember ? this.vault.rememberOnDevice() : this.vault.forgetDevice()));
    this.publish();
    return this.current();
  }

  /** Sets the idle time (0: never), kept in the store so the next start uses it too. */
  setIdleLock(minutes: number): AccountsState {
    if (!validIdleLock(minutes)) {
      throw new SqError('INVALID_INPUT', `the idle time before the vault locks is a whole number of minutes from 0 (never) to ${MAX_IDLE_LOCK_MINUTES}`);
    }
    this.store.setSetting(IDLE_LOCK_SETTING, minutes); // first: a setting that cannot be kept is not applied
    this.idleLockMinutes = minutes;
    this.vault.setAutoLock(minutes * 60_000);
    this.publish();
    return this.current();
  }

  /** Connects with the account's key and reports its balances, or the venue's exact refusal. */
  async test(id: string): Promise<AccountTestResult> {
    this.vault.refresh();
    const account = this.forConnecting(id);
    const view = this.views.find((v) => v.id === account.id);
    const balances = await testAccount(account, { clock: this.clock, logger: this.logger, dataDir: this.opts.dataDir });
    return { account: view ?? this.guardSync(() => this.vault.list().find((v) => v.id === account.id)!), balances };
  }

  /** Kite's login page for a kite account, to open in a browser or the login window. */
  kiteLoginUrl(id: string): { url: string } {
    this.vault.refresh();
    const url = this.guardSync(() => this.kite.loginUrl(id));
    this.pendingKiteLogin = { id: this.guardSync(() => this.vault.settings(id).id), url, at: this.clock.now() };
    return { url };
  }

  /**
   * The login URL the terminal handed out last, while a login may still complete: the desktop app opens
   * its login window for exactly this URL and nothing else (a look-alike page is never shown there).
   */
  pendingKiteLoginUrl(): string | undefined {
    const pending = this.pendingKiteLogin;
    return pending !== undefined && this.clock.now() - pending.at <= KITE_REDIRECT_WINDOW_MS ? pending.url : undefined;
  }

  /**
   * The host's redirect route (`/kite/redirect`, the URL registered for the Kite app): completes the login
   * the terminal started last, once, within KITE_REDIRECT_WINDOW_MS of asking for its URL. Kite's redirect
   * names no account, so with two kite accounts it is the one whose "Log in to Kite" was pressed last.
   */
  async completeKiteRedirect(redirect: string): Promise<AccountView> {
    const pending = this.pendingKiteLogin;
    if (pending === undefined || this.clock.now() - pending.at > KITE_REDIRECT_WINDOW_MS) {
      throw new SqError('INVALID_INPUT', 'no Kite login was started here in the last 10 minutes: press "Log in to Kite" on the Accounts screen first');
    }
    this.pendingKiteLogin = undefined;
    return this.kiteLogin(pending.id, redirect);
  }

  /**
   * Completes a kite account's login with the redirected URL (or its request token): the access token is
   * kept in the vault until 06:00 IST and the account connects. Kite's refusal comes back in its words.
   */
  async kiteLogin(id: string, redirect: string): Promise<AccountView> {
    this.vault.refresh();
    try {
      return await this.kite.complete(id, redirect);
    } catch (error) {
      throw bridgeError(error);
    }
  }

  /**
   * Ends a kite account's session (a logout, or the venue's TokenException): the token is forgotten, the
   * account goes down with "Kite session expired: log in again" and the Accounts screen asks again.
   */
  endKiteSession(id: string, why: string): AccountView {
    return this.change(() => this.kite.end(id, why));
  }

  /** Where and how an account connects: no key, no secret. */
  settings(nameOrId: string): AccountSettings {
    return this.guardSync(() => this.vault.settings(nameOrId));
  }

  /**
   * The account with its key and secret, decrypted now, for a venue connector to sign with: passed
   * straight to the adapter (or the connection test), never logged, stored or sent anywhere else.
   */
  forConnecting(nameOrId: string): Account {
    return this.guardSync(() => {
      const session = this.vault.session(nameOrId);
      return { ...this.vault.settings(nameOrId), ...this.vault.credentials(nameOrId), ...(session ? { session } : {}) };
    });
  }

  // ---- named secrets (API tokens of no venue account: a CryptoPanic source's) ----

  /** Keeps `value` in the vault under `name` (VAULT_LOCKED when locked); written before it returns. */
  setSecret(name: string, value: string): void {
    this.vault.refresh();
    this.guardSync(() => this.vault.setSecret(name, value));
  }

  /** The value kept under `name`, decrypted now, or undefined when the vault holds none. For its one user only. */
  secret(name: string): string | undefined {
    this.vault.refresh();
    return this.guardSync(() => this.vault.secret(name));
  }

  /** Deletes the secret kept under `name`; false when there was none. */
  removeSecret(name: string): boolean {
    this.vault.refresh();
    return this.guardSync(() => this.vault.removeSecret(name));
  }

  /** Stops watching the file and locks the vault (its data key is zeroed). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.vault.lock();
  }

  private current(): AccountsState {
    const vault = this.vault.state();
    return { vault, accounts: vault === 'unlocked' ? this.views : [], idleLockMinutes: this.idleLockMinutes, device: this.deviceState() };
  }

  private deviceState(): AccountsState['device'] {
    let status: ReturnType<Vault['deviceStatus']>;
    try {
      status = this.vault.deviceStatus();
    } catch {
      // A file the vault refuses (damaged, altered) is reported by every other call: nothing is remembered from it.
      return { available: false, reason: 'the vault file cannot be read', remembered: false };
    }
    const { available, remembered } = status;
    return available.ok ? { available: true, remembered } : { available: false, reason: available.reason, remembered };
  }

  /** Tells the views, once per actual change (a vault event and a file check may see the same one). */
  private publish(): void {
    if (this.stopped) return;
    const state = this.current();
    const text = JSON.stringify(state);
    if (text === this.published) return;
    this.published = text;
    this.onChange(state);
  }

  /** A change another writer made (or a vault created or deleted) reaches the views within a second. */
  private checkFile(): void {
    try {
      this.vault.refresh();
      // A Kite session past 06:00 IST is forgotten here, within a second: the venue goes down and the screen asks again.
      this.kite.expire(this.views);
    } catch (error) {
      this.logger.error({ err: String((error as Error)?.stack ?? error) }, 'vault file check failed');
    }
    this.publish();
  }

  /** A change to the accounts, made on the file as it is now (so `sq account`'s last change is kept, not refused). */
  private change(fn: () => AccountView): AccountView {
    this.vault.refresh();
    return this.guardSync(fn);
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      throw bridgeError(error);
    }
  }

  private guardSync<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw bridgeError(error);
    }
  }

  private storedIdleLock(): number {
    const stored = this.store.getSetting<unknown>(IDLE_LOCK_SETTING);
    if (stored === undefined) return DEFAULT_IDLE_LOCK_MINUTES;
    if (typeof stored === 'number' && validIdleLock(stored)) return stored;
    this.logger.warn({ stored: String(stored).slice(0, 40) }, `stored vault idle lock is not valid: ${DEFAULT_IDLE_LOCK_MINUTES} minutes used`);
    return DEFAULT_IDLE_LOCK_MINUTES;
  }
}

function validIdleLock(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_IDLE_LOCK_MINUTES;
}

/** A vault refusal becomes an SqError with the vault's own words; anything else goes on as it is. */
function bridgeError(error: unknown): unknown {
  return error instanceof VaultError ? new SqError(bridgeCodes[error.code], error.message) : error;
}

function describeLock(reason: LockReason): string {
  return reason === 'idle' ? 'idle time passed' : 'the vault file changed on disk into one this key cannot read';
}
