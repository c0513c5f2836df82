import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { silentLogger, type Clock, type Logger, type TimerId } from '../core';
import {
  accountName,
  accountPatchInput,
  accountView,
  describeIssues,
  keyFingerprint,
  newAccountInput,
  patched,
  session as sessionSchema,
  storedAccount,
  venueRuleProblems,
  type Account,
  type AccountCredentials,
  type AccountPatch,
  type AccountSettings,
  type AccountView,
  type NewAccountInput,
  type VenueSession,
} from './accounts';
import { KEY_BYTES, open, randomKey, seal } from './aead';
import { removeLeftoverTemporaries, writeFileAtomic } from './atomicFile';
import type { DeviceKeyStore } from './deviceKeyStore';
import { corrupt, VaultError, wrongPassphrase } from './errors';
import { DEFAULT_SCRYPT_N, deriveKey, newScryptParams, scryptParamsProblem } from './kdf';
import {
  DATA_KEY_AAD,
  decodeVault,
  encodeVault,
  manifestAuthentic,
  manifestMac,
  MAX_SECRETS,
  recordAad,
  SECRET_NAME,
  secretAad,
  sha256Hex,
  type SealedRecord,
  type SealedSecret,
  type VaultBody,
} from './vaultFile';

export interface VaultOptions {
  /** The vault file, normally `join(dataDir, VAULT_FILE_NAME)`. */
  file: string;
  /** Drives the idle lock. */
  clock: Clock;
  logger?: Logger;
  /** The OS keychain for "remember on this device"; absent on a headless host. */
  deviceKeyStore?: DeviceKeyStore;
  /** Lock after this many ms without a vault operation; absent or 0: only lock() locks. */
  autoLockMs?: number;
  /**
   * scrypt's N for new wrappings (create, change passphrase), and the least N a file may have to be opened.
   * Default 2^17. Tests set a lower value explicitly to stay fast; production code never passes it.
   */
  scryptN?: number;
}

export type VaultState = 'absent' | 'locked' | 'unlocked';
/** Why the vault locked: asked to, idle too long, or its file changed on disk into one this key cannot read. */
export type LockReason = 'requested' | 'idle' | 'file';
export type VaultEvent = { kind: 'unlocked' } | { kind: 'locked'; reason: LockReason } | { kind: 'accounts'; accounts: AccountView[] };

/** The least a new passphrase must have; the scrypt cost does the rest. */
const MIN_PASSPHRASE_LENGTH = 8;
const MAX_PASSPHRASE_LENGTH = 1024;
/** A named secret's value: an API token, at most this many UTF-8 bytes. */
const MAX_SECRET_BYTES = 4096;

interface Entry {
  settings: AccountSettings;
  fingerprint: string;
  sessionExpiresAt?: number;
}

interface Unlocked {
  /** The one key that opens every record. Zeroed on lock. */
  dataKey: Buffer;
  body: VaultBody;
  /** SHA-256 of the file as last read or written: a save refuses when the disk holds anything else. */
  fileDigest: string;
  /**
   * Every account without its key, secret and session token, in file order; the records stay encrypted
   * until used. `sessionExpiresAt`: when a kite account's stored access token expires (absent: none).
   */
  accounts: Map<string, Entry>;
}

/**
 * The encrypted store of venue accounts (see README.md in this folder). Locked, it holds nothing but the
 * file's path; unlocked, it holds the data key and each account's settings, and decrypts a key and secret
 * only when `credentials` asks. Every change is written atomically before it is reported; a file that is
 * damaged, altered or changed under it is refused and never overwritten.
 */
export class Vault {
  private readonly file: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly deviceKeyStore: DeviceKeyStore | undefined;
  private readonly scryptN: number;
  private readonly minScryptN: number;
  private autoLockMs: number;
  private unlocked: Unlocked | undefined;
  private idleTimer: TimerId | undefined;
  /** Bumped by every lock, so an unlock still deriving its key when lock() is called does not finish. */
  private epoch = 0;
  private readonly listeners = new Set<(event: VaultEvent) => void>();

  constructor(opts: VaultOptions) {
    this.file = opts.file;
    this.clock = opts.clock;
    this.logger = opts.logger ?? silentLogger;
    this.deviceKeyStore = opts.deviceKeyStore;
    this.scryptN = opts.scryptN ?? DEFAULT_SCRYPT_N;
    const problem = scryptParamsProblem({ N: this.scryptN, r: 8, p: 1 }, 2);
    if (problem) throw new RangeError(`vault: ${problem}`);
    this.minScryptN = Math.min(this.scryptN, DEFAULT_SCRYPT_N);
    this.autoLockMs = checkedAutoLock(opts.autoLockMs);
  }

  state(): VaultState {
    if (this.unlocked) return 'unlocked';
    return fs.existsSync(this.file) ? 'locked' : 'absent';
  }

  onChange(listener: (event: VaultEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- locking ----

  /** Creates an empty vault under `passphrase` and leaves it unlocked. Refuses if a vault file is already there. */
  async create(passphrase: string): Promise<void> {
    checkNewPassphrase(passphrase);
    if (fs.existsSync(this.file)) throw new VaultError('EXISTS', `a vault already exists at ${this.file}`);
    const epoch = this.epoch;
    const kdf = newScryptParams(this.scryptN);
    const kek = await deriveKey(passphrase, kdf);
    const dataKey = randomKey();
    const passphraseWrap = seal(kek, dataKey, DATA_KEY_AAD);
    kek.fill(0);
    try {
      if (epoch !== this.epoch) throw new VaultError('LOCKED', 'the vault was locked while it was being created');
      if (fs.existsSync(this.file)) throw new VaultError('EXISTS', `a vault already exists at ${this.file}`);
      const unsigned = { kdf, passphraseWrap, records: [], secrets: [] };
      const body: VaultBody = { ...unsigned, manifestMac: manifestMac(dataKey, unsigned) };
      const bytes = encodeVault(body);
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      removeLeftoverTemporaries(this.file);
      this.write(bytes);
      this.replaceUnlocked({ dataKey, body, fileDigest: sha256Hex(bytes), accounts: new Map() });
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    this.logger.info({ file: this.file }, 'vault created');
    this.emit({ kind: 'unlocked' });
  }

  /** Opens the vault with its passphrase. Wrong passphrase: VaultError WRONG_PASSPHRASE, nothing changed. */
  async unlock(passphrase: string): Promise<void> {
    const epoch = this.epoch;
    const { body, digest } = this.read();
    const dataKey = await this.unwrap(passphrase, body);
    if (epoch !== this.epoch) {
      dataKey.fill(0);
      throw new VaultError('LOCKED', 'the vault was locked while it was being unlocked');
    }
    // The passphrase's wrapping authenticated the key: a manifest that fails now was altered.
    if (!manifestAuthentic(dataKey, body)) {
      dataKey.fill(0);
      throw corrupt('its header or its list of accounts or secrets was altered (the manifest does not authenticate)');
    }
    this.enter(dataKey, body, digest);
  }

  /** Opens the vault with the key the device key store keeps for it ("remember on this device"). */
  unlockWithDevice(): void {
    const store = this.usableDeviceStore();
    const { body, digest } = this.read();
    if (!body.deviceWrap) throw new VaultError('DEVICE_UNAVAILABLE', 'this vault is not remembered on this device: unlock with the passphrase');
    let dataKey: Buffer;
    try {
      dataKey = store.decrypt(body.deviceWrap);
    } catch {
      throw new VaultError('DEVICE_UNAVAILABLE', "this device's key store cannot decrypt the vault's key (remembered by another user or machine?): unlock with the passphrase");
    }
    // Unauthenticated device encryption (safeStorage is AES-CBC on Linux and macOS) can hand back any
    // bytes: the manifest is what proves this is the vault's key.
    if (dataKey.length !== KEY_BYTES || !manifestAuthentic(dataKey, body)) {
      dataKey.fill(0);
      throw new VaultError('DEVICE_UNAVAILABLE', 'the key remembered on this device does not open this vault (or the vault was altered): unlock with the passphrase');
    }
    this.enter(dataKey, body, digest);
  }

  lock(): void {
    this.lockFor('requested');
  }

  /** The idle time after which the vault locks itself; undefined or 0: never. Counts from now. */
  setAutoLock(ms: number | undefined): void {
    this.autoLockMs = checkedAutoLock(ms);
    this.touch();
  }

  autoLock(): number | undefined {
    return this.autoLockMs > 0 ? this.autoLockMs : undefined;
  }

  // ---- passphrase and device ----

  /**
   * Re-wraps the data key under `next` with a fresh salt (and this vault's scrypt cost); the records are
   * not touched. Works locked or unlocked; refuses (changing nothing) on a wrong `current`, a damaged or
   * altered file, or a file that changed while the keys were being derived.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkNewPassphrase(next);
    const { body, digest } = this.read();
    const dataKey = await this.unwrap(current, body);
    try {
      if (!manifestAuthentic(dataKey, body)) throw corrupt('its header or its list of accounts or secrets was altered (the manifest does not authenticate)');
      // Never rewrite a file with an altered record in it, even though the records are copied as they are.
      for (const record of body.records) decryptRecord(dataKey, record);
      checkSecrets(dataKey, body);
      const kdf = newScryptParams(this.scryptN);
      const newKek = await deriveKey(next, kdf);
      const passphraseWrap = seal(newKek, dataKey, DATA_KEY_AAD);
      newKek.fill(0);
      const unsigned: Omit<VaultBody, 'manifestMac'> = { ...body, kdf, passphraseWrap };
      const nextBody: VaultBody = { ...unsigned, manifestMac: manifestMac(dataKey, unsigned) };
      const bytes = encodeVault(nextBody);
      this.checkUnchangedOnDisk(digest);
      this.write(bytes);
      const u = this.unlocked;
      if (u && u.fileDigest === digest) {
        u.body = nextBody;
        u.fileDigest = sha256Hex(bytes);
      } else if (u) {
        this.lockFor('requested');
      }
    } finally {
      dataKey.fill(0);
    }
    this.logger.info({ file: this.file }, 'vault passphrase changed');
    this.touch();
  }

  /** Whether this host has a usable device key store (and if not, why), and whether this vault is remembered in it. */
  deviceStatus(): { available: { ok: true } | { ok: false; reason: string }; remembered: boolean } {
    const available = this.deviceKeyStore ? this.deviceKeyStore.available() : { ok: false as const, reason: 'no device key store on this host (headless): use the passphrase' };
    const body = this.unlocked?.body ?? (fs.existsSync(this.file) ? this.read().body : undefined);
    return { available, remembered: body?.deviceWrap !== undefined };
  }

  /** Also wraps the data key with the device key store, so the next start can unlock without the passphrase. */
  rememberOnDevice(): void {
    const u = this.requireUnlocked();
    const store = this.usableDeviceStore();
    const copy = Buffer.from(u.dataKey);
    let deviceWrap: Buffer;
    try {
      deviceWrap = store.encrypt(copy);
    } finally {
      copy.fill(0);
    }
    this.save({ ...u.body, deviceWrap });
    this.logger.info({ file: this.file }, 'vault remembered on this device');
  }

  forgetDevice(): void {
    const u = this.requireUnlocked();
    const { deviceWrap: _dropped, ...rest } = u.body;
    this.save(rest);
    this.logger.info({ file: this.file }, 'vault forgotten on this device');
  }

  // ---- accounts ----

  list(): AccountView[] {
    this.requireUnlocked();
    return this.views();
  }

  /**
   * Catches up with a change another writer (`sq account`, another terminal) made to the file while this
   * vault is unlocked: the file is read again and, if it changed, its records are opened with the data
   * key held (a new passphrase re-wraps the same key, so that works too) and the listeners are told.
   * A file that is gone, damaged, altered or another vault's locks the vault, saying why in the log: the
   * next unlock reports the problem. Locked, there is nothing to catch up with (state() reads the disk).
   * Not an operation for the idle lock: a host may call it on a timer. Returns whether anything changed.
   */
  refresh(): boolean {
    const u = this.unlocked;
    if (!u) return false;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.logger.warn({ file: this.file, code }, 'vault file gone or unreadable while unlocked: locked');
      this.lockFor('file');
      return true;
    }
    const digest = sha256Hex(bytes);
    if (digest === u.fileDigest) return false;
    try {
      const body = decodeVault(bytes, this.minScryptN);
      if (!manifestAuthentic(u.dataKey, body)) throw corrupt('its manifest does not authenticate under the key held (altered, or another vault)');
      const accounts = openRecords(u.dataKey, body);
      checkSecrets(u.dataKey, body);
      u.accounts = accounts;
      u.body = body;
      u.fileDigest = digest;
    } catch (error) {
      this.logger.warn({ file: this.file, err: (error as Error).message }, 'vault file changed on disk into one this vault cannot read: locked');
      this.lockFor('file');
      return true;
    }
    removeLeftoverTemporaries(this.file);
    this.logger.info({ file: this.file, accounts: u.accounts.size }, 'vault file changed on disk: accounts reloaded');
    this.emit({ kind: 'accounts', accounts: this.views() });
    return true;
  }

  add(input: NewAccountInput): AccountView {
    const u = this.requireUnlocked();
    const parsed = newAccountInput.safeParse(input);
    if (!parsed.success) throw new VaultError('INVALID_INPUT', `the account is refused: ${describeIssues(parsed.error)}`);
    this.checkNameFree(parsed.data.name, undefined);
    const account: Account = { id: randomUUID(), ...parsed.data };
    const record = encryptRecord(u.dataKey, account);
    this.save({ ...u.body, records: [...u.body.records, record] });
    return this.changed(account, 'vault account added');
  }

  /** Changes any of an account's fields; `null` removes a custom URL; a new key comes with its secret. */
  edit(nameOrId: string, patch: AccountPatch): AccountView {
    const u = this.requireUnlocked();
    const id = this.find(nameOrId);
    const parsed = accountPatchInput.safeParse(patch);
    if (!parsed.success) throw new VaultError('INVALID_INPUT', `the change is refused: ${describeIssues(parsed.error)}`);
    const records = u.body.records;
    const at = records.findIndex((r) => r.id === id);
    const account = patched(decryptRecord(u.dataKey, records[at]!), parsed.data);
    const problems = venueRuleProblems(account);
    if (problems.length > 0) throw new VaultError('INVALID_INPUT', `the change is refused: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    if (parsed.data.name !== undefined) this.checkNameFree(account.name, id);
    const next = [...records];
    next[at] = encryptRecord(u.dataKey, account);
    this.save({ ...u.body, records: next });
    return this.changed(account, 'vault account changed');
  }

  setEnabled(nameOrId: string, enabled: boolean): AccountView {
    return this.edit(nameOrId, { enabled });
  }

  /** Deletes the account's record from the file (see README.md for what older copies of the file still hold). */
  remove(nameOrId: string): AccountView {
    const u = this.requireUnlocked();
    const id = this.find(nameOrId);
    const entry = u.accounts.get(id)!;
    this.save({ ...u.body, records: u.body.records.filter((r) => r.id !== id) });
    u.accounts.delete(id);
    const view = this.viewOf(entry);
    this.logger.info({ account: view }, 'vault account removed');
    this.emit({ kind: 'accounts', accounts: this.views() });
    return view;
  }

  /** Where and how an account connects, without its key and secret. */
  settings(nameOrId: string): AccountSettings {
    const u = this.requireUnlocked();
    return { ...u.accounts.get(this.find(nameOrId))!.settings };
  }

  /** The key and secret (and a ccxt venue's password), decrypted now, for a connector to sign with. Never log, persist or send them anywhere else. */
  credentials(nameOrId: string): AccountCredentials {
    const u = this.requireUnlocked();
    const id = this.find(nameOrId);
    const { apiKey, secret, password } = decryptRecord(u.dataKey, u.body.records.find((r) => r.id === id)!);
    return password === undefined ? { apiKey, secret } : { apiKey, secret, password };
  }

  // ---- a kite account's daily session ----

  /**
   * Keeps a kite account's access token until `expiresAt` (the login's expiry rule is the venue's, not the
   * vault's). Written before it is reported, like every change; the log and the views see only the expiry.
   */
  setSession(nameOrId: string, next: VenueSession): AccountView {
    const u = this.requireUnlocked();
    const id = this.find(nameOrId);
    const parsed = sessionSchema.safeParse(next);
    if (!parsed.success) throw new VaultError('INVALID_INPUT', `the session is refused: ${describeIssues(parsed.error)}`);
    if (parsed.data.expiresAt <= this.clock.now()) throw new VaultError('INVALID_INPUT', 'the session is refused: it has already expired');
    const account = decryptRecord(u.dataKey, this.recordOf(id));
    if (account.venue !== 'kite') throw new VaultError('INVALID_INPUT', `the session is refused: ${account.name} is a ${account.venue} account; only a kite account logs in daily`);
    return this.replaceRecord({ ...account, session: parsed.data }, 'vault account logged in');
  }

  /** Forgets a kite account's access token (logout, expiry, the venue's TokenException); nothing to forget is no change. */
  clearSession(nameOrId: string): AccountView {
    const u = this.requireUnlocked();
    const id = this.find(nameOrId);
    const entry = u.accounts.get(id)!;
    if (entry.sessionExpiresAt === undefined) return this.viewOf(entry);
    const { session: _dropped, ...account } = decryptRecord(u.dataKey, this.recordOf(id));
    return this.replaceRecord(account, 'vault account logged out');
  }

  /**
   * A kite account's access token, decrypted now, if it has one that has not expired on the vault's clock.
   * For the connector only, like credentials(): never log, persist or send it anywhere else.
   */
  session(nameOrId: string): VenueSession | undefined {
    const u = this.requireUnlocked();
    const id = this.find(nameOrId);
    const entry = u.accounts.get(id)!;
    if (entry.sessionExpiresAt === undefined || entry.sessionExpiresAt <= this.clock.now()) return undefined;
    const { session } = decryptRecord(u.dataKey, this.recordOf(id));
    return session === undefined ? undefined : { ...session };
  }

  // ---- named secrets: API tokens that belong to no venue account ----

  /**
   * Keeps `value` under `name` (replacing what the name held), sealed under the data key with an AAD of
   * its own; written before it returns, like every change. The log sees the name, never the value.
   */
  setSecret(name: string, value: string): void {
    const u = this.requireUnlocked();
    checkSecretName(name);
    if (typeof value !== 'string' || value.length === 0) throw new VaultError('INVALID_INPUT', `the secret ${name} is refused: its value is empty`);
    const plaintext = Buffer.from(value, 'utf8');
    let sealed: SealedSecret;
    try {
      if (plaintext.length > MAX_SECRET_BYTES) throw new VaultError('INVALID_INPUT', `the secret ${name} is refused: its value is longer than ${MAX_SECRET_BYTES} bytes`);
      sealed = { name, ...seal(u.dataKey, plaintext, secretAad(name)) };
    } finally {
      plaintext.fill(0);
    }
    const at = u.body.secrets.findIndex((x) => x.name === name);
    if (at < 0 && u.body.secrets.length >= MAX_SECRETS) throw new VaultError('INVALID_INPUT', `the vault holds ${MAX_SECRETS} secrets already`);
    const secrets = at < 0 ? [...u.body.secrets, sealed] : u.body.secrets.map((x, i) => (i === at ? sealed : x));
    this.save({ ...u.body, secrets });
    this.logger.info({ secret: name }, at < 0 ? 'vault secret added' : 'vault secret replaced');
  }

  /**
   * The value kept under `name`, decrypted now, or undefined when the vault holds no such secret. For the
   * one part of the engine that uses it: never log, persist or send it anywhere else.
   */
  secret(name: string): string | undefined {
    const u = this.requireUnlocked();
    const sealed = u.body.secrets.find((x) => x.name === name);
    return sealed === undefined ? undefined : decryptSecret(u.dataKey, sealed);
  }

  /** Deletes the secret kept under `name` from the file; false when there was none (no change, nothing written). */
  removeSecret(name: string): boolean {
    const u = this.requireUnlocked();
    if (!u.body.secrets.some((x) => x.name === name)) return false;
    this.save({ ...u.body, secrets: u.body.secrets.filter((x) => x.name !== name) });
    this.logger.info({ secret: name }, 'vault secret removed');
    return true;
  }

  /** The names of the secrets kept, in file order (never their values). */
  secretNames(): string[] {
    return this.requireUnlocked().body.secrets.map((x) => x.name);
  }

  // ---- inside ----

  private recordOf(id: string): SealedRecord {
    return this.unlocked!.body.records.find((r) => r.id === id)!;
  }

  /** Seals `account` over its record, writes the file, then updates memory and tells the listeners. */
  private replaceRecord(account: Account, message: string): AccountView {
    const u = this.unlocked!;
    const next = u.body.records.map((r) => (r.id === account.id ? encryptRecord(u.dataKey, account) : r));
    this.save({ ...u.body, records: next });
    return this.changed(account, message);
  }

  private viewOf(entry: Entry): AccountView {
    return accountView(entry.settings, entry.fingerprint, { expiresAt: entry.sessionExpiresAt, now: this.clock.now() });
  }

  /** The data key `passphrase` opens in `body`, or WRONG_PASSPHRASE. */
  private async unwrap(passphrase: string, body: VaultBody): Promise<Buffer> {
    const kek = await deriveKey(passphrase, body.kdf);
    const dataKey = open(kek, body.passphraseWrap, DATA_KEY_AAD);
    kek.fill(0);
    if (!dataKey || dataKey.length !== KEY_BYTES) {
      dataKey?.fill(0);
      this.logger.warn({ file: this.file }, 'vault passphrase refused: wrong passphrase');
      throw wrongPassphrase();
    }
    return dataKey;
  }

  /** Checks every record under a key already proven to be this vault's, then keeps the vault unlocked. */
  private enter(dataKey: Buffer, body: VaultBody, fileDigest: string): void {
    let accounts: Unlocked['accounts'];
    try {
      accounts = openRecords(dataKey, body);
      checkSecrets(dataKey, body);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    removeLeftoverTemporaries(this.file);
    this.replaceUnlocked({ dataKey, body, fileDigest, accounts });
    this.logger.info({ file: this.file, accounts: accounts.size }, 'vault unlocked');
    this.emit({ kind: 'unlocked' });
  }

  private replaceUnlocked(next: Unlocked): void {
    if (this.unlocked && this.unlocked.dataKey !== next.dataKey) this.unlocked.dataKey.fill(0);
    this.unlocked = next;
    this.touch();
  }

  /** Every account's view, without counting as an operation for the idle lock. */
  private views(): AccountView[] {
    return [...(this.unlocked?.accounts.values() ?? [])].map((a) => this.viewOf(a));
  }

  private lockFor(reason: LockReason): void {
    this.epoch++;
    if (this.idleTimer !== undefined) this.clock.clearTimer(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.unlocked) return;
    this.unlocked.dataKey.fill(0);
    this.unlocked = undefined;
    this.logger.info({ file: this.file, reason }, 'vault locked');
    this.emit({ kind: 'locked', reason });
  }

  /** Every operation on the unlocked vault restarts the idle countdown. */
  private touch(): void {
    if (this.idleTimer !== undefined) this.clock.clearTimer(this.idleTimer);
    this.idleTimer = undefined;
    if (this.unlocked && this.autoLockMs > 0) {
      this.idleTimer = this.clock.setTimeout(() => {
        this.idleTimer = undefined;
        this.lockFor('idle');
      }, this.autoLockMs);
    }
  }

  private requireUnlocked(): Unlocked {
    if (!this.unlocked) {
      throw this.state() === 'absent'
        ? new VaultError('NO_VAULT', `there is no vault at ${this.file} yet`)
        : new VaultError('LOCKED', 'the vault is locked: unlock it first');
    }
    this.touch();
    return this.unlocked;
  }

  private usableDeviceStore(): DeviceKeyStore {
    const store = this.deviceKeyStore;
    if (!store) throw new VaultError('DEVICE_UNAVAILABLE', 'no device key store on this host (headless): use the passphrase');
    const available = store.available();
    if (!available.ok) throw new VaultError('DEVICE_UNAVAILABLE', available.reason);
    return store;
  }

  /** The account id for a name (any case) or an id. The input is echoed only if it could be a name. */
  private find(nameOrId: string): string {
    const u = this.unlocked!;
    if (u.accounts.has(nameOrId)) return nameOrId;
    const wanted = typeof nameOrId === 'string' ? nameOrId.toLowerCase() : '';
    for (const [id, a] of u.accounts) if (a.settings.name.toLowerCase() === wanted) return id;
    const shown = accountName.safeParse(nameOrId).success ? ` named ${nameOrId}` : ' by that name';
    throw new VaultError('UNKNOWN_ACCOUNT', `there is no account${shown}`);
  }

  private checkNameFree(name: string, self: string | undefined): void {
    for (const [id, a] of this.unlocked!.accounts) {
      if (id !== self && a.settings.name.toLowerCase() === name.toLowerCase()) {
        throw new VaultError('INVALID_INPUT', `an account named ${a.settings.name} already exists`);
      }
    }
  }

  /** Records `account` (already sealed into the body being saved) in memory and tells the listeners. */
  private changed(account: Account, message: string): AccountView {
    const entry = entryOf(account);
    this.unlocked!.accounts.set(account.id, entry);
    const view = this.viewOf(entry);
    this.logger.info({ account: view }, message);
    this.emit({ kind: 'accounts', accounts: this.views() });
    return view;
  }

  /** Signs and writes `unsigned` as the vault's new body; memory changes only once the file has. */
  private save(unsigned: Omit<VaultBody, 'manifestMac'>): void {
    const u = this.requireUnlocked();
    const body: VaultBody = { ...unsigned, manifestMac: manifestMac(u.dataKey, unsigned) };
    const bytes = encodeVault(body);
    this.checkUnchangedOnDisk(u.fileDigest);
    this.write(bytes);
    u.body = body;
    u.fileDigest = sha256Hex(bytes);
  }

  private read(): { body: VaultBody; digest: string } {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new VaultError('NO_VAULT', `there is no vault at ${this.file} yet`);
      throw new VaultError('IO', `the vault file cannot be read (${code ?? (error as Error).message})`);
    }
    return { body: decodeVault(bytes, this.minScryptN), digest: sha256Hex(bytes) };
  }

  /**
   * Refuses to write over anything but the file this vault last read or wrote: a file altered on disk is
   * never overwritten, and two writers (the terminal and `sq account`) cannot lose each other's change.
   */
  private checkUnchangedOnDisk(digest: string): void {
    let onDisk: string;
    try {
      onDisk = sha256Hex(fs.readFileSync(this.file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new VaultError(code === 'ENOENT' ? 'CONFLICT' : 'IO', `the vault file ${code === 'ENOENT' ? 'was removed' : `cannot be read (${code})`} since it was unlocked: nothing written`);
    }
    if (onDisk !== digest) {
      throw new VaultError('CONFLICT', 'the vault file changed on disk since it was unlocked (another terminal or sq account?): nothing written; lock and unlock again');
    }
  }

  private write(bytes: Buffer): void {
    try {
      writeFileAtomic(this.file, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new VaultError('IO', `the vault file cannot be written (${code ?? (error as Error).message}): nothing changed`);
    }
  }

  private emit(event: VaultEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, event: event.kind }, 'vault listener threw');
      }
    }
  }
}

function encryptRecord(dataKey: Buffer, account: Account): SealedRecord {
  const plaintext = Buffer.from(JSON.stringify(account), 'utf8');
  try {
    return { id: account.id, ...seal(dataKey, plaintext, recordAad(account.id)) };
  } finally {
    plaintext.fill(0);
  }
}

/** The account in `record`, or CORRUPT naming the account whose record fails. */
function decryptRecord(dataKey: Buffer, record: SealedRecord): Account {
  const plaintext = open(dataKey, record, recordAad(record.id));
  if (!plaintext) throw corrupt(`the record of account ${record.id} does not authenticate (altered, or moved from another account)`);
  let parsed: ReturnType<typeof storedAccount.safeParse>;
  try {
    parsed = storedAccount.safeParse(JSON.parse(plaintext.toString('utf8')));
  } catch {
    throw corrupt(`the record of account ${record.id} is not JSON`);
  } finally {
    plaintext.fill(0);
  }
  if (!parsed.success) throw corrupt(`the record of account ${record.id} is malformed: ${describeIssues(parsed.error)}`);
  if (parsed.data.id !== record.id) throw corrupt(`the record filed under account ${record.id} is another account's`);
  return parsed.data;
}

/** Every record's account without its key and secret, in file order; CORRUPT on a record that fails or a repeated name. */
function openRecords(dataKey: Buffer, body: VaultBody): Unlocked['accounts'] {
  const accounts: Unlocked['accounts'] = new Map();
  const names = new Set<string>();
  for (const record of body.records) {
    const account = decryptRecord(dataKey, record);
    const key = account.name.toLowerCase();
    if (names.has(key)) throw corrupt(`two of its accounts are named ${account.name}`);
    names.add(key);
    accounts.set(account.id, entryOf(account));
  }
  return accounts;
}

function entryOf(account: Account): Entry {
  const entry: Entry = { settings: withoutCredentials(account), fingerprint: keyFingerprint(account.apiKey) };
  if (account.session !== undefined) entry.sessionExpiresAt = account.session.expiresAt;
  return entry;
}

function withoutCredentials(account: Account): AccountSettings {
  const { apiKey: _key, secret: _secret, password: _password, session: _session, ...settings } = account;
  return settings;
}

/** The value of a named secret, or CORRUPT naming the secret whose record fails. The plaintext buffer is zeroed. */
function decryptSecret(dataKey: Buffer, sealed: SealedSecret): string {
  const plaintext = open(dataKey, sealed, secretAad(sealed.name));
  if (!plaintext) throw corrupt(`the secret ${sealed.name} does not authenticate (altered, renamed, or moved from another record)`);
  try {
    return plaintext.toString('utf8');
  } finally {
    plaintext.fill(0);
  }
}

/** Every named secret opens under its AAD (so a file with an altered one is never accepted, nor rewritten). */
function checkSecrets(dataKey: Buffer, body: VaultBody): void {
  for (const sealed of body.secrets) {
    const plaintext = open(dataKey, sealed, secretAad(sealed.name));
    if (!plaintext) throw corrupt(`the secret ${sealed.name} does not authenticate (altered, renamed, or moved from another record)`);
    plaintext.fill(0);
  }
}

function checkSecretName(name: string): void {
  if (typeof name !== 'string' || !SECRET_NAME.test(name)) {
    throw new VaultError('INVALID_INPUT', 'a secret name is 1 to 64 characters from a-z, 0-9, ":", "_" and "-"');
  }
}

function checkNewPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError('INVALID_INPUT', `a passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) throw new VaultError('INVALID_INPUT', `a passphrase has at most ${MAX_PASSPHRASE_LENGTH} characters`);
}

function checkedAutoLock(ms: number | undefined): number {
  if (ms === undefined) return 0;
  if (!Number.isInteger(ms) || ms < 0) throw new VaultError('INVALID_INPUT', 'the idle time before the vault locks must be a whole number of milliseconds, 0 for never');
  return ms;
}
