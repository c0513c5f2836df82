/**
 * secrets: the vault of venue accounts (AES-256-GCM under one data key, wrapped by scrypt from the
 * passphrase and optionally by the OS keychain). See README.md for the file format and what is zeroed.
 * Only the engine holds keys and secrets; everything that leaves it is an AccountView.
 */
export { Vault, type LockReason, type VaultEvent, type VaultOptions, type VaultState } from './vault';
export { VaultError, type VaultErrorCode } from './errors';
export type { DeviceKeyStore } from './deviceKeyStore';
export {
  ACCOUNT_MARKET_TYPES,
  accountView,
  DEFAULT_MARKET_TYPES,
  keyFingerprint,
  sessionView,
  type SessionView,
  type VenueSession,
  type Account,
  type AccountMarketType,
  type AccountCredentials,
  type AccountEnvironment,
  type AccountPatch,
  type AccountSettings,
  type AccountVenue,
  type AccountView,
  type NewAccountInput,
} from './accounts';
export { VAULT_FILE_NAME } from './vaultFile';
export { DEFAULT_SCRYPT_N } from './kdf';
/** Crash-safe file replacement (temporary file, fsync, rename, directory fsync), for other caches too. */
export { removeLeftoverTemporaries, writeFileAtomic } from './atomicFile';
