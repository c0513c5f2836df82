import type { SafeStorage } from 'electron';
import type { DeviceKeyStore } from '../engine/secrets';

/** The part of Electron's safeStorage this uses (injected, so the rule below is testable without Electron). */
export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * "Remember on this device" through Electron's safeStorage: the macOS Keychain, Windows DPAPI, or on Linux
 * the Secret Service (GNOME) or KWallet. On Linux with no keyring Electron falls back to `basic_text`, a
 * key hard-coded in Chromium: encryption in name only, so this store reports itself unavailable there and
 * the passphrase is required. Call after the app's `ready` event (before it, Linux reports `unknown`).
 *
 * safeStorage takes and returns strings, so the data key crosses it as base64: that JS string cannot be
 * zeroed and lives until garbage collection (the Buffers on either side are zeroed by the vault).
 */
export function safeStorageKeyStore(storage: SafeStorageApi, platform: NodeJS.Platform = process.platform): DeviceKeyStore {
  const available = (): { ok: true } | { ok: false; reason: string } => {
    if (platform === 'linux') {
      const backend = storage.getSelectedStorageBackend();
      if (backend === 'basic_text') {
        return { ok: false, reason: "no OS keyring on this Linux desktop (Electron's safeStorage would use its plaintext basic_text backend): the passphrase is required" };
      }
      if (backend === 'unknown') return { ok: false, reason: 'the OS keyring is not known yet (asked before the app was ready): the passphrase is required' };
    }
    if (!storage.isEncryptionAvailable()) return { ok: false, reason: "the OS keyring is not available to Electron's safeStorage: the passphrase is required" };
    return { ok: true };
  };
  const requireAvailable = (): void => {
    const state = available();
    if (!state.ok) throw new Error(state.reason);
  };
  return {
    available,
    encrypt(bytes) {
      requireAvailable();
      return storage.encryptString(bytes.toString('base64'));
    },
    decrypt(bytes) {
      requireAvailable();
      return Buffer.from(storage.decryptString(bytes), 'base64');
    },
  };
}
