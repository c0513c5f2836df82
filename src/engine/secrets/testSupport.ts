import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SimulatedClock } from '../core';
import { thrownBy } from '../core/testSupport';
import type { DeviceKeyStore } from './deviceKeyStore';
import type { NewAccountInput } from './accounts';
import { VaultError } from './errors';
import { Vault, type VaultOptions } from './vault';
import { VAULT_FILE_NAME } from './vaultFile';

/** scrypt cost for tests: 2^10 (1 MiB, milliseconds). Production never goes below DEFAULT_SCRYPT_N = 2^17. */
export const TEST_SCRYPT_N = 2 ** 10;
export const PASSPHRASE = 'correct horse battery staple';

/**
 * A real DeviceKeyStore: AES-256-GCM under a random key that lives as long as this object, as the OS
 * keychain's key lives as long as the user's login. Another instance is "another machine".
 */
export class InMemoryDeviceKeyStore implements DeviceKeyStore {
  private readonly key = randomBytes(32);
  constructor(private readonly unavailableBecause?: string) {}

  available(): { ok: true } | { ok: false; reason: string } {
    return this.unavailableBecause === undefined ? { ok: true } : { ok: false, reason: this.unavailableBecause };
  }

  encrypt(bytes: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(bytes: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  }
}

/** A fresh directory per test and a vault file path in it; `cleanup` removes it. */
export function vaultDir(): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sq-vault-'));
  return { dir, file: join(dir, VAULT_FILE_NAME), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: a function giving a fresh vault directory on each call, every one removed after the
 * test that asked for it. Call at the file's top level (it registers an afterEach).
 */
export function vaultDirPerTest(): () => { dir: string; file: string; cleanup: () => void } {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
  });
  return () => {
    const d = vaultDir();
    cleanups.push(d.cleanup);
    return d;
  };
}

/** The VaultError a call throws (sync or async), so a test can check its code and message. */
export const vaultFailure = (run: () => unknown): Promise<VaultError> => thrownBy(VaultError, run);

export function testVault(file: string, over: Partial<VaultOptions> = {}): { vault: Vault; clock: SimulatedClock } {
  const clock = new SimulatedClock(1_700_000_000_000);
  return { vault: new Vault({ file, clock, scryptN: TEST_SCRYPT_N, ...over }), clock };
}

/** A Binance spot account with a key and secret shaped like Binance's (64 alphanumerics each). */
export function binanceAccount(over: Partial<NewAccountInput> = {}): NewAccountInput {
  return {
    name: 'main',
    venue: 'binance-spot',
    apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
    secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
    ...over,
  };
}

/** A Kite Connect account with a key and secret shaped like Kite's (alphanumerics: 16 and 32). */
export function kiteAccount(over: Partial<NewAccountInput> = {}): NewAccountInput {
  return { name: 'zerodha', venue: 'kite', apiKey: 'kitekey0demo1234', secret: 'kitesecret0demo0kitesecret0demo0', ...over };
}
