import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Vault } from '../engine/secrets';
import { binanceAccount, PASSPHRASE, TEST_SCRYPT_N, vaultDir } from '../engine/secrets/testSupport';
import { SimulatedClock } from '../engine/core';
import { safeStorageKeyStore, type SafeStorageApi } from './safeStorageKeyStore';

/** Stands in for Electron's safeStorage: strings in, AES-CBC bytes out (as Chromium's OSCrypt does), one key per "login". */
class SafeStorageStandIn implements SafeStorageApi {
  private readonly key = randomBytes(32);
  backendAsked = 0;
  constructor(
    private readonly backend: ReturnType<SafeStorageApi['getSelectedStorageBackend']> | 'not-linux',
    private readonly encryptionAvailable = true,
  ) {}
  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  }
  getSelectedStorageBackend(): ReturnType<SafeStorageApi['getSelectedStorageBackend']> {
    this.backendAsked++;
    if (this.backend === 'not-linux') throw new Error('getSelectedStorageBackend is Linux only');
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', this.key, iv);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.update(plainText, 'utf8'), cipher.final()]);
  }
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-cbc', this.key, encrypted.subarray(3, 19));
    return Buffer.concat([decipher.update(encrypted.subarray(19)), decipher.final()]).toString('utf8');
  }
}

describe('safeStorageKeyStore', () => {
  it("is unavailable on Linux when safeStorage would use basic_text, and says so", () => {
    const store = safeStorageKeyStore(new SafeStorageStandIn('basic_text'), 'linux');
    const state = store.available();
    expect(state.ok).toBe(false);
    expect(!state.ok && state.reason).toContain('basic_text');
    expect(() => store.encrypt(Buffer.alloc(32))).toThrow(/basic_text/);
  });

  it('is unavailable before the app is ready (backend unknown) or when safeStorage says encryption is not available', () => {
    expect(safeStorageKeyStore(new SafeStorageStandIn('unknown'), 'linux').available()).toMatchObject({ ok: false });
    expect(safeStorageKeyStore(new SafeStorageStandIn('not-linux', false), 'darwin').available()).toMatchObject({ ok: false });
  });

  it('asks for the Linux backend only on Linux', () => {
    const standIn = new SafeStorageStandIn('not-linux');
    expect(safeStorageKeyStore(standIn, 'win32').available()).toEqual({ ok: true });
    expect(standIn.backendAsked).toBe(0);
  });

  it('remembers a vault on a Linux keyring and unlocks it without the passphrase', async () => {
    const d = vaultDir();
    try {
      const keyring = new SafeStorageStandIn('gnome_libsecret');
      const open = () => new Vault({ file: d.file, clock: new SimulatedClock(0), scryptN: TEST_SCRYPT_N, deviceKeyStore: safeStorageKeyStore(keyring, 'linux') });
      const vault = open();
      await vault.create(PASSPHRASE);
      vault.add(binanceAccount());
      vault.rememberOnDevice();
      vault.lock();
      const again = open();
      again.unlockWithDevice();
      expect(again.credentials('main').secret).toBe(binanceAccount().secret);
    } finally {
      d.cleanup();
    }
  });
});
