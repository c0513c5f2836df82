/**
 * A key held by the operating system for this user on this machine (Electron's safeStorage: the macOS
 * Keychain, Windows DPAPI, the Linux Secret Service or KWallet). The vault asks it to encrypt its data key
 * so that "remember on this device" unlocks without the passphrase. The engine never imports Electron:
 * the host injects an implementation (src/main/safeStorageKeyStore.ts).
 */
export interface DeviceKeyStore {
  /** Whether it protects anything here; when not, why (shown to the user, who must then use the passphrase). */
  available(): { ok: true } | { ok: false; reason: string };
  /** Throws if it cannot. The caller zeroes `bytes` afterwards. */
  encrypt(bytes: Buffer): Buffer;
  /** Throws if `bytes` was not encrypted by this store (another machine or user, or altered). */
  decrypt(bytes: Buffer): Buffer;
}
